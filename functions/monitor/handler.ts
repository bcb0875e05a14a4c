import type { PolicyDocument } from '../../shared/policy/runtime';
import { createHandler, type FcHandler, jobContext, timerInput } from '../../shared/runtime';
import { invocationAlerterOptions, type JobHandlerOptions, openServices } from '../../shared/services';
import { runMonitor } from './job';
import type { MonitorContext, MonitorSummary } from './types';

export interface MonitorHandlerOptions extends JobHandlerOptions {
  /** Test seam: incident timings. */
  readonly incidents?: MonitorContext['incidents'];
}

/** The monitor function: progress, incidents, alerts and digests (timer, every 5 minutes). */
export function makeMonitorHandler(policy: PolicyDocument, options: MonitorHandlerOptions = {}): FcHandler<MonitorSummary> {
  return createHandler(
    'monitor',
    async (input, deps) =>
      runMonitor(timerInput(input), await openServices(deps, policy, options), {
        ...jobContext(deps, { ...options, concurrency: options.concurrency ?? deps.config.monitorConcurrency }),
        alerts: invocationAlerterOptions(deps, options),
        env: deps.config,
        ...(options.incidents ? { incidents: options.incidents } : {}),
      }),
    options,
  );
}
