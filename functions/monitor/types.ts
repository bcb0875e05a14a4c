import type { ChannelDelivery } from '../../shared/alerts/deliver';
import type { IncidentOptions } from '../../shared/alerts/incidents';
import type { RetryPolicy } from '../../shared/alerts/backoff';
import type { CredentialsProvider } from '../../shared/oss/types';
import type { Policy } from '../../shared/policy/types';
import type { CanaryStatus, DigestRow, Finding, ProgressSample, RuleIdentity } from '../../shared/progress/types';
import type { Deadline } from '../../shared/runtime/deadline';
import type { Logger } from '../../shared/runtime/logger';

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

export interface MonitorContext {
  readonly now: Date;
  readonly deadline: Deadline;
  readonly log: Logger;
  readonly invocationId: string;
  /** Buckets observed in parallel. Default 4. */
  readonly concurrency?: number;
  /** Incident lifecycle; the policy file has no such settings. Defaults: quiet 30 min, reminder 4 h. */
  readonly incidents?: Partial<IncidentOptions>;
  /** Delivery knobs (tests make them short). */
  readonly delivery?: { readonly timeoutMs?: number; readonly retry?: Partial<RetryPolicy>; readonly sleep?: (ms: number) => Promise<void> };
  /** Resolves `${env:NAME}` references of channel URLs and secrets. */
  readonly env: (name: string) => string | undefined;
  /** For cloudmonitor channels: the function's credentials. */
  readonly credentials?: CredentialsProvider;
  /** Overrides `https://metrics.<region>.aliyuncs.com` for cloudmonitor channels (local stack, tests). */
  readonly cloudMonitorEndpoint?: string;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type DeliverySummary = Pick<ChannelDelivery, 'channel' | 'ok' | 'delivered' | 'attempts'> & { readonly undelivered: number; readonly failure?: string };

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
