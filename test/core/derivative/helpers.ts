/**
 * Test signals for the derivative estimators: grids (uniform and jittered), seeded noise,
 * a Lorenz trajectory with its exact derivative, error norms and log-log slopes.
 */

/** Deterministic uniform [0, 1) stream (mulberry32), independent of the engine's rng. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** n samples on [a, b], uniform. */
export function uniformGrid(n: number, a: number, b: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** n samples on [a, b] with interior points moved by up to ±jitter·h at random (still increasing). */
export function jitteredGrid(n: number, a: number, b: number, jitter: number, seed: number): Float64Array {
  const t = uniformGrid(n, a, b);
  const h = (b - a) / (n - 1);
  const r = rng(seed);
  for (let i = 1; i < n - 1; i++) t[i]! += jitter * h * (2 * r() - 1);
  return t;
}

/** y: n × m row-major from per-state functions of t. */
export function sample(t: Float64Array, fs: ((x: number) => number)[]): Float64Array {
  const m = fs.length;
  const y = new Float64Array(t.length * m);
  for (let i = 0; i < t.length; i++) for (let j = 0; j < m; j++) y[i * m + j] = fs[j]!(t[i]!);
  return y;
}

/** A copy of y with N(0, σ_j²) noise added to column j, σ_j = fraction · std(column j). */
export function withNoise(y: Float64Array, m: number, fraction: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = Float64Array.from(y);
  const sd = Array.from({ length: m }, (_, j) => std(column(y, m, j)));
  for (let k = 0; k < out.length; k++) out[k]! += fraction * sd[k % m]! * gaussian(r);
  return out;
}

export function column(y: Float64Array, m: number, j: number): Float64Array {
  return Float64Array.from({ length: y.length / m }, (_, i) => y[i * m + j]!);
}

export function std(a: Float64Array): number {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  return Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
}

/** max_i |a_i − b_i| over rows lo … hi−1 (default all). */
export function maxError(a: Float64Array, b: Float64Array, lo = 0, hi = a.length): number {
  let e = 0;
  for (let i = lo; i < hi; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
}

/** RMS error of column j relative to the std of the true column j. */
export function relRms(est: Float64Array, truth: Float64Array, m: number, j: number): number {
  const n = truth.length / m;
  let s = 0;
  for (let i = 0; i < n; i++) s += (est[i * m + j]! - truth[i * m + j]!) ** 2;
  return Math.sqrt(s / n) / std(column(truth, m, j));
}

/** Least-squares slope of log(err) against log(h). */
export function logLogSlope(h: number[], err: number[]): number {
  const x = h.map(Math.log);
  const y = err.map(Math.log);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) { num += (x[i]! - mx) * (y[i]! - my); den += (x[i]! - mx) ** 2; }
  return num / den;
}

const lorenzRhs = (s: number[]): number[] => [10 * (s[1]! - s[0]!), s[0]! * (28 - s[2]!) - s[1]!, s[0]! * s[1]! - (8 / 3) * s[2]!];

/** Lorenz (σ=10, ρ=28, β=8/3) sampled every dt (RK4 with 10 substeps): states and exact derivatives. */
export function lorenz(n: number, dt: number): { t: Float64Array; y: Float64Array; dydt: Float64Array } {
  const t = new Float64Array(n);
  const y = new Float64Array(3 * n);
  const dydt = new Float64Array(3 * n);
  let s = [-8, 8, 27];
  const h = dt / 10;
  const axpy = (a: number[], k: number[], c: number) => a.map((v, j) => v + c * k[j]!);
  for (let i = 0; i < n; i++) {
    t[i] = i * dt;
    const d = lorenzRhs(s);
    for (let j = 0; j < 3; j++) { y[3 * i + j] = s[j]!; dydt[3 * i + j] = d[j]!; }
    for (let k = 0; k < 10; k++) {
      const k1 = lorenzRhs(s);
      const k2 = lorenzRhs(axpy(s, k1, h / 2));
      const k3 = lorenzRhs(axpy(s, k2, h / 2));
      const k4 = lorenzRhs(axpy(s, k3, h));
      s = s.map((v, j) => v + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    }
  }
  return { t, y, dydt };
}
