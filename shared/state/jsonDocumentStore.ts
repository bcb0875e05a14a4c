import { compareKeys } from '../oss';
import type { DeleteOptions, DocumentStore, QuarantineListener, StoredDocument, StoredEntry } from './types';
import type { DocumentCheck } from './documentChecks';
import { CorruptDocumentError, DocumentTooLargeError } from './errors';
import { quarantineKey } from './keys';

/** What a backend stores: the JSON text, the ETag it got and, when the backend knows it, when it was written. */
export interface RawDocument {
  readonly body: string;
  readonly eTag: string;
  /** Any form Date.parse reads (OSS: the Last-Modified header). */
  readonly lastModified?: string;
}

export interface JsonDocumentStoreOptions {
  /** Prepended to every key, e.g. `autopilot/`. */
  readonly prefix?: string;
  /** Told about every document `read` moved aside (log it, alert once). */
  readonly onQuarantine?: QuarantineListener;
  /**
   * False for read-only views (the local dashboard, `cli status`): a bad document reads as absent but
   * stays where it is, for the functions to move aside and report. Default true.
   */
  readonly moveAside?: boolean;
  readonly now?: () => Date;
}

/**
 * The rules every DocumentStore shares (JSON encoding, key prefix, corrupt-document errors, the
 * quarantine of documents a reader cannot use); a backend implements only the four raw primitives.
 * Keys given to callers are always relative to the prefix.
 */
export abstract class JsonDocumentStore implements DocumentStore {
  private readonly prefix: string;
  private readonly onQuarantine: QuarantineListener | undefined;
  private readonly moveAside: boolean;
  private readonly now: () => Date;

  protected constructor(options: JsonDocumentStoreOptions = {}) {
    this.prefix = options.prefix ?? '';
    this.onQuarantine = options.onQuarantine;
    this.moveAside = options.moveAside ?? true;
    this.now = options.now ?? (() => new Date());
  }

  /** Undefined when absent; DocumentTooLargeError when over the backend's size cap. */
  protected abstract readRaw(fullKey: string): Promise<RawDocument | undefined>;
  /** The ETag of what was written; with `createOnly`, undefined when the key exists. */
  protected abstract writeRaw(fullKey: string, body: string, createOnly: boolean): Promise<string | undefined>;
  /** Deleting a missing key is not an error (OSS answers 204 either way). */
  protected abstract deleteRaw(fullKey: string, options?: DeleteOptions): Promise<void>;
  /** Full keys under a full prefix with their ETags, all pages. */
  protected abstract listRaw(fullPrefix: string): Promise<StoredEntry[]>;

  async get<T>(key: string): Promise<StoredDocument<T> | undefined> {
    const fullKey = this.prefix + key;
    const raw = await this.readRaw(fullKey);
    if (raw === undefined) return undefined;
    try {
      return { value: JSON.parse(raw.body) as T, eTag: plainETag(raw.eTag) };
    } catch (error) {
      throw new CorruptDocumentError(key, { cause: error });
    }
  }

  async read<T>(key: string, check: DocumentCheck<T>): Promise<StoredDocument<T> | undefined> {
    let raw: RawDocument | undefined;
    try {
      raw = await this.readRaw(this.prefix + key);
    } catch (error) {
      if (!(error instanceof DocumentTooLargeError)) throw error;
      await this.quarantine(key, error.detail, { ...error.version, note: { quarantined: key, reason: error.detail, ...error.version } });
      return undefined;
    }
    if (raw === undefined) return undefined;
    const verdict = checkBody(raw.body, check);
    if (verdict.ok) return { value: verdict.value, eTag: plainETag(raw.eTag) };
    await this.quarantine(key, verdict.reason, raw);
    return undefined;
  }

  async put<T>(key: string, value: T): Promise<string> {
    return (await this.write(key, value, { createOnly: false })) ?? '';
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    return (await this.write(key, value, { createOnly: true })) !== undefined;
  }

  async write<T>(key: string, value: T, options: { readonly createOnly: boolean }): Promise<string | undefined> {
    const eTag = await this.writeRaw(this.prefix + key, encode(value), options.createOnly);
    return eTag === undefined ? undefined : plainETag(eTag);
  }

  delete(key: string, options?: DeleteOptions): Promise<void> {
    return this.deleteRaw(this.prefix + key, options);
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.entries(prefix)).map((entry) => entry.key);
  }

  async entries(prefix: string): Promise<StoredEntry[]> {
    const entries = await this.listRaw(this.prefix + prefix);
    return entries
      .map((entry) => ({ key: entry.key.slice(this.prefix.length), eTag: plainETag(entry.eTag) }))
      .sort((a, b) => compareKeys(a.key, b.key));
  }

  /**
   * Copies the bad version aside create-only, then removes it. Readers of the same version race for
   * the same quarantine key: only the one that creates it removes the original and reports, so one
   * bad version is reported once, and a reader that lost never deletes what the winner may already
   * have replaced. (A writer between the winner's copy and its delete loses that one write; it is
   * made again on the next run.) The bytes are kept as they were read; a document too large to read
   * leaves a note with its size and ETag instead.
   */
  private async quarantine(
    key: string,
    reason: string,
    version: { body?: string; eTag?: string; lastModified?: string; note?: object },
  ): Promise<void> {
    if (!this.moveAside) return;
    const modified =
      version.lastModified !== undefined && !Number.isNaN(Date.parse(version.lastModified))
        ? new Date(Date.parse(version.lastModified))
        : this.now();
    const movedTo = quarantineKey(key, modified, version.eTag);
    const body = version.body ?? JSON.stringify(version.note ?? { quarantined: key, reason });
    if ((await this.writeRaw(this.prefix + movedTo, body, true)) === undefined) return;
    await this.deleteRaw(this.prefix + key);
    try {
      await this.onQuarantine?.({ key, movedTo, reason, at: this.now().toISOString() });
    } catch {
      // Reporting must not fail the reader: the document is already out of the way.
    }
  }
}

function checkBody<T>(body: string, check: DocumentCheck<T>): ReturnType<DocumentCheck<T>> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  try {
    return check(value);
  } catch (error) {
    return { ok: false, reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function encode(value: unknown): string {
  const body = JSON.stringify(value);
  if (body === undefined) throw new TypeError('a document must be JSON-serialisable');
  return body;
}

/** An ETag without its quotes (OSS quotes it in listings and headers; clients differ in stripping them). */
export function plainETag(eTag: string): string {
  return eTag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}
