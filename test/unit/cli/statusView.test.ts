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

describe('status view: progress', () => {
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
