import { blockedTransitions } from '../../../shared/alerts/blockedAlerts';
import { alertBlocked, readBlockedAlerts, type BlockedMemoryDeps } from '../../../shared/alerts/blockedMemory';
import type { AlertMessage } from '../../../shared/alerts/types';
import { compilePolicyObject } from '../../../shared/policy/compile';
import type { EnsureResult, EnsureOutcome, ReasonCode } from '../../../shared/replication/types';
import { silentLogger } from '../../../shared/log';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';

const policy = compilePolicyObject({
  version: 1,
  policies: { dr: { destination: { region: 'cn-beijing', bucket: '{bucket}-dr' }, alerts: { channels: ['ops'] } } },
  channels: { ops: { type: 'webhook', url: '${env:URL}' } },
});
const T0 = new Date('2024-05-01T00:00:00Z');
const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

function result(bucket: string, outcome: EnsureOutcome, code?: ReasonCode): EnsureResult {
  return {
    bucket,
    outcome,
    ...(code ? { reason: { code, message: code, policy: 'dr' } } : {}),
    ruleIds: [],
    dryRun: false,
    applied: [],
    retryable: false,
  };
}

const blocked = (bucket: string, code: ReasonCode = 'VersioningMismatch') => result(bucket, 'blocked', code);

describe('blockedTransitions', () => {
  const opened = blockedTransitions([], [blocked('a')], policy, T0).incidents;

  it('opens an incident with one opened notification for a newly blocked bucket', () => {
    expect(blockedTransitions([], [blocked('a')], policy, T0).notifications.map((n) => n.type)).toEqual(['opened']);
  });

  it('stays quiet while the bucket stays blocked for less than a day', () => {
    expect(blockedTransitions(opened, [blocked('a')], policy, hours(23)).notifications).toEqual([]);
  });

  it('reminds once a day after the alert, and only once', () => {
    const reminded = blockedTransitions(opened, [blocked('a')], policy, hours(24));
    const later = blockedTransitions(reminded.incidents, [blocked('a')], policy, hours(72));
    expect([reminded.notifications.map((n) => n.type), later.notifications]).toEqual([['reminder'], []]);
  });

  it('resolves with one message when the bucket is evaluated and no longer blocked', () => {
    const next = blockedTransitions(opened, [result('a', 'created')], policy, hours(1));
    expect([next.notifications.map((n) => n.type), next.incidents]).toEqual([['resolved'], []]);
  });

  it('leaves the incident alone when the bucket failed or was busy (not evaluated)', () => {
    const next = blockedTransitions(opened, [result('a', 'failed'), result('a', 'busy')], policy, hours(1));
    expect([next.notifications, next.incidents]).toEqual([[], opened]);
  });

  it('leaves incidents of buckets it did not look at alone', () => {
    const next = blockedTransitions(opened, [result('b', 'unchanged')], policy, hours(1));
    expect(next.incidents).toEqual(opened);
  });

  it('resolves the incident of a bucket missing from a complete listing', () => {
    const next = blockedTransitions(opened, [], policy, hours(1), { listed: new Set(['b']) });
    expect(next.notifications.map((n) => [n.type, n.incident.rule.bucket])).toEqual([['resolved', 'a']]);
  });

  it('opens again, without a recovery message, when the reason changes', () => {
    const next = blockedTransitions(opened, [blocked('a', 'TooManyRules')], policy, hours(1));
    expect(next.notifications.map((n) => [n.type, n.incident.facts['reason']])).toEqual([['opened', 'TooManyRules']]);
  });
});

