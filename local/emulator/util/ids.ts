import { randomBytes, randomUUID } from 'node:crypto';

/** 24 uppercase hex characters, the shape of a real `x-oss-request-id`. */
export function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** Rule ids OSS generates look like UUIDs. */
export function newRuleId(): string {
  return randomUUID();
}

/**
 * Version ids: OSS's are opaque base64-like strings starting with `CAEQ`; clients must treat them as
 * opaque, so only the flavour is imitated. URL-safe alphabet so they need no escaping in queries.
 */
export function newVersionId(): string {
  return `CAEQ${randomBytes(30).toString('base64url')}`;
}

/** Opaque id for a stored blob (never exposed on the wire). */
export function newBlobId(): string {
  return randomBytes(16).toString('hex');
}
