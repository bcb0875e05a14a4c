import type { Policy, PolicyDocument } from '../policy/types';
import type { ReplicationLocation, ReplicationRule } from '../xml/types';
import { guardrailViolations } from './policyAdapter';
import type { DestinationFacts, Observation, Reason, Step } from './types';
import { compareVersioning, versioningMismatchMessage } from './versioning';

/**
 * Preflight checks for one policy on one source bucket: everything OSS would reject, or the policy
 * file forbids, found before any call that changes something. Each returns a specific reason.
 */

function block(code: Reason['code'], policy: Policy, message: string): Reason {
  return { code, policy: policy.name, message };
}

/** The compiled policy already refuses half-configured KMS; this guards hand-built documents. */
export function checkKms(policy: Policy): Reason | undefined {
  if (!policy.kms) return undefined;
  if (policy.kms.syncRole.trim() && policy.kms.replicaKmsKeyId.trim()) return undefined;
  return block('KmsIncomplete', policy, `policy ${policy.name}: KMS replication needs both kms.syncRole and kms.replicaKmsKeyId`);
}

export function checkGuardrails(doc: PolicyDocument, policy: Policy, obs: Observation, rule: ReplicationRule): Reason | undefined {
  const [first] = guardrailViolations(doc, policy, {
    sourceBucket: obs.bucket,
    sourceRegion: obs.region,
    destinationBucket: rule.destination.bucket,
    destinationRegion: policy.destination.region,
  });
  return first ? block(first.code, policy, `policy ${policy.name}: ${first.message}`) : undefined;
}

/** What GetBucketReplicationLocation says the source region can replicate to, and how. */
export function checkReplicationLocation(policy: Policy, obs: Observation, location: ReplicationLocation): Reason | undefined {
  const target = `oss-${policy.destination.region}`;
  const crossRegion = policy.destination.region !== obs.region;
  // The lists name cross-region partners; same-region replication (and its RTC) is always possible.
  if (crossRegion && !location.locations.includes(target)) {
    return block('ReplicationLocationNotAllowed', policy, `OSS cannot replicate from oss-${obs.region} to ${target} (not in GetBucketReplicationLocation)`);
  }
  if (policy.transferType === 'oss_acc') {
    const allowed = location.transferTypeConstraints.find((c) => c.location === target)?.transferTypes ?? [];
    if (!crossRegion || !allowed.includes('oss_acc')) {
      return block('TransferTypeNotSupported', policy, `transfer type oss_acc is not available from oss-${obs.region} to ${target}`);
    }
  }
  if (policy.rtc && crossRegion && !location.rtcLocations.includes(target)) {
    return block('RtcNotSupported', policy, `replication time control is not available from oss-${obs.region} to ${target}`);
  }
  return undefined;
}

/** Steps that make the destination ready for a new rule, or the reason it cannot be. */
export function prepareDestination(policy: Policy, obs: Observation, bucket: string, facts: DestinationFacts | undefined): Step[] | Reason {
  const region = policy.destination.region;
  if (!facts || facts.exists === 'unknown') {
    const why = facts ? ` (${facts.errorCode})` : '';
    return block('DestinationNotAccessible', policy, `destination ${bucket} cannot be read${why}: owned by another account, or not in ${region}`);
  }
  if (!facts.exists) {
    if (!policy.destination.create) {
      return block('DestinationMissing', policy, `destination ${bucket} does not exist and policy ${policy.name} does not create it`);
    }
    return [{ kind: 'createDestination', bucket, region, versioning: obs.versioning }];
  }
  if (facts.region !== region) {
    return block('DestinationWrongRegion', policy, `destination ${bucket} is in ${facts.region}, policy ${policy.name} wants ${region}`);
  }
  const verdict = compareVersioning(obs.versioning, facts.versioning);
  if (verdict === 'match') return [];
  // A destination this system created may always be aligned: a mismatch there means a run crashed
  // between PutBucket and PutBucketVersioning, not that someone chose the destination's state.
  const ours = facts.createdHere === true;
  if (verdict === 'enableDestination' && (policy.destination.enableVersioning || ours)) {
    return [{ kind: 'enableDestinationVersioning', bucket, region }];
  }
  // Suspended source: finishing the interrupted creation enables, then suspends (OSS has no other path).
  if (ours && obs.versioning === 'Suspended') return [{ kind: 'createDestination', bucket, region, versioning: 'Suspended' }];
  return block('VersioningMismatch', policy, versioningMismatchMessage(obs.bucket, bucket, obs.versioning, facts.versioning));
}
