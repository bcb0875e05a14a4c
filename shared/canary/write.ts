import { randomBytes } from 'node:crypto';
import type { OssApi } from '../oss';
import { CANARY_META, canaryBody, canaryKey } from './key';
import type { CanaryTarget, PendingCanary } from './types';

export interface WriteCanaryOptions {
  readonly now: Date;
  readonly delaySeconds: number;
  readonly timeoutSeconds: number;
  /** Injected for tests; random by default. */
  readonly nonce?: string;
}

/** Writes a canary object to the source bucket and returns the check to schedule. */
export async function writeCanary(oss: OssApi, target: CanaryTarget, options: WriteCanaryOptions): Promise<PendingCanary> {
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const key = canaryKey(target.prefixes, target.ruleId, options.now, nonce);
  const put = await oss.putObject({
    bucket: target.sourceBucket,
    region: target.sourceRegion,
    key,
    body: canaryBody(target, options.now, nonce),
    contentType: 'application/json',
    metadata: { [CANARY_META.marker]: '1', [CANARY_META.rule]: target.ruleId, [CANARY_META.nonce]: nonce },
    // A nonce collision would overwrite someone's canary; refuse rather than lose one.
    forbidOverwrite: true,
  });
  const at = options.now.getTime();
  return {
    target,
    key,
    nonce,
    crc64: put.crc64,
    eTag: put.eTag,
    ...(put.versionId ? { versionId: put.versionId } : {}),
    writtenAt: options.now.toISOString(),
    dueAt: new Date(at + options.delaySeconds * 1000).toISOString(),
    deadlineAt: new Date(at + options.timeoutSeconds * 1000).toISOString(),
    phase: 'copy',
    attempts: 0,
  };
}

/** True when the rule replicates deletes, so the canary's delete must show up in the destination. */
export function replicatesDeletes(target: CanaryTarget): boolean {
  return target.actions.includes('ALL') || target.actions.includes('DELETE');
}
