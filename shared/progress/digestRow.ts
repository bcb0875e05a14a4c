import { backfillEta, backfillRate, lagSeconds } from './history';
import type { CanaryStatus, DigestRow, Finding, ParityStatus, ProgressSample, RuleIdentity } from './types';

export interface DigestRowInput {
  readonly rule: RuleIdentity;
  readonly history: readonly ProgressSample[];
  readonly now: Date;
  readonly ruleMissing?: boolean;
  readonly canary?: CanaryStatus;
  /** Current findings (or open incidents' kinds) for this rule. */
  readonly findings?: readonly Pick<Finding, 'kind'>[];
  readonly parity?: ParityStatus;
}

function lastCanary(canary: CanaryStatus | undefined): DigestRow['lastCanary'] {
  const success = canary?.lastSuccessAt;
  const failure = canary?.lastFailure;
  if (failure && (!success || Date.parse(failure.at) > Date.parse(success))) {
    return { ok: false, at: failure.at, diagnosis: failure.diagnosis };
  }
  if (!success) return undefined;
  return canary?.lastLatencySeconds === undefined
    ? { ok: true, at: success }
    : { ok: true, at: success, latencySeconds: canary.lastLatencySeconds };
}

/** One digest line for a rule: status, backfill, rate, ETA, lag and the last canary. */
export function digestRow(input: DigestRowInput): DigestRow {
  const last = input.history[input.history.length - 1];
  const lag = lagSeconds(last, input.now);
  const rate = backfillRate(input.history);
  const canary = lastCanary(input.canary);
  return {
    rule: input.rule,
    status: input.ruleMissing ? 'missing' : (last?.status ?? 'unknown'),
    ...(last?.historical !== undefined ? { backfill: last.historical, eta: backfillEta(input.history, input.now) } : {}),
    ...(rate !== undefined ? { backfillRate: rate } : {}),
    ...(lag !== undefined ? { lagSeconds: lag } : {}),
    ...(canary ? { lastCanary: canary } : {}),
    findings: (input.findings ?? []).map((f) => f.kind),
    ...(input.parity ? { parity: input.parity } : {}),
  };
}
