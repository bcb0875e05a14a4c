/**
 * Fault injection: per operation (or all), an error rate with code and status, added latency,
 * a connection-reset rate, and an optional count ("the next N matching calls").
 */
import { randomUUID } from 'node:crypto';

export interface FaultSpec {
  /** Operation name (e.g. `PutObject`), or absent / `*` for every operation. */
  readonly operation?: string;
  /** Only requests on this bucket. */
  readonly bucket?: string;
  /** Only requests received on this region's port. */
  readonly region?: string;
  /** 0..1; defaults to 1 when `errorCode` is set, else 0. */
  readonly errorRate?: number;
  readonly errorCode?: string;
  /** Defaults to 503 (500 for InternalError). */
  readonly errorStatus?: number;
  readonly latencyMs?: number;
  /** 0..1: the socket is destroyed without an answer. */
  readonly resetRate?: number;
  /** Applies to the next N matching calls, then disappears. Unlimited when absent. */
  readonly count?: number;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  remaining?: number;
}

export interface FaultDecision {
  readonly latencyMs: number;
  readonly reset: boolean;
  readonly error?: { readonly code: string; readonly status: number };
}

export interface FaultTarget {
  readonly operation: string;
  readonly bucket?: string;
  readonly region: string;
}

const clampRate = (rate: number | undefined, fallback: number) => Math.min(1, Math.max(0, rate ?? fallback));

/** Validates a spec from the admin API; throws a plain Error with a readable message. */
export function checkFaultSpec(spec: FaultSpec): void {
  for (const name of ['errorRate', 'resetRate'] as const) {
    const v = spec[name];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) throw new Error(`${name} must be a number in 0..1`);
  }
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) throw new Error('count must be a positive integer');
  if (spec.latencyMs !== undefined && (typeof spec.latencyMs !== 'number' || spec.latencyMs < 0)) throw new Error('latencyMs must be >= 0');
  if (spec.errorStatus !== undefined && (!Number.isInteger(spec.errorStatus) || spec.errorStatus < 400 || spec.errorStatus > 599)) {
    throw new Error('errorStatus must be an HTTP error status');
  }
}

export class FaultInjector {
  private faults: Fault[] = [];
  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): Fault {
    checkFaultSpec(spec);
    const fault: Fault = { ...spec, id: randomUUID(), ...(spec.count !== undefined ? { remaining: spec.count } : {}) };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Every matching fault contributes; a count-limited fault is used up by each match. */
  decide(target: FaultTarget): FaultDecision {
    let latencyMs = 0;
    let reset = false;
    let error: FaultDecision['error'];
    for (const fault of this.faults.filter((f) => matches(f, target))) {
      if (fault.remaining !== undefined) fault.remaining--;
      latencyMs += fault.latencyMs ?? 0;
      if (!reset && this.random() < clampRate(fault.resetRate, 0)) reset = true;
      if (!error && fault.errorCode && this.random() < clampRate(fault.errorRate, 1)) {
        error = { code: fault.errorCode, status: fault.errorStatus ?? (fault.errorCode === 'InternalError' ? 500 : 503) };
      }
    }
    this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
    return { latencyMs, reset, ...(error ? { error } : {}) };
  }
}

function matches(fault: Fault, t: FaultTarget): boolean {
  if (fault.operation && fault.operation !== '*' && fault.operation !== t.operation) return false;
  if (fault.bucket && fault.bucket !== t.bucket) return false;
  return !fault.region || fault.region === t.region;
}
