import { DeadlineExceededError } from './errors';

/** The time budget of one invocation. Retries and sweeps stop before FC kills the instance. */
export interface Deadline {
  /** Epoch ms, or Infinity when the runtime gave no timeout (CLI, local runs). */
  readonly at: number;
  remainingMs(): number;
  expired(): boolean;
  /** @throws DeadlineExceededError naming `operation` when the budget is used up. */
  check(operation: string): void;
}

/** Time kept back for logging the summary and returning it. */
export const DEADLINE_MARGIN_MS = 2_000;

/**
 * @param timeoutSeconds context.function.timeout; the deadline is that many seconds after `start`,
 * minus a margin (at most 10 % of the budget, so tiny timeouts stay usable).
 */
export function deadlineFromTimeout(timeoutSeconds: number | undefined, start: number, clock: () => number = Date.now): Deadline {
  const valid = typeof timeoutSeconds === 'number' && Number.isFinite(timeoutSeconds) && timeoutSeconds > 0;
  const budget = valid ? timeoutSeconds * 1000 : Infinity;
  const at = start + budget - Math.min(DEADLINE_MARGIN_MS, budget / 10);
  return {
    at,
    remainingMs: () => Math.max(0, at - clock()),
    expired: () => clock() >= at,
    check(operation) {
      if (clock() >= at) throw new DeadlineExceededError(operation);
    },
  };
}
