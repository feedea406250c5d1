/**
 * Shopify's real Admin GraphQL schema, from the introspection dumps shipped in
 * @shopify/dev-mcp (dist/data/admin_<version>.json.gz). The same dumps list the access
 * scopes each type and field requires, which the fake enforces.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

const gunzipAsync = promisify(gunzip);
const VERSION_PATTERN = /^(\d{4}-\d{2}|unstable)$/;
const DATA_DIR_IN_PACKAGE = join("node_modules", "@shopify", "dev-mcp", "dist", "data");

export interface AccessRequirement {
  /** Any one of these scopes grants access. */
  anyOfScopes: string[];
  /** Shopify's wording, echoed in ACCESS_DENIED errors. */
  description: string;
}

export interface AdminApi {
  version: string;
  schema: GraphQLSchema;
  /** Keyed by "Type" (every field of it) or "Type.field". */
  accessRequirements: Map<string, AccessRequirement>;
}

interface ScopeItem {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  requiredAccess: string;
  offlineScopes: string[];
}

interface AdminIntrospectionFile {
  data: IntrospectionQuery;
  offline_scopes?: { items: ScopeItem[] };
}

function findSchemaDir(): string {
  const override = process.env.FAKE_SHOPIFY_SCHEMA_DIR;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, DATA_DIR_IN_PACKAGE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${DATA_DIR_IN_PACKAGE}: is @shopify/dev-mcp installed?`);
    dir = parent;
  }
}

let schemaDir: string | undefined;
function getSchemaDir(): string {
  schemaDir ??= findSchemaDir();
  return schemaDir;
}

let versions: string[] | undefined;
export function listAdminApiVersions(): string[] {
  versions ??= readdirSync(getSchemaDir())
    .map((file) => /^admin_(.+)\.json\.gz$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined && VERSION_PATTERN.test(version))
    .sort();
  return [...versions];
}

function indexAccessRequirements(items: readonly ScopeItem[]): Map<string, AccessRequirement> {
  const index = new Map<string, AccessRequirement>();
  for (const item of items) {
    if (item.offlineScopes.length === 0) continue;
    const key = item.type === "type" ? item.typeName : `${item.typeName}.${item.fieldName ?? ""}`;
    index.set(key, { anyOfScopes: [...new Set(item.offlineScopes)], description: item.requiredAccess });
  }
  return index;
}

async function readAdminApi(version: string): Promise<AdminApi> {
  const compressed = await readFile(join(getSchemaDir(), `admin_${version}.json.gz`));
  const parsed = JSON.parse((await gunzipAsync(compressed)).toString("utf8")) as AdminIntrospectionFile;
  return {
    version,
    schema: buildClientSchema(parsed.data),
    accessRequirements: indexAccessRequirements(parsed.offline_scopes?.items ?? []),
  };
}

const cache = new Map<string, Promise<AdminApi>>();

/** null when Shopify has no such Admin API version. Loaded once per process and version. */
export function loadAdminApi(version: string): Promise<AdminApi> | null {
  if (!VERSION_PATTERN.test(version) || !listAdminApiVersions().includes(version)) return null;
  let pending = cache.get(version);
  if (!pending) {
    pending = readAdminApi(version);
    pending.catch(() => cache.delete(version));
    cache.set(version, pending);
  }
  return pending;
}
