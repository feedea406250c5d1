/**
 * JSON.stringify cannot write a 64-bit id exactly: numbers above 2^53 are rounded and
 * BigInt throws. Shopify's webhook bodies carry such ids as bare JSON numbers, so this
 * serializer writes `bigint` values as raw digits.
 */
export type RawJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly RawJsonValue[]
  | { readonly [key: string]: RawJsonValue | undefined };

function serialize(value: RawJsonValue, indent: string, depth: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
    case "string":
      return JSON.stringify(value);
  }
  const newline = indent ? `\n${indent.repeat(depth + 1)}` : "";
  const closing = indent ? `\n${indent.repeat(depth)}` : "";
  const separator = indent ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item: RawJsonValue) => `${newline}${serialize(item, indent, depth + 1)}`);
    return `[${items.join(",")}${closing}]`;
  }
  const entries = Object.entries(value as Record<string, RawJsonValue | undefined>).filter(
    (entry): entry is [string, RawJsonValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) return "{}";
  const members = entries.map(([key, member]) => `${newline}${JSON.stringify(key)}${separator}${serialize(member, indent, depth + 1)}`);
  return `{${members.join(",")}${closing}}`;
}

export function stringifyRawJson(value: RawJsonValue, indent: number | string = 0): string {
  const indentText = typeof indent === "number" ? " ".repeat(indent) : indent;
  return serialize(value, indentText, 0);
}
