/**
 * Errors of both sides: the signer throws SigningError when called with options it cannot sign with;
 * the verifier returns failures (VerifyResult) with the codes and messages OSS answers.
 */
import type { VerifyResult } from './types';

/** Stable codes for signer-side misuse (server-side outcomes are VerifyResult values, not throws). */
export type SigningErrorCode = 'MissingRegion' | 'InvalidExpiry' | 'InvalidSigningDate';

/** Thrown by the client-side signer when it is called with options it cannot sign with. */
export class SigningError extends Error {
  override readonly name = 'SigningError';
  readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The failing half of VerifyResult. */
export type VerifyFailure = Extract<VerifyResult, { ok: false }>;

/** 400: the Authorization header or presign parameters cannot be parsed. */
export function invalidArgument(message: string): VerifyFailure {
  return { ok: false, status: 400, code: 'InvalidArgument', message };
}

/** 403: missing or malformed date, expired URL, bad security token. */
export function accessDenied(message: string, accessKeyId?: string): VerifyFailure {
  return { ok: false, status: 403, code: 'AccessDenied', message, ...(accessKeyId ? { accessKeyId } : {}) };
}

export function invalidAccessKeyId(accessKeyId: string): VerifyFailure {
  return {
    ok: false,
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The OSS Access Key Id you provided does not exist in our records.',
    accessKeyId,
  };
}

export function requestTimeTooSkewed(accessKeyId: string): VerifyFailure {
  return {
    ok: false,
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: 'The difference between the request time and the current time is too large.',
    accessKeyId,
  };
}

/** The string to sign is safe to return: it holds no secret, and OSS itself echoes it. */
export function signatureDoesNotMatch(accessKeyId: string, stringToSign: string): VerifyFailure {
  return {
    ok: false,
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    stringToSign,
    accessKeyId,
  };
}

export const MESSAGE_EXPIRED = 'Request has expired.';
export const MESSAGE_BAD_DATE = 'OSS authentication requires a valid Date.';
export const MESSAGE_BAD_TOKEN = 'The security token you provided is invalid.';
