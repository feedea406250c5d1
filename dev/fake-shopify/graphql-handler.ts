/**
 * POST /admin/api/{version}/graphql.json of one shop: authenticate, parse, validate
 * against the real schema, charge the cost bucket, execute over the fake's data.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
} from "graphql";

import { loadAdminApi } from "./admin-schema";
import { toShopifySyntaxError, toShopifyValidationError } from "./graphql-errors";
import { expandScopes, resolveAdminField, type FieldResolverContext } from "./graphql-field-resolver";
import { createMutationRoot, createQueryRoot, type RootContext } from "./graphql-root";
import { actualQueryCost, createCostContext, requestedQueryCost } from "./query-cost";
import type { ThrottleStatus } from "./leaky-bucket";
import type { FakeShopifyState } from "./state";

export const INVALID_TOKEN_MESSAGE = "[API] Invalid API key or access token (unrecognized login or wrong password)";
const SINGLE_QUERY_MAX_COST = 1000;
const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

export interface GraphqlRequest {
  shopDomain: string;
  version: string;
  accessToken: string | undefined;
  contentType: string | undefined;
  rawBody: string;
}

export interface GraphqlReply {
  status: number;
  body: unknown;
  /** What the request log keeps about the operation. */
  operation: { operationName: string | null; query: string | null; variables: Record<string, unknown> | null };
}

interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

function readBody(request: GraphqlRequest): GraphqlBody | null {
  if (request.contentType?.startsWith("application/graphql")) {
    return { query: request.rawBody, variables: {}, operationName: null };
  }
  try {
    const parsed = JSON.parse(request.rawBody) as Record<string, unknown>;
    if (typeof parsed.query !== "string") return null;
    const variables = parsed.variables && typeof parsed.variables === "object" ? (parsed.variables as Record<string, unknown>) : {};
    const operationName = typeof parsed.operationName === "string" ? parsed.operationName : null;
    return { query: parsed.query, variables, operationName };
  } catch {
    return null;
  }
}

type CheckedDocument = { document: DocumentNode; errors: readonly GraphQLError[] } | { syntaxError: GraphQLError };

/**
 * Parsing and validating depend only on the query text and the schema version, and apps send
 * the same few documents over and over: checking each text once keeps the fake's CPU cost per
 * request near that of executing it. Bounded, since tests may send many distinct texts.
 */
const checkedDocuments = new Map<string, CheckedDocument>();
const MAX_CHECKED_DOCUMENTS = 500;

function checkDocument(version: string, schema: Parameters<typeof validate>[0], query: string): CheckedDocument {
  const key = `${version}\n${query}`;
  const known = checkedDocuments.get(key);
  if (known) return known;
  let checked: CheckedDocument;
  try {
    const document = parse(query);
    checked = { document, errors: validate(schema, document) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    checked = { syntaxError: error };
  }
  if (checkedDocuments.size >= MAX_CHECKED_DOCUMENTS) checkedDocuments.delete(checkedDocuments.keys().next().value as string);
  checkedDocuments.set(key, checked);
  return checked;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function withErrorCodes(errors: readonly GraphQLError[], hasData: boolean): GraphQLFormattedError[] {
  return errors.map((error) => {
    const formatted = error.toJSON();
    if (formatted.extensions?.code) return formatted;
    const code = !hasData && error.message.startsWith('Variable "$') ? "INVALID_VARIABLE" : "INTERNAL_SERVER_ERROR";
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  });
}

function throttledReply(cost: QueryCost, message = "Throttled", code = "THROTTLED") {
  return {
    status: 200,
    body: { errors: [{ message, extensions: { code, documentation: RATE_LIMIT_DOCS } }], extensions: { cost } },
  };
}

export async function handleAdminGraphql(request: GraphqlRequest, state: FakeShopifyState, apiKey: string): Promise<GraphqlReply> {
  const noOperation = { operationName: null, query: null, variables: null };
  const api = await loadAdminApi(request.version);
  if (!api) return { status: 404, body: { errors: "Not Found" }, operation: noOperation };

  const body = readBody(request);
  const operation = body ? { operationName: body.operationName, query: body.query, variables: body.variables } : noOperation;
  const token = request.accessToken ? state.findActiveToken(request.shopDomain, request.accessToken) : undefined;
  const shop = state.shop(request.shopDomain);
  if (!token || !shop) return { status: 401, body: { errors: INVALID_TOKEN_MESSAGE }, operation };
  if (!body) return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } }, operation };

  const checked = checkDocument(request.version, api.schema, body.query);
  if ("syntaxError" in checked) return { status: 200, body: { errors: [toShopifySyntaxError(checked.syntaxError)] }, operation };
  const { document, errors: validationErrors } = checked;
  if (validationErrors.length > 0) {
    return { status: 200, body: { errors: validationErrors.map(toShopifyValidationError) }, operation };
  }
  const operationNode = getOperationAST(document, body.operationName);
  const loggedOperation = { ...operation, operationName: body.operationName ?? operationNode?.name?.value ?? null };
  if (!operationNode) {
    const message = body.operationName ? `No operation named "${body.operationName}"` : "An operation name is required";
    return { status: 200, body: { errors: [{ message, extensions: { code: "OPERATION_NOT_FOUND" } }] }, operation: loggedOperation };
  }

  const costContext = createCostContext(api.schema, fragmentsOf(document), body.variables);
  const requested = requestedQueryCost(operationNode, costContext);
  const costBefore = (): QueryCost => ({ requestedQueryCost: requested, actualQueryCost: null, throttleStatus: shop.bucket.status() });
  if (shop.forcedThrottle || !shop.bucket.canAfford(requested)) return { ...throttledReply(costBefore()), operation: loggedOperation };
  if (requested > SINGLE_QUERY_MAX_COST) {
    const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).`;
    return { ...throttledReply(costBefore(), message, "MAX_COST_EXCEEDED"), operation: loggedOperation };
  }

  const rootContext: RootContext = { shopDomain: request.shopDomain, shop: shop.data, state, token, apiKey };
  const fieldContext: FieldResolverContext = { grantedScopes: expandScopes(token.scope), accessRequirements: api.accessRequirements };
  const result: ExecutionResult = await execute({
    schema: api.schema,
    document,
    operationName: body.operationName ?? undefined,
    variableValues: body.variables,
    rootValue: operationNode.operation === "mutation" ? createMutationRoot(rootContext) : createQueryRoot(rootContext),
    contextValue: fieldContext,
    fieldResolver: resolveAdminField,
  });

  const actual = result.data ? actualQueryCost(operationNode, result.data, costContext) : 0;
  shop.bucket.charge(actual);
  const cost: QueryCost = { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: shop.bucket.status() };
  const replyBody: Record<string, unknown> = {};
  if (result.errors?.length) replyBody.errors = withErrorCodes(result.errors, result.data !== undefined);
  if (result.data !== undefined) replyBody.data = result.data;
  replyBody.extensions = { cost };
  return { status: 200, body: replyBody, operation: loggedOperation };
}
