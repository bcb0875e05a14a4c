import { readStatus } from '../../../cli/statusView';
import { emptyAlertsState } from '../../../shared/alerts/alertsState';
import { emptyBucketState, putBucketState } from '../../../shared/state/bucketState';
import { ALERTS_STATE_KEY, BLOCKED_ALERTS_KEY, bucketShardOf } from '../../../shared/state/keys';
import { writeMonitorShard } from '../../../shared/state/monitorShards';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { incident, minute, rule } from '../alerts/fixtures';

const now = minute(10);
const lag = incident({
  key: `${rule.bucket}/${rule.ruleId}/lag-high`,
  kind: 'lag-high',
  summary: 'behind by 20 min',
  openedAt: minute(2).toISOString(),
});
const blocked = incident({
  key: 'other/replication-blocked',
  kind: 'replication-blocked',
  summary: 'UnknownPolicy: no such policy',
  openedAt: minute(1).toISOString(),
  rule: { bucket: 'other', ruleId: '(not created)', destinationBucket: '(unknown)', destinationRegion: '(unknown)' },
});

async function store(): Promise<MemoryDocumentStore> {
  const s = new MemoryDocumentStore();
  await putBucketState(s, emptyBucketState(rule.bucket, now), now);
  await s.put(ALERTS_STATE_KEY, { ...emptyAlertsState(now), incidents: [lag] });
  await s.put(BLOCKED_ALERTS_KEY, { schema: 1, updatedAt: now.toISOString(), incidents: [blocked] });
  return s;
}

describe('status view: incidents', () => {
  it("lists the monitor's and the blocked-bucket memory's open incidents, oldest first", async () => {
    const view = await readStatus(await store());
    expect(view.incidents.map((i) => [i.bucket, i.kind, i.source, i.summary])).toEqual([
      ['other', 'replication-blocked', 'blocked', 'UnknownPolicy: no such policy'],
      [rule.bucket, 'lag-high', 'monitor', 'behind by 20 min'],
    ]);
  });

  it('gives each bucket its own incidents', async () => {
    const view = await readStatus(await store());
    expect(view.buckets.map((b) => [b.bucket, b.incidents.map((i) => i.kind)])).toEqual([[rule.bucket, ['lag-high']]]);
  });

  it('keeps only the asked bucket incidents', async () => {
    expect((await readStatus(await store(), 'other')).incidents.map((i) => i.bucket)).toEqual(['other']);
  });

  it('says no incident when neither document exists', async () => {
    const s = new MemoryDocumentStore();
    await putBucketState(s, emptyBucketState(rule.bucket, now), now);
    expect((await readStatus(s)).incidents).toEqual([]);
  });
});