describe('alertBlocked', () => {
  function deps(store: MemoryDocumentStore, sent: AlertMessage[], ok = true, now = T0): BlockedMemoryDeps {
    return {
      state: store,
      leases: new DocumentLeaseManager(store, { now: () => now }),
      policy,
      alert: async (messages) => {
        sent.push(...messages);
        return messages.length > 0 ? [{ channel: 'ops', ok }] : [];
      },
      log: silentLogger(),
      now: () => now,
      owner: 'test',
      sleep: async () => undefined,
    };
  }

  it('sends one message for a bucket blocked on two evaluations', async () => {
    const store = new MemoryDocumentStore();
    const sent: AlertMessage[] = [];
    await alertBlocked([blocked('a')], deps(store, sent));
    await alertBlocked([blocked('a')], deps(store, sent, true, hours(1)));
    expect(sent).toHaveLength(1);
  });

  it('opens the incident again next time when its alert reached no channel', async () => {
    const store = new MemoryDocumentStore();
    const sent: AlertMessage[] = [];
    await alertBlocked([blocked('a')], deps(store, sent, false));
    await alertBlocked([blocked('a')], deps(store, sent, true, hours(1)));
    expect(sent).toHaveLength(2);
  });

  it('retries a recovery message that reached no channel', async () => {
    const store = new MemoryDocumentStore();
    const sent: AlertMessage[] = [];
    await alertBlocked([blocked('a')], deps(store, sent));
    await alertBlocked([result('a', 'unchanged')], deps(store, sent, false, hours(1)));
    await alertBlocked([result('a', 'unchanged')], deps(store, sent, true, hours(2)));
    await alertBlocked([result('a', 'unchanged')], deps(store, sent, true, hours(3)));
    expect(sent.map((m) => (m.kind === 'notification' ? m.notification.type : m.kind))).toEqual(['opened', 'resolved', 'resolved']);
  });

  it('keeps the opened and resolved transitions of a blocked bucket on the timeline of alerts/blocked.json', async () => {
    const store = new MemoryDocumentStore();
    await alertBlocked([blocked('a')], deps(store, []));
    await alertBlocked([result('a', 'unchanged')], deps(store, [], true, hours(1)));
    const { incidents, timeline } = await readBlockedAlerts(store);
    expect([incidents, timeline.map((e) => [e.type, e.bucket, e.kind, e.at])]).toEqual([
      [],
      [
        ['opened', 'a', 'replication-blocked', T0.toISOString()],
        ['resolved', 'a', 'replication-blocked', hours(1).toISOString()],
      ],
    ]);
  });

  it('leaves an opening that reached no channel off the timeline: it opens again, once, when it is delivered', async () => {
    const store = new MemoryDocumentStore();
    await alertBlocked([blocked('a')], deps(store, [], false));
    await alertBlocked([blocked('a')], deps(store, [], true, hours(1)));
    expect((await readBlockedAlerts(store)).timeline.map((e) => [e.type, e.at])).toEqual([['opened', hours(1).toISOString()]]);
  });

  it('sends nothing and records nothing while another invocation holds the lease', async () => {
    const store = new MemoryDocumentStore();
    const sent: AlertMessage[] = [];
    const held = await new DocumentLeaseManager(store, { now: () => T0 }).acquire('alerts-blocked', 'other', 60_000);
    await alertBlocked([blocked('a')], deps(store, sent));
    await held!.release();
    await alertBlocked([blocked('a')], deps(store, sent));
    expect(sent).toHaveLength(1);
  });

  it('does not even read the memory for results that block nothing, of buckets whose records were not blocked', async () => {
    const store = new MemoryDocumentStore();
    const reads: string[] = [];
    const spy = Object.assign(Object.create(store) as MemoryDocumentStore, {
      read: (k: string, check: never) => (reads.push(k), store.read(k, check)),
      get: (k: string) => (reads.push(k), store.get(k)),
    });
    await alertBlocked([{ ...result('a', 'created'), wasBlocked: false }], { ...deps(store, []), state: spy });
    expect(reads).toEqual([]);
  });

  it('sends the recovery of a bucket whose record said blocked before', async () => {
    const store = new MemoryDocumentStore();
    const sent: AlertMessage[] = [];
    await alertBlocked([blocked('a')], deps(store, sent));
    await alertBlocked([{ ...result('a', 'created'), wasBlocked: true }], deps(store, sent, true, hours(1)));
    expect(sent.map((m) => (m.kind === 'notification' ? m.notification.type : m.kind))).toEqual(['opened', 'resolved']);
  });

  it('reads the memory once and takes no lease when nothing is blocked or open', async () => {
    const store = new MemoryDocumentStore();
    await alertBlocked([result('a', 'unchanged')], deps(store, []));
    expect(await store.list('')).toEqual([]);
  });
});
