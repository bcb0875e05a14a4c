/** The OSS emulator: library entry point. Barrel only. */
export { startEmulator } from './startEmulator';
export type { EmulatorOptions, RunningEmulator } from './types';
export type { EmulatorAdmin, EmulatorState, BucketState, RuleState } from './admin/admin';
export type { FaultSpec, Fault } from './admin/faults';
export type { SkipSpec, SkipFault, SkippedItem } from './replication/skips';
export type { RequestLogEntry, RequestLogFilter } from './admin/requestLog';
export type { SubscriptionSpec, Subscription, DeliveryRecord } from './events/publisher';
export type { CloudEvent } from './events/cloudEvents';
export type { ReplicationLocationTable, RegionReplicationOptions } from './replication/locations';
export { DEFAULT_CREDENTIALS } from './constants';
