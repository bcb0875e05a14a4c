import { planBatches } from '../../../shared/alerts';
import type { AlertMessage } from '../../../shared/alerts';
import { minute, notification } from './fixtures';

const notes = (n: number): AlertMessage[] => Array.from({ length: n }, () => ({ kind: 'notification', notification: notification() }));
const count = (ms: AlertMessage[]) => ms.reduce((s, m) => s + (m.kind === 'batch' ? m.notifications.length : 1), 0);

describe('planBatches', () => {
  it('sends messages unchanged when they fit', () => {
    expect(planBatches(notes(3), 20)).toEqual({ send: notes(3), deferred: [], merged: false });
  });

  it('merges 25 notifications into at most 20 messages without losing any', () => {
    const plan = planBatches(notes(25), 20);
    expect(plan.send.length).toBeLessThanOrEqual(20);
    expect(count(plan.send)).toBe(25);
    expect(plan.merged).toBe(true);
  });

  it('keeps digests whole and defers what does not fit', () => {
    const digest: AlertMessage = { kind: 'digest', digest: { at: minute(0).toISOString(), rows: [] } };
    const plan = planBatches([...notes(4), digest, digest], 2);
    expect(plan.send.map((m) => m.kind)).toEqual(['batch', 'digest']);
    expect(plan.deferred.map((m) => m.kind)).toEqual(['digest']);
  });

  it('defers everything when no slot is left', () => {
    expect(planBatches(notes(2), 0).deferred).toHaveLength(2);
  });
});
