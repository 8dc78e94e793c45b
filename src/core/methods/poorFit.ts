/**
 * A sparse model that fits its regression rows poorly, said as a warning. A low R² alone is
 * not a fault: under noise the exact model has R² 0.7 against finite-difference ẏ (the noise is
 * in the target). The fault is a threshold that removed terms the data need: then least
 * squares on the whole library fits the same rows far better than the model does. So an
 * equation is flagged when its R² is below POOR_R2 and the whole library's least-squares R² is
 * at least POOR_GAP higher (Lorenz ×1000 at degree 2, threshold 0.1: ẏ 0.52 against 1.00 —
 * the terms in x·z have coefficients of 0.001 there, below the threshold).
 */
import { solveSupport } from '../optimize/supportSolve';
import type { RegressionProblem } from '../optimize/problem';
import { regressionR2 } from '../pipeline/fit';
import type { RegressionLayer } from '../pipeline/layers';

/** An equation fitted with R² below this may have lost terms it needs. */
export const POOR_R2 = 0.9;
/** …when the whole library reaches an R² at least this much higher on the same rows. */
export const POOR_GAP = 0.1;

/** libraryR2 per problem: it does not depend on the threshold, and a hot refit keeps its problem. */
const bestR2 = new WeakMap<RegressionProblem, number[]>();

/** R² per state of least squares on every library term (the best any support can do), original scale. */
export function libraryR2(reg: RegressionLayer, problem: RegressionProblem): number[] {
  const known = bestR2.get(problem);
  if (known) return known;
  const r2 = wholeLibraryR2(reg, problem);
  bestR2.set(problem, r2);
  return r2;
}

function wholeLibraryR2(reg: RegressionLayer, problem: RegressionProblem): number[] {
  const { p, m, scale } = problem;
  const all = Array.from({ length: p }, (_, a) => a);
  const coef = new Float64Array(m * p);
  for (let j = 0; j < m; j++) {
    const x = solveSupport(problem, all, j, 0).x;
    for (let a = 0; a < p; a++) coef[j * p + a] = x[a]! / scale[a]!;
  }
  return regressionR2(reg, coef);
}

/**
 * Warnings for the equations fitted poorly because terms were pruned (none when every R² is
 * at least POOR_R2: the whole-library solve is skipped, so a good fit pays nothing).
 */
export function poorFitWarnings(
  reg: RegressionLayer, problem: RegressionProblem, r2: readonly number[], stateNames: readonly string[], target: 'strong' | 'weak',
): string[] {
  if (!r2.some((v) => v < POOR_R2)) return [];
  const best = libraryR2(reg, problem);
  const poor = r2.flatMap((v, j) => (v < POOR_R2 && best[j]! - v >= POOR_GAP ? [j] : []));
  if (poor.length === 0) return [];
  const name = (j: number) => `d${stateNames[j] ?? `x${j + 1}`}/dt`;
  const each = poor.map((j) => `${name(j)} (R² ${fmtR2(r2[j]!)}, against ${fmtR2(best[j]!)} with every library term)`);
  const list = each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}` : each[0]!;
  const rows = target === 'weak' ? 'the weak system' : 'the derivative estimates';
  return [
    `${list} ${poor.length === 1 ? 'is' : 'are'} fitted poorly against ${rows}: the threshold removed terms the data need. `
    + 'It may be too large for the data\'s scale — try normalising the library columns or a smaller threshold.',
  ];
}

/** Two decimals; '≈ 1' rather than a perfect 1.00 that the value is not. */
function fmtR2(v: number): string {
  if (!Number.isFinite(v)) return 'undefined';
  return v >= 0.995 ? '≈ 1' : Math.max(v, -99).toFixed(2);
}
