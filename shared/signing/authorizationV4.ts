import {
  DEFAULT_PRODUCT,
  HEADER_OSS_DATE,
  V4_ADDITIONAL_HEADERS_FIELD,
  V4_ALGORITHM,
  V4_CREDENTIAL_FIELD,
  V4_SIGNATURE_FIELD,
} from './constants';
import { canonicalRequestV4 } from './canonicalRequestV4';
import { resolveAdditionalHeaders } from './canonicalHeaders';
import { SigningError } from './errors';
import { headerValue } from './lowerCaseHeaders';
import { scopeV4 } from './scopeV4';
import { signatureV4, signingKeyV4 } from './signingKeyV4';
import { stringToSignV4 } from './stringToSignV4';
import type { Credentials, SignableRequest } from './types';

export interface AuthorizationV4Options {
  readonly region: string;
  readonly product?: string;
  /** Requested extra headers; resolved the way the SDKs do (see resolveAdditionalHeaders). */
  readonly additionalHeaders?: readonly string[];
}

/**
 * `OSS4-HMAC-SHA256 Credential=...,[AdditionalHeaders=...,]Signature=...` for a request whose headers
 * are final. The timestamp is the request's `x-oss-date` header, which must be present.
 */
export function authorizationV4(req: SignableRequest, creds: Credentials, opts: AuthorizationV4Options): string {
  const timestamp = headerValue(req.headers, HEADER_OSS_DATE);
  if (!timestamp) throw new SigningError('InvalidSigningDate', 'V4 signing needs an x-oss-date header');
  const product = opts.product ?? DEFAULT_PRODUCT;
  const day = timestamp.slice(0, 8);
  const scope = scopeV4(day, opts.region, product);
  const additional = resolveAdditionalHeaders(req.headers, opts.additionalHeaders);
  const stringToSign = stringToSignV4(timestamp, scope, canonicalRequestV4(req, additional));
  const signature = signatureV4(signingKeyV4(creds.accessKeySecret, day, opts.region, product), stringToSign);
  const extra = additional.length > 0 ? `${V4_ADDITIONAL_HEADERS_FIELD}=${additional.join(';')},` : '';
  return `${V4_ALGORITHM} ${V4_CREDENTIAL_FIELD}=${creds.accessKeyId}/${scope},${extra}${V4_SIGNATURE_FIELD}=${signature}`;
}
