/**
 * The damped pendulum: angle x, angular velocity y, friction proportional to the velocity,
 *   ẋ = y,  ẏ = −ω₀² sin x − c y.
 * Released from a large angle it swings down in a spiral towards rest. Its field needs sin x:
 * a polynomial library only approximates it, a Fourier library or a symbolic search with sin
 * among the operators finds it (the neural ODE → symbolic regression showcase with a sine).
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  omega2: param('omega2', 'g / L', '\\omega_0^2', 1, 0, 20, 0.01),
  c: param('c', 'Damping c', 'c', 0.25, 0, 5, 0.01),
};

export const dampedPendulum: DynamicalSystem = {
  id: 'damped_pendulum',
  label: 'Damped pendulum',
  description: 'A pendulum with friction, released from a large angle: it swings ever lower towards rest. '
    + 'Gravity acts through sin(x), so the equations need a sine term (Fourier library, or sin in a symbolic search).',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [2.5, 0],
  tEnd: 20,
  dt: 0.01,
  equations: ['y', '-omega2*sin(x) - c*y'],
  latex: ['y', '-\\omega_0^2 \\sin x - c\\, y'],
  rhs(params) {
    const { omega2, c } = readParams(params, P);
    return (_t, y, dy) => {
      dy[0] = y[1]!;
      dy[1] = -omega2 * Math.sin(y[0]!) - c * y[1]!;
    };
  },
  truth(params) {
    const { omega2, c } = readParams(params, P);
    return sparse({ x: { y: 1 }, y: { 'sin(x)': -omega2, y: -c } });
  },
  suggested: { degree: 1, fourier: 1, bias: false, threshold: 0.1 },
};