describe('status view: progress, canaries and the incident timeline', () => {
  const ruleId = rule.ruleId;
  const { destinationBucket, destinationRegion } = rule;
  const owned = { ruleId, policy: 'dr', destinationBucket, destinationRegion, createdAt: minute(0).toISOString() };
  const sample = (m: number, historical: number, lagSeconds: number) => ({
    ruleId,
    at: minute(m).toISOString(),
    status: 'doing' as const,
    historical,
    newObjectWatermark: new Date(minute(m).getTime() - lagSeconds * 1000).toISOString(),
  });

  const check = (written: number, checked: number, outcome: 'arrived' | 'missing') => {
    return { ruleId, key: `k${written}`, writtenAt: minute(written).toISOString(), checkedAt: minute(checked).toISOString(), outcome };
  };

  async function withHistory(): Promise<MemoryDocumentStore> {
    const s = new MemoryDocumentStore();
    const state = {
      ...emptyBucketState(rule.bucket, now),
      region: 'cn-hangzhou',
      rules: [owned],
      progress: [sample(0, 0.2, 5), sample(5, 0.4, 30), sample(10, 0.6, 12)],
      canaries: [
        { ...check(1, 2, 'arrived'), latencyMs: 812 },
        { ...check(6, 8, 'missing'), detail: 'RuleMissing: the rule is gone' },
      ],
    };
    await putBucketState(s, state, now);
    return s;
  }

  it('charts lag and backfill from every monitor sample, oldest first', async () => {
    const [r] = (await readStatus(await withHistory(), undefined, { now })).buckets[0]!.rules;
    expect(r!.history.map((p) => [p.backfill, p.lagSeconds])).toEqual([
      [0.2, 5],
      [0.4, 30],
      [0.6, 12],
    ]);
  });

  it('measures the backfill rate over the samples and the ETA from the time it was read', async () => {
    const [r] = (await readStatus(await withHistory(), undefined, { now })).buckets[0]!.rules;
    // 0.2 -> 0.6 in 10 minutes: 0.4 left takes 10 more minutes after the last sample (read at that moment).
    expect(r!.backfillRate).toBeCloseTo(0.4 / 600, 12);
    expect(r!.backfillEta).toEqual({ kind: 'estimated', seconds: expect.closeTo(600, 6), at: minute(20).toISOString() });
  });

  it('estimates the bytes copied from the fraction and the source size, only when a size is known', async () => {
    const store = await withHistory();
    const sized = await readStatus(store, undefined, { now, bucketSize: async () => ({ storageBytes: 1000, objectCount: 4 }) });
    const unsized = await readStatus(store, undefined, { now });
    expect([sized.buckets[0]!.size, sized.buckets[0]!.rules[0]!.backfillBytes, unsized.buckets[0]!.rules[0]!.backfillBytes]).toEqual([
      { storageBytes: 1000, objectCount: 4 },
      { copied: 600, total: 1000 },
      undefined,
    ]);
  });

  it('shows a bucket whose size cannot be read without one', async () => {
    const bucketSize = async () => Promise.reject(new Error('AccessDenied'));
    const view = await readStatus(await withHistory(), undefined, { now, bucketSize });
    expect(view.buckets[0]!.size).toBeUndefined();
  });

  it('lists the canary history with the latency of each arrival and the diagnosis of each failure', async () => {
    const [r] = (await readStatus(await withHistory(), undefined, { now })).buckets[0]!.rules;
    expect(r!.canaries.map((c) => [c.outcome, c.latencyMs, c.diagnosis])).toEqual([
      ['arrived', 812, undefined],
      ['missing', undefined, { code: 'RuleMissing', message: 'the rule is gone' }],
    ]);
  });

  it("merges the monitor's and the blocked memory's timelines, oldest first, and keeps an asked bucket's only", async () => {
    const s = await store();
    const entry = (bucket: string, m: number, type: 'opened' | 'resolved') => {
      return { at: minute(m).toISOString(), type, key: `${bucket}/k`, kind: 'lag-high', severity: 'warning', bucket, ruleId, summary: '' };
    };
    const timeline = [entry(rule.bucket, 1, 'opened'), entry(rule.bucket, 4, 'resolved')];
    await s.put(ALERTS_STATE_KEY, { ...emptyAlertsState(now), timeline });
    await s.put(BLOCKED_ALERTS_KEY, { schema: 1, updatedAt: now.toISOString(), incidents: [], timeline: [entry('other', 2, 'opened')] });
    const all = await readStatus(s);
    const mine = await readStatus(s, rule.bucket);
    expect([all.timeline.map((e) => [e.bucket, e.type]), mine.timeline.map((e) => e.at)]).toEqual([
      [
        [rule.bucket, 'opened'],
        ['other', 'opened'],
        [rule.bucket, 'resolved'],
      ],
      [minute(1).toISOString(), minute(4).toISOString()],
    ]);
  });
});

describe("status view: progress from the monitor's own documents", () => {
  const owned = {
    ruleId: rule.ruleId,
    policy: 'dr',
    destinationBucket: rule.destinationBucket,
    destinationRegion: rule.destinationRegion,
    createdAt: minute(0).toISOString(),
  };
  const sample = (m: number, historical: number) => ({ at: minute(m).toISOString(), status: 'doing' as const, historical });

  async function managed(progress: ReturnType<typeof sample>[] = []): Promise<MemoryDocumentStore> {
    const s = new MemoryDocumentStore();
    const state = { ...emptyBucketState(rule.bucket, now), rules: [owned], progress: progress.map((p) => ({ ruleId: rule.ruleId, ...p })) };
    await putBucketState(s, state, now);
    return s;
  }

  it('shows the newest progress sample the monitor keeps in its own documents', async () => {
    const s = await managed();
    const monitored = { eTag: 'e', rules: [owned], canaries: [], samples: { [rule.ruleId]: [sample(1, 0.2), sample(6, 0.5)] } };
    await writeMonitorShard(s, bucketShardOf(rule.bucket), new Map([[rule.bucket, monitored]]));
    const [view] = (await readStatus(s)).buckets;
    expect(view!.rules.map((r) => [r.backfill, r.sampledAt])).toEqual([[0.5, minute(6).toISOString()]]);
  });

  it('shows the samples a bucket document still holds while the monitor has none for it (written before an upgrade)', async () => {
    const [view] = (await readStatus(await managed([sample(3, 0.7)]))).buckets;
    expect(view!.rules.map((r) => [r.backfill, r.sampledAt])).toEqual([[0.7, minute(3).toISOString()]]);
  });
});
