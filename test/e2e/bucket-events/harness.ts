/**
 * The end-to-end world of bucket-events and reconcile: the emulator on loopback (three regions),
 * the official ali-oss SDK acting as the user, a local HTTP server that receives the emulator's
 * CloudEvents and invokes the real bucket-events handler with the body as a Buffer (answering 500
 * when the handler throws, so the emulator redelivers as FC's async retry would), and an alert
 * inbox behind the policy's webhook channel. OSS is never mocked.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OSS from 'ali-oss';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import type { ReplicationLocationTable } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { compilePolicyObject } from '../../../shared/policy/compile';
import type { PolicyDocument } from '../../../shared/policy/types';
import { isOwned, ruleOwnership } from '../../../shared/replication/ruleIds';
import { readConfig, type RuntimeConfig } from '../../../shared/runtime/config';
import type { FcContext } from '../../../shared/runtime/fcContext';
import type { WebhookBody } from '../../../shared/alerts';
import type { ReplicationRule } from '../../../shared/xml/types';

export const HZ = 'cn-hangzhou';
export const BJ = 'cn-beijing';
export const SH = 'cn-shanghai';
export const STATE_BUCKET = 'autopilot-state';
export const ACCOUNT = '1234567890123456';
export const PREFIX = 'autopilot-';
/** Fast emulator timings keep every file well under 15 s. */
export const CLOSING_MS = 250;
/** Short ensure waits for the handlers (the defaults are sized for real OSS). */
export const ENSURE_SEAMS = { closingWaitMs: 600, closingPollMs: 50, leaseTtlMs: 10_000 } as const;
export const ALERT_SEAMS = { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, timeoutMs: 2000 } as const;

/** The ali-oss calls used here (@types/ali-oss lacks the tag and versioning calls). */
export interface SdkClient {
  putBucket(name: string): Promise<unknown>;
  putBucketTags(name: string, tags: Record<string, string>): Promise<unknown>;
  deleteBucketTags(name: string): Promise<unknown>;
  putBucketVersioning(name: string, status: 'Enabled' | 'Suspended'): Promise<unknown>;
  put(key: string, body: Buffer): Promise<unknown>;
  get(key: string): Promise<{ content: Buffer }>;
}

let counter = 0;
export const unique = (stem: string): string => `${stem}-${Date.now().toString(36).slice(-4)}${(counter += 1)}`;
export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A policy document built for the tests: two policies, one webhook channel (`inbox`). */
export function testPolicy(overrides: Record<string, unknown> = {}): PolicyDocument {
  return compilePolicyObject({
    version: 1,
    selector: { tagKey: 'replication-policy' },
    policies: {
      'dr-beijing': {
        destination: { region: BJ, bucket: '{bucket}-dr', create: true },
        mode: 'crr',
        prefixes: [],
        actions: ['ALL'],
        historical: true,
        alerts: { channels: ['inbox'] },
      },
      'dr-shanghai': { destination: { region: SH, bucket: '{bucket}-dr2', create: true }, mode: 'crr', alerts: { channels: ['inbox'] } },
    },
    channels: { inbox: { type: 'webhook', url: '${env:ALERT_URL}' } },
    guardrails: { destinationRegions: [BJ, SH], destinationBuckets: ['*-dr', '*-dr2'], maxChangesPerRun: 200 },
    onUntag: 'keep',
    ...overrides,
  });
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The alert channel's far end: every webhook body received, in order. */
export class AlertInbox {
  readonly received: WebhookBody[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void body(req).then((b) => {
        this.received.push(JSON.parse(b.toString('utf8')) as WebhookBody);
        res.writeHead(200).end('{}');
      });
    });
    this.url = await listen(this.server);
  }

  /** Blocked-alert notifications received so far, flattened. */
  blocked(): Array<{ bucket: string; reason: string; summary: string; type: string }> {
    return this.received.flatMap((b) =>
      (b.notifications ?? [])
        .filter((n) => n.incident.kind === 'replication-blocked')
        .map((n) => ({
          bucket: n.incident.rule.bucket,
          reason: String(n.incident.facts.reason),
          summary: n.incident.summary,
          type: n.type,
        })),
    );
  }

  clear(): void {
    this.received.length = 0;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

export type Invoke = (event: unknown, context: FcContext) => Promise<unknown>;

/** Receives the emulator's CloudEvents and hands each body, as a Buffer, to a handler. */
export class EventReceiver {
  readonly outcomes: Array<{ ok: boolean; value: unknown }> = [];
  private server?: Server;
  url = '';

  constructor(
    private readonly invoke: Invoke,
    private readonly context: () => FcContext,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void body(req).then(async (b) => {
        try {
          const value = await this.invoke(b, this.context());
          this.outcomes.push({ ok: true, value });
          res.writeHead(200).end('{}');
        } catch (error) {
          // FC retries an async invocation that throws; the emulator redelivers on a non-2xx.
          this.outcomes.push({ ok: false, value: error });
          res.writeHead(500).end('{}');
        }
      });
    });
    this.url = await listen(this.server);
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

export interface World {
  readonly emulator: RunningEmulator;
  readonly oss: OssClient;
  readonly inbox: AlertInbox;
  config(extra?: Record<string, string>): RuntimeConfig;
  context(timeoutSeconds?: number): FcContext;
  /** ali-oss client for a region (and a bucket, for object calls), as a user would create one. */
  sdk(region?: string, bucket?: string): SdkClient;
  stop(): Promise<void>;
}

export async function startWorld(options: { replicationLocations?: ReplicationLocationTable } = {}): Promise<World> {
  const emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0, [SH]: 0 },
    ruleStartingMs: 100,
    ruleClosingMs: CLOSING_MS,
    replicationDelayMs: 50,
    tickMs: 10,
    accountId: ACCOUNT,
    eventRetry: { baseDelayMs: 50, maxDelayMs: 300 },
    ...(options.replicationLocations ? { replicationLocations: options.replicationLocations } : {}),
  });
  const credentials = emulator.credentials[0]!;
  const oss = new OssClient({
    region: HZ,
    credentials,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
    retry: { maxAttempts: 1 },
  });
  await oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  const inbox = new AlertInbox();
  await inbox.start();
  let requests = 0;
  const sdks = new Map<string, SdkClient>();
  return {
    emulator,
    oss,
    inbox,
    config: (extra = {}) =>
      readConfig({
        STATE_BUCKET,
        STATE_REGION: HZ,
        FC_REGION: HZ,
        OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
        ALERT_URL: inbox.url,
        LOG_LEVEL: 'silent',
        ...extra,
      }),
    context: (timeoutSeconds = 60) => ({
      requestId: `req-${(requests += 1)}`,
      credentials: { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret },
      region: HZ,
      accountId: ACCOUNT,
      function: { timeout: timeoutSeconds },
    }),
    sdk: (region = HZ, bucket?: string) => {
      const id = `${region}/${bucket ?? ''}`;
      const existing = sdks.get(id);
      if (existing) return existing;
      const options = {
        region: `oss-${region}`,
        endpoint: emulator.endpoints[region],
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        ...(bucket ? { bucket } : {}),
      };
      const client = new OSS(options as ConstructorParameters<typeof OSS>[0]) as unknown as SdkClient;
      sdks.set(id, client);
      return client;
    },
    async stop() {
      oss.destroy();
      await inbox.stop();
      await emulator.stop();
    },
  };
}

