// Region ids compare without the wire's `oss-` prefix, so `oss-cn-beijing` and `cn-beijing` agree.
import { regionOf } from '../xml/location';
import { globMatch } from './globMatch';
import type { Policy, PolicyDocument } from './types';

export type GuardrailCode = 'RegionNotAllowed' | 'BucketNotAllowed' | 'SameBucket' | 'ModeMismatch';

export interface GuardrailViolation {
  readonly code: GuardrailCode;
  readonly message: string;
}

export interface ReplicationPair {
  readonly sourceBucket: string;
  readonly sourceRegion: string;
  readonly destinationBucket: string;
  readonly destinationRegion: string;
}

function checkRegion(doc: PolicyDocument, destRegion: string): GuardrailViolation[] {
  const allowed = doc.guardrails.destinationRegions;
  if (allowed.length === 0 || allowed.map(regionOf).includes(destRegion)) return [];
  return [
    {
      code: 'RegionNotAllowed',
      message: `destination region ${destRegion} is not in guardrails.destinationRegions (${allowed.join(', ')})`,
    },
  ];
}

function checkBucket(doc: PolicyDocument, destBucket: string): GuardrailViolation[] {
  // An empty pattern list allows nothing: guardrails fail closed.
  if (doc.guardrails.destinationBuckets.some((p) => globMatch(p, destBucket))) return [];
  return [{ code: 'BucketNotAllowed', message: `destination bucket ${destBucket} matches none of guardrails.destinationBuckets` }];
}

function checkMode(policy: Policy, sourceRegion: string, destRegion: string): GuardrailViolation[] {
  if (policy.mode === 'crr' && sourceRegion === destRegion) {
    return [{ code: 'ModeMismatch', message: `policy ${policy.name} is crr but source and destination are both in ${destRegion}` }];
  }
  if (policy.mode === 'srr' && sourceRegion !== destRegion) {
    return [
      { code: 'ModeMismatch', message: `policy ${policy.name} is srr but source is in ${sourceRegion} and destination in ${destRegion}` },
    ];
  }
  return [];
}

/**
 * Everything the policy file's guardrails forbid about one source -> destination pair. Empty array
 * = allowed. Run before any change, after the destination name is rendered.
 */
export function checkGuardrails(doc: PolicyDocument, policy: Policy, pair: ReplicationPair): GuardrailViolation[] {
  const sourceRegion = regionOf(pair.sourceRegion);
  const destRegion = regionOf(pair.destinationRegion);
  const same: GuardrailViolation[] =
    pair.sourceBucket === pair.destinationBucket
      ? [{ code: 'SameBucket', message: `destination bucket ${pair.destinationBucket} is the source bucket` }]
      : [];
  return [
    ...checkRegion(doc, destRegion),
    ...checkBucket(doc, pair.destinationBucket),
    ...same,
    ...checkMode(policy, sourceRegion, destRegion),
  ];
}
