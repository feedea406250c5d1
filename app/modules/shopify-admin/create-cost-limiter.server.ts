import type { Redis } from "ioredis";

/** What Shopify reports in `extensions.cost.throttleStatus` of every Admin GraphQL answer. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostBudget {
  maximumAvailable: number;
  restoreRate: number;
}

export type CostReservation = { granted: true } | { granted: false; retryAfterMs: number };

/** What a call that held a reservation cost in the end. */
export interface CostSettlement {
  /** The points reserved for the call. */
  reserved: number;
  /** The points Shopify charged (`actualQueryCost`; 0 when it answered THROTTLED). */
  charged: number;
}

export interface CostLimiterStatus extends CostBudget {
  /** The points the limiter believes the shop has left, refilled up to now. */
  currentlyAvailable: number;
}

export interface CostLimiter {
  /** Takes `cost` points from the shop's budget, or says how long until they would fit. */
  reserve(shop: string, cost: number): Promise<CostReservation>;
  /**
   * Feeds back what Shopify reported: learns the shop's real budget and lowers the available
   * points to Shopify's figure when Shopify has fewer. With a settlement, first gives back what
   * was reserved but not charged.
   */
  observe(shop: string, throttleStatus: ThrottleStatus, settlement?: CostSettlement): Promise<void>;
  /** The limiter's view of a shop's budget, or null when it holds nothing for the shop. */
  status(shop: string): Promise<CostLimiterStatus | null>;
}

export interface CostLimiterOptions {
  /** Key prefix (the deployment's QUEUE_PREFIX): keys are `${prefix}:shopify-cost:${shop}`. */
  prefix: string;
  /** Assumed until Shopify reports the shop's budget. Default: standard plans, 2000 points, 100/s. */
  defaultBudget?: CostBudget;
  /** Share of the bucket never spent, left for Shopify's estimate drift and other callers. Default 0.1. */
  safetyMargin?: number;
  /** Idle time after which a shop's key expires (the bucket is full again long before). Default 1 h. */
  ttlSeconds?: number;
}

/** Standard plans: 100 points a second, 2000 at most. */
export const STANDARD_COST_BUDGET: CostBudget = { maximumAvailable: 2000, restoreRate: 100 };

/*
 * One hash per shop, numbers only: available (points), updatedAt (ms, Redis clock), maximum,
 * restoreRate. Both scripts refill the bucket up to now before acting, using Redis's clock so
 * that every worker process agrees on time. Values are written with fixed formats so that
 * they read back as plain numbers.
 */
const LOAD_STATE = `
local key = KEYS[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local stored = redis.call('HMGET', key, 'available', 'updatedAt', 'maximum', 'restoreRate')
local maximum = tonumber(stored[3]) or tonumber(ARGV[1])
local rate = tonumber(stored[4]) or tonumber(ARGV[2])
local available = tonumber(stored[1]) or maximum
local updatedAt = tonumber(stored[2]) or now
if now > updatedAt then
  available = math.min(maximum, available + (now - updatedAt) * rate / 1000)
  updatedAt = now
end
local ttl = tonumber(ARGV[3])
local function save()
  redis.call('HSET', key,
    'available', string.format('%.3f', available),
    'updatedAt', string.format('%d', updatedAt),
    'maximum', string.format('%.3f', maximum),
    'restoreRate', string.format('%.3f', rate))
  redis.call('PEXPIRE', key, ttl)
end
`;

/** ARGV: defaultMaximum, defaultRate, ttlMs, cost, safetyMargin. Returns {1, 0} or {0, retryAfterMs}. */
const RESERVE_SCRIPT = `${LOAD_STATE}
local cost = tonumber(ARGV[4])
local floor = maximum * tonumber(ARGV[5])
-- A query bigger than the usable bucket may still spend into the margin once the bucket is full.
local needed = math.min(cost + floor, maximum)
if available >= needed then
  available = available - cost
  save()
  return {1, 0}
end
save()
return {0, math.max(1, math.ceil((needed - available) * 1000 / rate))}
`;

/**
 * ARGV: defaultMaximum, defaultRate, ttlMs, reportedMaximum, reportedAvailable, reportedRate, refund.
 * Shopify's figure leaves out calls still in flight (their reservations are only in ours), so
 * the limiter follows it down, never up; the refund of a settled call is what brings it back up.
 */
