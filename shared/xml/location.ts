/** OSS writes regions two ways: `cn-beijing` (endpoints, V4 scope) and `oss-cn-beijing` (XML Location). */

const LOCATION_PREFIX = 'oss-';

/** `cn-beijing` -> `oss-cn-beijing`. Idempotent, so a value that is already a location passes through. */
export function ossLocation(region: string): string {
  return region.startsWith(LOCATION_PREFIX) ? region : LOCATION_PREFIX + region;
}

/** `oss-cn-beijing` -> `cn-beijing`. A bare region passes through unchanged. */
export function regionOf(location: string): string {
  return location.startsWith(LOCATION_PREFIX) ? location.slice(LOCATION_PREFIX.length) : location;
}
