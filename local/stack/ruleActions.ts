/**
 * The dashboard's buttons: pause or resume one rule's replication in the emulator (to watch an incident
 * open and resolve), and run a canary of a rule now (a schedule verify picks up at once). Only rules
 * this deployment's state records as its own; the server refuses anything from outside this machine.
 */
import { isValidBucketName } from '../../shared/oss';
import type { PolicyDocument } from '../../shared/policy/runtime';
import { requestCanary } from '../../shared/replication';
import { getBucketState, type DocumentStore } from '../../shared/state';
import type { EmulatorAdmin } from '../emulator';

export const RULE_ACTIONS = ['pause', 'resume', 'canary'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export interface RuleRef {
  readonly bucket: string;
  readonly ruleId: string;
}

/** An HTTP answer: status and JSON body. */
export interface ActionAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface RuleActionDeps {
  readonly admin: Pick<EmulatorAdmin, 'pauseReplication' | 'resumeReplication'>;
  readonly state: DocumentStore;
  readonly policy: PolicyDocument;
  /** Starts a verify run (not awaited: the answer does not wait for the canary). */
  readonly runVerify: () => void;
  readonly now?: () => Date;
}

const MAX_RULE_ID = 255;

/** The rule a request names: `{"bucket": "...", "ruleId": "..."}`, or why not. */
export function ruleRefOf(body: unknown): RuleRef | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object {"bucket", "ruleId"}';
  const { bucket, ruleId } = body as Record<string, unknown>;
  if (typeof bucket !== 'string' || !isValidBucketName(bucket)) return 'bucket must be a valid bucket name';
  if (typeof ruleId !== 'string' || ruleId.length === 0 || ruleId.length > MAX_RULE_ID)
    return `ruleId must be a string of 1 to ${MAX_RULE_ID} characters`;
  return { bucket, ruleId };
}

function pauseOrResume(action: 'pause' | 'resume', ref: RuleRef, deps: RuleActionDeps): ActionAnswer {
  try {
    if (action === 'pause') deps.admin.pauseReplication(ref.bucket, ref.ruleId);
    else deps.admin.resumeReplication(ref.bucket, ref.ruleId);
  } catch (error) {
    // The emulator's own words: NoSuchBucket, NoSuchReplicationRule.
    return { status: 404, body: { error: error instanceof Error ? error.message : String(error) } };
  }
  return { status: 200, body: { ok: true, action, ...ref } };
}

export async function runRuleAction(action: RuleAction, ref: RuleRef, deps: RuleActionDeps): Promise<ActionAnswer> {
  const state = await getBucketState(deps.state, ref.bucket);
  if (!state.rules.some((r) => r.ruleId === ref.ruleId)) {
    return { status: 404, body: { error: `${ref.bucket} has no rule ${ref.ruleId} managed by this deployment` } };
  }
  if (action !== 'canary') return pauseOrResume(action, ref, deps);
  const request = await requestCanary(deps.state, deps.policy, state, ref.ruleId, (deps.now ?? (() => new Date()))());
  if (request.kind === 'refused') return { status: 409, body: { error: request.reason } };
  deps.runVerify();
  return { status: 202, body: { ok: true, action, ...ref, dueAt: request.dueAt } };
}
