/** Small statistics shared by the engine, the CLI and the benchmarks. */

/** Median of a list (NaN when empty); the input is not modified. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Population standard deviation of a column (n > 0). */
export function populationStd(f: ArrayLike<number>): number {
  const n = f.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += f[i]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (f[i]! - mean) * (f[i]! - mean);
  return Math.sqrt(v / n);
}
