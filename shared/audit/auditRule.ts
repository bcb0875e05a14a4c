/**
 * One budgeted run of the parity audit on one owned rule: read where the pass stands, re-check what a
 * resync copied, walk the two listings on from the cursor until the budget, the deadline or the end,
 * and save everything the next run (and the monitor, and `status`) needs.
 */
import type { BucketRef, OssApi } from '../oss';
import type { AuditSettings } from '../policy/runtime';
import type { DocumentStore, OwnedRule } from '../state';
import type { ReplicationRule } from '../xml';
import { RunBudget } from './budget';
import { DEADLINE_RESERVE_MS } from './constants';
import { emptyAuditDocument, passDecision, readAuditDocument, saveAuditDocument } from './document';
import { deleteFound, writeFound } from './found';
import { headReader, type RuleSides } from './heads';
import { headsNeeded, judgePair } from './judge';
import { KeyStream, listingPages } from './keyStream';
import { mergeWalk, type KeyPair, type VisitResult } from './mergeWalk';
import { mergeRecheck, recheckKeys } from './recheck';
import { deleteResyncRequests, readResyncRequests } from './resyncRequests';
import { ruleContext } from './ruleContext';
import { isNotAuditable } from './scope';
import type { ParityLedger } from './parityLedger';
import { newPass, PassTally } from './tally';
import type { AuditCursor, AuditDocument, AuditPass, AuditRunReport, AuditScope, RunOutcome, WalkStop } from './types';

export interface AuditRunDeps {
  readonly oss: OssApi;
  readonly state: DocumentStore;
  /** The run's one instant. */
  readonly now: Date;
  /** Time left in the invocation (Infinity outside FC). */
  readonly remainingMs: () => number;
  /** Told each audit document the run leaves behind, for the monitor (the audit function and `cli audit` pass one). */
  readonly ledger?: ParityLedger;
}

export interface AuditRuleTarget {
  readonly bucket: string;
  readonly region?: string;
  readonly owned: OwnedRule;
  /** The rule as GetBucketReplication shows it; undefined when OSS no longer has it. */
  readonly live: ReplicationRule | undefined;
  readonly settings: AuditSettings;
  /** Start a pass even when none is due (`cli audit`). */
  readonly force?: boolean;
}

export interface AuditRuleOutcome {
  readonly bucket: string;
  readonly ruleId: string;
  readonly outcome: RunOutcome | 'notDue';
  readonly stoppedBy?: WalkStop;
  readonly pages: number;
  readonly heads: number;
  /** Missing and different keys the current pass found so far. */
  readonly problems: number;
  readonly note?: string;
  readonly error?: string;
}