/** Creates a bucket with ali-oss (optionally versioned) and tags it, as a user would. */
export async function userBucket(
  world: World,
  stem: string,
  options: { tag?: string; versioned?: boolean; region?: string } = {},
): Promise<string> {
  const name = unique(stem);
  const sdk = world.sdk(options.region ?? HZ);
  await sdk.putBucket(name);
  if (options.versioned) await sdk.putBucketVersioning(name, 'Enabled');
  if (options.tag !== undefined) await sdk.putBucketTags(name, { 'replication-policy': options.tag });
  return name;
}

export async function rulesOf(world: World, bucket: string, region = HZ): Promise<ReplicationRule[]> {
  return (await world.oss.getBucketReplication({ bucket, region })).rules;
}

/** Owned rules that are not closing: what the deployment with `stateBucket` keeps in place. */
export async function activeOwned(world: World, bucket: string, region = HZ, stateBucket = STATE_BUCKET): Promise<ReplicationRule[]> {
  const ownership = ruleOwnership(PREFIX, stateBucket, []);
  return (await rulesOf(world, bucket, region)).filter((r) => isOwned(r.id, ownership) && r.status !== 'closing');
}

/** One delivery of an event body as FC's async invocation treats it: redelivered while the handler throws. */
export interface DeliveryRecord {
  /** Invocations until the handler returned (at most maxAttempts). */
  readonly attempts: number;
  /** From the first invocation to the acknowledging one (or the last attempt). */
  readonly ms: number;
  /** The first trigger's outcome in the acknowledging response, or `exhausted`. */
  readonly outcome: string;
}

/**
 * Delivers every body at once, concurrently, to `invoke`, and redelivers a body whose invocation
 * threw after `retryDelayMs` (FC retries an async invocation that throws), up to `maxAttempts`
 * invocations per body.
 */
export async function deliverConcurrently(
  invoke: Invoke,
  bodies: readonly Buffer[],
  context: () => FcContext,
  options: { readonly maxAttempts: number; readonly retryDelayMs?: number },
): Promise<DeliveryRecord[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const started = Date.now();
      for (let attempt = 1; ; attempt += 1) {
        try {
          const response = (await invoke(body, context())) as { ok: boolean; result?: { buckets?: Array<{ outcome: string }> } };
          return {
            attempts: attempt,
            ms: Date.now() - started,
            outcome: response.result?.buckets?.[0]?.outcome ?? (response.ok ? 'none' : 'failed'),
          };
        } catch {
          if (attempt >= options.maxAttempts) return { attempts: attempt, ms: Date.now() - started, outcome: 'exhausted' };
          await sleep(options.retryDelayMs ?? 0);
        }
      }
    }),
  );
}

/** Polls until `probe` returns a value (or fails after `timeoutMs`). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
