/** Credentials for OSS request signing. A security token means STS credentials. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/**
 * A request as the signer sees it: addressing by bucket and key, never by URL, so that
 * path-style (emulator) and virtual-host (OSS) requests sign identically.
 * `query` keeps order and allows valueless parameters (`?replication`): value `''` or `null`.
 */
export interface SignableRequest {
  readonly method: string;
  readonly bucket?: string;
  /** Raw (decoded) object key. */
  readonly key?: string;
  readonly query: ReadonlyArray<readonly [string, string | null]>;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string>>;
}

export type SignatureVersion = 'v1' | 'v4';

export interface SignOptions {
  readonly version: SignatureVersion;
  /** Region without the `oss-` prefix, e.g. `cn-hangzhou`. Required for V4. */
  readonly region?: string;
  /** `oss` unless CloudBox. */
  readonly product?: string;
  /** Injected clock. */
  readonly now: Date;
  /** V4 only: extra header names to sign. */
  readonly additionalHeaders?: readonly string[];
}

/** The outcome of verifying a request on the server side (emulator). */
export type VerifyResult =
  | { readonly ok: true; readonly accessKeyId: string; readonly version: SignatureVersion | 'anonymous' }
  | {
      readonly ok: false;
      /** OSS error code: SignatureDoesNotMatch, InvalidAccessKeyId, RequestTimeTooSkewed, AccessDenied, InvalidArgument. */
      readonly code: string;
      readonly message: string;
      readonly status: number;
      readonly stringToSign?: string;
      readonly accessKeyId?: string;
    };
