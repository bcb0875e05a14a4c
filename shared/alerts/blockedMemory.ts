import type { PolicyDocument } from '../policy/runtime';
import { sleep as realSleep } from '../retry';
import type { EnsureResult } from '../replication';
import type { Logger } from '../log';
import {
  acquireLease,
  BLOCKED_ALERTS_KEY,
  BLOCKED_ALERTS_LEASE,
  BLOCKED_ALERTS_LEASE_TTL_MS,
  BLOCKED_ALERTS_LEASE_WAIT,
  type Checked,
  type DocumentStore,
  invalid,
  type Lease,
  type LeaseManager,
  schemaProblem,
  valid,
} from '../state';
import type { Alerter, AlertReport } from './alerter';
import { blockedMessages, blockedTransitions, channelsForIncident, type BlockedScope } from './blockedAlerts';
import type { Incident, Notification } from './types';
import { incidentsProblem } from './incidents';
import { appendTimeline, readTimeline, type TimelineEntry } from './timeline';

export const BLOCKED_ALERTS_SCHEMA = 1;

/** `alerts/blocked.json`: the open blocked-bucket incidents, shared by bucket-events and reconcile. */
export interface BlockedAlertsState {
  readonly schema: typeof BLOCKED_ALERTS_SCHEMA;
  readonly updatedAt: string;
  readonly incidents: readonly Incident[];
  /** What happened to blocked-bucket incidents, newest last and bounded (see timeline.ts); absent in older documents. */
  readonly timeline?: readonly TimelineEntry[];
}

export interface BlockedMemoryDeps {
  readonly state: DocumentStore;
  readonly leases: LeaseManager;
  readonly policy: PolicyDocument;
  readonly alert: Alerter;
  readonly log: Logger;
  readonly now: () => Date;
  /** Lease owner: the invocation's request id. */
  readonly owner: string;
  readonly sleep?: (ms: number) => Promise<void>;
}

export function checkBlockedAlerts(value: unknown): Checked<Partial<BlockedAlertsState>> {
  const problem = schemaProblem(value, BLOCKED_ALERTS_SCHEMA) ?? incidentsProblem(value as Record<string, unknown>, 'incidents');
  return problem === undefined ? valid(value as Partial<BlockedAlertsState>) : invalid(problem);
}

/**
 * The open blocked-bucket incidents of `alerts/blocked.json`. A document this code cannot use is moved
 * aside by the store (logged, alerted once) and the memory starts empty.
 */
export async function readBlockedIncidents(state: DocumentStore): Promise<readonly Incident[]> {
  return (await readBlockedAlerts(state)).incidents;
}

/** `alerts/blocked.json` with its timeline (empty when there is none). */
export async function readBlockedAlerts(
  state: DocumentStore,
): Promise<{ incidents: readonly Incident[]; timeline: readonly TimelineEntry[] }> {
  const stored = await state.read(BLOCKED_ALERTS_KEY, checkBlockedAlerts);
  return { incidents: stored?.value.incidents ?? [], timeline: readTimeline(stored?.value.timeline) };
}

function acquire(deps: BlockedMemoryDeps): Promise<Lease | undefined> {
  const sleep = deps.sleep ?? realSleep;
  return acquireLease(
    deps.leases,
    { name: BLOCKED_ALERTS_LEASE, owner: deps.owner, ttlMs: BLOCKED_ALERTS_LEASE_TTL_MS },
    BLOCKED_ALERTS_LEASE_WAIT,
    { sleep },
  );
}

/**
 * What to store after sending: an `opened` incident that reached none of its channels is dropped,
 * so the next evaluation opens (and alerts) it again; a `resolved` one that reached none stays, as
 * `clearing`, so the recovery message is retried. A lost reminder is not retried. `happened` are the
 * transitions that stand (what the timeline records): not those undone for a retry.
 */
