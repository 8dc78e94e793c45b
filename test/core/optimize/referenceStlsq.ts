/**
 * An accurate least-squares STLSQ for tests, written plainly: PySINDy 1.7.5's loop (ridge fit on
 * the support, zero every |ξ| < threshold, stop when the number of kept terms stops changing,
 * then plain least squares on the support), where every least-squares solve is a Householder QR
 * on Θ itself with its columns scaled to unit norm — never the normal equations. The ridge
 * α‖ξ‖² is p extra rows √α·D⁻¹ under the scaled Θ (D = column norms).
 */
import { leastSquaresQR } from '../../../src/core/linalg/leastSquares';

export interface ReferenceFit {
  /** Ξ: m × p row-major */
  coefficients: Float64Array;
  /** every state lost all its terms */
  allPruned: boolean;
  /** largest |ξ| of the first pass */
  firstMax: number;
}

/** theta: n × p row-major; target: n × m row-major. */
export function referenceStlsq(
  theta: Float64Array, target: Float64Array, n: number, p: number, m: number,
  threshold: number, alpha: number, maxIter = 20,
): ReferenceFit {
  const norms = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += theta[i * p + a]! ** 2;
    norms[a] = Math.sqrt(s) || 1;
  }
  // [Θ D⁻¹; √α D⁻¹] ((n + p) × p) and [Ẏ; 0].
  const rows = n + p;
  const scaled = new Float64Array(rows * p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) scaled[i * p + a] = theta[i * p + a]! / norms[a]!;
  for (let a = 0; a < p; a++) scaled[(n + a) * p + a] = Math.sqrt(alpha) / norms[a]!;
  const y = new Float64Array(rows * m);
  y.set(target);
  const solve = (support: number[], j: number, ridge: boolean): Float64Array => {
    const u = leastSquaresQR(scaled, ridge ? rows : n, p, support, y, m, j);
    if (!u) throw new Error(`reference: support ${support.join(',')} of state ${j} is rank deficient`);
    return u.map((v, c) => v / norms[support[c]!]!);
  };

  const keep: boolean[][] = Array.from({ length: m }, () => new Array<boolean>(p).fill(true));
  const coef = new Float64Array(m * p);
  let previous = m * p;
  let firstMax = 0;
  for (let it = 0; it < maxIter; it++) {
    coef.fill(0);
    for (let j = 0; j < m; j++) {
      const support = keep[j]!.flatMap((k, a) => (k ? [a] : []));
      if (support.length === 0) continue;
      const x = solve(support, j, alpha > 0);
      support.forEach((a, c) => {
        if (it === 0) firstMax = Math.max(firstMax, Math.abs(x[c]!));
        if (Math.abs(x[c]!) >= threshold) coef[j * p + a] = x[c]!;
        else keep[j]![a] = false;
      });
    }
    const count = keep.flat().filter(Boolean).length;
    if (count === 0 || count === previous) break;
    previous = count;
  }
  for (let j = 0; j < m; j++) {
    const support = keep[j]!.flatMap((k, a) => (k ? [a] : []));
    if (support.length === 0) continue;
    const x = solve(support, j, false);
    support.forEach((a, c) => { coef[j * p + a] = x[c]!; });
  }
  return { coefficients: coef, allPruned: keep.every((r) => r.every((k) => !k)), firstMax };
}
