import { readStatus } from '../../../cli/statusView';
import { emptyAlertsState } from '../../../shared/alerts/alertsState';
import { emptyBucketState, putBucketState } from '../../../shared/state/bucketState';
import { ALERTS_STATE_KEY, BLOCKED_ALERTS_KEY } from '../../../shared/state/keys';
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
