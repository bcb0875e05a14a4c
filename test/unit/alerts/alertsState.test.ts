import { checkAlertsState, emptyAlertsState, loadAlertsState, saveAlertsState } from '../../../shared/alerts/alertsState';
import { ALERTS_STATE_KEY } from '../../../shared/state/keys';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { incident } from './fixtures';

const now = new Date('2024-05-01T00:00:00Z');
const reasonOf = (value: unknown): string | undefined => {
  const checked = checkAlertsState(value);
  return checked.ok ? undefined : checked.reason;
};

describe("the monitor's alert state", () => {
  it('starts empty when there is none', async () => {
    expect(await loadAlertsState(new MemoryDocumentStore(), now)).toEqual(emptyAlertsState(now));
  });

  it('reads back what was saved, at alerts/state.json', async () => {
    const store = new MemoryDocumentStore();
    const state = { ...emptyAlertsState(now), incidents: [incident()], lastDigestAt: { ops: now.toISOString() } };
    await saveAlertsState(store, state, now);
    expect([await store.list('alerts/'), await loadAlertsState(store, now)]).toEqual([[ALERTS_STATE_KEY], state]);
  });

  it('fills parts missing from an older document with their defaults', async () => {
    const store = new MemoryDocumentStore();
    await store.put(ALERTS_STATE_KEY, { schema: 1, updatedAt: now.toISOString(), incidents: [] });
    expect(await loadAlertsState(store, now)).toMatchObject({ undelivered: [], rateLimit: { sent: {} }, retired: {} });
  });

  it('refuses rate-limit budgets that are not lists of times', () => {
    expect(reasonOf({ schema: 1, rateLimit: { sent: { ops: ['soon'] } } })).toBe('rateLimit.sent is not lists of times');
  });

  it('refuses an undelivered entry without its message', () => {
    expect(reasonOf({ schema: 1, undelivered: [{ since: now.toISOString() }] })).toBe('undelivered[0].message is not an object');
  });

  it('refuses digest times that are not strings', () => {
    expect(reasonOf({ schema: 1, lastDigestAt: { ops: 5 } })).toBe('lastDigestAt.ops is not a string');
  });

  it('drops timeline entries it cannot read instead of setting the document (and its open incidents) aside', async () => {
    const store = new MemoryDocumentStore();
    const stored = { schema: 1, updatedAt: now.toISOString(), incidents: [incident()], timeline: [{ type: 'opened' }] };
    await store.put(ALERTS_STATE_KEY, stored);
    const loaded = await loadAlertsState(store, now);
    expect([loaded.incidents, loaded.timeline, await store.list('quarantine/')]).toEqual([[incident()], [], []]);
  });
});
