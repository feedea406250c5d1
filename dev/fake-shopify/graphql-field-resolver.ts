/**
 * One resolver for every field of the Admin schema: reads the field from the view object
 * (calling it when it is a function), enforces the access scopes Shopify documents for
 * the field and for the type of what it returns, and answers fields the fake does not
 * model with null, or with a neutral placeholder when the schema forbids null.
 */
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from "graphql";

import type { AccessRequirement } from "./admin-schema";

const ACCESS_SCOPES_DOCS = "https://shopify.dev/api/usage/access-scopes";

export interface FieldResolverContext {
  grantedScopes: ReadonlySet<string>;
  accessRequirements: ReadonlyMap<string, AccessRequirement>;
}

const SCALAR_PLACEHOLDERS: Readonly<Record<string, unknown>> = {
  String: "",
  ID: "gid://shopify/Unmodeled/0",
  Boolean: false,
  Int: 0,
  Float: 0,
  DateTime: "1970-01-01T00:00:00Z",
  Date: "1970-01-01",
  URL: "https://example.com/",
  Money: "0.0",
  Decimal: "0.0",
  UnsignedInt64: "0",
  BigInt: "0",
  HTML: "",
  FormattedString: "",
  JSON: {},
  Color: "#000000",
  UtcOffset: "+00:00",
  ARN: "",
  StorefrontID: "",
};

/** Granting `write_x` grants `read_x` too, as on Shopify. */
export function expandScopes(scope: string): Set<string> {
  const granted = new Set<string>();
  for (const handle of scope.split(",").map((part) => part.trim()).filter(Boolean)) {
    granted.add(handle);
    if (handle.startsWith("write_")) granted.add(`read_${handle.slice("write_".length)}`);
  }
  return granted;
}

function assertAccess(key: string, context: FieldResolverContext, info: GraphQLResolveInfo): void {
  const requirement = context.accessRequirements.get(key);
  if (!requirement || requirement.anyOfScopes.some((scope) => context.grantedScopes.has(scope))) return;
  throw new GraphQLError(`Access denied for ${info.fieldName} field. Required access: ${requirement.description}`, {
    extensions: { code: "ACCESS_DENIED", documentation: ACCESS_SCOPES_DOCS, requiredAccess: requirement.description },
  });
}

function typenamesOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) =>
    item !== null && typeof item === "object" && typeof (item as { __typename?: unknown }).__typename === "string"
      ? [(item as { __typename: string }).__typename]
      : [],
  );
}

function placeholder(type: GraphQLOutputType, info: GraphQLResolveInfo): unknown {
  if (!isNonNullType(type)) return null;
  const inner = type.ofType;
  if (isListType(inner)) return [];
  if (isScalarType(inner)) return SCALAR_PLACEHOLDERS[inner.name] ?? "";
  if (isEnumType(inner)) return inner.getValues()[0]?.value ?? null;
  if (isObjectType(inner)) return { __typename: inner.name };
  if (isAbstractType(getNamedType(inner))) {
    throw new GraphQLError(`The fake Shopify does not model ${info.parentType.name}.${info.fieldName}`, {
      extensions: { code: "NOT_MODELED_BY_FAKE" },
    });
  }
  return null;
}

export const resolveAdminField: GraphQLFieldResolver<unknown, FieldResolverContext> = (source, args, context, info) => {
  assertAccess(`${info.parentType.name}.${info.fieldName}`, context, info);
  const record = source !== null && typeof source === "object" ? (source as Record<string, unknown>) : {};
  const raw = record[info.fieldName];
  const value: unknown = typeof raw === "function" ? (raw as (a: unknown) => unknown)(args) : raw;
  for (const typename of typenamesOf(value)) assertAccess(typename, context, info);
  return value ?? placeholder(info.returnType, info);
};
