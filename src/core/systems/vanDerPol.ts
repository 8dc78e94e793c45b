/**
 * Van der Pol oscillator (B. van der Pol, "On relaxation-oscillations", Phil. Mag. 2, 1926):
 *   ẋ = y,  ẏ = μ(1 − x²)y − x.
 * Negative damping at small |x| and positive damping at large |x| meet on a stable limit
 * cycle; μ sets how nonlinear (how "relaxation"-like) the oscillation is.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  mu: param('mu', 'Nonlinearity μ', '\\mu', 0.5, 0, 5, 0.01),
};

export const vanDerPol: DynamicalSystem = {
  id: 'van_der_pol',
  label: 'Van der Pol oscillator',
  description: 'An electronic oscillator that pumps energy in when the swing is small and drains it when '
    + 'the swing is large, so every start settles onto the same repeating loop (a limit cycle).',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [2, 0],
  tEnd: 20,
  dt: 0.005,
  equations: ['y', 'mu*(1 - x^2)*y - x'],
  latex: ['y', '\\mu (1 - x^2) y - x'],
  rhs(params) {
    const { mu } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      dy[0] = v;
      dy[1] = mu * (1 - x * x) * v - x;
    };
  },
  truth(params) {
    const { mu } = readParams(params, P);
    return sparse({ x: { y: 1 }, y: { x: -1, y: mu, 'x^2*y': -mu } });
  },
  suggested: { degree: 3, fourier: 0, bias: true, threshold: 0.1 },
};
