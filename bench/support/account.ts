/**
 * The account the bench measures: N buckets in cn-hangzhou, every third tagged with the policy
 * `dr-beijing` (a copy to `<bucket>-dr` in cn-beijing), the state bucket, and the policy the bundles
 * are built with for the run. Names follow a pattern of the bench's own (NAME_PATTERN), so a request
 * can be charged to its bucket from the emulator's log (requestCounts.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OssClient } from '../../shared/oss';
import { compilePolicyObject, type PolicyDocument } from '../../shared/policy';
import type { EmulatorProcess } from './emulatorProcess';

export const HZ = 'cn-hangzhou';
export const BJ = 'cn-beijing';
export const STATE_BUCKET = 'autopilot-state';
export const ACCOUNT_ID = '1234567890123456';
export const TAG_KEY = 'replication-policy';
export const POLICY_NAME = 'dr-beijing';
/** Seconds a canary waits before verify checks it (the policy default is 60: the bench would mostly wait). */
export const CANARY_DELAY_SECONDS = 1;

export const bucketName = (i: number): string => `bk-${String(i).padStart(6, '0')}`;
/** Buckets created during the run (bucket-events' new buckets). */
export const newBucketName = (i: number): string => `bkn-${String(i).padStart(6, '0')}`;
export const NAME_PATTERN = /bkn?-\d{6}/;

/** The policy of config/policy.yaml's `dr-beijing`, without a change cap a large account would hit and with a short canary delay. */
export function benchPolicy(): PolicyDocument {
  return compilePolicyObject({
    version: 1,
    selector: { tagKey: TAG_KEY },
    policies: {
      [POLICY_NAME]: {
        destination: { region: BJ, bucket: '{bucket}-dr', create: true },
        mode: 'crr',
        verify: { delaySeconds: CANARY_DELAY_SECONDS, timeoutSeconds: 300 },
      },
    },
    channels: {},
    guardrails: { destinationRegions: [BJ], destinationBuckets: ['*-dr'], maxChangesPerRun: 1_000_000 },
    onUntag: 'keep',
  });
}

/** The environment s.yaml gives the functions, pointed at the emulator (shared/runtime/config.ts reads it). */
export function functionEnv(emulator: EmulatorProcess): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    STATE_BUCKET,
    STATE_REGION: HZ,
    FC_REGION: HZ,
    OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
    LOG_LEVEL: 'warn',
  };
}

export function ossClient(emulator: EmulatorProcess): OssClient {
  return new OssClient({ region: HZ, credentials: emulator.credentials, endpoint: { kind: 'map', endpoints: { ...emulator.endpoints } } });
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export interface Account {
  readonly tagged: ReadonlySet<string>;
  readonly untagged: ReadonlySet<string>;
  /** The destinations the policy gives the tagged buckets (once reconcile has created them, listed buckets too). */
  readonly destinations: ReadonlySet<string>;
}

/** The policy's destination template, `{bucket}-dr`. */
export const destinationOf = (bucket: string): string => `${bucket}-dr`;

/** The state bucket and `count` buckets, every third tagged. */
export async function seedAccount(oss: OssClient, count: number): Promise<Account> {
  await oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  const names = Array.from({ length: count }, (_, i) => bucketName(i));
  const tagged = names.filter((_, i) => i % 3 === 0);
  await inParallel(names, 32, (bucket) => oss.putBucket({ bucket, region: HZ }));
  await inParallel(tagged, 32, (bucket) => oss.putBucketTags({ bucket, region: HZ }, [{ key: TAG_KEY, value: POLICY_NAME }]));
  const taggedSet = new Set(tagged);
  return { tagged: taggedSet, untagged: new Set(names.filter((n) => !taggedSet.has(n))), destinations: new Set(tagged.map(destinationOf)) };
}

/** Receives the emulator's CloudEvents (a subscription), as EventBridge would hand them to bucket-events. */
export class EventInbox {
  private readonly bodies: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Events received for `bucket`, in the order they arrived (the bucket's name is in each event's data). */
  eventsFor(bucket: string): string[] {
    return this.bodies.filter((b) => b.includes(`"${bucket}"`) || b.includes(`${bucket}.oss-`) || b.includes(`:${bucket}"`));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The events a function with `trigger` receives from a timer (fc-and-events.md §2.1). */
export function timerEvent(name: string): string {
  return JSON.stringify({ triggerTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), triggerName: `bench-${name}`, payload: '' });
}

/** An OSS event bucket-events does not handle: ignored, acknowledged. */
export function ignoredEvent(): string {
  return JSON.stringify({
    id: 'bench-ignored',
    source: 'acs.oss',
    specversion: '1.0',
    type: 'oss:ObjectCreated:PutObject',
    subject: `acs:oss:${HZ}:${ACCOUNT_ID}:${STATE_BUCKET}/ignored`,
    time: new Date().toISOString(),
    data: {},
  });
}
