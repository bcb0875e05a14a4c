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
