/** The buckets a plan or apply looks at: one named bucket, or every bucket the account lists. */
import { ChangeBudget, ensure, type EnsureDeps, type EnsureResult } from '../../shared/replication';
import { DocumentLeaseManager, MemoryDocumentStore } from '../../shared/state';
import { regionOf } from '../../shared/xml';
import type { Progress } from '../progress';
import type { CliServices } from '../services';

export interface Target {
  readonly bucket: string;
  /** Known from ListBuckets; ensure asks GetBucketLocation otherwise. */
  readonly region?: string;
}

export async function listTargets(services: CliServices, bucket: string | undefined): Promise<Target[]> {
  if (bucket !== undefined) return [{ bucket }];
  const buckets = await services.oss.listBuckets();
  return buckets.map((b) => ({ bucket: b.name, region: b.region ?? regionOf(b.location) }));
}

function ensureDeps(services: CliServices): EnsureDeps {
  // A dry run touches neither leases nor state, so plan also works without a state bucket.
  const state = services.state ?? new MemoryDocumentStore();
  return {
    oss: services.oss,
    policy: services.policy,
    state,
    leases: services.leases ?? new DocumentLeaseManager(state),
    account: services.account,
    ownerPrefix: services.ownerPrefix,
    locationCache: services.locationCache,
    invocationId: `cli-${process.pid}`,
    ...(services.stateBucket ? { stateBucket: services.stateBucket } : {}),
  };
}

/** Runs ensure on each target in turn (the CLI favours readable output over speed), telling `progress` which one. */
export async function ensureEach(
  services: CliServices,
  targets: readonly Target[],
  dryRun: boolean,
  progress?: Progress,
): Promise<EnsureResult[]> {
  const deps = ensureDeps(services);
  const budget = dryRun ? undefined : new ChangeBudget(services.policy.guardrails.maxChangesPerRun);
  const results: EnsureResult[] = [];
  try {
    for (const t of targets) {
      progress?.step(t.bucket);
      results.push(await ensure(t.bucket, deps, { dryRun, ...(budget ? { budget } : {}), ...(t.region ? { region: t.region } : {}) }));
    }
  } finally {
    progress?.done();
  }
  return results;
}
