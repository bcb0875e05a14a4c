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
