/**
 * Damped linear oscillator in first-order form (Brunton, Proctor & Kutz, PNAS 2016, Fig. 2a):
 *   ẋ = −a x + ω y,  ẏ = −ω x − a y.
 * Eigenvalues −a ± iω: a spiral into the origin with angular frequency ω and decay rate a.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  a: param('a', 'Damping a', 'a', 0.1, 0, 2, 0.01),
  omega: param('omega', 'Angular frequency ω', '\\omega', 2, 0, 10, 0.01),
};

export const linearOscillator: DynamicalSystem = {
  id: 'linear_oscillator',
  label: 'Damped linear oscillator',
  description: 'The simplest oscillation: x and y swap energy back and forth while friction slowly '
    + 'shrinks the swing, so the trajectory spirals into the origin.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [2, 0],
  tEnd: 25,
  dt: 0.01,
  equations: ['-a*x + omega*y', '-omega*x - a*y'],
  latex: ['-a x + \\omega y', '-\\omega x - a y'],
  rhs(params) {
    const { a, omega } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      dy[0] = -a * x + omega * v;
      dy[1] = -omega * x - a * v;
    };
  },
  truth(params) {
    const { a, omega } = readParams(params, P);
    return sparse({ x: { x: -a, y: omega }, y: { x: -omega, y: -a } });
  },
  suggested: { degree: 2, fourier: 0, bias: true, threshold: 0.05 },
};
