/**
 * Blast-radius cap shared by every ensure of one run (guardrails.maxChangesPerRun): once spent,
 * further changes are reported as `skipped: ChangeBudgetExhausted` instead of applied.
 */
export class ChangeBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Takes one change from the budget; false when none is left. */
  tryTake(): boolean {
    if (this.spent >= this.limit) return false;
    this.spent += 1;
    return true;
  }

  get remaining(): number {
    return Math.max(this.limit - this.spent, 0);
  }
}
