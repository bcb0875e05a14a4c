import type { Deadline } from '../../shared/runtime';
import type { Logger } from '../../shared/log';
import { cleanupProcessedEvents, type DocumentStore, pruneReconcileRuns } from '../../shared/state';

const DAY_MS = 86_400_000;
/** Run summaries are for operators looking back over the last days; a week of them is ~670 small objects. */
export const RUN_SUMMARY_MAX_AGE_MS = 7 * DAY_MS;
/**
 * Processed-event records only need to outlive redelivery of the same event (EventBridge and FC
 * async retries give up within 24 h); a week leaves a wide margin.
 */
export const PROCESSED_EVENT_MAX_AGE_MS = 7 * DAY_MS;
/** Per run: bounded, so housekeeping never eats the sweep's time (each event record costs a GET). */
export const MAX_RUNS_PRUNED = 200;
export const MAX_EVENTS_EXAMINED = 100;

export interface HousekeepingReport {
  readonly runsDeleted: number;
  readonly eventsExamined: number;
  readonly eventsDeleted: number;
}

export interface HousekeepingDeps {
  readonly state: DocumentStore;
  readonly now: Date;
  readonly deadline: Deadline;
  /** No step starts once less than this much time is left. */
  readonly reserveMs: number;
  readonly log: Logger;
  /** Where in the event listing this run starts (0..1); random by default, so runs cover it all. */
  readonly start?: number;
}

/**
 * Keeps the state bucket bounded: old reconcile run summaries and expired processed-event records
 * go, a bounded number per run. Never throws: a failure is logged and the next run tries again.
 */
export async function housekeeping(deps: HousekeepingDeps): Promise<HousekeepingReport> {
  const report = { runsDeleted: 0, eventsExamined: 0, eventsDeleted: 0 };
  const timeLeft = (): boolean => deps.deadline.remainingMs() > deps.reserveMs;
  try {
    if (timeLeft())
      report.runsDeleted = await pruneReconcileRuns(deps.state, {
        now: deps.now,
        maxAgeMs: RUN_SUMMARY_MAX_AGE_MS,
        limit: MAX_RUNS_PRUNED,
      });
    if (timeLeft()) {
      const events = await cleanupProcessedEvents(deps.state, {
        now: deps.now,
        maxAgeMs: PROCESSED_EVENT_MAX_AGE_MS,
        limit: MAX_EVENTS_EXAMINED,
        start: deps.start ?? Math.random(),
      });
      report.eventsExamined = events.examined;
      report.eventsDeleted = events.deleted;
    }
  } catch (error) {
    deps.log.warn('state housekeeping stopped; the next run goes on', { ...report, error });
  }
  return report;
}
