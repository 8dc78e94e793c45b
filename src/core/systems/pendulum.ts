/**
 * The nonlinear pendulum without friction: angle x, angular velocity y,
 *   ẋ = y,  ẏ = −ω₀² sin x,   ω₀² = g/L.
 * Started at a large angle (2 rad ≈ 115°) the motion is far from the small-angle harmonic
 * oscillator, so a polynomial library of low degree fails; sin(x) from a Fourier library
 * captures it exactly. The energy y²/2 − ω₀² cos x is conserved.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  omega2: param('omega2', 'g / L', '\\omega_0^2', 1, 0, 20, 0.01),
};

export const pendulum: DynamicalSystem = {
  id: 'pendulum',
  label: 'Pendulum (large swing)',
  description: 'A pendulum released from a large angle. Gravity pulls it back with a force proportional '
    + 'to sin(x), not x, so the right library contains a sine term.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [2, 0],
  tEnd: 20,
  dt: 0.01,
  equations: ['y', '-omega2*sin(x)'],
  latex: ['y', '-\\omega_0^2 \\sin x'],
  rhs(params) {
    const { omega2 } = readParams(params, P);
    return (_t, y, dy) => {
      dy[0] = y[1]!;
      dy[1] = -omega2 * Math.sin(y[0]!);
    };
  },
  truth(params) {
    const { omega2 } = readParams(params, P);
    return sparse({ x: { y: 1 }, y: { 'sin(x)': -omega2 } });
  },
  suggested: { degree: 1, fourier: 1, bias: false, threshold: 0.1 },
};
