import type { ProgressSample } from './types';

/**
 * Seconds between `now` and the sample's `NewObject` watermark: objects written in that window may not
 * be in the destination yet. Undefined without a (parsable) watermark; never negative (clock skew).
 */
export function lagSeconds(sample: ProgressSample | undefined, now: Date): number | undefined {
  if (!sample?.newObjectWatermark) return undefined;
  const watermark = Date.parse(sample.newObjectWatermark);
  if (Number.isNaN(watermark)) return undefined;
  return Math.max(0, (now.getTime() - watermark) / 1000);
}
