/**
 * The verdict on one key. The listings decide most keys for free (same size and ETag: matched; time
 * outside the rule's promise: not judged); the rest need a HEAD of the source (is it still the object
 * listed, can the rule replicate it) and, when only the ETags differ, of the destination too (CRC64).
 */
import { isCanaryKey } from '../canary';
import type { ObjectHead } from '../oss';
import { UNREPLICABLE_REASONS } from './constants';
import type { KeyPair } from './mergeWalk';
import { sourceVerdict } from './scope';
import type { AuditScope, Verdict } from './types';

/** A HEAD of the key on one side; undefined when the object is not there (NoSuchKey). */
export type HeadOf = (side: 'source' | 'destination', key: string) => Promise<ObjectHead | undefined>;

const sameETag = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** The verdict the listings alone give, or undefined when HEADs must decide. */
export function listingVerdict(pair: KeyPair, scope: AuditScope): Verdict | undefined {
  const { source, destination } = pair;
  if (!source) return isCanaryKey(pair.key) ? { class: 'ignored' } : { class: scope.replicatesDeletes ? 'extra' : 'extraKept' };
  const byTime = sourceVerdict(pair.key, source.lastModified, scope);
  if (byTime) return byTime;
  if (destination && destination.size === source.size && sameETag(destination.eTag, source.eTag)) return { class: 'matched' };
  return undefined;
}

/** HEADs judgePair may spend on the pair: none, one (the source), or two (ETags differ at the same size). */
export function headsNeeded(pair: KeyPair, scope: AuditScope): 0 | 1 | 2 {
  if (listingVerdict(pair, scope)) return 0;
  return pair.destination && pair.destination.size === pair.source?.size ? 2 : 1;
}

/** Why the rule cannot replicate the object, if it cannot. */
export function unreplicable(head: ObjectHead, scope: AuditScope): Verdict | undefined {
  if (head.encryption?.algorithm === 'KMS' && !scope.replicatesKms)
    return { class: 'unreplicable', reason: 'sse-kms', detail: UNREPLICABLE_REASONS['sse-kms'] };
  return undefined;
}

export async function judgePair(pair: KeyPair, scope: AuditScope, head: HeadOf): Promise<Verdict> {
  const early = listingVerdict(pair, scope);
  if (early) return early;
  const source = await head('source', pair.key);
  // Gone or rewritten since it was listed: whatever happens to it now is new, and in flight.
  if (!source) return { class: 'inFlight', detail: 'deleted from the source during the audit' };
  const fresh = sourceVerdict(pair.key, source.lastModified, scope);
  if (fresh) return { ...fresh, ...(fresh.class === 'inFlight' ? { detail: 'rewritten at the source during the audit' } : {}) };
  const cannot = unreplicable(source, scope);
  if (cannot) return cannot;
  const listed = pair.destination;
  if (!listed) return { class: 'missing' };
  if (listed.size !== source.contentLength)
    return { class: 'different', detail: `size ${source.contentLength} at the source, ${listed.size} at the destination` };
  const destination = await head('destination', pair.key);
  if (!destination) return { class: 'missing', detail: 'deleted from the destination during the audit' };
  if (destination.contentLength !== source.contentLength) {
    return { class: 'different', detail: `size ${source.contentLength} at the source, ${destination.contentLength} at the destination` };
  }
  if (source.crc64 && destination.crc64) {
    return source.crc64 === destination.crc64
      ? { class: 'matched', detail: 'ETags differ, CRC64 equal' }
      : { class: 'different', detail: 'ETag and CRC64 differ' };
  }
  return { class: 'different', detail: 'ETags differ and there is no CRC64 to compare' };
}
