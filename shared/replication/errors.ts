/** Errors of ensure's apply step. Stable `code`s: they reach results and logs as `<code>: <message>`. */

/** PutBucket found a bucket that was there before this deployment asked for it: not ours to use. */
export class DestinationTakenError extends Error {
  override readonly name = 'DestinationTakenError';
  readonly code = 'DestinationNotOwned';
  constructor(
    readonly bucket: string,
    creationDate: string | undefined,
  ) {
    super(
      `destination ${bucket} already existed (created ${creationDate ?? 'at an unknown time'}) when this deployment created it; it is left untouched and not recorded as created here`,
    );
  }
}

/** A step aimed at the state bucket: refused whatever the plan says. */
export class StateBucketStepError extends Error {
  override readonly name = 'StateBucketStepError';
  readonly code = 'DestinationIsStateBucket';
  constructor(step: string, bucket: string) {
    super(`refusing ${step} on ${bucket}: it is this deployment's state bucket`);
  }
}

/**
 * The apply code is a file of its own next to a function's index.js (replication-apply.js, see
 * esbuild.config.mjs SIDECARS), read on the first change. A deployment that left it out works until a
 * bucket needs a change; this says so, instead of a module-not-found error with the folder's paths.
 */
export class ApplyCodeMissingError extends Error {
  override readonly name = 'ApplyCodeMissingError';
  readonly code = 'DeploymentIncomplete';
  constructor(options?: ErrorOptions) {
    super(
      "the code that changes buckets (replication-apply.js) is missing from the function's folder: deploy the whole folder the build made (npm run deploy)",
      options,
    );
  }
}
