import type { AlerterOptions, ChannelDelivery, EnvLookup, IncidentOptions } from '../../shared/alerts';
import type { Policy } from '../../shared/policy/runtime';
import type { CanaryStatus, DigestRow, Finding, ProgressSample, RuleIdentity } from '../../shared/progress';
import type { JobContext } from '../../shared/runtime';

/** One managed rule as this run sees it. */
export interface RuleView {
  readonly rule: RuleIdentity;
  readonly policyName: string;
  readonly policy?: Policy;
  readonly history: readonly ProgressSample[];
  readonly ruleMissing: boolean;
  readonly destinationMissing: boolean;
  readonly canary: CanaryStatus;
  readonly findings: readonly Finding[];
  readonly row: DigestRow;
}

export interface MonitorContext extends JobContext {
  /** Incident lifecycle; the policy file has no such settings. Defaults: quiet 30 min, reminder 4 h. */
  readonly incidents?: Partial<IncidentOptions>;
  /** Delivery of the run's alerts: the invocation's credentials for cloudmonitor channels, test seams. */
  readonly alerts: AlerterOptions;
  /** Resolves `${env:NAME}` references of channel URLs and secrets: the runtime config. */
  readonly env: EnvLookup;
}

/** One monitor run: its context and the one instant the whole run is judged at (`now()` at its start). */
export interface MonitorRun extends MonitorContext {
  readonly at: Date;
}

export type DeliverySummary = Pick<ChannelDelivery, 'channel' | 'ok' | 'delivered' | 'attempts'> & {
  readonly undelivered: number;
  readonly failure?: string;
};

export interface MonitorSummary {
  readonly skipped?: 'busy';
  readonly buckets: number;
  readonly rules: number;
  /** Buckets whose progress could not be read this run (their incidents are left as they were). */
  readonly unobserved: readonly string[];
  readonly findings: readonly { readonly key: string; readonly kind: string }[];
  readonly openIncidents: number;
  readonly notifications: { readonly opened: number; readonly reminder: number; readonly resolved: number };
  /** Managed source buckets found deleted this run: their state is removed and one "no longer managed" message sent. */
  readonly retired: readonly string[];
  readonly digests: readonly string[];
  readonly deliveries: readonly DeliverySummary[];
  readonly channelErrors: readonly string[];
  readonly outOfTime: boolean;
}
