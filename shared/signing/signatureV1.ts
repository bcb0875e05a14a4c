import { createHmac } from 'node:crypto';

/** V1 signature: base64(HMAC-SHA1(secret, stringToSign)) over UTF-8 bytes. */
export function signatureV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
