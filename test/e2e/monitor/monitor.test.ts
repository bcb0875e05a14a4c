import { makeMonitorHandler } from '../../../functions/monitor/handler';
import type { MonitorSummary } from '../../../functions/monitor/types';
import { loadAlertsState, type WebhookBody } from '../../../shared/alerts';
import {
  bucketState,
  DEST_REGION,
  managedBucket,
  monitoredSamples,
  SOURCE_REGION,
  proveCanary,
  sleep,
  startWorld,
  TIMER_EVENT,
  type World,
} from '../verify/harness';
import { DING_SECRET, HOOK_SECRET, Inbox } from './inbox';
import { timerJobs } from './jobs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let world: World;
let inbox: Inbox;
const monitor = (): ReturnType<ReturnType<typeof timerJobs>['monitor']> => timerJobs(world, inbox).monitor();
const verify = (): ReturnType<ReturnType<typeof timerJobs>['verify']> => timerJobs(world, inbox).verify();

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
  inbox.mode.hook = 'ok';
  inbox.mode.ding = 'ok';
  // Every test starts 2 minutes into a new hour of the shifted clock: hourly digests of one test never
  // bleed into the next, and a test's own steps (well under an hour) never cross into another slot,
  // whatever the wall-clock time the suite runs at.
  const now = world.now().getTime();
  world.offsetMs += Math.ceil(now / HOUR) * HOUR - now + 2 * MINUTE;
});

const incidentMessages = (channel: 'hook' | 'ding', bucket: string, type?: string) =>
  inbox
    .about(channel, bucket)
    .filter((d) =>
      channel === 'hook'
        ? String(d.body['type']).startsWith(type ?? 'incident.')
        : !d.text.includes('Replication progress') && (!type || d.text.toLowerCase().includes(type.split('.')[1]!)),
    );

