/**
 * Dense kernels on row-major Float64Arrays. These are the hot loops of a SINDy fit: forming
 * the normal equations ΘᵀΘ costs n·p²/2 multiply-adds and is the floor of the whole fit,
 * so they are written as plain indexed loops with no allocation inside.
 */

/**
 * Column-major copy of a row-major matrix: out[offset + c·ld + i] = a[i·p + c].
 * a: n × p row-major; out: p columns of length ld ≥ n (default n), one after the other.
 */
export function toColumns(a: Float64Array, n: number, p: number, out: Float64Array = new Float64Array(n * p), offset = 0, ld = n): Float64Array {
  // By blocks of rows, so each block of `a` is read from cache p times rather than the whole
  // matrix from memory (3.2 MB for 20,000 × 20).
  for (let i0 = 0; i0 < n; i0 += TRANSPOSE_BLOCK) {
    const i1 = Math.min(n, i0 + TRANSPOSE_BLOCK);
    for (let c = 0; c < p; c++) {
      const o = offset + c * ld;
      for (let i = i0, k = i0 * p + c; i < i1; i++, k += p) out[o + i] = a[k]!;
    }
  }
  return out;
}

/**
 * True when the first len entries of a are finite. x − x is 0 for finite x and NaN for ±Inf
 * and NaN, and a NaN survives any sum: one branch-free pass. Locate a bad entry only when this
 * says there is one.
 */
export function allFinite(a: Float64Array, len = a.length): boolean {
  return finiteProbe(a, len) === 0;
}

/**
 * Σ (x − x) over the first len entries, four entries per step. The remainder is taken before
 * the main loop and nothing but the return follows it, so the loop's on-the-fly compiled code
 * never meets an operation without type feedback after it (which made V8 deoptimise it on
 * every call in some runs).
 */
function finiteProbe(a: Float64Array, len: number): number {
  let probe = 0;
  let k = 0;
  for (; k < len % 4; k++) { const v = a[k]!; probe += v - v; }
  for (; k < len; k += 4) {
    const v0 = a[k]!, v1 = a[k + 1]!, v2 = a[k + 2]!, v3 = a[k + 3]!;
    probe += (v0 - v0) + (v1 - v1) + (v2 - v2) + (v3 - v3);
  }
  return probe;
}

/** Row-major copy of a column-major matrix (the inverse of toColumns): out[i·p + c] = x[c·n + i]. */
export function toRows(x: Float64Array, n: number, p: number, out: Float64Array = new Float64Array(n * p)): Float64Array {
  for (let i0 = 0; i0 < n; i0 += TRANSPOSE_BLOCK) {
    const i1 = Math.min(n, i0 + TRANSPOSE_BLOCK);
    for (let c = 0; c < p; c++) {
      const o = c * n;
      for (let i = i0, k = i0 * p + c; i < i1; i++, k += p) out[k] = x[o + i]!;
    }
  }
  return out;
}

const TRANSPOSE_BLOCK = 128;

/**
 * G = XᵀX for X given column-major: q columns of length n, column c at x[c·n … c·n + n − 1].
 * Returns G: q × q row-major (full, symmetric).
 */
export function gramOfColumns(x: Float64Array, n: number, q: number, out: Float64Array = new Float64Array(q * q)): Float64Array {
  upperProducts(x, n, q, q, out);
  for (let a = 1; a < q; a++) for (let b = 0; b < a; b++) out[a * q + b] = out[b * q + a]!;
  return out;
}

/**
 * The upper-triangle entries G_ab = x_aᵀx_b (a ≤ b) of the first `rows` rows of XᵀX, written to
 * out (q × q row-major); nothing else is touched. With rows = p and X = [Θ | Ẏ] this is ΘᵀΘ
 * and ΘᵀẎ without the unused ẎᵀẎ.
 *
 * Every entry is a dot product of two contiguous columns. Rows are taken in pairs against 4
 * columns at a time: one pass over the samples reads 6 columns and updates 8 sums held in
 * locals (registers), instead of a load and a store of G per multiply-add; the 1–3 columns
 * left at the end of a row pair get 2 × 2 and 2 × 1 tiles. Each sum runs over i in order, so
 * G_ab is the same sequential sum as the textbook loop.
 */
export function upperProducts(x: Float64Array, n: number, rows: number, q: number, out: Float64Array): void {
  for (let a = 0; a < rows; a += 2) {
    // An odd last row is paired with itself: both sums land in the same entries.
    const a1 = Math.min(a + 1, rows - 1);
    for (let b = a; b < q;) {
      // Entry (a1, b) when a1 = b + 1 is below the diagonal: skipped (lo = 1).
      b += tile(x, a * n, a1 * n, x, b * n, n, q - b, out, a * q + b, a1 * q + b, a1 > b ? 1 : 0);
    }
  }
}

