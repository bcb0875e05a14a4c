/**
 * The monitor with a `cloudmonitor` channel, end to end: the real handler and pop-core's RPC client
 * against a loopback CloudMonitor stand-in that checks pop-core's HMAC-SHA1 signature with the
 * function's credentials (test/integration/alerts/services.ts) and answers like the service.
 */
import { makeMonitorHandler } from '../../../functions/monitor/handler';
import type { MonitorSummary } from '../../../functions/monitor/types';
import { makeVerifyHandler } from '../../../functions/verify/handler';
import type { VerifySummary } from '../../../functions/verify/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { Receiver } from '../../integration/alerts/receiver';
import { invokeTimer } from './jobs';
import { cloudMonitorService } from '../../integration/alerts/services';
import {
  bucketState,
  CREDENTIALS,
  DEST_REGION,
  managedBucket,
  monitoredSamples,
  SOURCE_REGION,
  proveCanary,
  sleep,
  startWorld,
  type World,
} from '../verify/harness';

const MINUTE = 60_000;
let world: World;
let cms: Receiver;

beforeAll(async () => {
  [world, cms] = await Promise.all([
    startWorld(),
    new Receiver()
      .on('/', (r) =>
        mode === 'ok'
          ? service(r)
          : {
              status: 503,
              body: { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' },
            },
      )
      .start(),
  ]);
});
afterAll(async () => {
  await Promise.all([world.stop(), cms.close()]);
});
beforeEach(async () => {
  mode = 'ok';
  await world.freshState();
  world.offsetMs += 61 * MINUTE;
});

const invoke = <R>(handler: (e: unknown, c: never) => Promise<HandlerResponse<R>>): Promise<R> => invokeTimer(world, handler);

/** What the stand-in does: answer as CloudMonitor does, or fail as it does when it is unavailable. */
let mode: 'ok' | 'unavailable' = 'ok';
const service = cloudMonitorService(CREDENTIALS.accessKeySecret);

const monitor = (): Promise<MonitorSummary> =>
  invoke(
    makeMonitorHandler(world.policy, {
      config: world.config(),
      now: () => world.now(),
      incidents: { quietMinutes: 10, reminderMinutes: 60 },
      alerts: {
        cloudMonitorEndpoint: cms.url(''),
        timeoutMs: 2000,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
        sleep: async () => undefined,
      },
    }),
  );
const verify = (): Promise<VerifySummary> => invoke(makeVerifyHandler(world.policy, { config: world.config(), now: () => world.now() }));

/** Form parameters of the accepted CloudMonitor calls since `from`, of one action. */
function calls(action: string, from: number): URLSearchParams[] {
  return cms.requests
    .slice(from)
    .map((r) => new URLSearchParams(r.body))
    .filter((p) => p.get('Action') === action);
}

/** `MetricList.N.*` of the calls, as objects, for one source bucket. */
function metricsFor(params: URLSearchParams[], bucket: string): Array<{ name: string; value: number; dimensions: Record<string, string> }> {
  const out: Array<{ name: string; value: number; dimensions: Record<string, string> }> = [];
  for (const p of params) {
    for (let n = 1; p.has(`MetricList.${n}.MetricName`); n++) {
      const dimensions = JSON.parse(p.get(`MetricList.${n}.Dimensions`)!) as Record<string, string>;
      if (dimensions['src'] !== bucket) continue;
      out.push({
        name: p.get(`MetricList.${n}.MetricName`)!,
        value: (JSON.parse(p.get(`MetricList.${n}.Values`)!) as { value: number }).value,
        dimensions,
      });
    }
  }
  return out;
}

describe('monitor with a CloudMonitor channel', () => {
  it('sends PutCustomMetric with lag seconds, backfill fraction and canary latency from the state it read, signed with the function credentials', async () => {
    const { bucket, destination, ruleId } = await managedBucket(world, 'cmsm', 'dr-cms');
    await proveCanary(world, verify, destination);
    const from = cms.requests.length;
    const summary = await monitor();
    expect(summary.deliveries.find((d) => d.channel === 'cms')).toMatchObject({ ok: true });
    expect(cms.requests.slice(from).every((r) => r.method === 'POST')).toBe(true);

    const metrics = metricsFor(calls('PutCustomMetric', from), bucket);
    const state = await bucketState(world, bucket);
    const sample = (await monitoredSamples(world, bucket)).at(-1)!;
    const canary = state.canaries[state.canaries.length - 1]!;
    const value = (name: string) => metrics.find((m) => m.name === name)?.value;
    expect(metrics[0]!.dimensions).toEqual({ src: bucket, dst: destination, rule: ruleId });
    expect(value('historical_progress')).toBe(sample.historical);
    expect(value('canary_latency_seconds')).toBe(canary.latencyMs! / 1000);
    expect(value('canary_latency_seconds')).toBeGreaterThan(0);
    expect(value('canary_success')).toBe(1);
    // The watermark trails the run's clock by the few ms the emulator took to answer.
    expect(value('replication_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value('replication_lag_seconds')).toBeLessThanOrEqual(1);
  });

  it('sends the metrics again on the next run (a data point every 5 minutes), not only with the daily digest', async () => {
    const { bucket } = await managedBucket(world, 'cmsr', 'dr-cms');
    await monitor();
    world.offsetMs += 5 * MINUTE;
    const from = cms.requests.length;
    await monitor();
    expect(metricsFor(calls('PutCustomMetric', from), bucket).map((m) => m.name)).toContain('replication_lag_seconds');
  });

  it('sends PutCustomEvent for an opened incident and for its recovery, naming bucket, rule and destination', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'cmse', 'dr-cms');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await world.oss.putObject({ bucket, region: SOURCE_REGION, key: 'data/waits.txt', body: 'waits' });
    world.offsetMs += 6 * MINUTE;
    const from = cms.requests.length;
    expect((await monitor()).notifications.opened).toBe(1);
    const [opened] = calls('PutCustomEvent', from);
    expect(opened!.get('EventInfo.1.EventName')).toBe('ReplicationLagHigh');
    expect(opened!.get('EventInfo.1.GroupId')).toBe('77');
    expect(JSON.parse(opened!.get('EventInfo.1.Content')!)).toMatchObject({
      type: 'opened',
      bucket,
      region: SOURCE_REGION,
      ruleId,
      destinationBucket: destination,
      destinationRegion: DEST_REGION,
    });

    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(100);
    world.offsetMs += MINUTE;
    expect((await monitor()).findings).toEqual([]);
    world.offsetMs += 11 * MINUTE;
    const before = cms.requests.length;
    expect((await monitor()).notifications.resolved).toBe(1);
    expect(calls('PutCustomEvent', before).map((p) => p.get('EventInfo.1.EventName'))).toEqual(['ReplicationLagHighResolved']);
    expect(calls('PutCustomEvent', from)).toHaveLength(2);
  });

  it('keeps an incident event CloudMonitor did not take (503, retried) and sends it on the next run', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'cmsx', 'dr-cms');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    mode = 'unavailable';
    const from = cms.requests.length;
    const failed = await monitor();
    expect(failed.deliveries.find((d) => d.channel === 'cms')).toMatchObject({ ok: false, attempts: 2, failure: 'ALERT_REJECTED' });
    expect(calls('PutCustomEvent', from)).toHaveLength(2); // the first try and one retry

    mode = 'ok';
    world.offsetMs += 5 * MINUTE;
    const later = cms.requests.length;
    expect((await monitor()).notifications.opened).toBe(0);
    expect(calls('PutCustomEvent', later).map((p) => p.get('EventInfo.1.EventName'))).toEqual(['ReplicationRuleGone']);
  });
});
