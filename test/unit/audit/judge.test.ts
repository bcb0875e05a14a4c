import { auditScope, headsNeeded, judgePair, type AuditScope, type HeadOf, type KeyPair, type ListedObject } from '../../../shared/audit';
import type { ObjectHead } from '../../../shared/oss';
import type { OwnedRule } from '../../../shared/state';
import type { ReplicationProgressRule, ReplicationRule } from '../../../shared/xml/types';

const WATERMARK = Date.parse('2026-03-01T12:00:00.000Z');
const scope = (over: Partial<AuditScope> = {}): AuditScope => ({
  prefixes: [''],
  watermark: WATERMARK,
  ruleCreatedAt: Date.parse('2026-03-01T00:00:00.000Z'),
  historical: true,
  replicatesDeletes: true,
  replicatesKms: false,
  ...over,
});
const listed = (key: string, over: Partial<ListedObject> = {}): ListedObject => ({
  key,
  size: 10,
  eTag: 'AAAA',
  lastModified: '2026-03-01T10:00:00.000Z',
  ...over,
});
const head = (over: Partial<ObjectHead> = {}): ObjectHead => ({
  contentLength: 10,
  eTag: 'AAAA',
  crc64: '111',
  lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT',
  metadata: {},
  ...over,
});

/** A HeadOf answering from fixed heads, counting what it is asked. */
function heads(source: ObjectHead | undefined, destination?: ObjectHead): HeadOf & { asked: string[] } {
  const asked: string[] = [];
  const fn: HeadOf = async (side) => {
    asked.push(side);
    return side === 'source' ? source : destination;
  };
  return Object.assign(fn, { asked });
}

const judge = (pair: KeyPair, s = scope(), h = heads(head(), head())) => judgePair(pair, s, h);

describe('judgePair from the listings alone', () => {
  it('matches a key with the same size and ETag on both sides without a HEAD', async () => {
    const h = heads(undefined);
    expect(await judge({ key: 'a', source: listed('a'), destination: listed('a', { eTag: 'aaaa' }) }, scope(), h)).toEqual({
      class: 'matched',
    });
    expect(h.asked).toEqual([]);
  });

  it('does not judge a key whose second (the resolution of a listing) reaches the watermark', async () => {
    const pair = { key: 'a', source: listed('a', { lastModified: '2026-03-01T12:00:00.000Z' }) };
    expect(await judge(pair)).toEqual({ class: 'inFlight' });
    expect(
      await judge({ key: 'a', source: listed('a', { lastModified: '2026-03-01T11:59:59.000Z' }) }, scope(), heads(head(), undefined)),
    ).toEqual({ class: 'missing' });
  });

  it('puts objects older than the rule out of scope when historical replication is off', async () => {
    const old = { key: 'a', source: listed('a', { lastModified: '2026-02-28T10:00:00.000Z' }) };
    expect(await judge(old, scope({ historical: false }))).toEqual({ class: 'outOfScope' });
    expect(await judge(old, scope({ historical: true }), heads(head(), undefined))).toEqual({ class: 'missing' });
  });

  it('ignores canary keys on either side', async () => {
    expect(await judge({ key: 'x/.replication-canary/r/20260301T000000Z-n', source: listed('k') })).toEqual({ class: 'ignored' });
    expect(await judge({ key: '.replication-canary/r/20260301T000000Z-n', destination: listed('k') })).toEqual({ class: 'ignored' });
  });

  it('calls a destination-only key extra when the rule replicates deletes, expected when it does not', async () => {
    expect(await judge({ key: 'z', destination: listed('z') }, scope({ replicatesDeletes: true }))).toEqual({ class: 'extra' });
    expect(await judge({ key: 'z', destination: listed('z') }, scope({ replicatesDeletes: false }))).toEqual({ class: 'extraKept' });
  });
});

