/**
 * Writes one Prisma schema per database backend from the single model file.
 *
 *   prisma/models.prisma  ──▶  prisma/sqlite/schema.prisma
 *                         └─▶  prisma/postgresql/schema.prisma
 *
 * Each generated schema is a header, a datasource naming the provider (Prisma 7 takes the
 * URL from prisma.config.ts, never from the schema), a `prisma-client` generator writing
 * into app/generated/prisma/<provider>, and the models verbatim.
 *
 * `renderProviderSchema` is pure so app/db/schemas-in-sync.test.ts can prove the committed
 * files are exactly what this script would write.
 *
 * Usage: npm run prisma:schemas
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DATABASE_PROVIDERS = ["sqlite", "postgresql"] as const;
export type DatabaseProvider = (typeof DATABASE_PROVIDERS)[number];

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const MODELS_PATH = resolve(REPO_ROOT, "prisma/models.prisma");

export function providerSchemaPath(provider: DatabaseProvider): string {
  return resolve(REPO_ROOT, "prisma", provider, "schema.prisma");
}

// ---------------------------------------------------------------------------------------
// The portable subset of the Prisma schema language
//
// Models may only use what SQLite and PostgreSQL both support, otherwise one backend would
// silently get a different data model or fail to generate. Rather than list what is
// forbidden, the parser below accepts exactly the allowed subset and names anything else.
// Its output also drives the integration tests (every model written and read back; the
// migrated database compared with the models), so a new model is covered automatically.

/**
 * Scalar types with the same meaning on both providers. Not Json (SQLite keeps it as text,
 * with different filtering) and not Decimal (SQLite stores it as a floating-point number, so
 * values would round on one backend only).
 */
export const PORTABLE_SCALAR_TYPES = ["String", "Boolean", "Int", "BigInt", "Float", "DateTime", "Bytes"] as const;
export type PortableScalarType = (typeof PORTABLE_SCALAR_TYPES)[number];

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";
const REFERENTIAL_ACTIONS: readonly ReferentialAction[] = ["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"];

/** @default(...) functions evaluated the same way on both providers (by the database or by Prisma Client). */
const PORTABLE_DEFAULT_FUNCTIONS = ["now", "autoincrement", "cuid", "uuid", "nanoid", "ulid"];

export interface ModelRelation {
  /** Scalar fields of this model holding the reference; empty on the back-reference side. */
  fields: string[];
  references: string[];
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
}

export interface ModelField {
  name: string;
  /** A portable scalar type, or the name of the related model. */
  type: string;
  kind: "scalar" | "relation";
  isList: boolean;
  isOptional: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  /** The expression inside @default(...): `now()`, `0`, `"text"`, `false`… */
  defaultExpression?: string;
  columnName: string;
  relation?: ModelRelation;
}

/** A primary key, unique or plain index: its database columns and, if @map'ped, its name. */
export interface ModelIndex {
  columns: string[];
  mappedName?: string;
}

export interface ModelForeignKey {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  mappedName?: string;
}

export interface PrismaModel {
  name: string;
  tableName: string;
  fields: ModelField[];
  primaryKey: ModelIndex & { fields: string[] };
  uniqueIndexes: ModelIndex[];
  indexes: ModelIndex[];
  foreignKeys: ModelForeignKey[];
}

class UnportableSchemaError extends Error {}

