import { createHmac } from 'node:crypto';
import { DEFAULT_PRODUCT, V4_KEY_PREFIX, V4_TERMINATOR } from './constants';

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/**
 * V4 signing key: HMAC-SHA256 chain from `aliyun_v4` + secret over date, region, product and
 * `aliyun_v4_request`. Not cached: four HMACs cost microseconds, and a cache would keep secrets
 * alive in memory for no measurable gain.
 */
export function signingKeyV4(
  secret: string,
  date: string,
  region: string,
  product: string = DEFAULT_PRODUCT,
): Buffer {
  const kDate = hmac(`${V4_KEY_PREFIX}${secret}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, product);
  return hmac(kService, V4_TERMINATOR);
}

/** V4 signature: lowercase hex HMAC-SHA256 of the string to sign under the signing key. */
export function signatureV4(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}
