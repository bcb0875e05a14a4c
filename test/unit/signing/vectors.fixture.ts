import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Shape of test/fixtures/signing/signature-vectors.json (published OSS vectors, see its `source` fields). */
export interface SignatureVector {
  readonly id: string;
  readonly version: 'V1' | 'V4';
  readonly mode: 'header' | 'presigned-url' | 'signing-key-derivation';
  readonly method?: string;
  readonly bucket?: string;
  readonly key?: string | null;
  readonly query?: ReadonlyArray<[string, string]>;
  readonly presignQueryAdded?: ReadonlyArray<[string, string]>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly additionalHeadersRequested?: readonly string[];
  readonly date: string;
  readonly signTimeUnix?: number;
  readonly expirationUnix?: number;
  readonly region?: string | null;
  readonly product?: string | null;
  readonly accessKeyId?: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | null;
  readonly expected: {
    readonly stringToSign?: string;
    readonly canonicalRequest?: string;
    readonly scope?: string;
    readonly signature?: string;
    readonly authorization?: string;
    readonly signedUrl?: string;
    readonly signingKeyHex?: string;
    readonly queryParametersAssertedBySource?: Readonly<Record<string, string>>;
  };
}

interface VectorFile {
  readonly vectors: readonly SignatureVector[];
  readonly additionalVectors: readonly SignatureVector[];
}

const file = JSON.parse(readFileSync(join(__dirname, '../../fixtures/signing/signature-vectors.json'), 'utf8')) as VectorFile;

export const ALL_VECTORS: readonly SignatureVector[] = [...file.vectors, ...file.additionalVectors];
