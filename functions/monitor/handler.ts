import type { PolicyDocument } from '../../shared/policy/types';
import { createHandler, type FcHandler, type HandlerOptions } from '../../shared/runtime/handler';
import { openServices, type ServicesOptions } from '../../shared/runtime/services';
import { runMonitor, type MonitorInput } from './job';
import type { MonitorContext, MonitorSummary } from './types';

/** Test seams: incident timings and delivery knobs (short timeouts, no backoff sleeps). */
export interface MonitorHandlerOptions extends HandlerOptions {
  readonly incidents?: MonitorContext['incidents'];
  readonly delivery?: MonitorContext['delivery'];
  readonly concurrency?: number;
  /** Where cloudmonitor channels send (a local stand-in); the real regional endpoint by default. */
  readonly cloudMonitorEndpoint?: string;
}

/** The monitor's delivery knobs apply to the alerts the state layer sends too. */
function stateAlertOptions(options: MonitorHandlerOptions): ServicesOptions {
  const d = options.delivery;
  const alerts = {
    ...(d?.timeoutMs !== undefined ? { timeoutMs: d.timeoutMs } : {}),
    ...(d?.retry ? { retry: d.retry } : {}),
    ...(d?.sleep ? { sleep: d.sleep } : {}),
    ...(options.cloudMonitorEndpoint ? { cloudMonitorEndpoint: options.cloudMonitorEndpoint } : {}),
  };
  return { alerts };
}

function parseInput(input: unknown): MonitorInput {
  const triggerTime = (input as { triggerTime?: unknown } | null)?.triggerTime;
  return typeof triggerTime === 'string' ? { triggerTime } : {};
}

/** The monitor function: progress, incidents, alerts and digests (timer, every 5 minutes). */
export function makeMonitorHandler(policy: PolicyDocument, options: MonitorHandlerOptions = {}): FcHandler<MonitorSummary> {
  return createHandler(
    'monitor',
    async (input, deps) =>
      runMonitor(parseInput(input), await openServices(deps, policy, stateAlertOptions(options)), {
        now: deps.now(),
        deadline: deps.deadline,
        log: deps.log,
        invocationId: deps.requestId,
        env: (name) => deps.config.envVar(name),
        credentials: deps.credentials,
        ...(options.incidents ? { incidents: options.incidents } : {}),
        ...(options.delivery ? { delivery: options.delivery } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.cloudMonitorEndpoint ? { cloudMonitorEndpoint: options.cloudMonitorEndpoint } : {}),
      }),
    options,
  );
}
