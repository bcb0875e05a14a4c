import { makeMonitorHandler } from '../../../functions/monitor/handler';
import type { MonitorSummary } from '../../../functions/monitor/types';
import { makeReconcileHandler } from '../../../functions/reconcile/handler';
import type { ReconcileSummary } from '../../../functions/reconcile/job';
import { makeVerifyHandler } from '../../../functions/verify/handler';
import type { VerifySummary } from '../../../functions/verify/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { TIMER_EVENT, type World } from '../verify/harness';
import type { Inbox } from './inbox';

/** Invokes a timer handler as FC would and returns its result; a failed invocation fails the test. */
export async function invokeTimer<R>(world: World, handler: (e: unknown, c: never) => Promise<HandlerResponse<R>>): Promise<R> {
  const response = await handler(TIMER_EVENT('timer'), world.context() as never);
  if (!response.ok) throw new Error(`${response.reason}: ${response.message}`);
  return response.result;
}

/** The three timer jobs on the world's shifted clock, alerting to the inbox, with short quiet and retry settings. */
export function timerJobs(
  world: World,
  inbox: Inbox,
): { monitor(): Promise<MonitorSummary>; verify(): Promise<VerifySummary>; reconcile(): Promise<ReconcileSummary> } {
  return {
    monitor: () =>
      invokeTimer(
        world,
        makeMonitorHandler(world.policy, {
          config: world.config(inbox.env()),
          now: () => world.now(),
          incidents: { quietMinutes: 10, reminderMinutes: 60 },
          alerts: { timeoutMs: 400, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async () => undefined },
        }),
      ),
    verify: () => invokeTimer(world, makeVerifyHandler(world.policy, { config: world.config(), now: () => world.now() })),
    reconcile: () => invokeTimer(world, makeReconcileHandler(world.policy, { config: world.config(inbox.env()), now: () => world.now() })),
  };
}
