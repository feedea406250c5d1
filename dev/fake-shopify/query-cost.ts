/**
 * A simplified version of Shopify's calculated query cost: objects cost 1, scalars and
 * enums 0, connections 2 plus their page size times the cost of one node, mutations 10.
 * Requested cost is computed from the query; actual cost from the data returned.
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

const MUTATION_FIELD_COST = 10;
const CONNECTION_COST = 2;

interface CostContext {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
}

function isConnection(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Connection");
}

/** Containers that Shopify does not charge for: the edge wrapper and pageInfo. */
function isFree(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Edge") || type.name === "PageInfo";
}

function fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function pageSize(field: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== "first" && argument.name.value !== "last") continue;
    const { value } = argument;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === "number") return given;
    }
  }
  return 1;
}

/** Each selected field with the composite type it returns, fragments flattened. */
function* compositeFields(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  context: CostContext,
): Generator<{ node: FieldNode; type: GraphQLCompositeType }> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const definition = fieldDefinition(parent, selection.name.value);
      const type = definition ? getNamedType(definition.type) : undefined;
      if (type && isCompositeType(type)) yield { node: selection, type };
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments.get(selection.name.value);
    if (!fragment) continue;
    const conditionType = fragment.typeCondition ? context.schema.getType(fragment.typeCondition.name.value) : parent;
    if (conditionType && isCompositeType(conditionType)) yield* compositeFields(fragment.selectionSet, conditionType, context);
  }
}

function requestedSelectionCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: CostContext): number {
  let total = 0;
  for (const { node, type } of compositeFields(selectionSet, parent, context)) {
    const childCost = node.selectionSet ? requestedSelectionCost(node.selectionSet, type, context) : 0;
    if (isConnection(type)) total += CONNECTION_COST + pageSize(node, context.variables) * childCost;
    else if (isFree(type)) total += childCost;
    else total += 1 + childCost;
  }
  return total;
}

function actualSelectionCost(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  data: unknown,
  context: CostContext,
): number {
  if (data === null || typeof data !== "object") return 0;
  let total = 0;
  for (const { node, type } of compositeFields(selectionSet, parent, context)) {
    const value = (data as Record<string, unknown>)[node.alias?.value ?? node.name.value];
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null || item === undefined) continue;
      const childCost = node.selectionSet ? actualSelectionCost(node.selectionSet, type, item, context) : 0;
      total += (isConnection(type) ? CONNECTION_COST : isFree(type) ? 0 : 1) + childCost;
    }
  }
  return total;
}

function rootCost(
  operation: OperationDefinitionNode,
  context: CostContext,
  costOfRootField: (field: FieldNode, type: GraphQLCompositeType) => number,
): number {
  const isMutation = operation.operation === "mutation";
  const root = isMutation ? context.schema.getMutationType() : context.schema.getQueryType();
  if (!root) return 0;
  let total = 0;
  for (const { node, type } of compositeFields(operation.selectionSet, root, context)) {
    const cost = costOfRootField(node, type);
    total += isMutation ? MUTATION_FIELD_COST + Math.max(0, cost - 1) : cost;
  }
  return total;
}

export function createCostContext(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
): CostContext {
  return { schema, fragments, variables };
}

export function requestedQueryCost(operation: OperationDefinitionNode, context: CostContext): number {
  return rootCost(operation, context, (field, type) => {
    const childCost = field.selectionSet ? requestedSelectionCost(field.selectionSet, type, context) : 0;
    return isConnection(type) ? CONNECTION_COST + pageSize(field, context.variables) * childCost : 1 + childCost;
  });
}

export function actualQueryCost(operation: OperationDefinitionNode, data: unknown, context: CostContext): number {
  if (data === null || typeof data !== "object") return 0;
  return rootCost(operation, context, (field, type) => {
    const value = (data as Record<string, unknown>)[field.alias?.value ?? field.name.value];
    const items = Array.isArray(value) ? value : [value];
    let cost = 0;
    for (const item of items) {
      if (item === null || item === undefined) continue;
      const childCost = field.selectionSet ? actualSelectionCost(field.selectionSet, type, item, context) : 0;
      cost += (isConnection(type) ? CONNECTION_COST : 1) + childCost;
    }
    return cost;
  });
}
