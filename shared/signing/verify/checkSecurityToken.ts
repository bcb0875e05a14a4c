import type { Credentials } from '../types';
import { constantTimeEqual } from './constantTimeEqual';
import { accessDenied, invalidAccessKeyId, MESSAGE_BAD_TOKEN, type VerifyFailure } from './failures';

/**
 * STS credentials are only valid together with their token; a long-term key must not carry one.
 * A missing token makes the temporary key unknown (InvalidAccessKeyId), a wrong one is AccessDenied.
 */
export function checkSecurityToken(creds: Credentials, provided: string | undefined): VerifyFailure | undefined {
  const expected = creds.securityToken;
  const given = provided === '' ? undefined : provided;
  if (expected === undefined || expected === '') {
    return given === undefined ? undefined : accessDenied(MESSAGE_BAD_TOKEN, creds.accessKeyId);
  }
  if (given === undefined) return invalidAccessKeyId(creds.accessKeyId);
  return constantTimeEqual(given, expected) ? undefined : accessDenied(MESSAGE_BAD_TOKEN, creds.accessKeyId);
}
