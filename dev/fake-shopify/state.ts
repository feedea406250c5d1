import { randomBytes } from "node:crypto";

import { createEmptyShopSeed } from "./demo-shop";
import { costBudgetForPlan, LeakyBucket, type ThrottleStatus } from "./leaky-bucket";
import type { FakeShopSeed } from "./types";

export type TokenKind = "offline" | "online";

export interface IssuedToken {
  accessToken: string;
  kind: TokenKind;
  scope: string;
  issuedAt: string;
  /** null for non-expiring offline tokens. */
  expiresAt: string | null;
  /** Staff user id for online tokens. */
  userId: string | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
  revokedAt: string | null;
}

export type RequestKind = "token" | "graphql" | "app-proxy" | "other";

export interface RecordedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path as received, e.g. "/shops/candor-demo.myshopify.com/admin/api/2026-10/graphql.json". */
  path: string;
  shop: string | null;
  kind: RequestKind;
  apiVersion: string | null;
  operationName: string | null;
  query: string | null;
  variables: Record<string, unknown> | null;
  /** Token-exchange form fields, secrets masked. */
  form: Record<string, string> | null;
  /** Response status; 0 until the response is written. */
  status: number;
  /** `extensions.code` of each GraphQL error in the response (e.g. "THROTTLED"), in order. */
  errorCodes: string[];
  /** App-proxy requests: the signed URL the request was forwarded to (bodies are not kept). */
  forwardedTo?: string;
}

export interface RecordedFlowTrigger {
  shop: string;
  handle: string | null;
  payload: unknown;
  /** The deprecated `body` argument, when a caller still uses it. */
  body: string | null;
  /** false when the fake answered with userErrors (no handle, payload too large). */
  accepted: boolean;
  receivedAt: string;
}

export interface ShopState {
  data: FakeShopSeed;
  tokens: IssuedToken[];
  installed: boolean;
  forcedThrottle: boolean;
  bucket: LeakyBucket;
}

export interface ShopSnapshot {
  domain: string;
  installed: boolean;
  throttled: boolean;
  throttleStatus: ThrottleStatus;
  tokens: IssuedToken[];
  flowTriggers: RecordedFlowTrigger[];
  data: FakeShopSeed;
}

const SECRET_FORM_FIELDS = new Set(["client_secret", "subject_token", "refresh_token"]);

export function maskForm(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => [key, SECRET_FORM_FIELDS.has(key) ? `${value.slice(0, 6)}…` : value]),
  );
}

/** The shop's cost bucket, sized by its plan unless the seed sets a budget of its own. */
function newBucket(seed: FakeShopSeed): LeakyBucket {
  const budget = seed.costBudget ?? costBudgetForPlan(seed.planDisplayName);
  return new LeakyBucket(budget.maximumAvailable, budget.restoreRate);
}

export class FakeShopifyState {
  readonly requests: RecordedRequest[] = [];
  readonly flowTriggers: RecordedFlowTrigger[] = [];
  private readonly shops = new Map<string, ShopState>();
  private requestSeq = 0;
  private nextGeneratedId = 7_340_000_000_000_100_000n;

  constructor(
    private readonly initialSeeds: readonly FakeShopSeed[],
    readonly grantedScope: string,
  ) {
    this.loadSeeds();
  }

  shop(domain: string): ShopState | undefined {
    return this.shops.get(domain);
  }

  shopDomains(): string[] {
    return [...this.shops.keys()];
  }

  addShop(seed: FakeShopSeed): ShopState {
    const state: ShopState = {
      data: structuredClone(seed),
      tokens: [],
      installed: true,
      forcedThrottle: false,
      bucket: newBucket(seed),
    };
    this.shops.set(seed.domain, state);
    return state;
  }

  /** A shop that installs the app but was never seeded gets an empty store. */
  ensureShop(domain: string): ShopState {
    return this.shops.get(domain) ?? this.addShop(createEmptyShopSeed(domain, this.generateId()));
  }

  /** Fresh Shopify-like 64-bit id, above 2^53. */
  generateId(): string {
    this.nextGeneratedId += 1n;
    return this.nextGeneratedId.toString();
  }

