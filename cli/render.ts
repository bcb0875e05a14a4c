/** Text rendering of plans and ensure results, Terraform-like: one block per bucket, one line per step. */
import type { EnsureResult, Plan, Step } from '../shared/replication';

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
    case 'addRule': {
      const r = step.rule;
      const prefixes = r.prefixes.length > 0 ? r.prefixes.join(',') : '(whole bucket)';
      return `add rule ${r.id ?? '?'} [${step.policy}] -> ${r.destination.bucket} (${r.destination.location}), prefixes ${prefixes}, actions ${r.actions.join(',')}, historical ${r.historicalObjectReplication}`;
    }
    case 'scheduleCanary':
      return `schedule a canary for rule ${step.ruleId}`;
  }
}

function planLines(plan: Plan): string[] {
  const lines = plan.steps.map((s) => `  ${SYMBOL[s.kind]} ${describeStep(s)}`);
  if (plan.reason) lines.unshift(`  reason: ${plan.reason.code}: ${plan.reason.message}`);
  for (const note of plan.notes) lines.push(`  note: ${note.code}: ${note.message}`);
  return lines;
}

/** One bucket's block. Skipped buckets get a single line: a sweep lists many of them. */
export function renderResult(result: EnsureResult): string[] {
  const head = `${result.bucket}${result.plan ? ` (${result.plan.region})` : ''}: ${result.dryRun ? (result.plan?.outcome ?? result.outcome) : result.outcome}`;
  if (result.outcome === 'skipped' && result.reason?.code !== 'ChangeBudgetExhausted') {
    return [`${head}${result.reason ? ` (${result.reason.code})` : ''}`];
  }
  const body = result.plan ? planLines(result.plan) : result.reason ? [`  reason: ${result.reason.code}: ${result.reason.message}`] : [];
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
