/**
 * The local stack end to end, in-process on ephemeral ports: a user creates and tags a bucket with
 * ali-oss; the emulator's bucket event reaches the real bucket-events handler, the rule appears,
 * the verify timer proves it with a canary, and the dashboard JSON reflects it all.
 */
import OSS from 'ali-oss';
import { captureIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { startStack } from '../../../local/stack/startStack';
import type { RunningStack, StackStatus } from '../../../local/stack/types';
import { OssClient } from '../../../shared/oss/client';
import { compilePolicy } from '../../../shared/policy/compile';

/** PUT-only keeps the canary to one phase (no wait for a replicated delete); no verify delay. */
const POLICY = compilePolicy(`
version: 1
selector: { tagKey: replication-policy }
policies:
  dr-beijing:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [PUT]
    verify: { delaySeconds: 0, timeoutSeconds: 60 }
    alerts: { channels: [webhook] }
channels:
  webhook: { type: webhook, url: "\${env:ALERT_WEBHOOK_URL}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"], maxChangesPerRun: 50 }
onUntag: keep
`);

interface TaggingSdk {
  putBucket(name: string): Promise<unknown>;
  putBucketTags(name: string, tags: Record<string, string>): Promise<unknown>;
}

let stack: RunningStack;
let oss: OssClient;
let sdk: TaggingSdk;
let stopped = false;

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const apiStatus = async (): Promise<StackStatus> => (await (await fetch(`${stack.dashboardUrl}api/status`)).json()) as StackStatus;
const unique = (stem: string) => `${stem}-${Math.random().toString(36).slice(2, 8)}`;

async function userCreatesTaggedBucket(stem: string, policy: string): Promise<string> {
  const bucket = unique(stem);
  await sdk.putBucket(bucket);
  await sdk.putBucketTags(bucket, { 'replication-policy': policy });
  return bucket;
}

beforeAll(async () => {
  stack = await startStack({
    port: 0,
    regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 },
    policy: POLICY,
    intervals: { reconcileMs: 60_000, verifyMs: 300, monitorMs: 500 },
    ruleStartingMs: 100,
    ruleClosingMs: 100,
    replicationDelayMs: 50,
    logLevel: 'silent',
    logSink: () => undefined,
  });
  const credentials = stack.emulator.credentials[0]!;
  oss = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: stack.endpoints } });
  sdk = new OSS({
    region: 'oss-cn-hangzhou',
    endpoint: stack.endpoints['cn-hangzhou'],
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
  }) as unknown as TaggingSdk;
});

afterAll(async () => {
  oss?.destroy();
  if (!stopped) await stack?.stop();
});

