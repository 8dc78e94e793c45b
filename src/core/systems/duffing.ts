/**
 * Unforced, damped Duffing oscillator (G. Duffing 1918; Kovacic & Brennan, "The Duffing
 * Equation", 2011): a mass on a hardening spring,
 *   ẋ = y,  ẏ = −δy − αx − βx³.
 * The cubic stiffness β makes the frequency depend on the amplitude.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  delta: param('delta', 'Damping δ', '\\delta', 0.1, 0, 2, 0.01),
  alpha: param('alpha', 'Linear stiffness α', '\\alpha', 1, -5, 10, 0.01),
  beta: param('beta', 'Cubic stiffness β', '\\beta', 5, 0, 20, 0.1),
};

export const duffing: DynamicalSystem = {
  id: 'duffing',
  label: 'Duffing oscillator',
  description: 'A mass on a spring that gets stiffer the more it is stretched: big swings are faster '
    + 'than small ones, and friction slowly brings it to rest.',
  stateNames: ['x', 'y'],
  params: Object.values(P),
  x0: [1, 0],
  tEnd: 25,
  dt: 0.01,
  equations: ['y', '-delta*y - alpha*x - beta*x^3'],
  latex: ['y', '-\\delta y - \\alpha x - \\beta x^3'],
  rhs(params) {
    const { delta, alpha, beta } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!;
      dy[0] = v;
      dy[1] = -delta * v - alpha * x - beta * x * x * x;
    };
  },
  truth(params) {
    const { delta, alpha, beta } = readParams(params, P);
    return sparse({ x: { y: 1 }, y: { x: -alpha, y: -delta, 'x^3': -beta } });
  },
  suggested: { degree: 3, fourier: 0, bias: true, threshold: 0.05 },
};
