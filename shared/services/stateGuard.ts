import { type Alerter, stateProblemMessage } from '../alerts';
import { checkStateBucket, type DocumentStore, STATE_BUCKET_ALERT_KEY, StateBucketError } from '../state';
import type { OssApi } from '../oss';
import type { Logger } from '../log';

/**
 * The state bucket is checked once per warm instance (and per endpoint set, bucket and region): a
 * bucket that was fine stays fine for the instance's life, since versioning, the one thing that could
 * break it, is an operator's deliberate act. A refusal is not remembered: a missing bucket may be
 * created, or a RAM grant fixed, before the next invocation.
 */
const usable = new Set<string>();
/** Problems this instance already alerted about (the fallback when the bucket cannot hold a marker). */
const alertedHere = new Set<string>();

export interface StateGuardDeps {
  readonly oss: OssApi;
  readonly state: DocumentStore;
  readonly stateBucket: string;
  readonly region: string;
  /** Tells instances apart that talk to different endpoints (tests, the local stack). */
  readonly endpointKey: string;
  readonly log: Logger;
  readonly alert: Alerter;
  readonly now: () => Date;
}

/** Forget what this instance checked and alerted (tests). */
export function resetStateGuard(): void {
  usable.clear();
  alertedHere.clear();
}

/**
 * Refuses to let a job run on a state bucket it cannot rely on (see checkStateBucket): logs the
 * specific error, alerts once, and throws it. The error is permanent, so the handler returns
 * `{ ok: false, reason }` instead of making FC retry an invocation that cannot succeed.
 * @throws StateBucketError
 */
export async function guardStateBucket(deps: StateGuardDeps): Promise<void> {
  const id = `${deps.endpointKey}|${deps.region}|${deps.stateBucket}`;
  if (usable.has(id)) return;
  try {
    await checkStateBucket(deps.oss, { bucket: deps.stateBucket, region: deps.region });
  } catch (error) {
    if (!(error instanceof StateBucketError)) throw error;
    deps.log.error('state bucket refused: this function does nothing until it is fixed', {
      code: error.code,
      bucket: error.bucket,
      region: error.region,
      error: error.message,
    });
    await alertOnce(error, id, deps);
    throw error;
  }
  usable.add(id);
}

/**
 * One alert per problem, although the state bucket cannot hold a create-only dedupe record (that is
 * the problem): a versioned bucket still takes a plain PUT, so the first instance that alerts writes
 * `alerts/state-bucket.json` naming the problem and the others read it and stay quiet (two instances
 * racing in the same second may both alert). A missing or unreadable bucket holds nothing: then each
 * warm instance alerts once.
 */
async function alertOnce(error: StateBucketError, id: string, deps: StateGuardDeps): Promise<void> {
  const key = `${id}|${error.problem}`;
  if (alertedHere.has(key)) return;
  alertedHere.add(key);
  const canMark = error.problem === 'StateBucketVersioned';
  if (canMark && (await markerSays(deps.state, error.problem))) return;
  await deps.alert([
    stateProblemMessage(
      {
        kind: 'state-bucket-unusable',
        stateBucket: error.bucket,
        region: error.region,
        detail: error.problem,
        summary: error.message,
        hint: 'Fix the state bucket as the summary says; the functions resume on their own at their next invocation (reconcile catches up on buckets whose events were refused).',
        facts: { reason: error.problem },
      },
      deps.now(),
    ),
  ]);
  if (canMark)
    await deps.state.put(STATE_BUCKET_ALERT_KEY, { problem: error.problem, at: deps.now().toISOString() }).catch(() => undefined);
}

async function markerSays(state: DocumentStore, problem: string): Promise<boolean> {
  try {
    return (await state.get<{ problem?: unknown }>(STATE_BUCKET_ALERT_KEY))?.value?.problem === problem;
  } catch {
    return false;
  }
}
