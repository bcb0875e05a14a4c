/**
 * OSS may answer with an enumeration value this code does not know. Through the real bucket-events
 * handler, against the emulator behind a proxy that rewrites its answers (requests and signatures
 * untouched): such a rule is left exactly as it is and reported, such a versioning state stops ensure
 * before any change, and both are logged.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary } from '../../../functions/bucket-events/job';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { proxyAll } from '../../integration/helpers/rewritingProxy';
import { asBuffer, bucketCreatedEvent } from './events';
import { ALERT_SEAMS, ENSURE_SEAMS, activeOwned, startWorld, testPolicy, userBucket, waitFor, type World } from './harness';

let world: World;
let proxy: Awaited<ReturnType<typeof proxyAll>>;
const policy = testPolicy();

beforeAll(async () => {
  world = await startWorld();
  proxy = await proxyAll(world.emulator.endpoints);
});
afterAll(async () => {
  await proxy?.close();
  await world?.stop();
});
beforeEach(() => {
  proxy.set(() => undefined);
  world.inbox.clear();
});

async function invoke(bucket: string, log?: string[]): Promise<BucketEventsSummary> {
  const config = world.config({ OSS_ENDPOINTS: JSON.stringify(proxy.endpoints), LOG_LEVEL: 'info' });
  const handler = makeBucketEventsHandler(policy, { config, ensure: ENSURE_SEAMS, alerts: ALERT_SEAMS, sink: (line) => log?.push(line) });
  const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as HandlerResponse<BucketEventsSummary>;
  if (!response.ok) throw new Error(`${response.reason}: ${response.message}`);
  return response.result;
}

/** Answers of `operation`'s sub-resource on `bucket` with `from` replaced by `to`. */
function rewriting(bucket: string, subresource: string, from: RegExp, to: string) {
  return (req: { method: string; url: string }, body: string): string | undefined =>
    req.method === 'GET' && req.url.startsWith(`/${bucket}/`) && req.url.includes(`?${subresource}`) ? body.replace(from, to) : undefined;
}

const calls = (operation: string, bucket: string): number => world.emulator.admin.requests({ operation, bucket }).length;

describe('bucket-events: a rule in a state this code does not know', () => {
  it('is left exactly as it is, reported as blocked with the value, alerted and logged', async () => {
    const bucket = await userBucket(world, 'paused', { tag: 'dr-beijing' });
    expect((await invoke(bucket)).buckets[0]).toMatchObject({ outcome: 'created' });
    const [rule] = await waitFor(async () =>
      (await activeOwned(world, bucket))[0]?.status === 'doing' ? activeOwned(world, bucket) : undefined,
    );
    const [adds, deletes] = [calls('PutBucketReplication', bucket), calls('DeleteBucketReplication', bucket)];

    proxy.set(rewriting(bucket, 'replication', /<Status>doing<\/Status>/g, '<Status>paused</Status>'));
    const log: string[] = [];
    const result = (await invoke(bucket, log)).buckets[0]!;

    expect(result).toMatchObject({ outcome: 'blocked', reason: 'UnrecognisedRule' });
    expect(result.message).toContain(`rule ${rule!.id} on ${bucket} reports Status "paused"`);
    expect([calls('PutBucketReplication', bucket), calls('DeleteBucketReplication', bucket)]).toEqual([adds, deletes]);
    expect((await activeOwned(world, bucket)).map((r) => r.id)).toEqual([rule!.id]);
    expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket, reason: 'UnrecognisedRule', type: 'opened' })]);
    const warned = log
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['msg'] === 'OSS answered with a value this version does not know: kept as sent, not judged');
    expect(warned[0]).toMatchObject({
      level: 'warn',
      operation: 'GetBucketReplication',
      bucket,
      ruleId: rule!.id,
      values: [{ field: 'Status', value: 'paused' }],
    });
  });
});

describe('bucket-events: a versioning state this code does not know', () => {
  it('stops ensure before any change with a permanent, specific failure', async () => {
    const bucket = await userBucket(world, 'frozen', { tag: 'dr-beijing', versioned: true });
    proxy.set(rewriting(bucket, 'versioning', /<Status>Enabled<\/Status>/, '<Status>Frozen</Status>'));
    const result = (await invoke(bucket)).buckets[0]!;
    expect(result).toMatchObject({ outcome: 'failed' });
    expect(result.message).toContain('UnrecognisedValue: GetBucketVersioning on');
    expect(result.message).toContain('Status "Frozen"');
    expect(calls('PutBucket', `${bucket}-dr`) + calls('PutBucketReplication', bucket)).toBe(0);
    expect(proxy.rewritten()).toBeGreaterThan(0);
  });
});
