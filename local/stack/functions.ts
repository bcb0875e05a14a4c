/**
 * The five real FC handlers, built once for the stack and invoked like FC would: a Buffer event
 * and an FC-like context carrying the emulator's credentials. Handlers log through `sink`.
 */
import { randomUUID } from 'node:crypto';
import { makeAuditHandler } from '../../functions/audit/handler';
import { makeBucketEventsHandler } from '../../functions/bucket-events/handler';
import { makeMonitorHandler } from '../../functions/monitor/handler';
import { makeReconcileHandler } from '../../functions/reconcile/handler';
import { makeVerifyHandler } from '../../functions/verify/handler';
import type { IncidentOptions } from '../../shared/alerts';
import type { PolicyDocument } from '../../shared/policy';
import type { FcContext, HandlerResponse, RuntimeConfig } from '../../shared/runtime';
import type { Credentials } from '../../shared/signing';

export const FUNCTION_NAMES = ['bucket-events', 'reconcile', 'verify', 'monitor', 'audit'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The timeouts s.yaml gives each function: the handlers' deadlines behave as in FC. */
const TIMEOUT_SECONDS: Readonly<Record<FunctionName, number>> = {
  'bucket-events': 300,
  reconcile: 900,
  verify: 120,
  monitor: 300,
  audit: 600,
};

export type Invoke = (event: Buffer) => Promise<HandlerResponse<unknown>>;

export interface FunctionSetOptions {
  readonly policy: PolicyDocument;
  readonly config: RuntimeConfig;
  readonly credentials: Credentials;
  readonly region: string;
  readonly accountId: string;
  readonly sink: (line: string) => void;
  /** The monitor's incident timings (local only: `--incident-quiet`). */
  readonly incidents?: Partial<IncidentOptions>;
}

function context(name: FunctionName, o: FunctionSetOptions): FcContext {
  return {
    requestId: randomUUID(),
    credentials: {
      accessKeyId: o.credentials.accessKeyId,
      accessKeySecret: o.credentials.accessKeySecret,
      ...(o.credentials.securityToken ? { securityToken: o.credentials.securityToken } : {}),
    },
    region: o.region,
    accountId: o.accountId,
    function: { name: `autopilot-${name}`, handler: 'index.handler', memory: 512, timeout: TIMEOUT_SECONDS[name] },
  };
}

export function buildFunctions(o: FunctionSetOptions): Record<FunctionName, Invoke> {
  const options = { config: o.config, sink: o.sink };
  const handlers = {
    'bucket-events': makeBucketEventsHandler(o.policy, options),
    reconcile: makeReconcileHandler(o.policy, options),
    verify: makeVerifyHandler(o.policy, options),
    monitor: makeMonitorHandler(o.policy, { ...options, ...(o.incidents ? { incidents: o.incidents } : {}) }),
    audit: makeAuditHandler(o.policy, options),
  };
  const wrap =
    (name: FunctionName): Invoke =>
    (event) =>
      handlers[name](event, context(name, o)) as Promise<HandlerResponse<unknown>>;
  return Object.fromEntries(FUNCTION_NAMES.map((name) => [name, wrap(name)])) as Record<FunctionName, Invoke>;
}

/** The body FC's timer trigger delivers (fc-and-events.md §2.1). */
export function timerEvent(name: FunctionName, now: Date): Buffer {
  return Buffer.from(
    JSON.stringify({
      triggerTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      triggerName: `local-${name}`,
      payload: JSON.stringify({ job: name }),
    }),
  );
}