const OBSERVE_SCRIPT = `${LOAD_STATE}
local reportedMaximum = tonumber(ARGV[4])
local reportedAvailable = tonumber(ARGV[5])
local reportedRate = tonumber(ARGV[6])
available = available + tonumber(ARGV[7])
-- A budget learned for the first time (or a plan change) moves the available points with it.
available = available + (reportedMaximum - maximum)
maximum = reportedMaximum
rate = reportedRate
available = math.min(available, reportedAvailable, maximum)
save()
return 1
`;

/** ARGV: defaultMaximum, defaultRate, ttlMs. Returns {available, maximum, restoreRate} as strings, or false. */
const STATUS_SCRIPT = `${LOAD_STATE}
if redis.call('EXISTS', key) == 0 then return false end
return {string.format('%.3f', available), string.format('%.3f', maximum), string.format('%.3f', rate)}
`;

const RESERVE_COMMAND = "candorShopifyCostReserve";
const OBSERVE_COMMAND = "candorShopifyCostObserve";
const STATUS_COMMAND = "candorShopifyCostStatus";

type ScriptArgument = string | number;
interface CostCommands {
  [RESERVE_COMMAND](key: string, ...args: ScriptArgument[]): Promise<[number, number]>;
  [OBSERVE_COMMAND](key: string, ...args: ScriptArgument[]): Promise<number>;
  [STATUS_COMMAND](key: string, ...args: ScriptArgument[]): Promise<[string, string, string] | null>;
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function isValidStatus(status: ThrottleStatus): boolean {
  return (
    isPositiveNumber(status.maximumAvailable) &&
    isPositiveNumber(status.restoreRate) &&
    typeof status.currentlyAvailable === "number" &&
    Number.isFinite(status.currentlyAvailable)
  );
}

/**
 * A per-shop token bucket in Redis mirroring Shopify's Admin GraphQL cost limit, shared by
 * every worker process: each call reserves its estimated cost before it is sent, so the shop's
 * budget is never overdrawn however many jobs run at once. Each step is one Lua script, so
 * reservations from several processes cannot interleave.
 */
export function createCostLimiter(redis: Redis, options: CostLimiterOptions): CostLimiter {
  const budget = options.defaultBudget ?? STANDARD_COST_BUDGET;
  const safetyMargin = options.safetyMargin ?? 0.1;
  const ttlMs = Math.round((options.ttlSeconds ?? 3600) * 1000);
  if (!isPositiveNumber(budget.maximumAvailable) || !isPositiveNumber(budget.restoreRate)) {
    throw new Error("defaultBudget needs a positive maximumAvailable and restoreRate");
  }
  if (!(safetyMargin >= 0 && safetyMargin < 1)) throw new Error("safetyMargin must be in [0, 1)");

  redis.defineCommand(RESERVE_COMMAND, { numberOfKeys: 1, lua: RESERVE_SCRIPT });
  redis.defineCommand(OBSERVE_COMMAND, { numberOfKeys: 1, lua: OBSERVE_SCRIPT });
  redis.defineCommand(STATUS_COMMAND, { numberOfKeys: 1, lua: STATUS_SCRIPT });
  const commands = redis as unknown as CostCommands;
  const keyOf = (shop: string) => `${options.prefix}:shopify-cost:${shop}`;
  const common = (): ScriptArgument[] => [budget.maximumAvailable, budget.restoreRate, ttlMs];

  return {
    async reserve(shop, cost) {
      if (!(Number.isFinite(cost) && cost >= 0)) throw new Error("cost must be a non-negative number");
      const [granted, retryAfterMs] = await commands[RESERVE_COMMAND](keyOf(shop), ...common(), cost, safetyMargin);
      return granted === 1 ? { granted: true } : { granted: false, retryAfterMs };
    },

    async observe(shop, throttleStatus, settlement) {
      if (!isValidStatus(throttleStatus)) return;
      const refund = settlement ? settlement.reserved - settlement.charged : 0;
      await commands[OBSERVE_COMMAND](
        keyOf(shop),
        ...common(),
        throttleStatus.maximumAvailable,
        throttleStatus.currentlyAvailable,
        throttleStatus.restoreRate,
        Number.isFinite(refund) ? refund : 0,
      );
    },

    async status(shop) {
      const reply = await commands[STATUS_COMMAND](keyOf(shop), ...common());
      if (!reply) return null;
      const [available, maximum, rate] = reply.map(Number) as [number, number, number];
      return { currentlyAvailable: available, maximumAvailable: maximum, restoreRate: rate };
    },
  };
}
