/**
 * Bucket events: the emulator POSTs CloudEvents (as EventBridge would) to subscribed webhooks after
 * PutBucket and PutBucketTags, at least once, with optional duplication and reordering.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type CloudEvent, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { waitFor } from './helpers/rawOss';

const REGION = 'cn-hangzhou';

/** A webhook on 127.0.0.1 that records what it receives and can fail the first N deliveries. */
class Receiver {
  readonly events: CloudEvent[] = [];
  failNext = 0;
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (this.failNext > 0) {
        this.failNext--;
        res.writeHead(500).end();
        return;
      }
      this.events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CloudEvent);
      res.writeHead(200).end();
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  ofBucket(bucket: string): CloudEvent[] {
    const name = (e: CloudEvent) =>
      (e.data.oss as { bucket?: { name?: string } } | undefined)?.bucket?.name ??
      (e.data.referencedResources as Record<string, string[]> | undefined)?.['ACS::OSS::Bucket']?.[0];
    return this.events.filter((e) => name(e) === bucket);
  }
}

let emulator: RunningEmulator;
let oss: OssClient;
let receiver: Receiver;
let counter = 0;
const unique = () => `evt-bucket-${(counter += 1)}`;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [REGION]: 0 }, eventRetry: { baseDelayMs: 5, maxDelayMs: 20 } });
  oss = new OssClient({ region: REGION, credentials: emulator.credentials[0]!, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  receiver = new Receiver();
  await receiver.start();
});

beforeEach(() => {
  emulator.admin.clearSubscriptions();
  receiver.failNext = 0;
});

afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
  await receiver?.stop();
});

/** Field names and value types, recursively: what a handler written against a sample relies on. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/** Byte-for-byte copies of shared/reference/events/ kept in the repository. */
const REFERENCE_DIR = join(__dirname, '../../fixtures/events');
const reference = (file: string): unknown => JSON.parse(readFileSync(join(REFERENCE_DIR, file), 'utf8'));

const requestIdOf = (operation: string, bucket: string) => emulator.admin.requests({ operation, bucket })[0]?.requestId;

