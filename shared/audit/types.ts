/**
 * The parity audit's vocabulary: what a key is found to be, the scope a rule is judged in, and the
 * document (`audit/<bucket>/<rule>.json`) that carries a pass from one budgeted run to the next.
 * JSON-serialisable throughout.
 */

/** What the audit makes of one key of the rule's prefixes. */
export type AuditClass =
  /** On both sides with the same size and ETag (or, when the ETags differ, the same CRC64). */
  | 'matched'
  /** At the source, old enough to be judged, not at the destination. */
  | 'missing'
  /** On both sides, but the size differs, or the ETag and the CRC64 both differ. */
  | 'different'
  /** Only at the destination, and the rule replicates deletes: something did not follow a delete. */
  | 'extra'
  /** Only at the destination, and the rule does not replicate deletes: expected. */
  | 'extraKept'
  /** Modified after the rule's NewObject watermark: still on its way, not judged. */
  | 'inFlight'
  /** Older than the rule, whose historical replication is off: the rule never meant to copy it. */
  | 'outOfScope'
  /** The rule cannot replicate it (see UNREPLICABLE_REASONS). */
  | 'unreplicable'
  /** Canary keys: verify's own objects come and go on their own schedule. */
  | 'ignored';

export const AUDIT_CLASSES: readonly AuditClass[] = [
  'matched',
  'missing',
  'different',
  'extra',
  'extraKept',
  'inFlight',
  'outOfScope',
  'unreplicable',
  'ignored',
];

/** The classes that open a parity incident and that resync repairs. */
export type ProblemClass = 'missing' | 'different';
export const PROBLEM_CLASSES: readonly ProblemClass[] = ['missing', 'different'];

export type AuditCounts = Readonly<Record<AuditClass, number>>;

/** What the audit found about a key, with the why in words where it helps a person. */
export interface Verdict {
  readonly class: AuditClass;
  readonly detail?: string;
  /** For `unreplicable`: the stable reason (a key of UNREPLICABLE_REASONS). */
  readonly reason?: string;
}

export interface AuditSample {
  readonly key: string;
  readonly detail?: string;
}

/** A key of the source or destination listing, as ListObjectsV2 gives it. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  /** Quotes removed. */
  readonly eTag: string;
  /** ISO time, second resolution. */
  readonly lastModified: string;
}

/** What a rule promises to copy, from the live rule and its progress. */
export interface AuditScope {
  /** The rule's prefixes in key order; `['']` for the whole bucket. */
  readonly prefixes: readonly string[];
  /** NewObject watermark, epoch ms: every object written before it has been replicated. */
  readonly watermark: number;
  /** When this deployment recorded the rule, epoch ms (a little after OSS added it). */
  readonly ruleCreatedAt: number;
  readonly historical: boolean;
  readonly replicatesDeletes: boolean;
  /** SseKmsEncryptedObjects Enabled: KMS-encrypted objects are replicated too. */
  readonly replicatesKms: boolean;
}

/** Where a pass stands: the prefix (index into its prefixes) and the last key fully judged there. */
export interface AuditCursor {
  readonly prefix: number;
  readonly after?: string;
}

/** One walk over every prefix of a rule, over as many runs as its budget takes. */
export interface AuditPass {
  readonly startedAt: string;
  /** Set when the walk reached the end of the last prefix. */
  readonly endedAt?: string;
  readonly prefixes: readonly string[];
  /** Absent once the pass ended. */
  readonly cursor?: AuditCursor;
  readonly counts: AuditCounts;
  /** Up to MAX_SAMPLES keys per class, the first found. */
  readonly samples: Readonly<Partial<Record<AuditClass, readonly AuditSample[]>>>;
  /** Unreplicable keys per reason. */
  readonly unreplicable: Readonly<Record<string, number>>;
  /** Source keys walked so far. */
  readonly sourceKeys: number;
  /** Source keys the whole pass is expected to walk (the last full pass's, or the bucket's object count). */
  readonly expectedSourceKeys?: number;
  readonly runs: number;
  readonly pages: number;
  readonly heads: number;
  /** Problem keys written to the pass's found documents, and those left out past the cap. */
  readonly recorded: number;
  readonly unrecorded: number;
  /** Found documents written (the next one's sequence number). */
  readonly chunks: number;
}

/** A key resync copied: the next run judges it first. */
export interface RecheckEntry {
  readonly key: string;
  readonly class: ProblemClass;
  /** The pass (its start) whose found documents named the key. */
  readonly foundIn: string;
  readonly copiedAt: string;
}

export interface RecheckReport {
  readonly at: string;
  readonly matched: number;
  /** Judged again and still missing or different. */
  readonly stillWrong: number;
  /** Not judged yet: the copy is newer than the watermark, or the HEAD budget ran out. */
  readonly waiting: number;
}

export type RunOutcome = 'walked' | 'passEnded' | 'waiting' | 'failed';
export type WalkStop = 'end' | 'pages' | 'heads' | 'deadline' | 'error';

export interface AuditRunReport {
  readonly at: string;
  readonly outcome: RunOutcome;
  readonly stoppedBy?: WalkStop;
  readonly pages: number;
  readonly heads: number;
  /** Why the run waited, in words (`backfill at 85%`, `rule is starting`). */
  readonly note?: string;
  /** What stopped a failed run (an OSS error code and message). */
  readonly error?: string;
  /** A failed run's operation and error code (`ListObjectsV2: NoSuchBucket`), short enough for a table cell. */
  readonly errorCode?: string;
}

/** The audit of a rule has failed run after run: since the first of them, and how many in a row. */
export interface AuditFailing {
  readonly since: string;
  readonly runs: number;
}

export const AUDIT_DOCUMENT_SCHEMA = 1;

export interface AuditDocument {
  readonly schema: typeof AUDIT_DOCUMENT_SCHEMA;
  readonly bucket: string;
  readonly ruleId: string;
  readonly updatedAt: string;
  readonly current?: AuditPass;
  readonly lastFullPass?: AuditPass;
  readonly recheck: readonly RecheckEntry[];
  readonly lastRecheck?: RecheckReport;
  readonly lastRun?: AuditRunReport;
  /** Set while runs fail one after the other; gone after the first run that does not fail. */
  readonly failing?: AuditFailing;
}

/** One missing or different key, as a found document keeps it for resync. */
export interface FoundKey {
  readonly key: string;
  readonly class: ProblemClass;
  readonly detail?: string;
}
