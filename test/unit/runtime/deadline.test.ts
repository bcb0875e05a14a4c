import { deadlineFromTimeout } from '../../../shared/runtime/deadline';
import { DeadlineExceededError } from '../../../shared/runtime/errors';

describe('deadlineFromTimeout', () => {
  it('ends the margin before the FC timeout', () => {
    expect(deadlineFromTimeout(60, 1_000, () => 1_000).at).toBe(1_000 + 58_000);
  });

  it('keeps the margin at 10 % of tiny budgets', () => {
    expect(deadlineFromTimeout(1, 0, () => 0).at).toBe(900);
  });

  it('reports the remaining time from the injected clock', () => {
    let now = 0;
    const deadline = deadlineFromTimeout(10, 0, () => now);
    now = 4_000;
    // 10 s budget minus a 1 s margin (10 %) ends at 9 s.
    expect(deadline.remainingMs()).toBe(5_000);
  });

  it('throws a retryable DeadlineExceededError once the budget is used up', () => {
    let now = 0;
    const deadline = deadlineFromTimeout(10, 0, () => now);
    now = 9_000;
    expect(() => deadline.check('sweep')).toThrow(DeadlineExceededError);
    expect(deadline.expired()).toBe(true);
  });

  it('never expires without a timeout', () => {
    const deadline = deadlineFromTimeout(undefined, 0, () => Number.MAX_SAFE_INTEGER);
    expect(deadline.expired()).toBe(false);
  });
});
