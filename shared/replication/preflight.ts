import type { Policy, PolicyDocument } from '../policy/runtime';
import { ossLocation, type ReplicationLocation, type ReplicationRule } from '../xml';
import { guardrailViolations } from './policyAdapter';
import type { DestinationFacts, Observation, Reason, Step, VersioningState } from './types';
import { compareVersioning, versioningMismatchMessage } from './versioningAlignment';

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
  const target = ossLocation(policy.destination.region);
  const crossRegion = policy.destination.region !== obs.region;
  // The lists name cross-region partners; same-region replication (and its RTC) is always possible.
  if (crossRegion && !location.locations.includes(target)) {
    return block(
      'ReplicationLocationNotAllowed',
      policy,
      `OSS cannot replicate from ${ossLocation(obs.region)} to ${target} (not in GetBucketReplicationLocation)`,
    );
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

/**
 * The state bucket holds create-only leases and dedupe records, which need it unversioned and free of
 * anyone else's objects: whatever the templates and guardrails allow, it is never a destination.
 */
export function checkNotStateBucket(policy: Policy, bucket: string, stateBucket: string | undefined): Reason | undefined {
  if (stateBucket === undefined || bucket !== stateBucket) return undefined;
  return block(
    'DestinationIsStateBucket',
    policy,
    `policy ${policy.name} renders destination ${bucket}, which is this deployment's state bucket; it is never a destination: change destination.bucket or guardrails.destinationBuckets so they cannot name it`,
  );
}

/** OSS replicates only between two unversioned or two versioning-enabled buckets, and Suspended is neither. */
export function checkSourceVersioning(obs: Observation): Reason | undefined {
  if (obs.versioning !== 'Suspended') return undefined;
  return {
    code: 'SourceVersioningSuspended',
    message: `source ${obs.bucket} has versioning Suspended; OSS replicates only between two unversioned or two versioning-enabled buckets: resume versioning on ${obs.bucket} (PutBucketVersioning Enabled), or remove its policy tag`,
  };
}

function notOwned(policy: Policy, bucket: string): Reason {
  return block(
    'DestinationNotOwned',
    policy,
    `destination ${bucket} already exists and was not created by this deployment (or was deleted and re-created since); policy ${policy.name} refuses existing destinations: choose another destination.bucket, or set destination.existing: adopt if ${bucket} may receive replicas`,
  );
}

/** The versioning step for an existing destination, or the reason there can be none. */
function alignVersioning(
  policy: Policy,
  obs: Observation,
  bucket: string,
  facts: { versioning: VersioningState; createdHere?: boolean },
): Step[] | Reason {
  const verdict = compareVersioning(obs.versioning, facts.versioning);
  if (verdict === 'match') return [];
  // A destination this deployment created is aligned with its source (a mismatch there means a run
  // crashed between PutBucket and PutBucketVersioning); an adopted one only when the policy says so.
  if (verdict === 'enableDestination' && (facts.createdHere === true || policy.destination.enableVersioning)) {
    return [{ kind: 'enableDestinationVersioning', bucket, region: policy.destination.region }];
  }
  return block('VersioningMismatch', policy, versioningMismatchMessage(obs.bucket, bucket, obs.versioning, facts.versioning));
}

/**
 * Steps that make the destination ready for a new rule, or the reason it cannot be. An existing
 * bucket this deployment did not create is someone's data: refused unless the policy adopts existing
 * destinations, and even then its versioning changes only when the policy enables it.
 */
export function prepareDestination(policy: Policy, obs: Observation, bucket: string, facts: DestinationFacts | undefined): Step[] | Reason {
  const region = policy.destination.region;
  if (!facts || facts.exists === 'unknown') {
    const why = facts ? ` (${facts.errorCode})` : '';
    return block(
      'DestinationNotAccessible',
      policy,
      `destination ${bucket} cannot be read${why}: owned by another account, or not in ${region}`,
    );
  }
  if (!facts.exists) {
    if (!policy.destination.create) {
      return block('DestinationMissing', policy, `destination ${bucket} does not exist and policy ${policy.name} does not create it`);
    }
    // checkSourceVersioning has refused a Suspended source before this point.
    return [{ kind: 'createDestination', bucket, region, versioning: obs.versioning === 'Enabled' ? 'Enabled' : 'unversioned' }];
  }
  if (facts.createdHere !== true && policy.destination.existing !== 'adopt') return notOwned(policy, bucket);
  if (facts.region !== region) {
    return block('DestinationWrongRegion', policy, `destination ${bucket} is in ${facts.region}, policy ${policy.name} wants ${region}`);
  }
  if (facts.versioning === 'Suspended') {
    const fix =
      obs.versioning === 'Enabled'
        ? `resume versioning on ${bucket} (PutBucketVersioning Enabled)`
        : `use a destination that was never versioned, like the source ${obs.bucket}`;
    return block(
      'DestinationVersioningSuspended',
      policy,
      `destination ${bucket} has versioning Suspended; OSS replicates only between two unversioned or two versioning-enabled buckets: ${fix}`,
    );
  }
  return alignVersioning(policy, obs, bucket, facts);
}
