/**
 * Shopify's GraphQL cost limiter: a bucket of points that refills at a fixed rate.
 * A query may start only if its requested cost fits; it is then charged its actual cost.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
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
