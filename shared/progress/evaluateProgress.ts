import { backfillStalled, destinationGone, lagHigh, ruleGone, startingTooLong } from './checks';
import { canaryFailing, canaryOverdue } from './canaryChecks';
import type { EvaluateProgressInput, Finding } from './types';

type Check = (input: EvaluateProgressInput) => Finding | undefined;

/** Structural problems: when one holds, every other signal is a consequence of it. */
const ROOT_CAUSES: readonly Check[] = [ruleGone, destinationGone];
const SYMPTOMS: readonly Check[] = [startingTooLong, backfillStalled, lagHigh, canaryFailing, canaryOverdue];

function run(checks: readonly Check[], input: EvaluateProgressInput): Finding[] {
  return checks.map((c) => c(input)).filter((f): f is Finding => f !== undefined);
}

/**
 * Everything wrong with one managed rule right now. Pure: the same input always gives the same findings,
 * so the monitor, the CLI and tests agree. A missing rule or destination suppresses the symptom checks
 * (stall, lag, canary) so that one cause opens one incident, not five.
 */
export function evaluateProgress(input: EvaluateProgressInput): Finding[] {
  const causes = run(ROOT_CAUSES, input);
  return causes.length > 0 ? causes : run(SYMPTOMS, input);
}
