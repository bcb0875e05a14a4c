/** Byte-order (code unit) comparison, as the spec's "sorted by name" means; never locale-aware. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
