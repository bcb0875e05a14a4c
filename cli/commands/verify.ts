/**
 * `verify --bucket B`: writes a canary for each owned, active rule on the bucket and polls
 * checkCanary until each one is verified or failed, printing the latency or the diagnosis. The same
 * shared/canary code the verify function runs; nothing is written to the state bucket.
 */
import { type CanaryCheck, type CanaryTarget, checkCanary, writeCanary } from '../../shared/canary';
import { printable } from '../../shared/log';
import type { Policy } from '../../shared/policy';
import { isOwned, policyOfRuleId, ruleOwnership, type RuleOwnership, slugify } from '../../shared/replication';
import { sleep as realSleep } from '../../shared/retry';
import { getBucketState } from '../../shared/state';
import { regionOf, type ReplicationRule } from '../../shared/xml';
import type { ParsedCommand } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import type { CliServices } from '../services';

const DEFAULT_INTERVAL_MS = 1000;

export interface VerifyOutcome {
  readonly ruleId: string;
  readonly policy?: string;
  readonly destination: string;
  readonly result: 'verified' | 'failed';
  /** Replication latency as the canary saw it (Last-Modified has one-second granularity). */
  readonly latencyMs?: number;
  /** Wall time from writing the canary to the verdict, polling included. */
  readonly elapsedMs: number;
  readonly diagnosis?: { readonly code: string; readonly message: string };
}

/** The policy an owned rule id was made for. */
function policyFor(ruleId: string, ownership: RuleOwnership, services: CliServices): Policy | undefined {
  const slug = policyOfRuleId(ruleId, ownership);
  return Object.entries(services.policy.policies).find(([name]) => slugify(name) === slug)?.[1];
}

/** This deployment's rules: its tag in the ID, or (IDs of earlier versions) recorded in its state. */
async function ownershipOf(bucket: string, services: CliServices): Promise<RuleOwnership> {
  const recorded = services.state ? (await getBucketState(services.state, bucket)).rules.map((r) => r.ruleId) : [];
  return ruleOwnership(services.ownerPrefix, services.stateBucket, recorded);
}

function targetOf(bucket: string, region: string, rule: ReplicationRule): CanaryTarget {
  return {
    sourceBucket: bucket,
    sourceRegion: region,
    ruleId: rule.id ?? '',
    destinationBucket: rule.destination.bucket,
    destinationRegion: regionOf(rule.destination.location),
    prefixes: rule.prefixes,
    actions: rule.actions,
  };
}

async function proveRule(
  target: CanaryTarget,
  policy: Policy | undefined,
  cmd: ParsedCommand,
  io: CliIo,
  services: CliServices,
): Promise<CanaryCheck> {
  const now = io.now ?? (() => new Date());
  const sleep = io.sleep ?? realSleep;
  const timeoutSeconds = cmd.timeoutSeconds ?? policy?.verify.timeoutSeconds ?? 900;
  let pending = await writeCanary(services.oss, target, { now: now(), delaySeconds: 0, timeoutSeconds });
  for (;;) {
    await sleep(cmd.intervalMs ?? DEFAULT_INTERVAL_MS);
    const check = await checkCanary(services.oss, pending, now());
    if (check.kind !== 'waiting') return check;
    pending = check.pending;
  }
}

function outcomeOf(target: CanaryTarget, policy: Policy | undefined, check: CanaryCheck, elapsedMs: number): VerifyOutcome {
  const base = {
    ruleId: target.ruleId,
    destination: `${target.destinationBucket} (${target.destinationRegion})`,
    elapsedMs,
    ...(policy ? { policy: policy.name } : {}),
  };
  if (check.kind === 'verified') return { ...base, result: 'verified', latencyMs: check.latencyMs };
  if (check.kind === 'failed') return { ...base, result: 'failed', diagnosis: check.diagnosis };
  return { ...base, result: 'failed', diagnosis: { code: 'NeverArrived', message: 'still waiting' } };
}

export async function verifyCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const bucket = cmd.bucket as string; // parseArgs requires it for verify
  const region = await services.oss.getBucketLocation({ bucket });
  const ownership = await ownershipOf(bucket, services);
  const rules = (await services.oss.getBucketReplication({ bucket, region })).rules.filter(
    (r) => isOwned(r.id, ownership) && r.status !== 'closing',
  );
  if (rules.length === 0) {
    if (cmd.options.json) io.out(JSON.stringify({ command: 'verify', bucket, outcomes: [] }, null, 2));
    io.err(
      printable(
        `${bucket} has no active replication rule owned by this deployment (prefix ${services.ownerPrefix}, state bucket ${services.stateBucket ?? 'not given'})`,
      ),
    );
    return EXIT_FAILURE;
  }
  // Rules are proven one after another: parallel canaries would share nothing but complicate output.
  const outcomes: VerifyOutcome[] = [];
  for (const rule of rules) {
    const target = targetOf(bucket, region, rule);
    const policy = policyFor(target.ruleId, ownership, services);
    if (!cmd.options.json)
      io.out(
        printable(`${bucket}: writing a canary for rule ${target.ruleId} -> ${target.destinationBucket} (${target.destinationRegion})`),
      );
    const started = Date.now();
    const check = await proveRule(target, policy, cmd, io, services);
    const outcome = outcomeOf(target, policy, check, Date.now() - started);
    outcomes.push(outcome);
    if (!cmd.options.json) {
      io.out(
        outcome.result === 'verified'
          ? `  verified: replication latency ${outcome.latencyMs} ms (verdict after ${outcome.elapsedMs} ms of polling)`
          : printable(`  FAILED: ${outcome.diagnosis?.code}: ${outcome.diagnosis?.message}`),
      );
    }
  }
  if (cmd.options.json) io.out(JSON.stringify({ command: 'verify', bucket, outcomes }, null, 2));
  return outcomes.every((o) => o.result === 'verified') ? EXIT_OK : EXIT_FAILURE;
}
