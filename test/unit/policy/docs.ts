import type { Policy, PolicyDocument } from '../../../shared/policy/types';

/** A compiled policy with every field at its default, overridable per test. */
export function compiledPolicy(name: string, overrides: Partial<Policy> = {}): Policy {
  return {
    name,
    destination: { region: 'cn-beijing', bucket: '{bucket}-dr', create: false, existing: 'refuse', enableVersioning: false },
    mode: 'crr',
    prefixes: [],
    actions: ['ALL'],
    historical: true,
    transferType: 'internal',
    rtc: false,
    kms: null,
    verify: { delaySeconds: 60, timeoutSeconds: 900, everyHours: 6 },
    audit: { everyHours: 24, pagesPerRun: 100, headsPerRun: 200 },
    alerts: { channels: [], maxLagSeconds: 900, stalledAfterMinutes: 30, digest: null },
    ...overrides,
  };
}

/** A compiled document holding `policies`, overridable per test. */
export function compiledDocument(policies: Policy[], overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  return {
    version: 1,
    selector: { tagKey: 'replication-policy' },
    policies: Object.fromEntries(policies.map((p) => [p.name, p])),
    channels: {},
    guardrails: { destinationRegions: [], destinationBuckets: ['*'], maxChangesPerRun: 200 },
    onUntag: 'keep',
    ...overrides,
  };
}
