import { compareKeys } from '../oss';
import type { DocumentStore, QuarantineListener, StoredDocument } from './types';
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
    if (verdict.ok) return { value: verdict.value, eTag: raw.eTag };
    await this.quarantine(key, verdict.reason, raw);
    return undefined;
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
    if (!(await this.writeRaw(this.prefix + movedTo, body, true))) return;
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
