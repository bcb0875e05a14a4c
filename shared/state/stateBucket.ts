import { isOssError, isTransient, type OssApi } from '../oss';
import { StateError } from './errors';

export type StateBucketProblem = 'StateBucketVersioned' | 'StateBucketNotFound' | 'StateBucketUnreadable';

/** Every function refuses to work until this is fixed: the message names the bucket and the fix. */
export class StateBucketError extends StateError {
  override readonly name = 'StateBucketError';
  constructor(
    readonly problem: StateBucketProblem,
    readonly bucket: string,
    readonly region: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(problem, `${message} Every function refuses to work until then.`, undefined, options);
  }
}

const HOW = 'deploy/README.md, "The state bucket"';

/**
 * Refuses a state bucket this system cannot rely on. It must exist and be readable, and it must never
 * have been versioned: leases and event dedupe are create-only writes (`x-oss-forbid-overwrite`),
 * which OSS ignores on a bucket whose versioning is Enabled or Suspended, and versioning cannot be
 * turned off again. Transient errors propagate (the invocation is retried).
 * @throws StateBucketError
 */
export async function checkStateBucket(oss: OssApi, ref: { readonly bucket: string; readonly region: string }): Promise<void> {
  const { bucket, region } = ref;
  let status: string | undefined;
  try {
    status = await oss.getBucketVersioning(ref);
  } catch (error) {
    if (isTransient(error) || !isOssError(error)) throw error;
    if (error.code === 'NoSuchBucket') {
      throw new StateBucketError(
        'StateBucketNotFound',
        bucket,
        region,
        `state bucket ${bucket} does not exist in ${region}: create it (never versioned, private, in ${region}; ${HOW}) or correct STATE_BUCKET / STATE_REGION.`,
        { cause: error },
      );
    }
    throw new StateBucketError(
      'StateBucketUnreadable',
      bucket,
      region,
      `state bucket ${bucket} (${region}) cannot be read: GetBucketVersioning answered ${error.code} (${error.status}). Grant the function role the state bucket statements of deploy/ram-policy.json, and check that STATE_REGION names the bucket's region.`,
      { cause: error },
    );
  }
  if (status !== undefined) {
    throw new StateBucketError(
      'StateBucketVersioned',
      bucket,
      region,
      `state bucket ${bucket} (${region}) has versioning ${status}: create-only writes (x-oss-forbid-overwrite), on which leases and event dedupe rely, ` +
        `do not take effect on a versioned bucket, and versioning can never be turned off. Create a new bucket that has never been versioned ` +
        `(private, in ${region}; ${HOW}) and set STATE_BUCKET to it.`,
    );
  }
}
