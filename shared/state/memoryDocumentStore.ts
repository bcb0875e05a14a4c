import { createHash } from 'node:crypto';
import { compareKeys } from '../oss';
import { JsonDocumentStore, type JsonDocumentStoreOptions, type RawDocument } from './jsonDocumentStore';
import type { StoredEntry } from './types';

/**
 * An in-memory DocumentStore with the semantics of the OSS one (create-only writes, lexicographic
 * listing, documents copied through JSON), for unit tests of code that uses state. Every call yields
 * to the event loop once, so concurrent callers interleave as they would over the network.
 */
export class MemoryDocumentStore extends JsonDocumentStore {
  private readonly objects = new Map<string, RawDocument>();

  constructor(options: JsonDocumentStoreOptions = {}) {
    super(options);
  }

  /** Full keys currently stored (for assertions). */
  keys(): string[] {
    return [...this.objects.keys()].sort(compareKeys);
  }

  /** The stored text of a full key (for assertions). */
  body(fullKey: string): string | undefined {
    return this.objects.get(fullKey)?.body;
  }

  /** Stores any text under a full key, as a foreign or broken writer would (for tests). */
  putRaw(fullKey: string, body: string): void {
    this.objects.set(fullKey, { body, eTag: eTagOf(body), lastModified: new Date().toISOString() });
  }

  protected async readRaw(fullKey: string): Promise<RawDocument | undefined> {
    await tick();
    return this.objects.get(fullKey);
  }

  protected async writeRaw(fullKey: string, body: string, createOnly: boolean): Promise<string | undefined> {
    await tick();
    // Check and write happen in one synchronous step, like the atomic create on the OSS side.
    if (createOnly && this.objects.has(fullKey)) return undefined;
    const eTag = eTagOf(body);
    this.objects.set(fullKey, { body, eTag, lastModified: new Date().toISOString() });
    return eTag;
  }

  protected async deleteRaw(fullKey: string): Promise<void> {
    await tick();
    this.objects.delete(fullKey);
  }

  protected async listRaw(fullPrefix: string): Promise<StoredEntry[]> {
    await tick();
    return this.keys()
      .filter((key) => key.startsWith(fullPrefix))
      .map((key) => ({ key, eTag: this.objects.get(key)?.eTag ?? '' }));
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Same form as an OSS ETag of a simple upload: quoted, upper-case MD5. */
function eTagOf(body: string): string {
  return `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`;
}
