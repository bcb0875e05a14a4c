import { createHash } from 'node:crypto';
import { V4_ALGORITHM } from './constants';

/** V4 StringToSign: algorithm, timestamp, scope and hex SHA-256 of the canonical request. */
export function stringToSignV4(timestamp: string, scope: string, canonicalRequest: string): string {
  const hashed = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return [V4_ALGORITHM, timestamp, scope, hashed].join('\n');
}
