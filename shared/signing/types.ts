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

/** Ordered query pairs; `null` or `''` means a valueless parameter (`?replication`). */
export type QueryPairs = ReadonlyArray<readonly [string, string | null]>;

/**
 * A request as the server (emulator) received it: bucket and key already resolved from host/path,
 * query pairs decoded and in wire order, header names lower-cased.
 */
export interface IncomingRequest {
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly query: QueryPairs;
  readonly headers: Readonly<Record<string, string>>;
}

/** Resolves an access key to its credentials; undefined for an unknown key. */
export type CredentialsLookup = (accessKeyId: string) => Credentials | undefined;

export interface VerifyOptions {
  /** Server time. */
  readonly now: Date;
  /** When set, V4 requests must be scoped to this region (without `oss-`). */
  readonly region?: string;
  /** Allowed clock difference; 15 minutes by default. */
  readonly maxSkewMs?: number;
}

/** Options for presignV4. */
export interface PresignV4Options {
  readonly region: string;
  readonly product?: string;
  readonly now: Date;
  readonly expiresSeconds: number;
  readonly additionalHeaders?: readonly string[];
}
