/**
 * Lotka–Volterra predator–prey equations (Lotka 1925, Volterra 1926):
 *   ẋ = αx − βxy,  ẏ = δxy − γy,
 * x prey, y predators. Each orbit is closed: H = δx − γ ln x + βy − α ln y is conserved.
 * Defaults as in the project's conformance case (ẋ = x − 10xy, ẏ = 10xy − 2y).
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  alpha: param('alpha', 'Prey growth rate α', '\\alpha', 1, 0, 5, 0.01),
  beta: param('beta', 'Predation rate β', '\\beta', 10, 0, 50, 0.1),
  delta: param('delta', 'Predator growth per prey δ', '\\delta', 10, 0, 50, 0.1),
  gamma: param('gamma', 'Predator death rate γ', '\\gamma', 2, 0, 10, 0.01),
};

export const lotkaVolterra: DynamicalSystem = {
  id: 'lotka_volterra',
  label: 'Lotka–Volterra (predator–prey)',
  description: 'Prey x multiply on their own and are eaten by predators y, who starve without prey. '
    + 'The two populations rise and fall in a repeating cycle, the predators lagging behind the prey.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [1, 0.05],
  tEnd: 10,
  dt: 0.002,
  equations: ['alpha*x - beta*x*y', 'delta*x*y - gamma*y'],
  latex: ['\\alpha x - \\beta x y', '\\delta x y - \\gamma y'],
  rhs(params) {
    const { alpha, beta, delta, gamma } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      dy[0] = alpha * x - beta * x * v;
      dy[1] = delta * x * v - gamma * v;
    };
  },
  truth(params) {
    const { alpha, beta, delta, gamma } = readParams(params, P);
    return sparse({ x: { x: alpha, 'x*y': -beta }, y: { y: -gamma, 'x*y': delta } });
  },
  suggested: { degree: 2, fourier: 0, bias: true, threshold: 0.1 },
};
