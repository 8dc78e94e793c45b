import { makeProblem, normalEquations, type RegressionProblem } from '../../../src/core/optimize/problem';

/** A tiny deterministic generator for test data (independent of the engine's rng). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A random sparse regression: Θ n × p with N(0,1)-ish entries, Ξ m × p with the given
 * nonzeros, Ẏ = ΘΞᵀ + noise·N(0,1).
 */
export function sparseProblem(n: number, p: number, trueCoef: number[][], noise = 0, seed = 1, normalize = false): RegressionProblem {
  const rnd = lcg(seed);
  const gauss = () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rnd();
    return s - 6;
  };
  const m = trueCoef.length;
  const theta = new Float64Array(n * p);
  for (let i = 0; i < n * p; i++) theta[i] = gauss();
  const target = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let a = 0; a < p; a++) v += theta[i * p + a]! * trueCoef[j]![a]!;
      target[i * m + j] = v + noise * gauss();
    }
  }
  return makeProblem(theta, target, n, p, m, normalEquations(theta, target, n, p, m), normalize);
}
