/**
 * Text rendering of plans and ensure results, Terraform-like: one block per bucket, one line per step,
 * and under a rule's step the rule's fields as a diff (ruleDiff.ts).
 */
import { printable } from '../shared/log';
import type { EnsureResult, Plan, Step } from '../shared/replication';
import type { ReplicationRule } from '../shared/xml';
import { ruleDiff } from './ruleDiff';

const SYMBOL: Readonly<Record<Step['kind'], string>> = {
  createDestination: '+',
  enableDestinationVersioning: '~',
  deleteRule: '-',
  waitClosing: '.',
  addRule: '+',
  scheduleCanary: '+',
};

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createDestination':
      return `create destination bucket ${step.bucket} in ${step.region} (versioning ${step.versioning})`;
    case 'enableDestinationVersioning':
      return `enable versioning on ${step.bucket} (${step.region})`;
    case 'deleteRule':
      return `delete rule ${step.ruleId}`;
    case 'waitClosing':
      return `wait for rule ${step.ruleId} to finish closing`;
    case 'addRule':
      // The rule's fields follow as a diff in a plan (ruleDiff.ts).
      return `add rule ${step.rule.id ?? '?'} [${step.policy}] -> ${step.rule.destination.bucket} (${step.rule.destination.location})`;
    case 'scheduleCanary':
      return `schedule a canary for rule ${step.ruleId}`;
  }
}

/** The rule a deleteRule step removes to make room for `added` (OSS allows one rule per destination). */
function replacedBy(plan: Plan, added: ReplicationRule): ReplicationRule | undefined {
  for (const step of plan.steps) {
    if (step.kind !== 'deleteRule' || !step.rule) continue;
    if (step.rule.destination.bucket === added.destination.bucket || step.ruleId === added.id) return step.rule;
  }
  return undefined;
}

function replacing(plan: Plan, removed: ReplicationRule | undefined): ReplicationRule | undefined {
  if (!removed) return undefined;
  return plan.steps.flatMap((s) => (s.kind === 'addRule' ? [s.rule] : [])).find((r) => replacedBy(plan, r) === removed);
}

/** The step's line and, under a rule's step, its fields: all of them for an add or delete, the changed ones for a replacement. */
function stepLines(plan: Plan, step: Step): string[] {
  const head = `  ${SYMBOL[step.kind]} ${describeStep(step)}`;
  const indent = (lines: string[]) => lines.map((l) => `      ${l}`);
  if (step.kind === 'addRule') {
    const before = replacedBy(plan, step.rule);
    const diff = ruleDiff(before, step.rule);
    return [head, ...indent(before && diff.length === 0 ? ['(the same fields under a new id)'] : diff)];
  }
  if (step.kind === 'deleteRule') {
    const successor = replacing(plan, step.rule);
    if (successor) return [`${head} (replaced by ${successor.id ?? 'the rule below'})`];
    return [head, ...indent(ruleDiff(step.rule, undefined))];
  }
  return [head];
}

/** `fields`: a plan shows what each rule step changes; a result of apply names the steps only (the plan was shown). */
function planLines(plan: Plan, fields: boolean): string[] {
  const lines = plan.steps.flatMap((s) => (fields ? stepLines(plan, s) : [`  ${SYMBOL[s.kind]} ${describeStep(s)}`]));
  if (plan.reason) lines.unshift(`  reason: ${plan.reason.code}: ${plan.reason.message}`);
  for (const note of plan.notes) lines.push(`  note: ${note.code}: ${note.message}`);
  return lines;
}

/** One bucket's block, each line printable (reasons carry OSS's words). Skipped buckets get a single line: a sweep lists many. */
export function renderResult(result: EnsureResult): string[] {
  return resultLines(result).map(printable);
}

function resultLines(result: EnsureResult): string[] {
  const head = `${result.bucket}${result.plan ? ` (${result.plan.region})` : ''}: ${result.dryRun ? (result.plan?.outcome ?? result.outcome) : result.outcome}`;
  if (result.outcome === 'skipped' && result.reason?.code !== 'ChangeBudgetExhausted') {
    return [`${head}${result.reason ? ` (${result.reason.code})` : ''}`];
  }
  const reason = result.reason ? [`  reason: ${result.reason.code}: ${result.reason.message}`] : [];
  const body = result.plan ? planLines(result.plan, result.dryRun) : reason;
  if (!result.plan && result.reason === undefined) return [head];
  if (result.plan && result.reason && result.reason.code !== result.plan.reason?.code)
    body.push(`  result: ${result.reason.code}: ${result.reason.message}`);
  if (!result.dryRun && result.applied.length > 0) body.push(`  applied: ${result.applied.join(', ')}`);
  return [head, ...body];
}

/** `Plan: 1 to create, 0 to replace, ...` over every bucket. */
export function summaryLine(label: string, results: readonly EnsureResult[]): string {
  const count = (pred: (r: EnsureResult) => boolean) => results.filter(pred).length;
  const planned = (o: string) => (r: EnsureResult) => (r.dryRun ? r.plan?.outcome === o : false);
  if (results.every((r) => r.dryRun)) {
    return `${label}: ${count(planned('create'))} to create, ${count(planned('replace'))} to replace, ${count(planned('remove'))} to remove, ${count(planned('unchanged'))} unchanged, ${count(planned('block'))} blocked, ${count((r) => r.outcome === 'skipped' || r.plan?.outcome === 'skip')} skipped, ${count((r) => r.outcome === 'failed')} failed.`;
  }
  const by = (o: string) => count((r) => r.outcome === o);
  return `${label}: ${by('created')} created, ${by('replaced')} replaced, ${by('removed')} removed, ${by('unchanged')} unchanged, ${by('blocked')} blocked, ${by('skipped')} skipped, ${by('busy')} busy, ${by('failed')} failed.`;
}
