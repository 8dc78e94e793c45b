/** Shared by the integrator tests: a problem with a known solution and the empirical order. */
import type { Rhs } from '../../../src/core/types';

/** Harmonic oscillator ẋ = y, ẏ = −x: x = cos t, y = −sin t from (1, 0). */
export const harmonic: Rhs = (_t, y, dy) => {
  dy[0] = y[1]!;
  dy[1] = -y[0]!;
};

/** Least-squares slope of log(err) against log(h): the empirical convergence order. */
export function slope(hs: number[], errs: number[]): number {
  const xs = hs.map(Math.log), ys = errs.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0, den = 0;
  xs.forEach((x, i) => { num += (x - mx) * (ys[i]! - my); den += (x - mx) ** 2; });
  return num / den;
}
