import type { Credentials } from '../signing';
import type { CredentialsProvider } from '../oss';
import { readConfig, type RuntimeConfig } from './config';
import type { FcContext } from './fcContext';
import { MissingCredentialsError } from './errors';

/**
 * A CredentialsProvider for shared/oss backed by FC's `context.credentials` (STS keys of the
 * function's role). Read on every call, not copied, because the keys expire and FC refreshes the
 * object between invocations. Falls back to ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN
 * (read through config.ts) for local runs.
 * @example new OssClient({ region, credentials: credentialsFromContext(context) })
 */
export function credentialsFromContext(
  context: Pick<FcContext, 'credentials'> | undefined,
  config: Pick<RuntimeConfig, 'envCredentials'> = readConfig(),
): CredentialsProvider {
  return () => fromContext(context) ?? config.envCredentials() ?? throwMissing();
}

function fromContext(context: Pick<FcContext, 'credentials'> | undefined): Credentials | undefined {
  const source = context?.credentials;
  if (!source?.accessKeyId || !source.accessKeySecret) return undefined;
  const { accessKeyId, accessKeySecret, securityToken } = source;
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

function throwMissing(): never {
  throw new MissingCredentialsError();
}