/** OSS's code and message, which the client has already scrubbed of secrets. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/** The operation and code of an error (`ListObjectsV2: NoSuchBucket`), else the start of its message: for a table cell. */
export function errorCodeOf(error: unknown): string {
  const { operation, code } = (typeof error === 'object' && error !== null ? error : {}) as { operation?: unknown; code?: unknown };
  if (typeof code === 'string') return typeof operation === 'string' ? `${operation}: ${code}` : code;
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** What a whole pass should walk: the last full pass's count, or (whole-bucket rules) the bucket's object count. */
async function expectedKeys(oss: OssApi, ref: BucketRef, doc: AuditDocument, scope: AuditScope): Promise<number | undefined> {
  const last = doc.lastFullPass;
  if (last && last.prefixes.join('\n') === scope.prefixes.join('\n')) return last.sourceKeys;
  if (scope.prefixes.join('') !== '') return undefined;
  return (await oss.getBucketStat(ref).catch(() => undefined))?.objectCount;
}

interface Walked {
  readonly stop: WalkStop;
  readonly cursor?: AuditCursor;
  readonly error?: unknown;
}

/** The merge walk from the pass's cursor over the remaining prefixes. */
async function walkPass(
  deps: AuditRunDeps,
  sides: RuleSides,
  scope: AuditScope,
  pass: AuditPass,
  tally: PassTally,
  budget: RunBudget,
): Promise<Walked> {
  const start = pass.cursor ?? { prefix: 0 };
  const head = headReader(deps.oss, sides, () => (tally.heads += 1));
  const takePage = (): boolean => {
    if (!budget.takePage()) return false;
    tally.pages += 1;
    return true;
  };
  const visit = async (pair: KeyPair): Promise<VisitResult> => {
    const reserved = headsNeeded(pair, scope);
    if (!budget.takeHeads(reserved)) return 'outOfHeads';
    const before = tally.heads;
    const verdict = await judgePair(pair, scope, head);
    budget.refundHeads(reserved - (tally.heads - before));
    tally.add(pair.key, verdict, pair.source !== undefined);
    return 'judged';
  };
  for (let i = start.prefix; i < pass.prefixes.length; i++) {
    const prefix = pass.prefixes[i] ?? '';
    const after = i === start.prefix ? start.after : undefined;
    const under = `under ${JSON.stringify(prefix)}`;
    const source = new KeyStream(listingPages(deps.oss, sides.source, prefix), after, takePage, `${sides.source.bucket} ${under}`);
    const destination = new KeyStream(
      listingPages(deps.oss, sides.destination, prefix),
      after,
      takePage,
      `${sides.destination.bucket} ${under}`,
    );
    const walked = await mergeWalk(source, destination, visit, () => deps.remainingMs() < DEADLINE_RESERVE_MS);
    if (walked.stop !== 'end') {
      const last = walked.lastKey ?? after;
      return {
        stop: walked.stop,
        cursor: { prefix: i, ...(last !== undefined ? { after: last } : {}) },
        ...(walked.error !== undefined ? { error: walked.error } : {}),
      };
    }
  }
  return { stop: 'end' };
}

function report(
  at: Date,
  outcome: RunOutcome,
  tally: { pages: number; heads: number },
  extra: Partial<AuditRunReport> = {},
): AuditRunReport {
  return { at: at.toISOString(), outcome, pages: tally.pages, heads: tally.heads, ...extra };
}

const failure = (error: unknown): Partial<AuditRunReport> => ({ error: describeError(error), errorCode: errorCodeOf(error) });

/** The document with this run's report, its failed runs in a row counted on, or cleared by a run that did not fail. */
function withRun(doc: AuditDocument, lastRun: AuditRunReport): AuditDocument {
  const { failing, ...rest } = doc;
  if (lastRun.outcome !== 'failed') return { ...rest, lastRun };
  return { ...rest, lastRun, failing: { since: failing?.since ?? lastRun.at, runs: (failing?.runs ?? 0) + 1 } };
}

/**
 * One run on one rule. A run that throws (a listing out of order, a failed HEAD or progress call, a
 * failed save) keeps nothing of what it did, since its verdicts may be wrong or half saved, but records
 * that it failed and why before the error goes on to the caller; the next run starts again from the
 * same cursor.
 */
export async function auditRule(deps: AuditRunDeps, target: AuditRuleTarget): Promise<AuditRuleOutcome> {
  const { bucket, owned } = target;
  const doc = (await readAuditDocument(deps.state, bucket, owned.ruleId)) ?? emptyAuditDocument(bucket, owned.ruleId, deps.now);
  const run: RunSoFar = {};
  try {
    return await runOnRule(deps, target, doc, run);
  } catch (error) {
    const lastRun = report(deps.now, 'failed', run.tally ?? { pages: 0, heads: 0 }, { stoppedBy: 'error', ...failure(error) });
    // A pass this run started is kept as started (nothing walked), so the next run carries it on.
    const started = run.started ? { current: run.started } : {};
    // Best effort: when the state bucket itself failed, the caller's log is all there is.
    await save(deps, withRun({ ...doc, ...started }, lastRun)).catch(() => undefined);
    throw error;
  }
}

/** Saves a rule's document, then tells the run's ledger: a document that was not saved leaves the monitor's entry as it was. */
async function save(deps: AuditRunDeps, doc: AuditDocument): Promise<void> {
  await saveAuditDocument(deps.state, doc, deps.now);
  deps.ledger?.document(doc);
}

/** What a run has done so far, for the record of a run that throws. */
interface RunSoFar {
  tally?: PassTally;
  /** The pass this run started (none when it carried one on). */
  started?: AuditPass;
}

async function runOnRule(deps: AuditRunDeps, target: AuditRuleTarget, doc: AuditDocument, run: RunSoFar): Promise<AuditRuleOutcome> {
  const { bucket, owned } = target;
  const ruleId = owned.ruleId;
  const base = { bucket, ruleId };
  const requests = await readResyncRequests(deps.state, bucket, ruleId);
  const decision = passDecision(doc, target.settings.everyHours, deps.now, {
    resynced: requests.entries.length > 0,
    ...(target.force ? { force: true } : {}),
  });
  if (decision === 'notDue') {
    deps.ledger?.document(doc);
    return {
      ...base,
      outcome: 'notDue',
      pages: 0,
      heads: 0,
      problems: doc.current ? doc.current.counts.missing + doc.current.counts.different : 0,
    };
  }
  const source: BucketRef = { bucket, ...(target.region ? { region: target.region } : {}) };
  const context = await ruleContext(deps.oss, source, owned, target.live);
  if (isNotAuditable(context)) {
    await save(deps, withRun(doc, report(deps.now, 'waiting', { pages: 0, heads: 0 }, { note: context.waiting })));
    return { ...base, outcome: 'waiting', pages: 0, heads: 0, problems: 0, note: context.waiting };
  }
  const { sides, scope } = context;
  // A pass walks the prefixes it started with; a rule's prefixes never change under one id, but a
  // stored pass that disagrees (a hand-edited document) is started again rather than trusted.
  const resume = doc.current && doc.current.prefixes.join('\n') === scope.prefixes.join('\n') ? doc.current : undefined;
  if (doc.current && !resume) await deleteFound(deps.state, bucket, ruleId, doc.current.startedAt);
  const pass = resume ?? newPass(deps.now, scope.prefixes, await expectedKeys(deps.oss, source, doc, scope));
  const tally = new PassTally(pass);
  run.tally = tally;
  if (!resume) run.started = pass;
  const budget = new RunBudget(target.settings.pagesPerRun, target.settings.headsPerRun);
  const head = headReader(deps.oss, sides, () => undefined);
  const carried = doc.recheck.length > 0 && doc.lastRecheck ? { carried: doc.lastRecheck } : {};
  const rechecked = await recheckKeys(mergeRecheck(doc.recheck, requests.entries), {
    scope,
    pass,
    tally,
    budget,
    head,
    now: deps.now,
    ...carried,
  });
  const walked = await walkPass(deps, sides, scope, pass, tally, budget);
  const ended = walked.stop === 'end';
  const chunks = await writeFound(deps.state, { bucket, ruleId, pass: pass.startedAt }, pass.chunks, tally.found);
  const next = tally.pass(ended ? { endedAt: deps.now } : { cursor: walked.cursor ?? { prefix: 0 } }, chunks);
  const outcome: RunOutcome = walked.error !== undefined ? 'failed' : ended ? 'passEnded' : 'walked';
  const error = walked.error !== undefined ? describeError(walked.error) : undefined;
  const { current: _current, ...rest } = doc;
  const lastRun = report(deps.now, outcome, tally, {
    stoppedBy: walked.stop,
    ...(walked.error !== undefined ? failure(walked.error) : {}),
  });
  await save(
    deps,
    withRun(
      {
        ...rest,
        ...(ended ? { lastFullPass: next } : { current: next }),
        recheck: rechecked.remaining,
        ...(rechecked.report ? { lastRecheck: rechecked.report } : {}),
      },
      lastRun,
    ),
  );
  await deleteResyncRequests(deps.state, requests.documents);
  if (ended && doc.lastFullPass && doc.lastFullPass.startedAt !== next.startedAt)
    await deleteFound(deps.state, bucket, ruleId, doc.lastFullPass.startedAt);
  return {
    ...base,
    outcome,
    stoppedBy: walked.stop,
    pages: tally.pages,
    heads: tally.heads,
    problems: tally.problems(),
    ...(error ? { error } : {}),
  };
}