describe('judgePair with HEADs', () => {
  it('confirms a missing key with one HEAD of the source', async () => {
    const h = heads(head(), undefined);
    expect(await judge({ key: 'a', source: listed('a') }, scope(), h)).toEqual({ class: 'missing' });
    expect(h.asked).toEqual(['source']);
    expect(headsNeeded({ key: 'a', source: listed('a') }, scope())).toBe(1);
  });

  it('counts an SSE-KMS object the rule cannot replicate apart, with the reason', async () => {
    const kms = heads(head({ encryption: { algorithm: 'KMS', keyId: 'k' } }), undefined);
    expect(await judge({ key: 'a', source: listed('a') }, scope(), kms)).toMatchObject({ class: 'unreplicable', reason: 'sse-kms' });
    const replicated = heads(head({ encryption: { algorithm: 'KMS' } }), undefined);
    expect(await judge({ key: 'a', source: listed('a') }, scope({ replicatesKms: true }), replicated)).toEqual({ class: 'missing' });
  });

  it('calls a key whose sizes differ different, naming both sizes', async () => {
    const pair = { key: 'a', source: listed('a'), destination: listed('a', { size: 4 }) };
    expect(await judge(pair)).toEqual({ class: 'different', detail: 'size 10 at the source, 4 at the destination' });
  });

  it('matches equal CRC64s behind different ETags and tells different CRC64s apart', async () => {
    const pair = { key: 'a', source: listed('a'), destination: listed('a', { eTag: 'BBBB-2' }) };
    expect(headsNeeded(pair, scope())).toBe(2);
    expect(await judge(pair, scope(), heads(head(), head({ eTag: 'BBBB-2' })))).toMatchObject({ class: 'matched' });
    expect(await judge(pair, scope(), heads(head(), head({ eTag: 'BBBB-2', crc64: '222' })))).toEqual({
      class: 'different',
      detail: 'ETag and CRC64 differ',
    });
  });

  it('leaves a key rewritten or deleted at the source since the listing in flight', async () => {
    const pair = { key: 'a', source: listed('a') };
    expect(await judge(pair, scope(), heads(head({ lastModified: 'Sun, 01 Mar 2026 12:30:00 GMT' })))).toMatchObject({ class: 'inFlight' });
    expect(await judge(pair, scope(), heads(undefined))).toMatchObject({ class: 'inFlight' });
  });
});

describe('auditScope', () => {
  const owned: OwnedRule = {
    ruleId: 'r',
    policy: 'p',
    destinationBucket: 'd',
    destinationRegion: 'cn-beijing',
    createdAt: '2026-03-01T00:00:00.000Z',
  };
  const live: ReplicationRule = {
    id: 'r',
    prefixes: ['z/', 'a/'],
    actions: ['PUT'],
    destination: { bucket: 'd', location: 'oss-cn-beijing' },
    historicalObjectReplication: 'enabled',
    status: 'doing',
  };
  const progress = (over: Partial<NonNullable<ReplicationProgressRule['progress']>> = {}, status = 'doing'): ReplicationProgressRule =>
    ({ ...live, status, progress: { historicalObject: 1, newObject: '2026-03-01T12:00:00.000Z', ...over } }) as ReplicationProgressRule;

  it('takes prefixes in key order, the watermark and the rule actions from the live rule', () => {
    expect(auditScope(owned, live, progress())).toEqual({
      prefixes: ['a/', 'z/'],
      watermark: WATERMARK,
      ruleCreatedAt: Date.parse(owned.createdAt),
      historical: true,
      replicatesDeletes: false,
      replicatesKms: false,
    });
  });

  it('waits while the backfill of existing objects runs, while the rule starts, and when it is gone', () => {
    expect(auditScope(owned, live, progress({ historicalObject: 0.5 }))).toEqual({ waiting: 'backfill of existing objects at 50.0%' });
    expect(auditScope(owned, live, progress({}, 'starting'))).toEqual({ waiting: 'the rule is starting' });
    expect(auditScope(owned, undefined, progress())).toEqual({ waiting: 'the rule is gone or closing' });
  });
});
