import type { RuleIdentity } from './types';

/** `0.4234` -> `42.3%`. */
export function formatPercent(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

/** Seconds as a short human duration: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** `src (cn-hangzhou) → dst (cn-beijing)`. */
export function describeRoute(rule: RuleIdentity): string {
  const src = rule.region ? `${rule.bucket} (${rule.region})` : rule.bucket;
  return `${src} → ${rule.destinationBucket} (${rule.destinationRegion})`;
}

/** `src (cn-hangzhou) → dst (cn-beijing), rule rp-1`. */
export function describeRule(rule: RuleIdentity): string {
  return `${describeRoute(rule)}, rule ${rule.ruleId}`;
}

export function minutesBetween(fromIso: string, to: Date): number {
  return (to.getTime() - Date.parse(fromIso)) / 60000;
}
