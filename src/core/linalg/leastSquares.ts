/**
 * Plain least squares min ‖y − Θ_S x‖² on a column subset S by Householder QR.
 *
 * The final "unbias" step of STLSQ (PySINDy refits the chosen support with
 * LinearRegression, an SVD/QR solver) must agree with PySINDy to 1e-6, so it works on Θ
 * itself rather than on the normal equations, whose condition number is squared.
 * Cost: 2·n·k² flops for k = |S| columns, small next to forming ΘᵀΘ.
 */

/**
 * theta: n × p row-major; y: n × m row-major, column `yCol` is the target.
 * Returns the k coefficients, or null when Θ_S is numerically rank deficient.
 */
export function leastSquaresQR(
  theta: Float64Array, n: number, p: number, support: ArrayLike<number>,
  y: Float64Array, m: number, yCol: number,
): Float64Array | null {
  const k = support.length;
  if (k === 0 || n < k) return null;
  // Column-major copy of Θ_S (a: k columns of length n) and of the target.
  const a = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const col = support[c]!;
    const off = c * n;
    for (let i = 0; i < n; i++) a[off + i] = theta[i * p + col]!;
  }
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = y[i * m + yCol]!;
  const rdiag = new Float64Array(k);
  let maxNorm = 0;
  for (let c = 0; c < k; c++) {
    const off = c * n;
    // Householder vector for column c, rows c..n-1.
    // Sum of squares then one sqrt (Math.hypot per element is ~10× slower; library columns
    // are far from overflow).
    const norm = Math.sqrt(vdot(a, off, a, off, c, n));
    maxNorm = Math.max(maxNorm, norm);
    if (norm <= maxNorm * 1e-13 || norm === 0) return null;
    const alpha = a[off + c]! > 0 ? -norm : norm;
    a[off + c]! -= alpha;
    const vnorm2 = vdot(a, off, a, off, c, n);
    rdiag[c] = alpha;
    if (vnorm2 === 0) continue;
    // Apply H = I − 2vvᵀ/(vᵀv) to the remaining columns and to b.
    for (let d = c + 1; d < k; d++) reflect(a, off, a, d * n, c, n, vnorm2);
    reflect(a, off, b, 0, c, n, vnorm2);
  }
  // Back substitution with R (upper triangle stored above the diagonal, diagonal in rdiag).
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < k; c++) s -= a[c * n + r]! * x[c]!;
    x[r] = s / rdiag[r]!;
  }
  return x;
}

function vdot(u: Float64Array, uo: number, v: Float64Array, vo: number, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += u[uo + i]! * v[vo + i]!;
  return s;
}

function reflect(v: Float64Array, vo: number, w: Float64Array, wo: number, from: number, to: number, vnorm2: number): void {
  const f = (2 * vdot(v, vo, w, wo, from, to)) / vnorm2;
  if (f === 0) return;
  for (let i = from; i < to; i++) w[wo + i]! -= f * v[vo + i]!;
}
