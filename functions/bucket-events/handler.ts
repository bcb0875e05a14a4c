import type { PolicyDocument } from '../../shared/policy/runtime';
import { type EnsureHandlerOptions, ensureJobContext, openServices } from '../../shared/services';
import { createHandler, type FcHandler } from '../../shared/runtime';
import { runBucketEvents, type BucketEventsSummary } from './job';

export type BucketEventsHandlerOptions = EnsureHandlerOptions;

/**
 * The bucket-events FC handler: EventBridge delivery in, per-bucket outcomes out.
 * @example export const handler = makeBucketEventsHandler(parsePolicyDocument(compiled));
 */
export function makeBucketEventsHandler(policy: PolicyDocument, options: BucketEventsHandlerOptions = {}): FcHandler<BucketEventsSummary> {
  return createHandler(
    'bucket-events',
    async (input, deps) => runBucketEvents(input, () => openServices(deps, policy, options), ensureJobContext(deps, policy, options)),
    options,
  );
}