/** Parses models.prisma, throwing on anything outside the portable subset. */
export function parseModels(modelsSource: string): PrismaModel[] {
  const problems: string[] = [];
  const rawModels: Array<{ name: string; lines: Array<{ text: string; lineNumber: number }> }> = [];
  let current: (typeof rawModels)[number] | undefined;

  modelsSource.split(/\r?\n/).forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const text = stripComment(rawLine).trim();
    if (text === "") return;
    if (current) {
      if (text === "}") {
        rawModels.push(current);
        current = undefined;
      } else {
        current.lines.push({ text, lineNumber });
      }
      return;
    }
    const modelStart = /^model\s+(\w+)\s*\{$/.exec(text);
    if (modelStart?.[1]) {
      current = { name: modelStart[1], lines: [] };
      return;
    }
    const block = /^(\w+)\s+\w+\s*\{/.exec(text)?.[1];
    problems.push(
      block
        ? `line ${lineNumber}: \`${block}\` block (${BLOCK_ADVICE[block] ?? "not part of the portable subset"})`
        : `line ${lineNumber}: unexpected text outside a model: ${text}`,
    );
  });
  if (current) problems.push(`model ${current.name} is never closed`);

  const modelNames = new Set(rawModels.map((model) => model.name));
  const models: PrismaModel[] = [];
  for (const raw of rawModels) {
    try {
      models.push(parseModel(raw.name, raw.lines, modelNames));
    } catch (error) {
      if (!(error instanceof UnportableSchemaError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length === 0) {
    try {
      resolveForeignKeys(models);
    } catch (error) {
      if (!(error instanceof UnportableSchemaError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `prisma/models.prisma must only use what both SQLite and PostgreSQL support:\n${problems
        .map((p) => `- ${p}`)
        .join("\n")}`,
    );
  }
  return models;
}

const BLOCK_ADVICE: Record<string, string> = {
  datasource: "generated per provider; remove it",
  generator: "generated per provider; remove it",
  enum: "SQLite has no enums; use String and validate in code",
  type: "composite types are MongoDB only",
  view: "view SQL differs per provider",
};

function parseModel(
  modelName: string,
  lines: Array<{ text: string; lineNumber: number }>,
  modelNames: Set<string>,
): PrismaModel {
  const fields: ModelField[] = [];
  const blockAttributes: Array<{ attribute: Attribute; lineNumber: number }> = [];
  for (const { text, lineNumber } of lines) {
    const where = `model ${modelName}, line ${lineNumber}`;
    if (text.startsWith("@@")) {
      for (const attribute of parseAttributes(text.slice(1), where)) blockAttributes.push({ attribute, lineNumber });
      continue;
    }
    const match = /^(\w+)\s+(\w+)(\[\])?(\?)?(?:\s+(.*))?$/.exec(text);
    if (!match?.[1] || !match[2]) throw new UnportableSchemaError(`${where}: cannot read field: ${text}`);
    fields.push(parseField(match[1], match[2], match[3] === "[]", match[4] === "?", match[5] ?? "", where, modelNames));
  }

  let tableName = modelName;
  const columnOf = (fieldName: string, where: string): string => {
    const field = fields.find((candidate) => candidate.name === fieldName && candidate.kind === "scalar");
    if (!field) throw new UnportableSchemaError(`${where}: ${fieldName} is not a scalar field of ${modelName}`);
    return field.columnName;
  };

  let primaryKey: PrismaModel["primaryKey"] | undefined;
  const idFields = fields.filter((field) => field.isId);
  if (idFields.length > 1) throw new UnportableSchemaError(`model ${modelName}: several @id fields; use @@id([...])`);
  if (idFields[0]) primaryKey = { fields: [idFields[0].name], columns: [idFields[0].columnName] };

  const uniqueIndexes: ModelIndex[] = fields
    .filter((field) => field.isUnique)
    .map((field) => ({ columns: [field.columnName] }));
  const indexes: ModelIndex[] = [];
  // Prisma creates block-level @@index before @@unique, whatever their order in the model;
  // keeping its order makes these lists line up with the generated migrations.
  const blockUniques: ModelIndex[] = [];

  for (const { attribute, lineNumber } of blockAttributes) {
    const where = `model ${modelName}, line ${lineNumber}`;
    switch (attribute.name) {
      case "map":
        tableName = stringArgument(attribute.positional[0], where);
        break;
      case "id":
      case "unique":
      case "index": {
        assertKnownArguments(
          attribute,
          attribute.name === "unique" || attribute.name === "id" ? ["map", "name"] : ["map"],
          where,
        );
        const fieldNames = listArgument(attribute.named.fields ?? attribute.positional[0], where);
        const columns = fieldNames.map((fieldName) => columnOf(fieldName, where));
        const mappedName = attribute.named.map === undefined ? undefined : stringArgument(attribute.named.map, where);
        if (attribute.name === "id") {
          if (primaryKey) throw new UnportableSchemaError(`${where}: a second primary key`);
          primaryKey = { fields: fieldNames, columns, mappedName };
        } else {
          (attribute.name === "unique" ? blockUniques : indexes).push({ columns, mappedName });
        }
        break;
      }
      default:
        throw new UnportableSchemaError(`${where}: @@${attribute.name} is not part of the portable subset`);
    }
  }
  if (!primaryKey) throw new UnportableSchemaError(`model ${modelName}: needs an @id or @@id`);

  return {
    name: modelName,
    tableName,
    fields,
    primaryKey,
    uniqueIndexes: [...uniqueIndexes, ...blockUniques],
    indexes,
    foreignKeys: [],
  };
}

function parseField(
  name: string,
  type: string,
  isList: boolean,
  isOptional: boolean,
  attributeText: string,
  where: string,
  modelNames: Set<string>,
): ModelField {
  const isRelation = modelNames.has(type);
  if (!isRelation && !(PORTABLE_SCALAR_TYPES as readonly string[]).includes(type)) {
    throw new UnportableSchemaError(
      `${where}: ${name} has type ${type}; portable types are ${PORTABLE_SCALAR_TYPES.join(", ")} or a model` +
        (type === "Json" ? " (store JSON as String)" : "") +
        (type === "Decimal" ? " (store exact amounts as Int or BigInt minor units)" : ""),
    );
  }
  if (isList && !isRelation) {
    throw new UnportableSchemaError(`${where}: ${name} is a list of ${type}; SQLite has no scalar lists`);
  }
  const field: ModelField = {
    name,
    type,
    kind: isRelation ? "relation" : "scalar",
    isList,
    isOptional,
    isId: false,
    isUnique: false,
    isUpdatedAt: false,
    columnName: name,
  };
  for (const attribute of parseAttributes(attributeText, where)) {
    const allowed = isRelation ? ["relation"] : ["id", "unique", "default", "updatedAt", "map"];
    if (!allowed.includes(attribute.name)) {
      throw new UnportableSchemaError(
        `${where}: @${attribute.name} on ${name} is not part of the portable subset` +
          (attribute.name.startsWith("db.") ? " (native types differ per provider)" : ""),
      );
    }
    switch (attribute.name) {
      case "id":
        assertKnownArguments(attribute, ["map"], where);
        field.isId = true;
        break;
      case "unique":
        assertKnownArguments(attribute, ["map"], where);
        field.isUnique = true;
        break;
      case "updatedAt":
        field.isUpdatedAt = true;
        break;
      case "map":
        field.columnName = stringArgument(attribute.positional[0], where);
        break;
      case "default": {
        assertKnownArguments(attribute, ["map"], where);
        const expression = attribute.positional[0] ?? "";
        const fn = /^(\w+)\(/.exec(expression)?.[1];
        if (fn && !PORTABLE_DEFAULT_FUNCTIONS.includes(fn)) {
          throw new UnportableSchemaError(
            `${where}: @default(${expression}) is not portable (SQL differs per provider)`,
          );
        }
        field.defaultExpression = expression;
        break;
      }
      case "relation": {
        assertKnownArguments(attribute, ["fields", "references", "onDelete", "onUpdate", "name", "map"], where);
        const action = (value: string | undefined): ReferentialAction | undefined => {
          if (value === undefined) return undefined;
          if (!(REFERENTIAL_ACTIONS as readonly string[]).includes(value)) {
            throw new UnportableSchemaError(`${where}: unknown referential action ${value}`);
          }
          return value as ReferentialAction;
        };
        field.relation = {
          fields: attribute.named.fields === undefined ? [] : listArgument(attribute.named.fields, where),
          references: attribute.named.references === undefined ? [] : listArgument(attribute.named.references, where),
          onDelete: action(attribute.named.onDelete),
          onUpdate: action(attribute.named.onUpdate),
        };
        break;
      }
    }
  }
  return field;
}

/** Fills in each model's foreign keys once every model's table and column names are known. */
function resolveForeignKeys(models: PrismaModel[]): void {
  const byName = new Map(models.map((model) => [model.name, model]));
  for (const model of models) {
    for (const field of model.fields) {
      if (field.kind !== "relation" || !field.relation || field.relation.fields.length === 0) continue;
      const target = byName.get(field.type);
      if (!target) continue;
      const where = `model ${model.name}, field ${field.name}`;
      const localFields = field.relation.fields.map((name) => {
        const local = model.fields.find((candidate) => candidate.name === name && candidate.kind === "scalar");
        if (!local) throw new UnportableSchemaError(`${where}: relation field ${name} is not a scalar field`);
        return local;
      });
      const referencedColumns = field.relation.references.map((name) => {
        const referenced = target.fields.find((candidate) => candidate.name === name && candidate.kind === "scalar");
        if (!referenced) throw new UnportableSchemaError(`${where}: ${target.name} has no scalar field ${name}`);
        return referenced.columnName;
      });
      model.foreignKeys.push({
        columns: localFields.map((local) => local.columnName),
        referencedTable: target.tableName,
        referencedColumns,
        // Prisma's defaults: an optional reference is cleared when its target goes, a required
        // one blocks the delete; a changed key is followed.
        onDelete: field.relation.onDelete ?? (localFields.every((local) => local.isOptional) ? "SetNull" : "Restrict"),
        onUpdate: field.relation.onUpdate ?? "Cascade",
      });
    }
  }
}

/** Prisma's default name for a constraint: table, columns and suffix, shortened to the provider's identifier limit. */
export function defaultConstraintName(
  provider: DatabaseProvider,
  tableName: string,
  columns: string[],
  suffix: "pkey" | "key" | "idx" | "fkey",
): string {
  const maxIdentifierLength = provider === "postgresql" ? 63 : 10_000;
  const prefix = suffix === "pkey" ? tableName : [tableName, ...columns].join("_");
  return `${prefix.slice(0, maxIdentifierLength - suffix.length - 1)}_${suffix}`;
}

interface Attribute {
  name: string;
  positional: string[];
  named: Record<string, string>;
}

function parseAttributes(text: string, where: string): Attribute[] {
  const attributes: Attribute[] = [];
  let rest = text.trim();
  while (rest !== "") {
    const head = /^@([\w.]+)/.exec(rest);
    if (!head?.[1]) throw new UnportableSchemaError(`${where}: cannot read attributes: ${rest}`);
    rest = rest.slice(head[0].length);
    let argumentText = "";
    if (rest.startsWith("(")) {
      const end = matchingParenthesis(rest, where);
      argumentText = rest.slice(1, end);
      rest = rest.slice(end + 1);
    }
    const positional: string[] = [];
    const named: Record<string, string> = {};
    for (const argument of splitTopLevel(argumentText, ",")) {
      const namedArgument = /^(\w+)\s*:\s*([\s\S]+)$/.exec(argument);
      if (namedArgument?.[1] && namedArgument[2]) named[namedArgument[1]] = namedArgument[2].trim();
      else positional.push(argument);
    }
    attributes.push({ name: head[1], positional, named });
    rest = rest.trim();
  }
  return attributes;
}

function assertKnownArguments(attribute: Attribute, allowedNamed: string[], where: string): void {
  const allowed = new Set([...allowedNamed, "fields"]);
  const unknown = Object.keys(attribute.named).filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    throw new UnportableSchemaError(
      `${where}: @${attribute.name} argument ${unknown.join(", ")} is not part of the portable subset`,
    );
  }
}

function stringArgument(value: string | undefined, where: string): string {
  const match = value === undefined ? null : /^"((?:[^"\\]|\\.)*)"$/.exec(value);
  if (match?.[1] === undefined)
    throw new UnportableSchemaError(`${where}: expected a string, got ${value ?? "nothing"}`);
  return match[1];
}

/** `[a, b(sort: Desc)]` → ["a", "b"]. */
function listArgument(value: string | undefined, where: string): string[] {
  const inner = value === undefined ? null : /^\[([\s\S]*)\]$/.exec(value.trim());
  if (!inner) throw new UnportableSchemaError(`${where}: expected a list of fields, got ${value ?? "nothing"}`);
  return splitTopLevel(inner[1] ?? "", ",").map((item) => {
    const fieldName = /^(\w+)(\((.*)\))?$/.exec(item);
    if (!fieldName?.[1]) throw new UnportableSchemaError(`${where}: cannot read field reference ${item}`);
    if (fieldName[3] !== undefined && !/^sort:\s*(Asc|Desc)$/.test(fieldName[3].trim())) {
      throw new UnportableSchemaError(`${where}: index argument ${fieldName[3]} is not part of the portable subset`);
    }
    return fieldName[1];
  });
}

function matchingParenthesis(text: string, where: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "(") depth += 1;
    else if (char === ")" && --depth === 0) return i;
  }
  throw new UnportableSchemaError(`${where}: unbalanced parentheses in ${text}`);
}

