/**
 * The keys a resync copied, judged before the walk goes on: a HEAD on each side, then the same verdict
 * as the walk gives. A copy newer than the watermark is still on its way and waits for a later run; a
 * key this pass had already counted as missing or different moves to its new class, so a pass that was
 * under way when the resync happened can still end clean.
 */
import { MAX_RECHECK, RECHECK_MAX_AGE_MS } from './constants';
import { judgePair, type HeadOf } from './judge';
import { listedFromHead } from './heads';
import { prefixIndexOf } from './scope';
import type { RunBudget } from './budget';
import type { PassTally } from './tally';
import type { AuditPass, AuditScope, RecheckEntry, RecheckReport } from './types';

/** The re-check list after new requests: one entry per key (the newest copy wins), at most MAX_RECHECK. */
export function mergeRecheck(kept: readonly RecheckEntry[], requested: readonly RecheckEntry[]): RecheckEntry[] {
  const byKey = new Map<string, RecheckEntry>();
  for (const entry of [...kept, ...requested]) byKey.set(entry.key, entry);
  return [...byKey.values()].slice(0, MAX_RECHECK);
}

export interface RecheckResult {
  /** Entries still waiting: in flight, or the HEAD budget ran out before them. */
  readonly remaining: RecheckEntry[];
  readonly report?: RecheckReport;
}

/**
 * Re-checks `entries` within the budget. `carried` is the report of the runs before this one while the
 * same keys were still waiting: the report adds up until every key of a resync is judged.
 */
export async function recheckKeys(
  entries: readonly RecheckEntry[],
  context: {
    readonly scope: AuditScope;
    readonly pass: AuditPass;
    readonly tally: PassTally;
    readonly budget: RunBudget;
    readonly head: HeadOf;
    readonly now: Date;
    readonly carried?: RecheckReport;
  },
): Promise<RecheckResult> {
  const { scope, pass, tally, budget, head, now } = context;
  const remaining: RecheckEntry[] = [];
  let matched = context.carried?.matched ?? 0;
  let stillWrong = context.carried?.stillWrong ?? 0;
  for (const entry of entries) {
    if (prefixIndexOf(entry.key, scope.prefixes) < 0) continue; // the rule no longer covers it
    if (!budget.takeHeads(2)) {
      remaining.push(entry);
      continue;
    }
    const [source, destination] = await Promise.all([head('source', entry.key), head('destination', entry.key)]);
    tally.heads += 2;
    if (!source) continue; // deleted at the source since: nothing left to replicate
    const pair = {
      key: entry.key,
      source: listedFromHead(entry.key, source),
      ...(destination ? { destination: listedFromHead(entry.key, destination) } : {}),
    };
    const verdict = await judgePair(pair, scope, async (side) => (side === 'source' ? source : destination));
    if (verdict.class === 'inFlight' && now.getTime() - Date.parse(entry.copiedAt) < RECHECK_MAX_AGE_MS) {
      remaining.push(entry);
      continue;
    }
    if (verdict.class === 'matched') matched += 1;
    if (verdict.class === 'missing' || verdict.class === 'different') stillWrong += 1;
    if (entry.foundIn === pass.startedAt) tally.reclassify(entry.key, entry.class, verdict);
  }
  if (entries.length === 0) return { remaining };
  return { remaining, report: { at: now.toISOString(), matched, stillWrong, waiting: remaining.length } };
}