describe('bucket events', () => {
  it('sends oss:BucketCreated:PutBucket shaped like the reference sample after PutBucket', async () => {
    emulator.admin.subscribe({ url: receiver.url });
    const bucket = unique();
    await oss.putBucket({ bucket });
    await emulator.admin.flushEvents();
    const created = receiver.ofBucket(bucket).find((e) => e.type === 'oss:BucketCreated:PutBucket');
    expect(created).toMatchObject({
      source: 'acs.oss',
      specversion: '1.0',
      aliyunregionid: REGION,
      subject: `acs:oss:${REGION}:${created?.aliyunaccountid}:${bucket}`,
      data: {
        eventName: 'BucketCreated:PutBucket',
        region: REGION,
        oss: { bucket: { name: bucket } },
        responseElements: { requestId: requestIdOf('PutBucket', bucket) },
      },
    });
  });

  it('sends oss:ActionTrail:ApiCall with the ActionTrail PutBucket record after PutBucket', async () => {
    emulator.admin.subscribe({ url: receiver.url });
    const bucket = unique();
    await oss.putBucket({ bucket });
    await emulator.admin.flushEvents();
    const trail = receiver.ofBucket(bucket).find((e) => e.type === 'oss:ActionTrail:ApiCall');
    const requestId = requestIdOf('PutBucket', bucket);
    expect(trail?.data).toMatchObject({
      eventName: 'PutBucket',
      serviceName: 'Oss',
      eventType: 'ApiCall',
      acsRegion: REGION,
      eventSource: `${bucket}.oss-${REGION}.aliyuncs.com`,
      referencedResources: { 'ACS::OSS::Bucket': [bucket] },
      requestId,
      eventId: requestId,
    });
  });

  it('sends an ActionTrail PutBucketTags record after PutBucketTags', async () => {
    const bucket = unique();
    await oss.putBucket({ bucket });
    emulator.admin.subscribe({ url: receiver.url });
    await oss.putBucketTags({ bucket }, [{ key: 'replication-policy', value: 'dr' }]);
    await emulator.admin.flushEvents();
    const events = receiver.ofBucket(bucket);
    expect(events.map((e) => [e.type, e.data.eventName])).toEqual([['oss:ActionTrail:ApiCall', 'PutBucketTags']]);
    expect(events[0]?.data.requestId).toBe(requestIdOf('PutBucketTags', bucket));
  });

  it.each([
    ['oss:BucketCreated:PutBucket', 'PutBucket', 'oss-bucketcreated-putbucket.cloudevent.json'],
    ['oss:ActionTrail:ApiCall', 'PutBucket', 'actiontrail-putbucket.cloudevent.json'],
    ['oss:ActionTrail:ApiCall', 'PutBucketTags', 'actiontrail-putbuckettags.cloudevent.json'],
  ])('sends %s for %s with exactly the fields and value types of %s', async (type, operation, file) => {
    const bucket = unique();
    if (operation === 'PutBucketTags') await oss.putBucket({ bucket });
    emulator.admin.subscribe({ url: receiver.url });
    if (operation === 'PutBucketTags') await oss.putBucketTags({ bucket }, [{ key: 'k', value: 'v' }]);
    else await oss.putBucket({ bucket });
    await emulator.admin.flushEvents();
    const sent = receiver.ofBucket(bucket).find((e) => e.type === type && String(e.data.eventName).endsWith(operation));
    expect(sent).toBeDefined();
    expect(shape(sent)).toEqual(shape(reference(file)));
  });

  it('gives every event its own id', async () => {
    emulator.admin.subscribe({ url: receiver.url });
    const bucket = unique();
    await oss.putBucket({ bucket });
    await oss.putBucketTags({ bucket }, [{ key: 'k', value: 'v' }]);
    await emulator.admin.flushEvents();
    const ids = receiver.ofBucket(bucket).map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('retries a delivery the receiver answers with 500 until it gets a 2xx', async () => {
    const bucket = unique();
    await oss.putBucket({ bucket });
    const sub = emulator.admin.subscribe({ url: receiver.url });
    const before = receiver.events.length;
    receiver.failNext = 2;
    await oss.putBucketTags({ bucket }, [{ key: 'k', value: 'v' }]);
    await emulator.admin.flushEvents();
    expect(receiver.events.length).toBe(before + 1);
    const delivery = emulator.admin
      .deliveries()
      .filter((d) => d.subscriptionId === sub.id)
      .pop();
    expect(delivery).toMatchObject({ attempts: 3, status: 200 });
  });

  it('delivers the same event id twice when duplication is injected', async () => {
    emulator.admin.subscribe({ url: receiver.url, duplicateRate: 1 });
    const bucket = unique();
    await oss.putBucket({ bucket });
    await emulator.admin.flushEvents();
    const ids = receiver.ofBucket(bucket).map((e) => e.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
  });

  it('delivers an event after the next one when reordering is injected', async () => {
    const bucket = unique();
    await oss.putBucket({ bucket });
    emulator.admin.subscribe({ url: receiver.url, reorderRate: 1 });
    await oss.putBucketTags({ bucket }, [{ key: 'n', value: '1' }]);
    await oss.putBucketTags({ bucket }, [{ key: 'n', value: '2' }]);
    await emulator.admin.flushEvents();
    const requestIds = emulator.admin.requests({ operation: 'PutBucketTags', bucket }).map((r) => r.requestId);
    expect(receiver.ofBucket(bucket).map((e) => e.data.requestId)).toEqual([...requestIds].reverse());
  });

  it('accepts subscriptions through the admin HTTP API', async () => {
    const res = await fetch(`${emulator.adminUrl}/subscriptions`, { method: 'POST', body: JSON.stringify({ url: receiver.url }) });
    expect(res.status).toBe(200);
    const bucket = unique();
    await oss.putBucket({ bucket });
    await waitFor(async () => (receiver.ofBucket(bucket).length === 2 ? true : undefined));
  });
});
