/**
 * One side of the merge: the keys of one bucket under one prefix, in listing order, one ListObjectsV2
 * page at a time. Only the current page is held, so memory does not grow with the bucket. Each page is
 * checked as it arrives: the merge is only right if every key comes after the one before it (and after
 * the key the listing started after) in OSS's byte order.
 */
import type { BucketRef, OssApi } from '../oss';
import { compareKeys, unquote } from '../oss';
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

/**
 * A listing that does not come in byte order (a store that sorts otherwise, or a broken page): the
 * merge would pair the wrong keys, so nothing judged from it can be trusted.
 */
export class ListingOrderError extends Error {
  override readonly name = 'ListingOrderError';
  readonly code = 'ListingOutOfOrder';
  constructor(listing: string, previous: string, key: string) {
    super(
      `the listing of ${listing} is not in UTF-8 byte order: ${JSON.stringify(key)} came after ${JSON.stringify(previous)}; ` +
        "the audit merges both buckets' listings in the order OSS lists keys, so this run's verdicts were discarded",
    );
  }
}

export class KeyStream {
  private page: readonly ListedObject[] = [];
  private index = 0;
  private started = false;
  private token: string | undefined;
  /** The last key of the pages read so far (or the key the listing started after). */
  private last: string | undefined;

  /** `takePage` answers false once the run's page budget is spent; `listing` names it in an order error. */
  constructor(
    private readonly read: PageReader,
    private readonly after: string | undefined,
    private readonly takePage: () => boolean,
    private readonly listing = 'a bucket',
  ) {
    this.last = after || undefined;
  }

  /**
   * The next key, undefined at the end of the listing, or OUT_OF_PAGES when a page is needed and none is
   * left. Throws ListingOrderError when a page breaks the order.
   */
  async peek(): Promise<ListedObject | undefined | typeof OUT_OF_PAGES> {
    while (this.index >= this.page.length) {
      if (this.started && this.token === undefined) return undefined;
      if (!this.takePage()) return OUT_OF_PAGES;
      const page = await this.read(this.started ? { token: this.token } : { after: this.after });
      this.checkOrder(page.objects);
      this.started = true;
      this.page = page.objects;
      this.index = 0;
      this.token = page.next;
    }
    return this.page[this.index];
  }

  private checkOrder(objects: readonly ListedObject[]): void {
    for (const { key } of objects) {
      if (this.last !== undefined && compareKeys(this.last, key) >= 0) throw new ListingOrderError(this.listing, this.last, key);
      this.last = key;
    }
  }

  advance(): void {
    this.index += 1;
  }
}
