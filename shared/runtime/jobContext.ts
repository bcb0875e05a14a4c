import { DEFAULT_CONCURRENCY } from './config';
import type { Deadline } from './deadline';
import type { HandlerDeps } from './handler';
import type { Logger } from '../log';
import { sleep } from '../retry';

/** What each of the four jobs receives from its invocation, the same way in all of them. */
export interface JobContext {
  readonly log: Logger;
  /**
   * The invocation's clock (tests and the local stack inject one). A job that wants one instant for a
   * whole run (monitor, verify) reads it once at its start.
   */
  readonly now: () => Date;
  readonly deadline: Deadline;
  /** The invocation's request id: the owner written into leases and event claims. */
  readonly invocationId: string;
  /** Buckets or documents worked on in parallel. */
  readonly concurrency: number;
  /** Waits between tries (leases); tests make them instant. */
  readonly sleep: (ms: number) => Promise<void>;
}

export interface JobContextOptions {
  /** DEFAULT_CONCURRENCY unless the handler or the environment says otherwise. */
  readonly concurrency?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export function jobContext(deps: HandlerDeps, options: JobContextOptions = {}): JobContext {
  return {
    log: deps.log,
    now: deps.now,
    deadline: deps.deadline,
    invocationId: deps.requestId,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    sleep: options.sleep ?? sleep,
  };
}

/** What a timer job reads from its event: the trigger time, for the log only (the job works on its own clock). */
export interface TimerInput {
  readonly triggerTime?: string;
}

/** A timer event, or anything else for a manual run (console, CLI, local stack): never refused. */
export function timerInput(input: unknown): TimerInput {
  const triggerTime = (input as { triggerTime?: unknown } | null)?.triggerTime;
  return typeof triggerTime === 'string' ? { triggerTime } : {};
}
