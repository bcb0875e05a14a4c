/**
 * A pass as one run adds to it: counts, samples and unreplicable reasons per verdict, and the run's
 * missing and different keys for the found documents (up to the pass's cap). Mutable while the run
 * lasts; `pass()` gives the stored, immutable form.
 */
import { MAX_RECORDED_PER_PASS, MAX_SAMPLES } from './constants';
import {
  AUDIT_CLASSES,
  type AuditClass,
  type AuditCursor,
  type AuditPass,
  type AuditSample,
  type FoundKey,
  type ProblemClass,
  type Verdict,
} from './types';

export function emptyCounts(): Record<AuditClass, number> {
  return Object.fromEntries(AUDIT_CLASSES.map((c) => [c, 0])) as Record<AuditClass, number>;
}

export function newPass(startedAt: Date, prefixes: readonly string[], expectedSourceKeys?: number): AuditPass {
  return {
    startedAt: startedAt.toISOString(),
    prefixes: [...prefixes],
    cursor: { prefix: 0 },
    counts: emptyCounts(),
    samples: {},
    unreplicable: {},
    sourceKeys: 0,
    ...(expectedSourceKeys !== undefined ? { expectedSourceKeys } : {}),
    runs: 0,
    pages: 0,
    heads: 0,
    recorded: 0,
    unrecorded: 0,
    chunks: 0,
  };
}

const isProblem = (c: AuditClass): c is ProblemClass => c === 'missing' || c === 'different';

export class PassTally {
  private readonly counts: Record<AuditClass, number>;
  private readonly samples: Partial<Record<AuditClass, AuditSample[]>>;
  private readonly unreplicable: Record<string, number>;
  private sourceKeys: number;
  private recorded: number;
  private unrecorded: number;
  pages = 0;
  heads = 0;
  /** This run's missing and different keys, for its found document. */
  readonly found: FoundKey[] = [];

  constructor(private readonly base: AuditPass) {
    this.counts = { ...emptyCounts(), ...base.counts };
    this.samples = Object.fromEntries(Object.entries(base.samples).map(([c, list]) => [c, [...(list ?? [])]]));
    this.unreplicable = { ...base.unreplicable };
    this.sourceKeys = base.sourceKeys;
    this.recorded = base.recorded;
    this.unrecorded = base.unrecorded;
  }

  /** `sourceKey`: the walk met the key in the source listing (what coverage counts). */
  add(key: string, verdict: Verdict, sourceKey: boolean): void {
    this.counts[verdict.class] += 1;
    if (sourceKey) this.sourceKeys += 1;
    if (verdict.reason) this.unreplicable[verdict.reason] = (this.unreplicable[verdict.reason] ?? 0) + 1;
    const list = (this.samples[verdict.class] ??= []);
    if (list.length < MAX_SAMPLES) list.push({ key, ...(verdict.detail ? { detail: verdict.detail } : {}) });
    if (!isProblem(verdict.class)) return;
    if (this.recorded >= MAX_RECORDED_PER_PASS) this.unrecorded += 1;
    else {
      this.recorded += 1;
      this.found.push({ key, class: verdict.class, ...(verdict.detail ? { detail: verdict.detail } : {}) });
    }
  }

  /** A key this pass already counted as `was` was judged again (after a resync): move it to its new verdict. */
  reclassify(key: string, was: ProblemClass, now: Verdict): void {
    if (this.counts[was] === 0) return;
    this.counts[was] -= 1;
    this.samples[was] = (this.samples[was] ?? []).filter((s) => s.key !== key);
    this.add(key, now, false);
  }

  problems(): number {
    return this.counts.missing + this.counts.different;
  }

  /** The pass after this run: at `cursor`, or ended at `endedAt`. */
  pass(position: { readonly cursor: AuditCursor } | { readonly endedAt: Date }, chunksWritten: number): AuditPass {
    const { cursor: _old, ...base } = this.base;
    return {
      ...base,
      ...('cursor' in position ? { cursor: position.cursor } : { endedAt: position.endedAt.toISOString() }),
      counts: { ...this.counts },
      samples: this.samples,
      unreplicable: { ...this.unreplicable },
      sourceKeys: this.sourceKeys,
      runs: this.base.runs + 1,
      pages: this.base.pages + this.pages,
      heads: this.base.heads + this.heads,
      recorded: this.recorded,
      unrecorded: this.unrecorded,
      chunks: this.base.chunks + chunksWritten,
    };
  }
}
