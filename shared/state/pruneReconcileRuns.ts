import { RECONCILE_RUNS_PREFIX, reconcileRunTime } from './keys';
import type { DocumentStore } from './types';

/**
 * Deletes reconcile run summaries (`runs/reconcile/<ISO>.json`) that started more than `maxAgeMs`
 * before `now`, at most `limit` per call. The key carries the time, so this costs one listing plus
 * one DELETE per summary removed. Keys that do not follow the layout are left alone.
 * @example await pruneReconcileRuns(state, { now, maxAgeMs: 7 * 86_400_000 })
 */
export async function pruneReconcileRuns(
  store: DocumentStore,
  options: { readonly now: Date; readonly maxAgeMs: number; readonly limit?: number },
): Promise<number> {
  const cutoff = options.now.getTime() - options.maxAgeMs;
  const old = (await store.list(RECONCILE_RUNS_PREFIX)).filter((key) => (reconcileRunTime(key)?.getTime() ?? Infinity) < cutoff);
  const chosen = old.slice(0, options.limit ?? 200);
  for (const key of chosen) await store.delete(key);
  return chosen.length;
}
