/** Limits of the parity audit, in one place. */

/** Sample keys kept per class and pass: enough to act on, small enough for every status read. */
export const MAX_SAMPLES = 20;
/** ListObjectsV2 max-keys: OSS's largest page, so the listing costs the floor of two pages per 1,000 keys. */
export const LIST_PAGE_SIZE = 1000;
/** Missing and different keys per found document (a 1023-byte key makes one about 1 MB). */
export const FOUND_KEYS_PER_DOCUMENT = 1000;
/** Problem keys one pass records for resync; beyond that it only counts them. */
export const MAX_RECORDED_PER_PASS = 100_000;
/** Keys waiting to be re-checked after a resync; beyond that the walk judges them in its own time. */
export const MAX_RECHECK = 2_000;
/** A copied key not judged within this long is left to the walk. */
export const RECHECK_MAX_AGE_MS = 24 * 3_600_000;
/** Stop walking when less than this is left of the invocation: the saves still have to happen. */
export const DEADLINE_RESERVE_MS = 15_000;
/** OSS listings and HEADs give times to the second: a key is judged only once a whole second lies before the watermark. */
export const TIME_RESOLUTION_MS = 1_000;

/** Why the rule cannot replicate an object: the stable reason and what it means. */
export const UNREPLICABLE_REASONS: Readonly<Record<string, string>> = {
  'sse-kms': 'SSE-KMS encrypted, and the rule does not replicate KMS-encrypted objects (no kms settings in its policy)',
};
