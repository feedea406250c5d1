/**
 * Relay connections (edges/nodes/pageInfo) over in-memory lists, and a small subset of
 * Shopify's search syntax for the `query:` argument (`key:value`, `-key:value`, `value*`,
 * free text). Unknown filter keys are ignored, as Shopify does.
 */
import { GraphQLError } from "graphql";

const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  query?: string | null;
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof decoded.offset === "number" && Number.isInteger(decoded.offset)) return decoded.offset;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

export function toConnection<T>(items: readonly T[], args: ConnectionArgs) {
  const { first, last } = args;
  if (first == null && last == null) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  for (const [name, size] of [["first", first], ["last", last]] as const) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "BAD_REQUEST", argumentName: name },
      });
    }
  }

  const ordered = args.reverse ? [...items].reverse() : [...items];
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? decodeCursor(args.before) : ordered.length;
  start = Math.max(0, Math.min(start, ordered.length));
  end = Math.max(start, Math.min(end, ordered.length));
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);

  const edges = ordered.slice(start, end).map((node, index) => ({ cursor: encodeCursor(start + index), node }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

type SearchValue = string | number | boolean | null | undefined | readonly string[];
export type SearchFields<T> = Record<string, (item: T) => SearchValue>;

interface SearchTerm {
  key: string | null;
  value: string;
  negated: boolean;
}

const TERM_PATTERN = /(-?)(?:([A-Za-z_]+):)?("[^"]*"|'[^']*'|\S+)/g;

function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(TERM_PATTERN)) {
    const [, minus, key, rawValue = ""] = match;
    if (!key && /^(AND|OR)$/.test(rawValue)) continue;
    terms.push({ key: key?.toLowerCase() ?? null, value: rawValue.replace(/^["']|["']$/g, "").toLowerCase(), negated: minus === "-" });
  }
  return terms;
}

function valueMatches(candidate: SearchValue, wanted: string): boolean {
  const values = Array.isArray(candidate) ? candidate : [candidate];
  return values.some((value) => {
    if (value === null || value === undefined) return false;
    const text = String(value).toLowerCase();
    return wanted.endsWith("*") ? text.startsWith(wanted.slice(0, -1)) : text === wanted;
  });
}

export function applySearch<T>(items: readonly T[], query: string | null | undefined, fields: SearchFields<T>, freeText: (item: T) => string[]): T[] {
  if (!query?.trim()) return [...items];
  const terms = parseSearch(query);
  return items.filter((item) =>
    terms.every((term) => {
      let matches: boolean;
      if (term.key === null) {
        matches = freeText(item).some((text) => text.toLowerCase().includes(term.value.replace(/\*$/, "")));
      } else {
        const read = fields[term.key];
        if (!read) return true;
        matches = valueMatches(read(item), term.value);
      }
      return term.negated ? !matches : matches;
    }),
  );
}
