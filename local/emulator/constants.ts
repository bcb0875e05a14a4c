/** Defaults of the emulator (all overridable through EmulatorOptions). */
import type { Credentials } from '../../shared/signing';

export const DEFAULT_CREDENTIALS: Credentials = {
  accessKeyId: 'LTAIEmulatorAccessKeyId',
  accessKeySecret: 'EmulatorAccessKeySecretForLocalUseOnly',
};
export const DEFAULT_ACCOUNT_ID = '1000000000000001';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_REPLICATION_DELAY_MS = 100;
export const DEFAULT_RULE_STARTING_MS = 1000;
export const DEFAULT_RULE_CLOSING_MS = 1000;
export const DEFAULT_TICK_MS = 50;
export const DEFAULT_HISTORICAL_PER_TICK = 100;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