describe('monitor', () => {
  it('raises no alert for a healthy rule whose canary was proven', async () => {
    const { bucket, destination } = await managedBucket(world, 'calm');
    await proveCanary(world, verify, destination);
    const summary = await monitor();
    expect(summary.findings).toEqual([]);
    expect(summary.notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });
    expect(incidentMessages('hook', bucket)).toEqual([]);
    expect(incidentMessages('ding', bucket)).toEqual([]);
    expect(inbox.rejected).toBe(0);
  });

  it('sends one digest per channel whose rows match the state they summarise, and no second one within the hour', async () => {
    const { bucket, destination } = await managedBucket(world, 'digest');
    await proveCanary(world, verify, destination);
    const summary = await monitor();
    expect([...summary.digests].sort()).toEqual(['ding', 'hook']);

    const [hook] = inbox.about('hook', bucket).filter((d) => d.body['type'] === 'digest');
    const body = hook!.body as unknown as WebhookBody;
    const row = body.digest!.rows.find((r) => r.rule.bucket === bucket)!;
    const state = await bucketState(world, bucket);
    const canary = state.canaries[state.canaries.length - 1]!;
    const sample = (await monitoredSamples(world, bucket)).at(-1)!;
    expect(row.rule).toMatchObject({
      bucket,
      region: SOURCE_REGION,
      destinationBucket: destination,
      destinationRegion: DEST_REGION,
      ruleId: state.rules[0]!.ruleId,
    });
    expect(row.status).toBe('doing');
    expect(row.backfill).toBe(sample.historical);
    // The watermark comes from the emulator a few ms after the job's clock read: lag never goes below 0.
    expect(row.lagSeconds).toBeCloseTo(Math.max(0, (Date.parse(body.at) - Date.parse(sample.newObjectWatermark!)) / 1000), 3);
    expect(row.lastCanary).toEqual({ ok: true, at: canary.checkedAt, latencySeconds: canary.latencyMs! / 1000 });
    const ding = inbox.about('ding', bucket).filter((d) => d.text.includes(destination));
    expect(ding).toHaveLength(1);
    expect(ding[0]!.text).toContain('100.0%');

    world.offsetMs += 5 * MINUTE;
    expect((await monitor()).digests).toEqual([]);
  });

  it('opens one incident per channel when replication is paused, stays quiet, and sends one recovery message after resuming', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'stall');
    await monitor();
    world.emu.admin.pauseReplication(bucket, ruleId);
    await world.oss.putObject({ bucket, region: SOURCE_REGION, key: 'data/after-pause.txt', body: 'waits for replication' });
    world.offsetMs += 6 * MINUTE; // lag 6 min > maxLagSeconds 300
    const opened = await monitor();
    expect(opened.findings.map((f) => f.kind)).toEqual(['lag-high']);
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
    expect(incidentMessages('ding', bucket)).toHaveLength(1);

    world.offsetMs += 5 * MINUTE;
    expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });

    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(100);
    world.offsetMs += 1_000;
    expect((await monitor()).findings).toEqual([]); // clearing: held for the quiet period
    world.offsetMs += 11 * MINUTE;
    expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 1 });
    expect(incidentMessages('hook', bucket, 'incident.resolved')).toHaveLength(1);
    expect(incidentMessages('hook', bucket)).toHaveLength(2);
    expect(incidentMessages('ding', bucket)).toHaveLength(2);
  });

  it('keeps the opened and the resolved incident on the timeline of alerts/state.json after it closed', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'history');
    await monitor();
    world.emu.admin.pauseReplication(bucket, ruleId);
    world.offsetMs += 6 * MINUTE;
    await monitor();
    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(100);
    world.offsetMs += 1_000;
    await monitor();
    world.offsetMs += 31 * MINUTE;
    await monitor();
    const alerts = await loadAlertsState(world.state, world.now());
    expect(alerts.incidents.filter((i) => i.rule.bucket === bucket)).toEqual([]);
    expect(alerts.timeline.filter((e) => e.bucket === bucket).map((e) => [e.type, e.kind, e.ruleId])).toEqual([
      ['opened', 'lag-high', ruleId],
      ['resolved', 'lag-high', ruleId],
    ]);
  });

  it('with verify and monitor both on their timers, paused replication gives one alert per channel and resuming one recovery', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'both');
    await proveCanary(world, verify, destination);
    await monitor();
    world.offsetMs += 6 * 60 * MINUTE - 10 * MINUTE; // the next periodic canary falls due while replication is paused
    world.emu.admin.tick(); // the engine ticks in real time: bring its watermark up to the jump now
    world.emu.admin.pauseReplication(bucket, ruleId);
    await world.oss.putObject({ bucket, region: SOURCE_REGION, key: 'data/stuck.txt', body: 'waits' });
    const kinds = new Set<string>();
    /** `minutes` of wall time: verify every minute, monitor every 5. */
    const run = async (minutes: number): Promise<void> => {
      for (let m = 1; m <= minutes; m++) {
        world.offsetMs += MINUTE;
        // A minute of our clock is a few ms of the engine's: replicate what is due before each look.
        world.emu.admin.tick();
        await verify();
        if (m % 5 === 0) for (const f of (await monitor()).findings) kinds.add(f.kind);
      }
    };
    await run(20);
    expect(kinds).toEqual(new Set(['lag-high'])); // the canary's NeverArrived is the same problem
    expect((await bucketState(world, bucket)).canaries.some((c) => c.outcome === 'missing')).toBe(true);
    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(100);
    await run(30);
    // A failed canary is retried 15 minutes later, not everyHours: the repaired rule is proven again.
    expect((await bucketState(world, bucket)).canaries.at(-1)).toMatchObject({ outcome: 'arrived' });
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
    expect(incidentMessages('hook', bucket, 'incident.resolved')).toHaveLength(1);
    expect(incidentMessages('hook', bucket)).toHaveLength(2);
    expect(incidentMessages('ding', bucket)).toHaveLength(2);
  });

  it('stays quiet while an incident is still open, sends exactly one reminder after the reminder period, then no more', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'remind');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    expect((await monitor()).notifications).toEqual({ opened: 1, reminder: 0, resolved: 0 });
    // Runs every 5 minutes through the quiet period (10 min) and up to just before the reminder (60 min).
    for (let minute = 5; minute < 60; minute += 5) {
      world.offsetMs += 5 * MINUTE;
      expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });
    }
    world.offsetMs += 5 * MINUTE;
    expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 1, resolved: 0 });
    for (let i = 0; i < 3; i++) {
      world.offsetMs += 60 * MINUTE;
      expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });
    }
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
    expect(incidentMessages('hook', bucket, 'incident.reminder')).toHaveLength(1);
    expect(incidentMessages('hook', bucket)).toHaveLength(2);
    expect(incidentMessages('ding', bucket)).toHaveLength(2);
  });

  it('does not spam for a flapping signal: one alert while it comes and goes within the quiet period, one recovery once it stays clear', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'flap');
    await monitor();
    /** Lag over the limit: replication paused with an object waiting for 6 minutes (limit 5). */
    const lagOn = async (n: number): Promise<MonitorSummary> => {
      world.emu.admin.pauseReplication(bucket, ruleId);
      await world.oss.putObject({ bucket, region: SOURCE_REGION, key: `data/flap-${n}.txt`, body: 'waits' });
      world.offsetMs += 6 * MINUTE;
      return monitor();
    };
    /** Replication resumed: the watermark catches up and the lag is gone a minute later. */
    const lagOff = async (): Promise<MonitorSummary> => {
      world.emu.admin.resumeReplication(bucket, ruleId);
      await sleep(100);
      world.offsetMs += MINUTE;
      return monitor();
    };
    expect((await lagOn(1)).notifications.opened).toBe(1);
    for (let n = 2; n <= 4; n++) {
      expect((await lagOff()).findings).toEqual([]);
      const back = await lagOn(n);
      expect(back.findings.map((f) => f.kind)).toEqual(['lag-high']);
      expect(back.notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });
    }
    expect((await lagOff()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 0 });
    world.offsetMs += 10 * MINUTE;
    expect((await monitor()).notifications).toEqual({ opened: 0, reminder: 0, resolved: 1 });

    expect(incidentMessages('hook', bucket)).toHaveLength(2);
    expect(incidentMessages('ding', bucket)).toHaveLength(2);
    const [resolved] = incidentMessages('hook', bucket, 'incident.resolved');
    expect((resolved!.body as unknown as WebhookBody).notifications![0]!.incident.flaps).toBe(3);
  });

  it('opens a rule-gone incident for a rule deleted by hand', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'gone');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    const summary = await monitor();
    expect(summary.findings).toEqual([{ key: `${bucket}/${ruleId}/rule-gone`, kind: 'rule-gone' }]);
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
  });

  it('opens a destination-gone incident once the canary diagnosed the missing destination', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'nodst');
    await world.oss.deleteBucket({ bucket: destination, region: DEST_REGION });
    await verify();
    world.offsetMs += 1_000;
    expect((await verify()).failed).toEqual([{ bucket, ruleId, code: 'DestinationBucketGone' }]);
    const summary = await monitor();
    expect(summary.findings).toEqual([{ key: `${bucket}/${ruleId}/destination-gone`, kind: 'destination-gone' }]);
  });

  it('opens a canary-failing incident naming the diagnosis', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'cfail');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    world.offsetMs += 2 * MINUTE + 1_000;
    expect((await verify()).failed).toEqual([{ bucket, ruleId, code: 'NeverArrived' }]);
    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(100);
    const summary = await monitor();
    expect(summary.findings).toEqual([{ key: `${bucket}/${ruleId}/canary-failing`, kind: 'canary-failing' }]);
    const [opened] = incidentMessages('hook', bucket, 'incident.opened');
    expect((opened!.body as unknown as WebhookBody).notifications![0]!.incident.facts).toMatchObject({ diagnosisCode: 'NeverArrived' });
  });

  it('keeps delivering to the other channel when one answers 500, and retries the failed message on the next run', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'f500');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    inbox.mode.hook = 'fail500';
    const first = await monitor();
    expect(first.deliveries.find((d) => d.channel === 'hook')).toMatchObject({ ok: false, failure: 'ALERT_HTTP_STATUS' });
    expect(incidentMessages('ding', bucket)).toHaveLength(1);
    expect(incidentMessages('hook', bucket)).toHaveLength(0);

    inbox.mode.hook = 'ok';
    world.offsetMs += 5 * MINUTE;
    const second = await monitor();
    expect(second.notifications.opened).toBe(0);
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
    expect(incidentMessages('ding', bucket)).toHaveLength(1);
  });

  it('does not let a channel that never answers hold up the other, and retries it later', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'hang');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    inbox.mode.hook = 'hang';
    const first = await monitor();
    expect(first.deliveries.find((d) => d.channel === 'hook')).toMatchObject({ ok: false, failure: 'ALERT_TIMEOUT' });
    expect(incidentMessages('ding', bucket)).toHaveLength(1);
    inbox.mode.hook = 'ok';
    world.offsetMs += 5 * MINUTE;
    await monitor();
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
  });

  it('reads replication progress once per managed bucket per run, however many runs', async () => {
    const { bucket } = await managedBucket(world, 'oneread');
    const since = world.now().toISOString();
    await monitor();
    world.offsetMs += 5 * MINUTE;
    await monitor();
    expect(world.emu.admin.requests({ operation: 'GetBucketReplicationProgress', bucket, since })).toHaveLength(2);
  });

  it('keeps webhook secrets and tokens out of its logs and summary when every channel fails', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'secret');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    inbox.mode.hook = 'fail500';
    inbox.mode.ding = 'fail500';
    const lines: string[] = [];
    const handler = makeMonitorHandler(world.policy, {
      config: world.config({ ...inbox.env(), LOG_LEVEL: 'debug' }),
      sink: (line) => lines.push(line),
      now: () => world.now(),
      alerts: { timeoutMs: 400, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async () => undefined },
    });
    const response = await handler(TIMER_EVENT('timer'), world.context() as never);
    expect(response.ok && response.result.deliveries.every((d) => !d.ok)).toBe(true);
    // The failed attempts are logged, with the channel's (redacted) target.
    expect(lines.filter((l) => l.includes('alert delivery attempt failed') && l.includes('/robot/send')).length).toBeGreaterThan(0);
    const output = lines.join('\n') + JSON.stringify(response);
    for (const secret of [HOOK_SECRET, DING_SECRET, 'e2e-token']) expect(output).not.toContain(secret);
  });

  it("opens a canary-overdue incident when a rule has had no successful canary within its window (dead man's switch)", async () => {
    const { bucket, ruleId } = await managedBucket(world, 'dead');
    await monitor();
    world.offsetMs += 13 * 60 * MINUTE; // window = 2 x everyHours (6 h)
    const summary = await monitor();
    expect(summary.findings).toEqual([{ key: `${bucket}/${ruleId}/canary-overdue`, kind: 'canary-overdue' }]);
    expect(incidentMessages('hook', bucket, 'incident.opened')).toHaveLength(1);
  });
});
