/**
 * One invalid `alerts/state.json` used to make every monitor run fail, permanently and silently.
 * Through the real handler: it is moved aside, alerted once, and the monitor goes on from a fresh one.
 */
import { makeMonitorHandler } from '../../../functions/monitor/handler';
import type { MonitorSummary } from '../../../functions/monitor/types';
import { ALERTS_STATE_KEY } from '../../../shared/state/keys';
import type { WebhookBody } from '../../../shared/alerts';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { QUARANTINE_PREFIX } from '../../../shared/state/keys';
import { managedBucket, SOURCE_REGION, startWorld, TIMER_EVENT, type World } from '../verify/harness';
import { Inbox } from './inbox';

let world: World;
let inbox: Inbox;

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
  inbox.delivered.length = 0;
});

async function monitor(): Promise<HandlerResponse<MonitorSummary>> {
  const handler = makeMonitorHandler(world.policy, {
    config: world.config(inbox.env()),
    now: () => world.now(),
    alerts: { cloudMonitorEndpoint: 'http://127.0.0.1:9', timeoutMs: 1000, retry: { maxAttempts: 1 } },
  });
  return (await handler(TIMER_EVENT('monitor'), world.context())) as HandlerResponse<MonitorSummary>;
}

const quarantineAlerts = (channel: 'hook' | 'ding'): string[] =>
  inbox.delivered
    .filter((d) => d.channel === channel)
    .flatMap((d) =>
      channel === 'hook'
        ? ((d.body as unknown as WebhookBody).notifications ?? [])
            .filter((n) => n.incident.kind === 'state-document-quarantined')
            .map((n) => n.incident.summary)
        : d.text.includes('State document quarantined')
          ? [d.text]
          : [],
    );

describe.each([
  ['not JSON', '{"schema":1,"incidents":[', 'not valid JSON'],
  ['of another schema', JSON.stringify({ schema: 2, incidents: [] }), 'schema 2 is not 1'],
  [
    'with an incident the monitor cannot read',
    JSON.stringify({ schema: 1, incidents: [{ key: 'k' }] }),
    'incidents[0].kind is not a string',
  ],
])('monitor with an alerts/state.json %s', (_what, body, reason) => {
  it('moves it aside, alerts every channel once, and keeps running from a fresh document', async () => {
    await managedBucket(world, 'watched');
    await world.oss.putObject({ bucket: world.stateBucket, region: SOURCE_REGION, key: ALERTS_STATE_KEY, body });

    const first = await monitor();
    const second = await monitor();

    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(first.ok && first.result.unobserved).toEqual([]);
    const [moved] = await world.state.list(QUARANTINE_PREFIX);
    expect(moved).toMatch(/^quarantine\/alerts\/state\.json\.\d{8}T\d{6}Z-[0-9A-F]{8}$/);
    expect((await world.oss.getObject({ bucket: world.stateBucket, region: SOURCE_REGION, key: moved! })).body.toString('utf8')).toBe(body);
    expect((await world.state.get<{ schema: number }>(ALERTS_STATE_KEY))?.value.schema).toBe(1);
    expect(quarantineAlerts('hook')).toEqual([expect.stringContaining(`(${reason}`)]);
    expect(quarantineAlerts('ding')).toHaveLength(1);
  });
});
