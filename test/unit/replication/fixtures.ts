import type { Policy, PolicyDocument } from '../../../shared/policy/types';
import { compiledDocument, compiledPolicy } from '../policy/docs';
import { ruleOwnership } from '../../../shared/replication/ruleIds';
import type { DestinationFacts, Observation, PlanContext } from '../../../shared/replication/types';
import type { ReplicationLocation, ReplicationRule } from '../../../shared/xml/types';

export const PREFIX = 'autopilot-';
export const STATE_BUCKET = 'autopilot-state';
/** This deployment (state bucket `autopilot-state`), with nothing recorded for the bucket yet. */
export const OWNERSHIP = ruleOwnership(PREFIX, STATE_BUCKET, []);

/** The shared compiled-policy defaults, with a destination ensure may create. */
export function makePolicy(overrides: Partial<Policy> & { name?: string } = {}): Policy {
  const { name = 'dr-beijing', ...rest } = overrides;
  return compiledPolicy(name, {
    destination: { region: 'cn-beijing', bucket: '{bucket}-dr', create: true, existing: 'refuse', enableVersioning: false },
    ...rest,
  });
}

export function makeDoc(policies: Policy[] = [makePolicy()], overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  return compiledDocument(policies, {
    guardrails: {
      destinationRegions: ['cn-beijing', 'cn-shanghai', 'cn-hangzhou'],
      destinationBuckets: ['*-dr', '*-dr2'],
      maxChangesPerRun: 200,
    },
    ...overrides,
  });
}

export function makeLocation(overrides: Partial<ReplicationLocation> = {}): ReplicationLocation {
  return {
    locations: ['oss-cn-beijing', 'oss-cn-shanghai', 'oss-cn-hongkong'],
    transferTypeConstraints: [{ location: 'oss-cn-hongkong', transferTypes: ['oss_acc'] }],
    rtcLocations: ['oss-cn-beijing'],
    ...overrides,
  };
}

export function makeContext(overrides: Partial<PlanContext> = {}): PlanContext {
  return { ownership: OWNERSHIP, account: '1234567890', stateBucket: STATE_BUCKET, replicationLocation: makeLocation(), ...overrides };
}

/** A destination this deployment created earlier (its record matches). */
export const EXISTING_DR: Extract<DestinationFacts, { exists: true }> = {
  exists: true,
  region: 'cn-beijing',
  versioning: 'unversioned',
  createdHere: true,
};

export function makeObservation(overrides: Partial<Observation> = {}): Observation {
  return {
    bucket: 'photos',
    region: 'cn-hangzhou',
    tags: [{ key: 'replication-policy', value: 'dr-beijing' }],
    versioning: 'unversioned',
    rules: [],
    destinations: { 'photos-dr': EXISTING_DR },
    ...overrides,
  };
}

export function foreignRule(overrides: Partial<ReplicationRule> = {}): ReplicationRule {
  return {
    id: '83925164-b43e-42c8-b755-0123456789ab',
    prefixes: [],
    actions: ['ALL'],
    destination: { bucket: 'photos-dr', location: 'oss-cn-beijing' },
    historicalObjectReplication: 'enabled',
    status: 'doing',
    ...overrides,
  };
}
