/**
 * A rational oscillator: the vector field of Kidger's neural ODE + symbolic regression example
 * (P. Kidger, "On Neural Differential Equations", PhD thesis, Oxford 2021; diffrax's
 * `neural_ode` and `symbolic_regression` examples), with a time scale k (k = 1 there):
 *   ẋ = k y / (1 + y),  ẏ = −k x / (1 + x).
 * H = x − ln(1 + x) + y − ln(1 + y) is conserved (dH/dt = 0 along solutions), so orbits are
 * closed curves around the origin; from (0.5, 0) H ≈ 0.0945 and both states stay above −0.38,
 * far from the poles at x = −1 and y = −1. The right-hand side is not a finite sum of
 * polynomial or Fourier terms, so polynomial SINDy can only approximate it (truth = null).
 */
import { param, readParams, type DynamicalSystem } from './system';

const P = {
  k: param('k', 'Speed k', 'k', 1, 0.1, 5, 0.01),
};

export const rationalOscillator: DynamicalSystem = {
  id: 'rational_oscillator',
  label: 'Rational oscillator',
  description: 'An oscillator whose equations are fractions, not polynomials: polynomial SINDy can only '
    + 'approximate it. A showcase for the neural ODE + symbolic regression method to come.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [0.5, 0],
  tEnd: 20,
  dt: 0.01,
  equations: ['k*y / (1 + y)', '-k*x / (1 + x)'],
  latex: ['\\frac{k y}{1 + y}', '-\\frac{k x}{1 + x}'],
  rhs(params) {
    const { k } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      dy[0] = (k * v) / (1 + v);
      dy[1] = (-k * x) / (1 + x);
    };
  },
  truth: () => null,
  suggested: { degree: 3, fourier: 0, bias: true, threshold: 0.05 },
};
