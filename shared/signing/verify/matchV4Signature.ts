import { canonicalQueryString } from '../canonicalQueryString';
import { canonicalRequestV4 } from '../canonicalRequestV4';
import { scopeV4 } from '../scopeV4';
import { signatureV4, signingKeyV4 } from '../signingKeyV4';
import { stringToSignV4 } from '../stringToSignV4';
import type { Credentials, IncomingRequest } from '../types';
import { constantTimeEqual } from './constantTimeEqual';
import { signatureDoesNotMatch, type VerifyFailure } from './failures';
import type { ParsedCredential } from './parseAuthorization';
import { queryVariants } from './queryVariants';

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
