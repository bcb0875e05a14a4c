/** Rule-ID prefix of rules this system adds when the caller does not choose one. */
export const DEFAULT_OWNER_PREFIX = 'autopilot-';

/** OSS default: up to 100 replication rules per bucket (closing ones still count). */
export const MAX_RULES_PER_BUCKET = 100;

/** OSS limit on a rule ID. */
export const MAX_RULE_ID_LENGTH = 255;

/** Hex characters of the desired-rule hash at the end of an owned rule ID. */
export const RULE_HASH_LENGTH = 8;

/** Hex characters of the deployment tag (a hash of the state bucket name) inside an owned rule ID. */
export const DEPLOYMENT_TAG_LENGTH = 8;

/** How long apply waits for a deleted rule to leave `closing` before leaving the rest to the next run. */
export const DEFAULT_CLOSING_WAIT_MS = 5_000;
export const DEFAULT_CLOSING_POLL_MS = 500;

/** GetBucketReplicationLocation answers change rarely: cache them per region. */
export const DEFAULT_LOCATION_TTL_MS = 3_600_000;
