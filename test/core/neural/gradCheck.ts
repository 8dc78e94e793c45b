/** Central finite differences for gradient checks: ∂F/∂x_i ≈ (F(x + h e_i) − F(x − h e_i)) / 2h. */

/** The gradient of F at x by central differences with a step relative to |x_i| (x restored). */
export function numericGradient(F: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const step = h * Math.max(1, Math.abs(xi));
    x[i] = xi + step;
    const fp = F(x);
    x[i] = xi - step;
    const fm = F(x);
    x[i] = xi;
    g[i] = (fp - fm) / (2 * step);
  }
  return g;
}

/** max_i |a_i − b_i| / (max_i |b_i| + tiny): one relative error for a whole gradient. */
export function relativeError(a: Float64Array, b: Float64Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return d / (s + 1e-300);
}

/** A fixed pseudo-random vector in [−1, 1] (a linear congruential sequence, test-only). */
export function fixedVector(n: number, seed: number): Float64Array {
  const v = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = (s / 4294967296) * 2 - 1;
  }
  return v;
}