function afterDelivery(
  incidents: readonly Incident[],
  notifications: readonly Notification[],
  reports: readonly AlertReport[],
  policy: PolicyDocument,
): { incidents: Incident[]; happened: Notification[] } {
  const failed = new Set(reports.filter((r) => !r.ok).map((r) => r.channel));
  const lost = (n: Notification): boolean => channelsForIncident(n.incident, policy).every((c) => failed.has(c));
  const unsent = notifications.filter(lost);
  const dropped = new Set(unsent.filter((n) => n.type === 'opened').map((n) => n.incident.key));
  const kept = unsent.filter((n) => n.type === 'resolved').map((n) => n.incident);
  const happened = notifications.filter((n) => n.type === 'reminder' || !unsent.includes(n));
  return { incidents: [...incidents.filter((i) => !dropped.has(i.key)), ...kept], happened };
}

async function underLease(results: readonly EnsureResult[], deps: BlockedMemoryDeps, scope: BlockedScope): Promise<AlertReport[]> {
  const now = deps.now();
  const stored = await readBlockedAlerts(deps.state);
  const { incidents, notifications } = blockedTransitions(stored.incidents, results, deps.policy, now, scope);
  const reports = notifications.length > 0 ? await deps.alert(blockedMessages(notifications, deps.policy)) : [];
  const after = afterDelivery(incidents, notifications, reports, deps.policy);
  const timeline = appendTimeline(stored.timeline, after.happened);
  const next: BlockedAlertsState = { schema: BLOCKED_ALERTS_SCHEMA, updatedAt: now.toISOString(), incidents: after.incidents, timeline };
  await deps.state.put(BLOCKED_ALERTS_KEY, next);
  return reports;
}

/** True when this evaluation can change nothing: no blocked result and no open incident it covers. */
function nothingToDo(open: readonly Incident[], results: readonly EnsureResult[], scope: BlockedScope): boolean {
  if (results.some((r) => r.outcome === 'blocked')) return false;
  const buckets = new Set(results.map((r) => r.bucket));
  return !open.some((i) => buckets.has(i.rule.bucket) || (scope.listed !== undefined && !scope.listed.has(i.rule.bucket)));
}

/**
 * Without a listing (bucket-events), results that block nothing, of buckets whose own records did not
 * say blocked before, cannot move an incident: an incident is opened only after ensure recorded its
 * bucket blocked. So the memory is not even read. (An incident whose recovery a failed write left
 * open while the record moved on is resolved by the next reconcile run, which always reads it.)
 */
function certainlyQuiet(results: readonly EnsureResult[], scope: BlockedScope): boolean {
  return scope.listed === undefined && results.every((r) => r.outcome !== 'blocked' && r.wasBlocked === false);
}

/**
 * Alerts blocked buckets once per incident, remembering open incidents in `alerts/blocked.json`
 * under a short lease, so bucket-events and reconcile share one memory: a bucket one of them
 * already alerted about is not alerted again by the other. Never throws: when the state or the
 * lease cannot be had, nothing is sent and nothing recorded, and the next evaluation (at the
 * latest the next reconcile run) alerts. Steady state (nothing blocked, nothing open) costs one GET,
 * and nothing at all for results certainlyQuiet.
 */
export async function alertBlocked(
  results: readonly EnsureResult[],
  deps: BlockedMemoryDeps,
  scope: BlockedScope = {},
): Promise<AlertReport[]> {
  try {
    if (certainlyQuiet(results, scope) || nothingToDo(await readBlockedIncidents(deps.state), results, scope)) return [];
    const lease = await acquire(deps);
    if (!lease) {
      deps.log.warn('blocked alerts deferred: another invocation holds their lease', { lease: BLOCKED_ALERTS_LEASE });
      return [];
    }
    try {
      return await underLease(results, deps, scope);
    } finally {
      await lease.release().catch(() => undefined); // it expires on its own
    }
  } catch (error) {
    deps.log.error('blocked alerts skipped: their state could not be read or written', {
      key: BLOCKED_ALERTS_KEY,
      error: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}
