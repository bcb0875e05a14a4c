/**
 * A progress answer with a rule Status this code does not know (OSS may add one) does not cost the
 * monitor the bucket: the real monitor handler, against the emulator behind a proxy that rewrites the
 * answer, reads the rule, raises no finding on the unknown state, and shows it as sent.
 */
import { makeMonitorHandler } from '../../../functions/monitor/handler';
import type { MonitorSummary } from '../../../functions/monitor/types';
import type { WebhookBody } from '../../../shared/alerts';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { proxyAll } from '../../integration/helpers/rewritingProxy';
import { managedBucket, monitoredSamples, startWorld, TIMER_EVENT, type World } from '../verify/harness';
import { Inbox } from './inbox';

let world: World;
let inbox: Inbox;
let proxy: Awaited<ReturnType<typeof proxyAll>>;

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(), new Inbox().start()]);
  proxy = await proxyAll(world.emu.endpoints);
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([world?.stop(), inbox?.close()]);
});

async function monitor(): Promise<MonitorSummary> {
  const config = world.config({ ...inbox.env(), OSS_ENDPOINTS: JSON.stringify(proxy.endpoints) });
  const handler = makeMonitorHandler(world.policy, {
    config,
    now: () => world.now(),
    alerts: { timeoutMs: 1000, retry: { maxAttempts: 1 } },
  });
  const response = (await handler(TIMER_EVENT('monitor'), world.context())) as HandlerResponse<MonitorSummary>;
  if (!response.ok) throw new Error(`${response.reason}: ${response.message}`);
  return response.result;
}

it('observes a rule whose progress Status is unknown, raises nothing on it, and reports the status as sent', async () => {
  await world.freshState();
  const { bucket } = await managedBucket(world, 'throttled');
  proxy.set((req, body) =>
    req.url.startsWith(`/${bucket}/`) && req.url.includes('?replicationProgress')
      ? body.replace(/<Status>doing<\/Status>/g, '<Status>throttled</Status>')
      : undefined,
  );

  const summary = await monitor();

  expect(proxy.rewritten()).toBeGreaterThan(0);
  expect(summary).toMatchObject({ unobserved: [], rules: 1, findings: [] });
  const digest = inbox
    .about('hook', bucket)
    .map((d) => d.body as unknown as WebhookBody)
    .find((b) => b.type === 'digest');
  expect(digest?.digest?.rows.find((r) => r.rule.bucket === bucket)?.status).toBe('throttled');
  expect((await monitoredSamples(world, bucket)).at(-1)?.status).toBe('throttled');
});
