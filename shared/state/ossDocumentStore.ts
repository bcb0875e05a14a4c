import { isOssError, type OssApi, OssResponseTooLargeError } from '../oss';
import type { DeleteOptions, QuarantineListener, StoredEntry } from './types';
import { DocumentTooLargeError } from './errors';
import { JsonDocumentStore, type RawDocument } from './jsonDocumentStore';

export interface OssDocumentStoreOptions {
  readonly oss: OssApi;
  readonly bucket: string;
  /** Region of the state bucket; the client's region when omitted. */
  readonly region?: string;
  /** Prepended to every key, e.g. `autopilot/`. */
  readonly prefix?: string;
  /** max-keys per ListObjectsV2 page (1..1000); small values let tests cover paging. */
  readonly listPageSize?: number;
  /** Told about every document a reader moved aside (see DocumentStore.read). */
  readonly onQuarantine?: QuarantineListener;
  /** False for read-only views: a bad document reads as absent and is left for the functions (see JsonDocumentStoreOptions). */
  readonly moveAside?: boolean;
  readonly now?: () => Date;
}

/**
 * Documents as JSON objects in the state bucket. `create` relies on `x-oss-forbid-overwrite`,
 * which OSS evaluates atomically: of two racing creates exactly one gets 200, the other 409
 * FileAlreadyExists. That is the only conditional write OSS offers, and leases are built on it.
 * @example new OssDocumentStore({ oss, bucket: config.requireStateBucket(), region: config.stateRegion })
 */
export class OssDocumentStore extends JsonDocumentStore {
  private readonly oss: OssApi;
  private readonly ref: { readonly bucket: string; readonly region?: string };
  private readonly pageSize: number;

  constructor(options: OssDocumentStoreOptions) {
    const { oss: _oss, bucket: _bucket, region: _region, listPageSize: _pageSize, ...common } = options;
    super(common);
    this.oss = options.oss;
    this.pageSize = Math.min(1000, Math.max(1, options.listPageSize ?? 1000));
    this.ref = options.region === undefined ? { bucket: options.bucket } : { bucket: options.bucket, region: options.region };
  }

  /** Documents are read with the client's answer cap (MAX_RESPONSE_BYTES); a larger object is named by its HEAD. */
  protected async readRaw(key: string): Promise<RawDocument | undefined> {
    try {
      const object = await this.oss.getObject({ ...this.ref, key });
      return {
        body: object.body.toString('utf8'),
        eTag: object.eTag,
        ...(object.lastModified ? { lastModified: object.lastModified } : {}),
      };
    } catch (error) {
      if (isOssError(error, 'NoSuchKey')) return undefined;
      if (error instanceof OssResponseTooLargeError) throw await this.tooLarge(key, error);
      throw error;
    }
  }

  private async tooLarge(key: string, error: OssResponseTooLargeError): Promise<DocumentTooLargeError> {
    const head = await this.oss.headObject({ ...this.ref, key }).catch(() => undefined);
    const version = head
      ? { size: head.contentLength, eTag: head.eTag, ...(head.lastModified ? { lastModified: head.lastModified } : {}) }
      : {};
    return new DocumentTooLargeError(key, error.limitBytes, version, { cause: error });
  }

  protected async writeRaw(key: string, body: string, createOnly: boolean): Promise<string | undefined> {
    try {
      return (await this.oss.putObject({ ...this.ref, key, body, contentType: 'application/json', forbidOverwrite: createOnly })).eTag;
    } catch (error) {
      if (createOnly && isOssError(error, 'FileAlreadyExists')) return undefined;
      throw error;
    }
  }

  protected async deleteRaw(key: string, options: DeleteOptions = {}): Promise<void> {
    try {
      await this.oss.deleteObject({ ...this.ref, key }, options);
    } catch (error) {
      if (!isOssError(error, 'NoSuchKey')) throw error;
    }
  }

  protected async listRaw(prefix: string): Promise<StoredEntry[]> {
    const keys: StoredEntry[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.oss.listObjectsV2({
        ...this.ref,
        prefix,
        maxKeys: this.pageSize,
        ...(continuationToken ? { continuationToken } : {}),
      });
      for (const entry of page.contents) keys.push({ key: entry.key, eTag: entry.eTag });
      continuationToken = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (continuationToken);
    return keys;
  }
}
