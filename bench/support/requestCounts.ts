/**
 * Who a request was for. The emulator's request log names each request's bucket and key; the bench
 * names its buckets with a pattern of its own, so a request is charged to one of them when it is on
 * the bucket, on its destination (`<bucket>-dr`), or on a state document whose key names it. Requests
 * naming none (ListBuckets, the state-bucket check, run documents, indexes) are the run's shared cost.
 *
 * A destination is also a listed, untagged bucket of the account, and the log cannot tell a request a
 * source's check makes on its destination from the sweep's look at the destination itself. So the
 * steady-state cost counts requests on a destination twice, once for its source (tagged) and once as an
 * untagged bucket: each of the two figures is an upper bound.
 */

export interface LoggedRequest {
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
}

export interface AccountShape {
  readonly stateBucket: string;
  /** Matches one of the bench's bucket names inside a longer string (a state key, a destination's name). */
  readonly namePattern: RegExp;
}

export interface Attribution {
  readonly total: number;
  /** Requests charged to each bench bucket. */
  readonly byBucket: ReadonlyMap<string, number>;
  /** Requests on each bucket by its exact name (state bucket left out): a destination's own count. */
  readonly onBucket: ReadonlyMap<string, number>;
  /** Requests that name no bench bucket. */
  readonly shared: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

/** The bench bucket a request is for, if any. */
export function subjectOf(entry: LoggedRequest, shape: AccountShape): string | undefined {
  const named = entry.bucket === shape.stateBucket ? entry.key : entry.bucket;
  return named === undefined ? undefined : named.match(shape.namePattern)?.[0];
}

export function attribute(entries: readonly LoggedRequest[], shape: AccountShape): Attribution {
  const byBucket = new Map<string, number>();
  const onBucket = new Map<string, number>();
  const byOperation: Record<string, number> = {};
  let shared = 0;
  for (const entry of entries) {
    byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
    if (entry.bucket !== undefined && entry.bucket !== shape.stateBucket) onBucket.set(entry.bucket, (onBucket.get(entry.bucket) ?? 0) + 1);
    const subject = subjectOf(entry, shape);
    if (subject === undefined) shared += 1;
    else byBucket.set(subject, (byBucket.get(subject) ?? 0) + 1);
  }
  return { total: entries.length, byBucket, onBucket, shared, byOperation };
}

export interface SteadyStateCost {
  /**
   * Per tagged bucket: its own requests (on it, its destination, its state documents) plus the whole
   * shared cost of the run spread over the tagged buckets.
   */
  readonly perTagged: number;
  /** Per untagged bucket, destinations included: requests that name it (a destination: requests on it). */
  readonly perUntagged: number;
  readonly shared: number;
}

export function steadyStateCost(
  a: Attribution,
  account: { readonly tagged: ReadonlySet<string>; readonly untagged: ReadonlySet<string>; readonly destinations: ReadonlySet<string> },
): SteadyStateCost {
  const sum = (names: ReadonlySet<string>, counts: ReadonlyMap<string, number>): number =>
    [...names].reduce((n, name) => n + (counts.get(name) ?? 0), 0);
  const untagged = account.untagged.size + account.destinations.size;
  return {
    perTagged: account.tagged.size === 0 ? 0 : (sum(account.tagged, a.byBucket) + a.shared) / account.tagged.size,
    perUntagged: untagged === 0 ? 0 : (sum(account.untagged, a.byBucket) + sum(account.destinations, a.onBucket)) / untagged,
    shared: a.shared,
  };
}
