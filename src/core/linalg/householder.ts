/**
 * Householder QR of a tall matrix, kept so that many right-hand sides can be solved against it
 * (Golub & Van Loan, Matrix Computations, §5.2). Backward stable column by column: the computed
 * R is exactly that of A + δA with ‖δa_c‖ ≤ O(ε)‖a_c‖ for every column c, so the answer does not
 * depend on how differently the columns are scaled (unlike the normal equations, whose
 * condition number is that of A squared).
 *
 * Storage: A (rows × k, column-major, column c at c·rows) is overwritten. Above the diagonal it
 * holds R; from the diagonal down, column c holds the Householder vector v_c of step c
 * (H_c = I − 2 v_c v_cᵀ / v_cᵀv_c); R's diagonal is kept apart in `rdiag`.
 */

export interface HouseholderQR {
  rows: number;
  k: number;
  /** rows × k column-major: R above the diagonal, Householder vectors from the diagonal down */
  a: Float64Array;
  /** R's diagonal */
  rdiag: Float64Array;
  /** v_cᵀv_c per step (0: nothing to reflect) */
  vnorm2: Float64Array;
  /** Euclidean norm of each column of A before factorisation */
  colNorm: Float64Array;
  /** per column, one past its last row that can be nonzero (see householderQR); rows when dense */
  ends: Int32Array;
}

/**
 * Factor A (rows × k column-major) in place. With rows < k only the first `rows` steps exist: R
 * is rows × k (upper trapezoidal) and rdiag is 0 from `rows` on (rank deficient by construction).
 *
 * `ends` (optional, non-decreasing, ends[c] ≥ c + 1) says column c is zero from row ends[c] on: a
 * staircase, such as some columns of a triangular R with a row for each column below them. Step
 * c then only reflects rows c … ends[c] − 1, and the zeros stay zeros (a later column reaches at
 * least as far), so a staircase costs ~Σ (ends[c] − c)(k − c) instead of 2·rows·k².
 */
export function householderQR(a: Float64Array, rows: number, k: number, ends?: Int32Array): HouseholderQR {
  const rdiag = new Float64Array(k);
  const vnorm2 = new Float64Array(k);
  const colNorm = new Float64Array(k);
  const end = ends ?? new Int32Array(k).fill(rows);
  for (let c = 0; c < k; c++) colNorm[c] = Math.sqrt(dot(a, c * rows, a, c * rows, 0, end[c]!));
  const steps = Math.min(rows, k);
  for (let c = 0; c < steps; c++) {
    const off = c * rows;
    const e = end[c]!;
    // Sum of squares then one sqrt (Math.hypot per element is ~10× slower; library columns are
    // far from overflow).
    const norm = Math.sqrt(dot(a, off, a, off, c, e));
    if (norm === 0) continue; // rdiag stays 0: the rank test sees it
    const alpha = a[off + c]! > 0 ? -norm : norm;
    a[off + c]! -= alpha;
    rdiag[c] = alpha;
    const v2 = dot(a, off, a, off, c, e);
    vnorm2[c] = v2;
    if (v2 === 0) continue;
    for (let d = c + 1; d < k; d++) reflect(a, off, a, d * rows, c, e, v2);
  }
  return { rows, k, a, rdiag, vnorm2, colNorm, ends: end };
}

/** b ← Qᵀ b in place (b: length rows, from offset bo). */
export function applyQt(qr: HouseholderQR, b: Float64Array, bo = 0): void {
  const { rows, k, a, vnorm2, ends } = qr;
  const steps = Math.min(rows, k);
  for (let c = 0; c < steps; c++) if (vnorm2[c]! > 0) reflect(a, c * rows, b, bo, c, ends[c]!, vnorm2[c]!);
}

/** x = R⁻¹ b[bo … bo + k − 1] (back substitution), in a new array; needs rows ≥ k. */
export function solveR(qr: HouseholderQR, b: Float64Array, bo = 0): Float64Array {
  const { rows, k, a, rdiag } = qr;
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[bo + r]!;
    for (let c = r + 1; c < k; c++) s -= a[c * rows + r]! * x[c]!;
    x[r] = s / rdiag[r]!;
  }
  return x;
}

/**
 * Smallest |r_cc| / ‖a_c‖ over the columns: how close a column came to the span of those before
 * it, relative to its own size (so scale-free). Below ~1e-13 the columns are numerically
 * dependent.
 */
export function smallestRelativePivot(qr: HouseholderQR): number {
  let lo = Infinity;
  for (let c = 0; c < qr.k; c++) {
    const s = qr.colNorm[c]!;
    lo = Math.min(lo, s > 0 ? Math.abs(qr.rdiag[c]!) / s : 0);
  }
  return lo;
}

/**
 * An upper bound on the 2-norm condition number of A with its columns scaled to unit norm:
 * ‖R D⁻¹‖_F · ‖(R D⁻¹)⁻¹‖_F, D = diag(‖a_c‖), from R⁻¹ by back substitution (k³/6 multiply-adds).
 * Each Frobenius norm is at most √k times the 2-norm. Infinity if R is singular.
 */
export function scaledConditionBound(qr: HouseholderQR): number {
  const { rows, k, a, rdiag, colNorm } = qr;
  // T = R D⁻¹, k × k row-major upper triangle.
  const t = new Float64Array(k * k);
  let normR = 0;
  for (let c = 0; c < k; c++) {
    const f = 1 / (colNorm[c]! || 1);
    for (let r = 0; r < c; r++) { const v = a[c * rows + r]! * f; t[r * k + c] = v; normR += v * v; }
    const v = rdiag[c]! * f;
    t[c * k + c] = v;
    normR += v * v;
  }
  // Column c of T⁻¹: solve T u = e_c, u nonzero in rows 0 … c only.
  let normInv = 0;
  const u = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let r = c; r >= 0; r--) {
      let s = r === c ? 1 : 0;
      for (let q = r + 1; q <= c; q++) s -= t[r * k + q]! * u[q]!;
      u[r] = s / t[r * k + r]!;
      normInv += u[r]! * u[r]!;
    }
  }
  const kappa = Math.sqrt(normR * normInv);
  return Number.isFinite(kappa) ? kappa : Infinity;
}

function dot(u: Float64Array, uo: number, v: Float64Array, vo: number, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += u[uo + i]! * v[vo + i]!;
  return s;
}

/** w ← H w for the reflector stored at v[vo + from … vo + to − 1]. */
function reflect(v: Float64Array, vo: number, w: Float64Array, wo: number, from: number, to: number, vnorm2: number): void {
  const f = (2 * dot(v, vo, w, wo, from, to)) / vnorm2;
  if (f === 0) return;
  for (let i = from; i < to; i++) w[wo + i]! -= f * v[vo + i]!;
}
