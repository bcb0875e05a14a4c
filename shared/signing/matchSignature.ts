/**
 * Checks a provided signature against every spelling an official SDK may have signed, the spec's
 * first: SDKs disagree on V1 sub-resources and on V4 query order and valueless parameters, and a
 * server sees only the decoded request. Each spelling is still a full HMAC over the request, and the
 * spec spelling's string to sign is what a failure reports.
 */
import { OSS_HEADER_PREFIX, V1_SUB_RESOURCES } from './constants';
import { constantTimeEqual } from './encoding';
import { signatureDoesNotMatch, type VerifyFailure } from './errors';
import type { ParsedCredential } from './parseAuthorization';
import type { Credentials, IncomingRequest, QueryPairs } from './types';
import { signatureV1, stringToSignV1, type SubResourceFilter } from './v1';
import {
  canonicalQueryString,
  canonicalRequestV4,
  scopeV4,
  signatureV4,
  signingKeyV4,
  stringToSignV4,
  type CanonicalQueryOptions,
} from './v4';

/**
 * Sub-resource sets a V1 signature is checked against, the union list first. Tolerance: Go v2 also
 * signs any `x-oss-*` query key, and some clients sign every parameter; accepting those spellings
 * lets every SDK through without weakening the check (each is still a full HMAC over the request).
 */
const V1_RESOURCE_FILTERS: readonly SubResourceFilter[] = [
  V1_SUB_RESOURCES,
  (name) => V1_SUB_RESOURCES.has(name) || name.startsWith(OSS_HEADER_PREFIX),
  () => true,
];

/** Checks a V1 signature against each tolerated string to sign; the primary one is reported on failure. */
export function matchV1Signature(req: IncomingRequest, creds: Credentials, dateSlot: string, provided: string): VerifyFailure | undefined {
  let primary: string | undefined;
  for (const filter of V1_RESOURCE_FILTERS) {
    const stringToSign = stringToSignV1(req, dateSlot, filter);
    primary ??= stringToSign;
    if (constantTimeEqual(signatureV1(creds.accessKeySecret, stringToSign), provided)) return undefined;
  }
  return signatureDoesNotMatch(creds.accessKeyId, primary ?? '');
}

/** Beyond this many valueless parameters only the uniform spellings are tried (2^n grows fast). */
const MAX_ENUMERATED_EMPTY = 4;

function emptyIndices(query: QueryPairs): number[] {
  return query.flatMap(([, value], index) => (value === null || value === '' ? [index] : []));
}

function masks(indices: readonly number[]): Array<ReadonlySet<number>> {
  if (indices.length > MAX_ENUMERATED_EMPTY) return [new Set(), new Set(indices)];
  const out: Array<ReadonlySet<number>> = [];
  for (let bits = 0; bits < 1 << indices.length; bits += 1) {
    out.push(new Set(indices.filter((_, i) => (bits >> i) & 1)));
  }
  return out;
}

/**
 * Canonical-query spellings a tolerant V4 verifier tries, the spec's first (byte order, valueless
 * parameters written bare). A server only sees decoded pairs and cannot tell which spelling the
 * client signed: ali-oss signs an empty-string value as `k=` yet a sub-resource as bare `k` (while
 * sending `k=` on the wire for both), and sorts with localeCompare. So each valueless parameter is
 * tried as `k` and `k=`, under byte and locale order.
 */
function queryVariants(query: QueryPairs): CanonicalQueryOptions[] {
  const options: CanonicalQueryOptions[] = [];
  for (const sort of ['byte', 'locale'] as const) {
    for (const mask of masks(emptyIndices(query))) {
      options.push({ sort, equalsForEmpty: (index) => mask.has(index) });
    }
  }
  return options;
}

export interface V4SignatureInput {
  /** The request with the query that is signed (presign: everything but x-oss-signature). */
  readonly req: IncomingRequest;
  readonly creds: Credentials;
  readonly credential: ParsedCredential;
  /** The raw timestamp line: x-oss-date as sent (or a Date header, for Go v1). */
  readonly timestamp: string;
  readonly additionalHeaders: readonly string[];
  readonly provided: string;
}

/**
 * Tries each tolerated canonical-query spelling (see queryVariants), skipping spellings that give
 * an identical query string; the spec spelling's string to sign is reported on failure.
 */
export function matchV4Signature(input: V4SignatureInput): VerifyFailure | undefined {
  const { req, creds, credential } = input;
  const scope = scopeV4(credential.date, credential.region, credential.product);
  const key = signingKeyV4(creds.accessKeySecret, credential.date, credential.region, credential.product);
  const seen = new Set<string>();
  let primary: string | undefined;
  for (const variant of queryVariants(req.query)) {
    const query = canonicalQueryString(req.query, variant);
    if (seen.has(query)) continue;
    seen.add(query);
    const stringToSign = stringToSignV4(input.timestamp, scope, canonicalRequestV4(req, input.additionalHeaders, variant));
    primary ??= stringToSign;
    if (constantTimeEqual(signatureV4(key, stringToSign), input.provided)) return undefined;
  }
  return signatureDoesNotMatch(creds.accessKeyId, primary ?? '');
}