/**
 * C = XᵀY for X (p columns) and Y (m columns) both stored by columns of length n, written to
 * out (p × m row-major): ΘᵀẎ when Θ and Ẏ are kept apart. Same tiles and the same
 * sequential sums as upperProducts.
 */
export function crossOfColumns(x: Float64Array, n: number, p: number, y: Float64Array, m: number, out: Float64Array): void {
  for (let a = 0; a < p; a += 2) {
    const a1 = Math.min(a + 1, p - 1);
    for (let b = 0; b < m;) b += tile(x, a * n, a1 * n, y, b * n, n, m - b, out, a * m + b, a1 * m + b, 0);
  }
}

/**
 * One tile: rows u0 = x[oa0 …], u1 = x[oa1 …] against up to 4 columns v_c = y[ob + c·n …]
 * (as many as `left` allows: 4, 2 or 1). Writes u0ᵀv_c to out[r0 + c] and u1ᵀv_c to
 * out[r1 + c] for c ≥ lo. Returns the width.
 */
function tile(
  x: Float64Array, oa0: number, oa1: number, y: Float64Array, ob: number, n: number, left: number,
  out: Float64Array, r0: number, r1: number, lo: number,
): number {
  if (left >= 4) { tile24(x, oa0, oa1, y, ob, n, out, r0, r1, lo); return 4; }
  if (left >= 2) { tile22(x, oa0, oa1, y, ob, n, out, r0, r1, lo); return 2; }
  tile21(x, oa0, oa1, y, ob, n, out, r0, r1, lo);
  return 1;
}

function tile24(x: Float64Array, oa0: number, oa1: number, y: Float64Array, ob0: number, n: number, out: Float64Array, r0: number, r1: number, lo: number): void {
  const ob1 = ob0 + n, ob2 = ob1 + n, ob3 = ob2 + n;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  for (let i = 0; i < n; i++) {
    const y0 = y[ob0 + i]!, y1 = y[ob1 + i]!, y2 = y[ob2 + i]!, y3 = y[ob3 + i]!;
    const x0 = x[oa0 + i]!;
    s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
    const x1 = x[oa1 + i]!;
    s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
  }
  out[r0] = s00; out[r0 + 1] = s01; out[r0 + 2] = s02; out[r0 + 3] = s03;
  if (lo === 0) out[r1] = s10;
  out[r1 + 1] = s11; out[r1 + 2] = s12; out[r1 + 3] = s13;
}

function tile22(x: Float64Array, oa0: number, oa1: number, y: Float64Array, ob0: number, n: number, out: Float64Array, r0: number, r1: number, lo: number): void {
  const ob1 = ob0 + n;
  let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
  for (let i = 0; i < n; i++) {
    const y0 = y[ob0 + i]!, y1 = y[ob1 + i]!, x0 = x[oa0 + i]!, x1 = x[oa1 + i]!;
    s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
  }
  out[r0] = s00; out[r0 + 1] = s01;
  if (lo === 0) out[r1] = s10;
  out[r1 + 1] = s11;
}

function tile21(x: Float64Array, oa0: number, oa1: number, y: Float64Array, ob0: number, n: number, out: Float64Array, r0: number, r1: number, lo: number): void {
  let s00 = 0, s10 = 0;
  for (let i = 0; i < n; i++) {
    const y0 = y[ob0 + i]!;
    s00 += x[oa0 + i]! * y0; s10 += x[oa1 + i]! * y0;
  }
  out[r0] = s00;
  if (lo === 0) out[r1] = s10;
}

/**
 * upperProducts for X row-major (n × q, element (i, c) at x[i·q + c]): the distinct, weighted
 * rows of a bootstrap resample are stored this way, so forming them needs no transpose. The
 * same 2 × 4 tiles (reading one or two cache lines per row) and sequential sums.
 */
export function upperProductsOfRows(x: Float64Array, n: number, rows: number, q: number, out: Float64Array): void {
  for (let a = 0; a < rows; a += 2) {
    const a1 = Math.min(a + 1, rows - 1);
    for (let b = a; b < q;) b += rowTile(x, q, a, a1, x, q, b, n, q - b, out, a * q + b, a1 * q + b, a1 > b ? 1 : 0);
  }
}

/** crossOfColumns for X (n × p) and Y (n × m) both row-major. */
export function crossOfRows(x: Float64Array, n: number, p: number, y: Float64Array, m: number, out: Float64Array): void {
  for (let a = 0; a < p; a += 2) {
    const a1 = Math.min(a + 1, p - 1);
    for (let b = 0; b < m;) b += rowTile(x, p, a, a1, y, m, b, n, m - b, out, a * m + b, a1 * m + b, 0);
  }
}

