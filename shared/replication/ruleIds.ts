import { createHash } from 'node:crypto';
import type { ReplicationRule } from '../xml';
import { canonicalJson } from './canonicalJson';
import { DEPLOYMENT_TAG_LENGTH, MAX_RULE_ID_LENGTH, RULE_HASH_LENGTH } from './constants';

const HEX = (length: number): string => `[0-9a-f]{${length}}`;
const LEGACY_SUFFIX = new RegExp(`-${HEX(RULE_HASH_LENGTH)}$`);
const DEPLOYMENT_SUFFIX = new RegExp(`-(${HEX(DEPLOYMENT_TAG_LENGTH)})-${HEX(RULE_HASH_LENGTH)}$`);

/**
 * Which replication rules one deployment may change. Several deployments can share an account and
 * an OWNER_PREFIX (a staging and a production install, two teams); each must leave the others'
 * rules alone, even when its own policy file would call them stale.
 */
export interface RuleOwnership {
  /** Prefix of rule IDs this system adds, e.g. `autopilot-`. */
  readonly prefix: string;
  /** This deployment's identity inside every rule ID it adds (see deploymentTag). */
  readonly deployment: string;
  /**
   * Rule IDs this deployment's state records for the bucket (`buckets/<bucket>.json`). Rules added by
   * versions before the deployment tag have IDs without it; the record is what makes them ours.
   */
  readonly recorded: ReadonlySet<string>;
}

/**
 * A deployment is its state bucket: names are global, and two installs sharing one state bucket
 * share leases and records anyway. A short hash keeps the rule ID readable.
 */
export function deploymentTag(stateBucket: string): string {
  return createHash('sha256').update(`autopilot-deployment:${stateBucket}`).digest('hex').slice(0, DEPLOYMENT_TAG_LENGTH);
}

/** The ownership of one bucket's rules for the deployment whose state bucket is `stateBucket`. */
export function ruleOwnership(prefix: string, stateBucket: string | undefined, recordedRuleIds: Iterable<string>): RuleOwnership {
  return { prefix, deployment: deploymentTag(stateBucket ?? ''), recorded: new Set(recordedRuleIds) };
}

/** Lower-case, `[a-z0-9-]` only, no leading/trailing/double dashes: safe inside an OSS rule ID. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** The fields of a rule that define what it does: neither its ID nor its status. */
export function ruleFingerprint(rule: ReplicationRule): string {
  const { id: _id, status: _status, ...fields } = rule;
  const hash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
  return hash.slice(0, RULE_HASH_LENGTH);
}

function policySlug(prefix: string, policyName: string, tail: string): string {
  const room = MAX_RULE_ID_LENGTH - prefix.length - tail.length;
  return slugify(policyName).slice(0, Math.max(room, 0)).replace(/-$/, '') || 'policy';
}

/**
 * Deterministic ID of the rule this deployment adds for `policyName`:
 * `<prefix><policy>-<deployment>-<hash>`. The same desired rule always gets the same ID, so a
 * retried or duplicated ensure recognises its own rule, and a changed policy gets a new ID (OSS has
 * no rule update: changed means replaced).
 */
export function ownedRuleId(ownership: Pick<RuleOwnership, 'prefix' | 'deployment'>, policyName: string, desired: ReplicationRule): string {
  const tail = `-${ownership.deployment}-${ruleFingerprint(desired)}`;
  return `${ownership.prefix}${policySlug(ownership.prefix, policyName, tail)}${tail}`;
}

/** The ID versions before the deployment tag gave the same rule: `<prefix><policy>-<hash>`. */
export function legacyRuleId(prefix: string, policyName: string, desired: ReplicationRule): string {
  const tail = `-${ruleFingerprint(desired)}`;
  return `${prefix}${policySlug(prefix, policyName, tail)}${tail}`;
}

/** Carries the prefix and this deployment's tag: added by this deployment, whatever its state says. */
function carriesDeployment(ruleId: string, ownership: RuleOwnership): boolean {
  if (!ruleId.startsWith(ownership.prefix)) return false;
  const match = DEPLOYMENT_SUFFIX.exec(ruleId.slice(ownership.prefix.length));
  return match !== null && match.index > 0 && match[1] === ownership.deployment;
}

/**
 * Whether this deployment may modify or delete the rule. Everything else is foreign: rules people
 * made by hand, rules of other deployments (their tag differs), and prefix-only IDs of earlier
 * versions that this deployment's state does not record (they may be another deployment's).
 */
export function isOwned(ruleId: string | undefined, ownership: RuleOwnership): boolean {
  if (!ruleId) return false;
  if (carriesDeployment(ruleId, ownership)) return true;
  return ownership.recorded.has(ruleId) && mayBeEarlierOwnedRule(ruleId, ownership);
}

/** An ID in the shape earlier versions gave owned rules: whether it is ours depends on the state's record. */
export function mayBeEarlierOwnedRule(ruleId: string | undefined, ownership: RuleOwnership): boolean {
  return ruleId !== undefined && ruleId.startsWith(ownership.prefix) && LEGACY_SUFFIX.test(ruleId) && !carriesDeployment(ruleId, ownership);
}

/**
 * The IDs under which the desired rule counts as already in place: its own, and the ID an earlier
 * version gave the same rule when this deployment's state records that ID (accepted as it is, so an
 * upgrade replaces no rule; a policy change later replaces it with a tagged ID).
 */
export function acceptedRuleIds(desired: ReplicationRule, policyName: string, ownership: RuleOwnership): string[] {
  const legacy = legacyRuleId(ownership.prefix, policyName, desired);
  return ownership.recorded.has(legacy) ? [desired.id ?? '', legacy] : [desired.id ?? ''];
}

/** The policy slug an owned rule ID was made for (either shape), or undefined for a foreign ID. */
export function policyOfRuleId(ruleId: string, ownership: RuleOwnership): string | undefined {
  if (!isOwned(ruleId, ownership)) return undefined;
  const rest = ruleId.slice(ownership.prefix.length);
  return carriesDeployment(ruleId, ownership) ? rest.replace(DEPLOYMENT_SUFFIX, '') : rest.replace(LEGACY_SUFFIX, '');
}
