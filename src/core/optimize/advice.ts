/**
 * Advice a user can type back. "Lower it below 0.00734" is only useful if 0.00734 itself, typed
 * into the field, gives a different outcome: the bound is rounded *down* to a short number (never
 * up: 27.995 must not become 28) and then checked by running the optimizer at that value; if the
 * check fails (thresholding is not monotone in general) smaller values are tried.
 */

/** x rounded down to `digits` significant digits (a number whose shortest text has ≤ digits digits). */
export function roundDown(x: number, digits = 3): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  const unit = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  for (let q = Math.floor(x / unit); q > 0; q--) {
    const y = Number((q * unit).toPrecision(digits));
    if (y <= x) return y;
  }
  return 0;
}

/**
 * The largest short value at or below `bound` for which `works` holds, trying bound rounded down,
 * then repeatedly 0.6 times less; null if none of `tries` values works.
 */
export function checkedValueBelow(bound: number, works: (value: number) => boolean, tries = 12): number | null {
  let v = roundDown(bound);
  for (let t = 0; t < tries && v > 0; t++) {
    if (works(v)) return v;
    v = roundDown(v * 0.6);
  }
  return null;
}

/** A value as the user would type it: its shortest exact text (0.00734, 27.9, 1.23e-7). */
export function typed(x: number): string {
  return String(x);
}
