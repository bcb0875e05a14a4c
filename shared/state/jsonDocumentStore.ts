import type { DocumentStore, StoredDocument } from './types';
import { CorruptDocumentError } from './errors';

/** What a backend stores: the JSON text and the ETag it got. */
export interface RawDocument {
  readonly body: string;
  readonly eTag: string;
}

/**
 * The rules every DocumentStore shares (JSON encoding, key prefix, corrupt-document errors); a
 * backend implements only the four raw primitives. Keys given to callers are always relative to
 * the prefix.
 */
export abstract class JsonDocumentStore implements DocumentStore {
  protected constructor(private readonly prefix: string = '') {}

  protected abstract readRaw(fullKey: string): Promise<RawDocument | undefined>;
  /** With `createOnly`, false when the key exists; without it, always true. */
  protected abstract writeRaw(fullKey: string, body: string, createOnly: boolean): Promise<boolean>;
  /** Deleting a missing key is not an error (OSS answers 204 either way). */
  protected abstract deleteRaw(fullKey: string): Promise<void>;
  /** Full keys under a full prefix, in lexicographic order, all pages. */
  protected abstract listRaw(fullPrefix: string): Promise<string[]>;

  async get<T>(key: string): Promise<StoredDocument<T> | undefined> {
    const fullKey = this.prefix + key;
    const raw = await this.readRaw(fullKey);
    if (raw === undefined) return undefined;
    try {
      return { value: JSON.parse(raw.body) as T, eTag: raw.eTag };
    } catch (error) {
      throw new CorruptDocumentError(key, { cause: error });
    }
  }

  async put<T>(key: string, value: T): Promise<void> {
    await this.writeRaw(this.prefix + key, encode(value), false);
  }

  create<T>(key: string, value: T): Promise<boolean> {
    return this.writeRaw(this.prefix + key, encode(value), true);
  }

  delete(key: string): Promise<void> {
    return this.deleteRaw(this.prefix + key);
  }

  async list(prefix: string): Promise<string[]> {
    const keys = await this.listRaw(this.prefix + prefix);
    return keys.map((key) => key.slice(this.prefix.length)).sort(compareKeys);
  }
}

function encode(value: unknown): string {
  const body = JSON.stringify(value);
  if (body === undefined) throw new TypeError('a document must be JSON-serialisable');
  return body;
}

/** Byte-order comparison, which is what OSS listings use (not locale order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
