import { ChangeBudget } from '../../../shared/replication/budget';

describe('ChangeBudget', () => {
  it('allows exactly limit changes', () => {
    const budget = new ChangeBudget(2);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, false]);
  });

  it('reports what is left', () => {
    const budget = new ChangeBudget(3);
    budget.tryTake();
    expect(budget.remaining).toBe(2);
  });

  it('allows nothing with a zero limit', () => {
    expect(new ChangeBudget(0).tryTake()).toBe(false);
  });
});
