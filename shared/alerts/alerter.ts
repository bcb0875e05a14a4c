import type { PolicyDocument } from '../policy/runtime';
import type { Logger } from '../log';
import type { DeliverOutcome } from './deliver';
import type { RateLimitState } from './rateLimit';
import type { BuiltChannels } from './channelRegistry';
import { secretResolver } from './secretResolver';
import type { RetryPolicy } from '../retry';
import type { AlertMessage } from './types';
import type { CredentialsProvider } from '../oss';

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

/** Where channel secrets come from: the runtime config, the only env reader. */
export interface EnvLookup {
  envVar(name: string): string | undefined;
}

export interface SentAlerts {
  /** Per built channel: what went out, what did not (JSON, to keep and resend), the rate budgets after. */
  readonly outcome: DeliverOutcome;
  /** Channels that could not be built (a secret that does not resolve, a bad URL): nothing was sent to them. */
  readonly unusable: BuiltChannels['errors'];
}

/**
 * The one way alerts leave the system: builds the channels the messages address (every channel of the
 * policy file for a message without `to`), resolving `${env:NAME}` references through `env`, and
 * delivers to each on its own (a broken channel never holds up the others). A channel that cannot be
 * built is logged and reported; the others still send. With `rateLimitState`, the per-minute budgets
 * of DingTalk and WeCom carry over from earlier runs.
 */
export async function sendAlerts(
  policy: PolicyDocument,
  env: EnvLookup,
  log: Logger,
  messages: readonly AlertMessage[],
  options: AlerterOptions & { readonly rateLimitState?: RateLimitState } = {},
): Promise<SentAlerts> {
  const { cloudMonitorCredentials, cloudMonitorEndpoint, ...delivery } = options;
  // Required here, not at the top: most invocations send nothing (outbound.ts says why).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildChannels, deliver } = require('./outbound') as typeof import('./outbound');
  const names = [...new Set(messages.flatMap((m) => m.to ?? Object.keys(policy.channels)))];
  const built = buildChannels(
    policy.channels,
    {
      resolveSecret: secretResolver((name) => env.envVar(name)),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(cloudMonitorCredentials ? { cloudMonitorCredentials } : {}),
      ...(cloudMonitorEndpoint ? { cloudMonitorEndpoint } : {}),
    },
    names,
  );
  for (const error of built.errors)
    log.warn('alert channel not usable', { channel: error.channel, code: error.code, error: error.message });
  const outcome = await deliver(built.channels, messages, { logger: log, ...delivery });
  return { outcome, unusable: built.errors };
}

/**
 * The alerter of one invocation: sendAlerts without memory between runs, answering per channel.
 * @example const alert = makeAlerter(policy, deps.config, deps.log); await alert([message]);
 */
export function makeAlerter(policy: PolicyDocument, env: EnvLookup, log: Logger, options: AlerterOptions = {}): Alerter {
  return async (messages) => {
    if (messages.length === 0) return [];
    const { outcome, unusable } = await sendAlerts(policy, env, log, messages, options);
    const sent = outcome.results.map((r) => ({ channel: r.channel, ok: r.ok, ...(r.failure ? { code: r.failure.code } : {}) }));
    return [...sent, ...unusable.map((e) => ({ channel: e.channel, ok: false, code: e.code }))];
  };
}
