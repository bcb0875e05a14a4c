/** Options and handle of the local stack. */
import type { RunningEmulator } from '../emulator';
import { DEFAULT_POLICY_FILE, type PolicyDocument } from '../../shared/policy';
import type { TimelineEntry } from '../../shared/alerts';
import type { BucketStatusView, IncidentView, RuleStatusView } from '../../cli/statusView';
import type { Invoke, FunctionName } from './functions';
import type { InboxMessage, WebhookInbox } from './inbox';
import type { TimerStatus } from './timers';

export interface StackIntervals {
  readonly reconcileMs: number;
  readonly verifyMs: number;
  readonly monitorMs: number;
  readonly auditMs: number;
}

export const DEFAULT_INTERVALS: StackIntervals = { reconcileMs: 60_000, verifyMs: 10_000, monitorMs: 30_000, auditMs: 60_000 };
export const DEFAULT_REGIONS: Readonly<Record<string, number>> = { 'cn-hangzhou': 9100, 'cn-beijing': 9101, 'cn-shanghai': 9102 };
export const DEFAULT_PORT = 9000;
export const DEFAULT_STATE_BUCKET = 'autopilot-state';
export { DEFAULT_POLICY_FILE };
export const DEMO_BUCKET = 'demo-photos';

export interface StackOptions {
  /** Emulator regions -> port (0 = any free port). The first region is where the functions "run". */
  readonly regions?: Readonly<Record<string, number>>;
  /** Dashboard, webhook inbox and event endpoint (0 = any free port). */
  readonly port?: number;
  readonly host?: string;
  readonly dataDir?: string;
  /** A compiled policy; otherwise `policyFile` is loaded with loadPolicyFile. */
  readonly policy?: PolicyDocument;
  readonly policyFile?: string;
  readonly stateBucket?: string;
  readonly intervals?: Partial<StackIntervals>;
  /** Local only: replaces every policy's verify.delaySeconds so canaries are checked sooner. */
  readonly verifyDelaySeconds?: number;
  /** Local only: replaces every policy's alerts.maxLagSeconds, so a paused rule opens an incident sooner. */
  readonly maxLagSeconds?: number;
  /** Local only: how long a finding must stay clear before its incident resolves (the monitor's 30 min quiet period). */
  readonly incidentQuietSeconds?: number;
  /** Emulator timings (ms). */
  readonly ruleStartingMs?: number;
  readonly ruleClosingMs?: number;
  readonly replicationDelayMs?: number;
  /** Create a tagged demo bucket with a few objects. */
  readonly demo?: boolean;
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Where the functions' JSON log lines go. */
  readonly logSink?: (line: string) => void;
  /** Run the timers (default true); tests may drive `runNow` themselves. */
  readonly timers?: boolean;
}

/** A rule as the dashboard shows it: the status view's rule plus what only the local stack knows. */
export type StackRuleStatus = RuleStatusView & {
  /** The rule's status in the emulator now (`missing` when it is gone). */
  readonly liveStatus?: string;
  /** Replication of this rule is paused in the emulator (the dashboard's pause button). */
  readonly paused?: boolean;
  /** The policy's lag limit, drawn on the lag chart. */
  readonly maxLagSeconds?: number;
};

export interface StackStatus {
  readonly stateBucket: string;
  /** When the status view was read. */
  readonly readAt: string;
  readonly buckets: ReadonlyArray<BucketStatusView & { rules: readonly StackRuleStatus[] }>;
  /** Every open incident, from the documents the monitor and the blocked-bucket memory keep. */
  readonly incidents: readonly IncidentView[];
  /** What happened to incidents, oldest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly pendingCanaries: number;
  readonly eventsRouted: number;
  readonly timers: readonly TimerStatus[];
  readonly inbox: readonly InboxMessage[];
  readonly emulator: {
    readonly endpoints: Record<string, string>;
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly aliOssSnippet: string;
  };
}

export interface RunningStack {
  readonly dashboardUrl: string;
  readonly inboxUrl: string;
  readonly endpoints: Record<string, string>;
  readonly emulator: RunningEmulator;
  readonly stateBucket: string;
  readonly region: string;
  readonly inbox: WebhookInbox;
  readonly functions: Record<FunctionName, Invoke>;
  /** Runs a timer-driven function now (waits for a run in flight). */
  runNow(name: Exclude<FunctionName, 'bucket-events'>): Promise<void>;
  status(): Promise<StackStatus>;
  stop(): Promise<void>;
}
