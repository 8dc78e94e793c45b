/**
 * Normal form of the supercritical Hopf bifurcation (Strogatz, "Nonlinear Dynamics and
 * Chaos", §8.2; a PySINDy example system):
 *   ẋ = μx − ωy − A x(x² + y²),  ẏ = ωx + μy − A y(x² + y²).
 * In polar form ṙ = μr − A r³, θ̇ = ω: for μ > 0 every orbit approaches the circle
 * r = √(μ/A); for μ ≤ 0 the origin is stable. Expanded, the truth is a cubic polynomial:
 *   ẋ = μx − ωy − A x³ − A x y²,  ẏ = ωx + μy − A x² y − A y³.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  mu: param('mu', 'Growth rate μ', '\\mu', 0.5, -1, 2, 0.01),
  omega: param('omega', 'Angular frequency ω', '\\omega', 1, 0, 5, 0.01),
  A: param('A', 'Saturation A', 'A', 1, 0, 5, 0.01),
};

export const hopf: DynamicalSystem = {
  id: 'hopf',
  label: 'Hopf normal form',
  description: 'The universal way an oscillation is born: the state rotates at a steady rate while its '
    + 'distance from the centre settles on the radius √(μ/A) of a circle (a limit cycle).',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  // Start near the unstable origin: the orbit spirals out through every radius up to the
  // limit cycle. (From outside, e.g. (2, 0), it reaches the circle within ~2 time units, and
  // on the circle x³ + xy² = (μ/A)·x makes the cubic library collinear: STLSQ then keeps
  // spurious terms.)
  x0: [0.1, 0],
  tEnd: 20,
  dt: 0.01,
  equations: ['mu*x - omega*y - A*x*(x^2 + y^2)', 'omega*x + mu*y - A*y*(x^2 + y^2)'],
  latex: ['\\mu x - \\omega y - A x (x^2 + y^2)', '\\omega x + \\mu y - A y (x^2 + y^2)'],
  rhs(params) {
    const { mu, omega, A } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      const r2 = x * x + v * v;
      dy[0] = mu * x - omega * v - A * x * r2;
      dy[1] = omega * x + mu * v - A * v * r2;
    };
  },
  truth(params) {
    const { mu, omega, A } = readParams(params, P);
    return sparse({
      x: { x: mu, y: -omega, 'x^3': -A, 'x*y^2': -A },
      y: { x: omega, y: mu, 'x^2*y': -A, 'y^3': -A },
    });
  },
  suggested: { degree: 3, fourier: 0, bias: true, threshold: 0.1 },
};
