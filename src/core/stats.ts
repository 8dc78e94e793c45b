/** Small statistics shared by the engine, the CLI and the benchmarks. */

/** Median of a list (NaN when empty); the input is not modified. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
