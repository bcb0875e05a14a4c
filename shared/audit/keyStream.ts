/**
 * One side of the merge: the keys of one bucket under one prefix, in listing order, one ListObjectsV2
 * page at a time. Only the current page is held, so memory does not grow with the bucket.
 */
import type { BucketRef, OssApi } from '../oss';
import { unquote } from '../oss';
import { LIST_PAGE_SIZE } from './constants';
import type { ListedObject } from './types';

/** The page budget is spent: the walk must stop before it can say what comes next. */
export const OUT_OF_PAGES = Symbol('out of pages');

export interface Page {
  readonly objects: readonly ListedObject[];
  /** Where the next page starts; undefined on the last page. */
  readonly next?: string;
}

/** Fetches the page after `after` (the listing's start) or at `token` (a continuation token). */
export type PageReader = (position: { readonly after?: string; readonly token?: string }) => Promise<Page>;

/** Pages of ListObjectsV2 (URL-encoded keys, the largest page) under `prefix`. */
export function listingPages(oss: OssApi, ref: BucketRef, prefix: string): PageReader {
  return async ({ after, token }) => {
    const page = await oss.listObjectsV2({
      ...ref,
      ...(prefix ? { prefix } : {}),
      ...(token ? { continuationToken: token } : after ? { startAfter: after } : {}),
      maxKeys: LIST_PAGE_SIZE,
      encodingType: 'url',
    });
    const objects = page.contents.map((o) => ({ key: o.key, size: o.size, eTag: unquote(o.eTag), lastModified: o.lastModified }));
    // A truncated page without a token cannot be followed: treat it as the end rather than loop.
    return { objects, ...(page.isTruncated && page.nextContinuationToken ? { next: page.nextContinuationToken } : {}) };
  };
}

export class KeyStream {
  private page: readonly ListedObject[] = [];
  private index = 0;
  private started = false;
  private token: string | undefined;

  /** `takePage` answers false once the run's page budget is spent. */
  constructor(
    private readonly read: PageReader,
    private readonly after: string | undefined,
    private readonly takePage: () => boolean,
  ) {}

  /** The next key, undefined at the end of the listing, or OUT_OF_PAGES when a page is needed and none is left. */
  async peek(): Promise<ListedObject | undefined | typeof OUT_OF_PAGES> {
    while (this.index >= this.page.length) {
      if (this.started && this.token === undefined) return undefined;
      if (!this.takePage()) return OUT_OF_PAGES;
      const page = await this.read(this.started ? { token: this.token } : { after: this.after });
      this.started = true;
      this.page = page.objects;
      this.index = 0;
      this.token = page.next;
    }
    return this.page[this.index];
  }

  advance(): void {
    this.index += 1;
  }
}
