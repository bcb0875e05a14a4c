/**
 * What to do about the failures an operator meets first: no credentials, no policy file, OSS not
 * reachable, a state bucket that is not there, keys OSS refuses. One line after the error (and the
 * `hint` of a --json failure); nothing when there is no good advice.
 */
import { OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from '../shared/oss';
import type { GlobalOptions } from './args';
import { CliFailure, PolicyFileMissing } from './errors';

const CREDENTIALS =
  'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS keys); ' +
  'against the emulator, npm start prints its keys. The CLI reads no other place: no profile, no config file.';

function noPolicy(error: PolicyFileMissing): string {
  const what =
    error.flag === '--file' ? 'name the file to check' : 'this command reads the policy: name the YAML this deployment was built with';
  return `${what} with ${error.flag} FILE (config/policy.example.yaml documents every field).`;
}

/** The error a retry gave up on, or the error itself. */
function rootOf(error: unknown): unknown {
  return error instanceof OssRetryExhaustedError ? error.lastError : error;
}

function unreachable(options: GlobalOptions): string {
  if (options.endpoints) {
    const urls = Object.values(options.endpoints).join(', ');
    return `OSS did not answer at ${urls}: is the emulator running (npm start, or npm run emulator)? Check --emulator/--endpoints.`;
  }
  return 'OSS did not answer: check the network, --region, or point at an emulator with --emulator REGION=URL.';
}

export function hintFor(error: unknown, options: GlobalOptions): string | undefined {
  if (error instanceof PolicyFileMissing) return noPolicy(error);
  if (error instanceof CliFailure && error.code === 'CLI_NO_CREDENTIALS') return CREDENTIALS;
  const root = rootOf(error);
  if (root instanceof OssNetworkError || root instanceof OssTimeoutError) return unreachable(options);
  if (!(root instanceof OssError)) return undefined;
  if (root.code === 'NoSuchBucket' && root.bucket !== undefined && root.bucket === options.stateBucket) {
    const what = `the state bucket ${root.bucket} does not exist there`;
    return `${what}: create it (private, never versioned) or pass --state-bucket/--state-region.`;
  }
  if (root.code === 'InvalidAccessKeyId' || root.code === 'SignatureDoesNotMatch') {
    return 'OSS refused the keys: check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and _SECURITY_TOKEN for STS).';
  }
  if (root.code === 'AccessDenied')
    return `the keys may not call ${root.operation}: deploy/ram-policy.json lists the OSS actions this system uses.`;
  return undefined;
}
