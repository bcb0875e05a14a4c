/**
 * Which regions a bucket may replicate to (GetBucketReplicationLocation, BadReplicationLocation).
 * Regions are written without `oss-` here; the wire adds it.
 */
import { ossLocation, type ReplicationLocation } from '../../../shared/xml';
import { DOCUMENTED_REGIONS, isMainland, RTC_REGIONS } from './documentedLocations';

export interface RegionReplicationOptions {
  /** Destination regions allowed for cross-region replication. Same-region (SRR) is always allowed. */
  readonly locations: readonly string[];
  /** Destination regions where `oss_acc` may be used. Default: every allowed location. */
  readonly transferAcceleration?: readonly string[];
  /** Destination regions where RTC may be enabled. Default: every allowed location. */
  readonly rtc?: readonly string[];
}

/** Source region -> what it may replicate to. */
export type ReplicationLocationTable = Readonly<Record<string, RegionReplicationOptions>>;

/**
 * Default: what real OSS lists (documentedLocations.ts), whatever regions this emulator serves, plus
 * the configured regions that OSS does not list (they replicate to and from every region).
 */
export function defaultLocationTable(configured: readonly string[]): ReplicationLocationTable {
  const all = [...new Set([...DOCUMENTED_REGIONS, ...configured])].sort();
  const table: Record<string, RegionReplicationOptions> = {};
  for (const source of all) {
    const locations = all.filter((r) => r !== source);
    table[source] = {
      locations,
      transferAcceleration: locations.filter((r) => isMainland(r) !== isMainland(source)),
      rtc: RTC_REGIONS.includes(source) ? RTC_REGIONS.filter((r) => r !== source) : [],
    };
  }
  return table;
}

export interface LocationRules {
  /** Regions (no prefix) a bucket in `source` may replicate to across regions. */
  destinations(source: string): readonly string[];
  allowsTransferAcceleration(source: string, destination: string): boolean;
  allowsRtc(source: string, destination: string): boolean;
  /** The GetBucketReplicationLocation document for a source region. */
  document(source: string): ReplicationLocation;
}

export function locationRules(table: ReplicationLocationTable): LocationRules {
  const entry = (source: string): RegionReplicationOptions => table[source] ?? { locations: [] };
  const destinations = (source: string) => entry(source).locations;
  const acc = (source: string) => entry(source).transferAcceleration ?? destinations(source);
  const rtc = (source: string) => entry(source).rtc ?? destinations(source);
  return {
    destinations,
    allowsTransferAcceleration: (source, destination) => source !== destination && acc(source).includes(destination),
    allowsRtc: (source, destination) => source === destination || rtc(source).includes(destination),
    document: (source) => ({
      locations: destinations(source).map(ossLocation),
      transferTypeConstraints: acc(source).map((r) => ({ location: ossLocation(r), transferTypes: ['oss_acc'] })),
      rtcLocations: rtc(source).map(ossLocation),
    }),
  };
}

/** `oss-cn-beijing` -> `cn-beijing`; undefined when the value lacks the prefix. */
export function stripPrefix(location: string): string | undefined {
  return location.startsWith('oss-') && location.length > 4 ? location.slice(4) : undefined;
}
