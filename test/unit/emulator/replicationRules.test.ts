import { newBucket } from '../../../local/emulator/models/bucket';
import { checkNewRule, type RuleCheckContext } from '../../../local/emulator/models/replicationRules';
import type { BucketRecord, RuleRecord } from '../../../local/emulator/models/types';
import { defaultLocationTable, locationRules } from '../../../local/emulator/replication/locations';
import type { ReplicationRule } from '../../../shared/xml/types';

const src = newBucket({ name: 'src-bucket', region: 'cn-hangzhou' }, 0);
const dst = newBucket({ name: 'dst-bucket', region: 'cn-beijing' }, 0);
const rule = (over: Partial<ReplicationRule> = {}): ReplicationRule => ({
  prefixes: [],
  actions: ['ALL'],
  destination: { bucket: 'dst-bucket', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled',
  ...over,
});
const fakeRules = (n: number, dest = 'other'): RuleRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    rule: { ...rule(), id: `r${i}`, destination: { bucket: `${dest}-${i}`, location: 'oss-cn-beijing' } },
    createdAt: 0,
    historical: { total: 0, copied: 0, pending: [] },
    queue: [],
  }));

function ctx(over: Partial<RuleCheckContext> = {}): RuleCheckContext {
  const buckets: Record<string, BucketRecord> = { 'src-bucket': src, 'dst-bucket': dst };
  return {
    source: src,
    findBucket: (name) => buckets[name],
    locations: locationRules(defaultLocationTable(['cn-hangzhou', 'cn-beijing'])),
    liveRules: () => [],
    incomingCount: () => 0,
    ...over,
  };
}
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return undefined;
};

describe('checkNewRule', () => {
  it('accepts a valid rule and returns the destination bucket', () => {
    expect(checkNewRule(ctx(), rule())).toBe(dst);
  });

  it('answers TooManyOutgoingReplication when the source already has 100 rules', () => {
    expect(codeOf(() => checkNewRule(ctx({ liveRules: () => fakeRules(100) }), rule()))).toBe('TooManyOutgoingReplication');
  });

  it('answers TooManyIncomingReplication when the destination already receives 100 rules', () => {
    expect(codeOf(() => checkNewRule(ctx({ incomingCount: () => 100 }), rule()))).toBe('TooManyIncomingReplication');
  });

  it('answers NoReplicationLocation when the source region may replicate nowhere', () => {
    const locations = locationRules({ 'cn-hangzhou': { locations: [] } });
    expect(codeOf(() => checkNewRule(ctx({ locations }), rule()))).toBe('NoReplicationLocation');
  });

  it('answers InvalidArgument for RTC to a region without RTC', () => {
    const locations = locationRules({ 'cn-hangzhou': { locations: ['cn-beijing'], rtc: [] } });
    expect(codeOf(() => checkNewRule(ctx({ locations }), rule({ rtc: 'enabled' })))).toBe('InvalidArgument');
  });
});
