/**
 * The Rössler system (O. E. Rössler, "An equation for continuous chaos", Phys. Lett. A 57, 1976):
 *   ẋ = −y − z,  ẏ = x + a y,  ż = b + z(x − c).
 * A single nonlinear term, xz, and a constant b: a chaotic attractor that spirals out in the
 * (x, y) plane and is reinjected by a spike in z. The constant needs the bias column.
 */
import { param, readParams, sparse, type DynamicalSystem } from './system';

const P = {
  a: param('a', 'Spiral growth a', 'a', 0.2, 0, 0.5, 0.01),
  b: param('b', 'Offset b', 'b', 0.2, 0, 2, 0.01),
  c: param('c', 'Spike threshold c', 'c', 5.7, 0, 20, 0.1),
};

export const rossler: DynamicalSystem = {
  id: 'rossler',
  label: 'Rössler',
  description: 'A chaotic system with a single nonlinear term: the trajectory spirals outwards in a '
    + 'plane until a sudden spike in z folds it back to the centre, never exactly repeating.',
  stateNames: ['x', 'y', 'z'],
  params: Object.values(P),
  // A point on the attractor (the state at t = 103 from (1, 1, 0), rounded): no transient.
  x0: [-8.98, 1.15, 0.0137],
  tEnd: 50,
  dt: 0.01,
  equations: ['-y - z', 'x + a*y', 'b + z*(x - c)'],
  latex: ['-y - z', 'x + a y', 'b + z (x - c)'],
  rhs(params) {
    const { a, b, c } = readParams(params, P);
    return (_t, y, dy) => {
      const x = y[0]!, v = y[1]!, z = y[2]!;
      dy[0] = -v - z;
      dy[1] = x + a * v;
      dy[2] = b + z * (x - c);
    };
  },
  truth(params) {
    const { a, b, c } = readParams(params, P);
    return sparse({ x: { y: -1, z: -1 }, y: { x: 1, y: a }, z: { '1': b, z: -c, 'x*z': 1 } });
  },
  suggested: { degree: 2, fourier: 0, bias: true, threshold: 0.1 },
};