  issueToken(domain: string, fields: Omit<IssuedToken, "accessToken" | "issuedAt" | "revokedAt" | "scope">): IssuedToken {
    const shop = this.ensureShop(domain);
    shop.installed = true;
    const prefix = fields.kind === "online" ? "shpua_" : "shpat_";
    const token: IssuedToken = {
      accessToken: `${prefix}${randomBytes(16).toString("hex")}`,
      issuedAt: new Date().toISOString(),
      revokedAt: null,
      scope: this.grantedScope,
      ...fields,
    };
    shop.tokens.push(token);
    return token;
  }

  findActiveToken(domain: string, accessToken: string): IssuedToken | undefined {
    const shop = this.shops.get(domain);
    if (!shop?.installed) return undefined;
    const now = Date.now();
    return shop.tokens.find(
      (token) =>
        token.accessToken === accessToken &&
        token.revokedAt === null &&
        (token.expiresAt === null || Date.parse(token.expiresAt) > now),
    );
  }

  findActiveRefreshToken(domain: string, refreshToken: string): IssuedToken | undefined {
    const shop = this.shops.get(domain);
    if (!shop?.installed) return undefined;
    const now = Date.now();
    return shop.tokens.find(
      (token) =>
        token.refreshToken === refreshToken &&
        token.revokedAt === null &&
        token.refreshTokenExpiresAt !== null &&
        Date.parse(token.refreshTokenExpiresAt) > now,
    );
  }

  revoke(token: IssuedToken): void {
    token.revokedAt ??= new Date().toISOString();
  }

  /** Like a merchant uninstalling the app: every token of the shop stops working. */
  uninstall(domain: string): void {
    const shop = this.shops.get(domain);
    if (!shop) return;
    shop.installed = false;
    for (const token of shop.tokens) this.revoke(token);
  }

  setThrottled(domain: string, on: boolean): void {
    this.ensureShop(domain).forcedThrottle = on;
  }

  recordRequest(entry: Omit<RecordedRequest, "seq" | "at" | "status" | "errorCodes">): RecordedRequest {
    this.requestSeq += 1;
    const recorded: RecordedRequest = { seq: this.requestSeq, at: new Date().toISOString(), status: 0, errorCodes: [], ...entry };
    this.requests.push(recorded);
    return recorded;
  }

  recordFlowTrigger(trigger: Omit<RecordedFlowTrigger, "receivedAt">): RecordedFlowTrigger {
    const recorded = { ...trigger, receivedAt: new Date().toISOString() };
    this.flowTriggers.push(recorded);
    return recorded;
  }

  snapshot(domain: string): ShopSnapshot | undefined {
    const shop = this.shops.get(domain);
    if (!shop) return undefined;
    return {
      domain,
      installed: shop.installed,
      throttled: shop.forcedThrottle,
      throttleStatus: shop.bucket.status(),
      tokens: structuredClone(shop.tokens),
      flowTriggers: this.flowTriggers.filter((trigger) => trigger.shop === domain),
      data: structuredClone(shop.data),
    };
  }

  /**
   * Back to the seeded data with empty logs. Arrays keep their identity so that
   * references held by tests stay live. With keepTokens, installed shops stay installed
   * (a running app keeps working with the offline token it already stored).
   */
  reset(options: { keepTokens?: boolean } = {}): void {
    const keptTokens = new Map<string, { tokens: IssuedToken[]; installed: boolean }>();
    if (options.keepTokens) {
      for (const [domain, shop] of this.shops) keptTokens.set(domain, { tokens: shop.tokens, installed: shop.installed });
    }
    this.requests.length = 0;
    this.flowTriggers.length = 0;
    this.shops.clear();
    this.loadSeeds();
    for (const [domain, kept] of keptTokens) {
      const shop = this.ensureShop(domain);
      shop.tokens = kept.tokens;
      shop.installed = kept.installed;
    }
  }

  private loadSeeds(): void {
    for (const seed of this.initialSeeds) this.addShop(seed);
  }
}