describe('local stack', () => {
  it('creates the replication rule when a user tags a bucket with ali-oss', async () => {
    const bucket = await userCreatesTaggedBucket('photos', 'dr-beijing');
    const rule = await waitFor('owned rule', async () =>
      (await oss.getBucketReplication({ bucket })).rules.find((r) => r.id?.startsWith('autopilot-dr-beijing-')),
    );
    expect(rule.destination).toEqual(expect.objectContaining({ bucket: `${bucket}-dr`, location: 'oss-cn-beijing' }));
  });

  it('proves the new rule with a canary and shows it in /api/status', async () => {
    const bucket = await userCreatesTaggedBucket('proven', 'dr-beijing');
    const view = await waitFor('verified canary in /api/status', async () => {
      const b = (await apiStatus()).buckets.find((x) => x.bucket === bucket);
      return b?.rules[0]?.lastCanary?.outcome === 'arrived' ? b : undefined;
    });
    expect(view.rules[0]).toMatchObject({
      policy: 'dr-beijing',
      destination: `${bucket}-dr`,
      destinationRegion: 'cn-beijing',
      liveStatus: 'doing',
    });
    expect(view.incidents).toEqual([]);
  });

  it('reports routed events, timer runs and the emulator endpoints in /api/status', async () => {
    const status = await waitFor('timer runs', async () => {
      const s = await apiStatus();
      return s.timers.find((t) => t.name === 'monitor')?.last ? s : undefined;
    });
    expect(status.eventsRouted).toBeGreaterThan(0);
    expect(status.timers.find((t) => t.name === 'verify')?.last?.ok).toBe(true);
    expect(status.emulator.endpoints).toEqual(stack.endpoints);
  });

  it('delivers a blocked bucket alert to the webhook inbox', async () => {
    const bucket = await userCreatesTaggedBucket('unknown', 'no-such-policy');
    const message = await waitFor('inbox message', async () =>
      (await apiStatus()).inbox.find((m) => JSON.stringify(m.body).includes(bucket)),
    );
    expect(JSON.stringify(message.body)).toContain('no-such-policy');
  });

  it('shows the open incident of a blocked bucket in /api/status and in cli status, both read from alerts/blocked.json', async () => {
    const bucket = await userCreatesTaggedBucket('blocked', 'no-such-policy');
    const incident = await waitFor('incident in /api/status', async () => (await apiStatus()).incidents.find((i) => i.bucket === bucket));
    expect(incident).toMatchObject({
      kind: 'replication-blocked',
      state: 'open',
      source: 'blocked',
      summary: expect.stringContaining('no-such-policy'),
    });
    const credentials = stack.emulator.credentials[0]!;
    const io = captureIo({
      ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    });
    const emulator = Object.entries(stack.endpoints)
      .map(([region, url]) => `${region}=${url}`)
      .join(',');
    const code = await runCli(['status', '--bucket', bucket, '--emulator', emulator, '--state-bucket', stack.stateBucket], io);
    const line = `${bucket}: replication-blocked (warning) on (not created), open since ${incident.openedAt}: ${incident.summary}`;
    expect([code, io.stdout.join('\n')]).toEqual([0, expect.stringContaining(line)]);
  });

  const press = async (action: string, body: unknown) => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(`${stack.dashboardUrl}api/rules/${action}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function provenRule(stem: string): Promise<{ bucket: string; ruleId: string; canaries: number }> {
    const bucket = await userCreatesTaggedBucket(stem, 'dr-beijing');
    const rule = await waitFor('arrived canary', async () => {
      const r = (await apiStatus()).buckets.find((x) => x.bucket === bucket)?.rules[0];
      return r?.lastCanary?.outcome === 'arrived' ? r : undefined;
    });
    return { bucket, ruleId: rule.ruleId, canaries: rule.canaries.length };
  }

  it("pauses and resumes a rule's replication in the emulator from the dashboard's buttons", async () => {
    const { bucket, ruleId } = await provenRule('pausing');
    const paused = () =>
      stack.emulator.admin
        .state()
        .buckets.find((b) => b.name === bucket)
        ?.rules.find((r) => r.id === ruleId)?.paused;
    expect((await press('pause', { bucket, ruleId })).status).toBe(200);
    const shown = (await apiStatus()).buckets.find((b) => b.bucket === bucket)?.rules[0]?.paused;
    expect([paused(), shown]).toEqual([true, true]);
    expect((await press('resume', { bucket, ruleId })).status).toBe(200);
    expect(paused()).toBe(false);
  });

  it("runs a canary now: one more arrival in the rule's canary history", async () => {
    const { bucket, ruleId, canaries } = await provenRule('on-demand');
    const answer = await press('canary', { bucket, ruleId });
    expect(answer).toMatchObject({ status: 202, body: { ok: true, dueAt: expect.any(String) } });
    // Two verify ticks (write, then check) and a replication: on a loaded machine that takes longer than the default wait.
    const rule = await waitFor(
      'second canary',
      async () => {
        const r = (await apiStatus()).buckets.find((x) => x.bucket === bucket)?.rules[0];
        return r && r.canaries.length > canaries ? r : undefined;
      },
      20_000,
    );
    expect(rule.canaries.at(-1)).toMatchObject({ outcome: 'arrived', latencyMs: expect.any(Number) });
  });

  it('refuses a second canary while one is pending (409) and a rule the deployment does not manage (404)', async () => {
    const { bucket, ruleId } = await provenRule('refusals');
    stack.emulator.admin.pauseReplication(bucket, ruleId); // keeps the first canary pending
    try {
      expect((await press('canary', { bucket, ruleId })).status).toBe(202);
      expect((await press('canary', { bucket, ruleId })).status).toBe(409);
      expect((await press('pause', { bucket, ruleId: 'someone-elses-rule' })).status).toBe(404);
    } finally {
      stack.emulator.admin.resumeReplication(bucket, ruleId);
    }
  });

  it('serves the dashboard page', async () => {
    const response = await fetch(stack.dashboardUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>OSS Replication Autopilot: local stack</title>');
  });

  it('stops cleanly: the dashboard and the emulator stop answering', async () => {
    const dashboard = stack.dashboardUrl;
    const endpoint = stack.endpoints['cn-hangzhou']!;
    await stack.stop();
    stopped = true;
    await expect(fetch(dashboard)).rejects.toThrow();
    await expect(fetch(endpoint)).rejects.toThrow();
  });
});
