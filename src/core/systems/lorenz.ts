/**
 * The Lorenz system (E. N. Lorenz, "Deterministic nonperiodic flow", J. Atmos. Sci. 20, 1963):
 * a three-mode truncation of thermal convection and the first chaotic attractor,
 *   ẋ = σ(y − x),  ẏ = x(ρ − z) − y,  ż = xy − βz.
 * The classic SINDy demonstration (Brunton, Proctor & Kutz, PNAS 2016, Fig. 1).
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  sigma: param('sigma', 'Prandtl number σ', '\\sigma', 10, 0, 50, 0.1),
  rho: param('rho', 'Rayleigh number ρ', '\\rho', 28, 0, 100, 0.1),
  beta: param('beta', 'Geometry factor β', '\\beta', 8 / 3, 0, 10, 0.01),
};

export const lorenz: DynamicalSystem = {
  id: 'lorenz',
  label: 'Lorenz',
  description: 'A simple model of air rising and falling in a heated layer. Its butterfly-shaped '
    + 'trajectory never repeats: tiny changes in the start grow until the future is unpredictable (chaos).',
  stateNames: ['x', 'y', 'z'],
  params: Object.values(P),
  x0: [-8, 8, 27],
  tEnd: 10,
  dt: 0.002,
  equations: ['sigma*(y - x)', 'x*(rho - z) - y', 'x*y - beta*z'],
  latex: ['\\sigma (y - x)', 'x (\\rho - z) - y', 'x y - \\beta z'],
  rhs(params) {
    const { sigma, rho, beta } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!, z = y[2]!;
      dy[0] = sigma * (v - x);
      dy[1] = x * (rho - z) - v;
      dy[2] = x * v - beta * z;
    };
  },
  truth(params) {
    const { sigma, rho, beta } = readParams(params, P);
    return sparse({
      x: { x: -sigma, y: sigma },
      y: { x: rho, y: -1, 'x*z': -1 },
      z: { 'x*y': 1, z: -beta },
    });
  },
  suggested: { degree: 2, fourier: 0, bias: true, threshold: 0.1 },
};
