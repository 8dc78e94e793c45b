/**
 * Damped cubic oscillator (Brunton, Proctor & Kutz, PNAS 2016, Fig. 2b; Rudy et al. 2017):
 *   ẋ = −a x³ + ω y³,  ẏ = −ω x³ − a y³.
 * Like the linear oscillator but with cubic terms: the oscillation slows and its shape
 * changes as the amplitude decays, which a linear model cannot describe.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  a: param('a', 'Damping a', 'a', 0.1, 0, 2, 0.01),
  omega: param('omega', 'Coupling ω', '\\omega', 2, 0, 10, 0.01),
};

export const cubicOscillator: DynamicalSystem = {
  id: 'cubic_oscillator',
  label: 'Damped cubic oscillator',
  description: 'An oscillator whose restoring force grows with the cube of the displacement: '
    + 'it swings fast when far out and ever more slowly as friction brings it to rest.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [2, 0],
  tEnd: 25,
  dt: 0.01,
  equations: ['-a*x^3 + omega*y^3', '-omega*x^3 - a*y^3'],
  latex: ['-a x^3 + \\omega y^3', '-\\omega x^3 - a y^3'],
  rhs(params) {
    const { a, omega } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      const x3 = x * x * x, v3 = v * v * v;
      dy[0] = -a * x3 + omega * v3;
      dy[1] = -omega * x3 - a * v3;
    };
  },
  truth(params) {
    const { a, omega } = readParams(params, P);
    return sparse({ x: { 'x^3': -a, 'y^3': omega }, y: { 'x^3': -omega, 'y^3': -a } });
  },
  suggested: { degree: 3, fourier: 0, bias: true, threshold: 0.05 },
};