/** tile() on row-major X (row stride xs) and Y (row stride ys): columns a0, a1 of X against b … of Y. */
function rowTile(
  x: Float64Array, xs: number, a0: number, a1: number, y: Float64Array, ys: number, b: number, n: number, left: number,
  out: Float64Array, r0: number, r1: number, lo: number,
): number {
  const w = left >= 4 ? 4 : left >= 2 ? 2 : 1;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  if (w === 4) {
    for (let i = 0, ox = 0, oy = b; i < n; i++, ox += xs, oy += ys) {
      const y0 = y[oy]!, y1 = y[oy + 1]!, y2 = y[oy + 2]!, y3 = y[oy + 3]!;
      const x0 = x[ox + a0]!;
      s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
      const x1 = x[ox + a1]!;
      s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
    }
  } else if (w === 2) {
    for (let i = 0, ox = 0, oy = b; i < n; i++, ox += xs, oy += ys) {
      const y0 = y[oy]!, y1 = y[oy + 1]!, x0 = x[ox + a0]!, x1 = x[ox + a1]!;
      s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
    }
  } else {
    for (let i = 0, ox = 0, oy = b; i < n; i++, ox += xs, oy += ys) {
      const y0 = y[oy]!;
      s00 += x[ox + a0]! * y0; s10 += x[ox + a1]! * y0;
    }
  }
  const sums0 = [s00, s01, s02, s03], sums1 = [s10, s11, s12, s13];
  for (let c = 0; c < w; c++) {
    out[r0 + c] = sums0[c]!;
    if (c >= lo) out[r1 + c] = sums1[c]!;
  }
  return w;
}

/**
 * Gram matrix G = ΘᵀΘ.
 * theta: n × p row-major; returns G: p × p row-major (full, symmetric).
 * Cost: n·p copies (to columns) and n·p²/2 multiply-adds.
 */
export function gram(theta: Float64Array, n: number, p: number, out = new Float64Array(p * p)): Float64Array {
  return gramOfColumns(toColumns(theta, n, p), n, p, out);
}

/**
 * Cross product C = Θᵀ Y.
 * theta: n × p, y: n × m (both row-major); returns C: p × m row-major.
 */
export function crossProduct(
  theta: Float64Array, y: Float64Array, n: number, p: number, m: number,
  out = new Float64Array(p * m),
): Float64Array {
  crossOfColumns(toColumns(theta, n, p), n, p, toColumns(y, n, m), m, out);
  return out;
}

/** Cholesky A = LLᵀ in place (lower triangle), then solves A x = b in place. False if A is not SPD. */
export function choleskySolveInPlace(a: Float64Array, k: number, b: Float64Array): boolean {
  if (!choleskyFactor(a, k)) return false;
  choleskySolveFactored(a, k, b);
  return true;
}

/**
 * Cholesky A = LLᵀ in place: the lower triangle of `a` (k × k) becomes L. False if not SPD.
 * Each pivot is judged against its own diagonal entry: d_j / a_jj is the pivot of D⁻¹AD⁻¹
 * (D = diag(√a_jj)), so the test does not depend on the units of the columns. Judged against
 * the largest diagonal instead, a small column (the constant 1 next to z⁵) looks singular.
 */
export function choleskyFactor(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    const ajj = a[j * k + j]!;
    let d = ajj;
    for (let q = 0; q < j; q++) d -= a[j * k + q]! * a[j * k + q]!;
    if (!(d > ajj * PIVOT_TOL)) return false;
    const ljj = Math.sqrt(d);
    a[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j]!;
      for (let q = 0; q < j; q++) s -= a[i * k + q]! * a[j * k + q]!;
      a[i * k + j] = s / ljj;
    }
  }
  return true;
}

/** Smallest acceptable pivot, relative to the pivot's own diagonal entry (about 50 ε). */
const PIVOT_TOL = 1e-14;

/** Solve LLᵀ x = b in place, L from choleskyFactor. */
export function choleskySolveFactored(l: Float64Array, k: number, b: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let s = b[i]!;
    for (let q = 0; q < i; q++) s -= l[i * k + q]! * b[q]!;
    b[i] = s / l[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let q = i + 1; q < k; q++) s -= l[q * k + i]! * b[q]!;
    b[i] = s / l[i * k + i]!;
  }
}

/**
 * Type feedback for the kernels above, from a tiny problem at load time. A kernel's first big
 * call is compiled while it runs (on-stack replacement) and, without this, before the code
 * after its loop has ever run: V8 then keeps re-entering that compiled loop and deoptimising
 * at the first store after it, call after call (seen with --trace-deopt: hundreds of
 * deoptimisations per benchmark, the fit twice as slow). Every tile width and both layouts.
 */
function primeKernels(): void {
  const n = 3, q = 7;
  const x = Float64Array.from({ length: n * q }, (_, k) => k + 1);
  const g = new Float64Array(q * q);
  upperProducts(x, n, q, q, g);
  crossOfColumns(x, n, q, x, q, g);
  upperProductsOfRows(x, n, q, q, g);
  crossOfRows(x, n, q, x, q, g);
  allFinite(x);
  toRows(toColumns(x, n, q), n, q);
}
primeKernels();
