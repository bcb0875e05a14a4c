/** The request log the admin API exposes. Never holds headers, signatures or bodies. */

export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  /** OSS operation name, or `Unknown` when the request could not be routed. */
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly status: number;
  readonly region: string;
  readonly requestId: string;
  readonly errorCode?: string;
  readonly durationMs: number;
  /** Set when a fault was injected into this request. */
  readonly fault?: 'error' | 'reset' | 'latency';
}

export interface RequestLogFilter {
  readonly method?: string;
  readonly operation?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly status?: number;
  readonly region?: string;
  readonly errorCode?: string;
  /** ISO time: only entries at or after it. */
  readonly since?: string;
}

const FILTER_FIELDS = ['method', 'operation', 'bucket', 'key', 'status', 'region', 'errorCode'] as const;

export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

export interface RequestLogStats {
  readonly capacity: number;
  /** Entries held now. */
  readonly kept: number;
  /** Entries pushed out by newer ones since the last clear: a count from the log is short by this much. */
  readonly dropped: number;
}

/** The last `capacity` requests, oldest first, in a ring: recording costs the same however full it is. */
export class RequestLog {
  private ring: RequestLogEntry[] = [];
  /** Where the next entry goes once the ring is full (the oldest entry's slot). */
  private head = 0;
  private dropped = 0;

  constructor(private readonly capacity = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error('the request log size must be an integer >= 0');
  }

  record(entry: RequestLogEntry): void {
    if (this.capacity === 0) {
      this.dropped++;
      return;
    }
    if (this.ring.length < this.capacity) {
      this.ring.push(entry);
      return;
    }
    this.ring[this.head] = entry;
    this.head = (this.head + 1) % this.capacity;
    this.dropped++;
  }

  query(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const since = filter.since ? Date.parse(filter.since) : undefined;
    return this.ordered().filter(
      (e) =>
        FILTER_FIELDS.every((f) => filter[f] === undefined || e[f] === filter[f]) && (since === undefined || Date.parse(e.time) >= since),
    );
  }

  stats(): RequestLogStats {
    return { capacity: this.capacity, kept: this.ring.length, dropped: this.dropped };
  }

  clear(): void {
    this.ring = [];
    this.head = 0;
    this.dropped = 0;
  }

  private ordered(): RequestLogEntry[] {
    return this.head === 0 ? [...this.ring] : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }
}
