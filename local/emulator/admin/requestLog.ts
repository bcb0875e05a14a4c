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

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  constructor(private readonly capacity = 10000) {}

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  query(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const since = filter.since ? Date.parse(filter.since) : undefined;
    return this.entries.filter(
      (e) =>
        FILTER_FIELDS.every((f) => filter[f] === undefined || e[f] === filter[f]) &&
        (since === undefined || Date.parse(e.time) >= since),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
