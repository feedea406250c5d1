/**
 * Root fields of the Admin API that the fake answers from its data: the lookups an app
 * like Candor makes, plus the `flowTriggerReceive` mutation.
 */
import { GraphQLError } from "graphql";

import type { ConnectionArgs } from "./graphql-connection";
import {
  customerView,
  customersConnection,
  lineItemView,
  orderView,
  ordersConnection,
  productView,
  productsConnection,
  shopView,
  staffView,
  variantView,
  type GraphQLView,
} from "./graphql-views";
import { parseGid, toGid } from "./ids";
import type { FakeShopifyState, IssuedToken, RecordedFlowTrigger } from "./state";
import type { FakeShopSeed } from "./types";

/** Shopify rejects Flow trigger payloads above 50 KB. */
const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export interface RootContext {
  shopDomain: string;
  shop: FakeShopSeed;
  state: FakeShopifyState;
  token: IssuedToken;
  apiKey: string;
}

function invalidGlobalId(id: unknown): GraphQLError {
  return new GraphQLError(`Invalid global id '${String(id)}'`, {
    extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" },
  });
}

function requireGid(id: unknown): { type: string; id: string } {
  const parsed = typeof id === "string" ? parseGid(id) : null;
  if (!parsed) throw invalidGlobalId(id);
  return parsed;
}

export function findNode(shop: FakeShopSeed, gid: string): GraphQLView | null {
  const { type, id } = requireGid(gid);
  switch (type) {
    case "Customer": {
      const customer = shop.customers.find((candidate) => candidate.id === id);
      return customer ? customerView(shop, customer) : null;
    }
    case "Order": {
      const order = shop.orders.find((candidate) => candidate.id === id);
      return order ? orderView(shop, order) : null;
    }
    case "Product": {
      const product = shop.products.find((candidate) => candidate.id === id);
      return product ? productView(shop, product) : null;
    }
    case "ProductVariant": {
      for (const product of shop.products) {
        const variant = product.variants.find((candidate) => candidate.id === id);
        if (variant) return variantView(shop, product, variant);
      }
      return null;
    }
    case "LineItem": {
      for (const order of shop.orders) {
        const item = order.lineItems.find((candidate) => candidate.id === id);
        if (item) return lineItemView(shop, order, item);
      }
      return null;
    }
    case "StaffMember": {
      const member = shop.staff.find((candidate) => candidate.id === id);
      return member ? staffView(member) : null;
    }
    case "Shop":
      return id === shop.id ? shopView(shop) : null;
    default:
      return null;
  }
}

function findTyped(shop: FakeShopSeed, gid: unknown, typename: string): GraphQLView | null {
  const { type } = requireGid(gid);
  return type === typename ? findNode(shop, gid as string) : null;
}

function customerByIdentifier(shop: FakeShopSeed, identifier: Record<string, unknown>): GraphQLView | null {
  if (typeof identifier.id === "string") return findTyped(shop, identifier.id, "Customer");
  const email = typeof identifier.emailAddress === "string" ? identifier.emailAddress.toLowerCase() : null;
  const phone = typeof identifier.phoneNumber === "string" ? identifier.phoneNumber : null;
  const customer = shop.customers.find(
    (candidate) => (email !== null && candidate.email?.toLowerCase() === email) || (phone !== null && candidate.phone === phone),
  );
  return customer ? customerView(shop, customer) : null;
}

function accessScopeViews(context: RootContext): GraphQLView[] {
  return context.token.scope
    .split(",")
    .filter(Boolean)
    .map((handle) => ({ __typename: "AccessScope", handle, description: handle }));
}

/** The calling app; `installation` is its installation on this shop. */
function appView(context: RootContext): GraphQLView {
  return {
    __typename: "App",
    id: toGid("App", "1"),
    apiKey: context.apiKey,
    title: "Candor",
    handle: "candor",
    embedded: true,
    requestedAccessScopes: accessScopeViews(context),
    optionalAccessScopes: [],
    installation: () => appInstallationView(context),
  };
}

function appInstallationView(context: RootContext): GraphQLView {
  return {
    __typename: "AppInstallation",
    id: toGid("AppInstallation", context.shop.id),
    accessScopes: accessScopeViews(context),
    activeSubscriptions: [],
    launchUrl: `https://${context.shopDomain}/admin/apps/${context.apiKey}`,
    uninstallUrl: null,
    app: () => appView(context),
  };
}

export function createQueryRoot(context: RootContext): Record<string, unknown> {
  const { shop } = context;
  return {
    shop: () => shopView(shop),
    customer: ({ id }: { id: string }) => findTyped(shop, id, "Customer"),
    order: ({ id }: { id: string }) => findTyped(shop, id, "Order"),
    product: ({ id }: { id: string }) => findTyped(shop, id, "Product"),
    productVariant: ({ id }: { id: string }) => findTyped(shop, id, "ProductVariant"),
    node: ({ id }: { id: string }) => findNode(shop, id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => findNode(shop, id)),
    customers: (args: ConnectionArgs) => customersConnection(shop, args),
    orders: (args: ConnectionArgs) => ordersConnection(shop, args),
    products: (args: ConnectionArgs) => productsConnection(shop, args),
    customerByIdentifier: ({ identifier }: { identifier: Record<string, unknown> }) => customerByIdentifier(shop, identifier),
    staffMember: ({ id }: { id?: string | null }) =>
      id ? findTyped(shop, id, "StaffMember") : currentStaffMember(context),
    currentStaffMember: () => currentStaffMember(context),
    currentAppInstallation: () => appInstallationView(context),
    app: ({ id }: { id?: string | null }) => (id && id !== toGid("App", "1") ? null : appView(context)),
  };
}

/** Only online tokens act for a staff member; offline tokens have none. */
function currentStaffMember(context: RootContext): GraphQLView | null {
  const member = context.shop.staff.find((candidate) => candidate.id === context.token.userId);
  return member ? staffView(member) : null;
}

function flowTriggerReceive(
  context: RootContext,
  args: { handle?: string | null; payload?: unknown; body?: string | null },
): GraphQLView {
  const userErrors: Array<{ field: string[]; message: string }> = [];
  if (!args.handle && !args.body) userErrors.push({ field: ["handle"], message: "Handle can't be blank" });
  const payloadBytes = Buffer.byteLength(JSON.stringify(args.payload ?? null));
  if (payloadBytes > FLOW_PAYLOAD_LIMIT_BYTES) {
    userErrors.push({ field: ["payload"], message: `Payload is too large (${payloadBytes} bytes, limit is ${FLOW_PAYLOAD_LIMIT_BYTES})` });
  }
  const trigger: Omit<RecordedFlowTrigger, "receivedAt"> = {
    shop: context.shopDomain,
    handle: args.handle ?? null,
    // Inline JSON literals arrive as null-prototype objects; keep a plain copy.
    payload: args.payload === undefined ? null : (JSON.parse(JSON.stringify(args.payload)) as unknown),
    body: args.body ?? null,
    accepted: userErrors.length === 0,
  };
  context.state.recordFlowTrigger(trigger);
  return {
    __typename: "FlowTriggerReceivePayload",
    userErrors: userErrors.map((error) => ({ __typename: "UserError", ...error })),
  };
}

export function createMutationRoot(context: RootContext): Record<string, unknown> {
  return {
    flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }) => flowTriggerReceive(context, args),
  };
}