/** Splits on `separator` outside strings, brackets and parentheses; drops empty parts. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "(" || char === "[") depth += 1;
    else if (char === ")" || char === "]") depth -= 1;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/** Removes a `//` (or `///`) comment, leaving `//` inside string literals alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** Throws, naming every construct in the model file that one of the providers cannot express. */
export function assertPortableModels(modelsSource: string): void {
  parseModels(modelsSource);
}

const GENERATED_HEADER = [
  "// GENERATED FILE: do not edit. Source: prisma/models.prisma.",
  "// Regenerate with `npm run prisma:schemas`; app/db/schemas-in-sync.test.ts fails when this",
  "// file and the models drift apart.",
].join("\n");

export function renderProviderSchema(provider: DatabaseProvider, modelsSource: string): string {
  assertPortableModels(modelsSource);
  const datasource = ["datasource db {", `  provider = "${provider}"`, "}"].join("\n");
  const generator = [
    "generator client {",
    '  provider               = "prisma-client"',
    `  output                 = "../../app/generated/prisma/${provider}"`,
    // ESM TypeScript files imported with a `.ts` suffix: what tsx, Vite and esbuild load
    // directly (tsconfig has allowImportingTsExtensions). Spelled out rather than inferred
    // from tsconfig so a tsconfig edit cannot silently change the generated code.
    '  runtime                = "nodejs"',
    '  moduleFormat           = "esm"',
    '  generatedFileExtension = "ts"',
    '  importFileExtension    = "ts"',
    "}",
  ].join("\n");
  return `${GENERATED_HEADER}\n\n${datasource}\n\n${generator}\n\n${modelsSource.trim()}\n`;
}

function main(): void {
  const modelsSource = readFileSync(MODELS_PATH, "utf8");
  for (const provider of DATABASE_PROVIDERS) {
    const target = providerSchemaPath(provider);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, renderProviderSchema(provider, modelsSource));
    console.log(`wrote ${target.slice(REPO_ROOT.length + 1)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
