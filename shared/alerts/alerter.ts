import type { PolicyDocument } from '../policy/types';
import type { Logger } from '../log';
import { deliver } from './deliver';
import { buildChannels } from './registry';
import { secretResolver } from './secretResolver';
import type { RetryPolicy } from '../retry';
import type { AlertMessage } from './types';
import type { CredentialsProvider } from '../oss/types';

/** What a job learns from sending alerts: per channel, never a URL or secret. */
export interface AlertReport {
  readonly channel: string;
  readonly ok: boolean;
  readonly code?: string;
}

/** Sends messages to the policy's channels; never throws (an alert must not fail the ensure it reports). */
export type Alerter = (messages: readonly AlertMessage[]) => Promise<AlertReport[]>;

export interface AlerterOptions {
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** For cloudmonitor channels: the function's credentials (without them those channels report ALERT_CONFIG). */
  readonly cloudMonitorCredentials?: CredentialsProvider;
  readonly cloudMonitorEndpoint?: string;
}

/**
 * Builds the alerter of one invocation. `${env:NAME}` references are resolved through the runtime
 * config (the only env reader); a channel that cannot be resolved is reported, the others still send.
 * @example const alert = makeAlerter(policy, deps.config, deps.log); await alert([message]);
 */
export function makeAlerter(policy: PolicyDocument, config: { envVar(name: string): string | undefined }, log: Logger, options: AlerterOptions = {}): Alerter {
  return async (messages) => {
    if (messages.length === 0) return [];
    const { cloudMonitorCredentials, cloudMonitorEndpoint, ...delivery } = options;
    const built = buildChannels(policy.channels, {
      resolveSecret: secretResolver((name) => config.envVar(name)),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(cloudMonitorCredentials ? { cloudMonitorCredentials } : {}),
      ...(cloudMonitorEndpoint ? { cloudMonitorEndpoint } : {}),
    });
    for (const error of built.errors) log.warn('alert channel not usable', { channel: error.channel, code: error.code, error: error.message });
    const outcome = await deliver(built.channels, messages, { logger: log, ...delivery });
    const sent = outcome.results.map((r) => ({ channel: r.channel, ok: r.ok, ...(r.failure ? { code: r.failure.code } : {}) }));
    return [...sent, ...built.errors.map((e) => ({ channel: e.channel, ok: false, code: e.code }))];
  };
}
