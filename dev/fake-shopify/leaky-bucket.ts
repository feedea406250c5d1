/**
 * Shopify's GraphQL cost limiter: a bucket of points that refills at a fixed rate.
 * A query may start only if its requested cost fits; it is then charged its actual cost.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** A cost budget: how many points the bucket holds and how many it regains per second. */
export interface CostBudget {
  maximumAvailable: number;
  restoreRate: number;
}

/**
 * Shopify sizes the bucket by the shop's plan: standard plans 100 points/s (2000 max),
 * Advanced 200/s (4000), Shopify Plus 1000/s (20000), Plus sandboxes included.
 */
export function costBudgetForPlan(planDisplayName: string): CostBudget {
  if (/\bplus\b/i.test(planDisplayName)) return { maximumAvailable: 20_000, restoreRate: 1_000 };
  if (/^advanced\b/i.test(planDisplayName)) return { maximumAvailable: 4_000, restoreRate: 200 };
  return { maximumAvailable: 2_000, restoreRate: 100 };
}

export class LeakyBucket {
  private available: number;
  private updatedAtMs: number;

  constructor(
    readonly maximumAvailable = 2000,
    readonly restoreRate = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.available = maximumAvailable;
    this.updatedAtMs = now();
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  canAfford(cost: number): boolean {
    this.refill();
    return cost <= this.available;
  }

  charge(cost: number): void {
    this.refill();
    this.available = Math.max(0, this.available - cost);
  }

  /** Tests use this to simulate a shop that has spent its budget. */
  drain(): void {
    this.available = 0;
    this.updatedAtMs = this.now();
  }

  reset(): void {
    this.available = this.maximumAvailable;
    this.updatedAtMs = this.now();
  }

  private refill(): void {
    const nowMs = this.now();
    const elapsedSeconds = (nowMs - this.updatedAtMs) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsedSeconds * this.restoreRate);
    this.updatedAtMs = nowMs;
  }
}
