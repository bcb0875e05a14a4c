/** What one run may spend on one rule: listing pages (both buckets together) and HEADs. */
export class RunBudget {
  constructor(
    private pages: number,
    private heads: number,
  ) {}

  takePage(): boolean {
    if (this.pages <= 0) return false;
    this.pages -= 1;
    return true;
  }

  /** Reserves `n` HEADs at once: a key is judged whole or not at all. */
  takeHeads(n: number): boolean {
    if (this.heads < n) return false;
    this.heads -= n;
    return true;
  }

  /** Gives back HEADs reserved and not spent (the first HEAD already decided). */
  refundHeads(n: number): void {
    this.heads += Math.max(0, n);
  }
}
