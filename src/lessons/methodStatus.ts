/**
 * What the playground offers beyond SINDy, said once, for the `beyond-sindy` lesson. Update
 * this file (and only this file) when what the page offers changes: both richer methods are
 * choosable under Method (ids `gp` and `neural`); the lesson's step keeps the SINDy link (its
 * test runs every step, and a neural ODE's training is too long for that).
 */

/** Is the method choosable in the page? When true, `link` is the step's configuration that picks it. */
export interface MethodStatus { name: string; inPage: boolean; link?: string; where: string }

export const SYMBOLIC_REGRESSION: MethodStatus = {
  name: 'Symbolic regression',
  inPage: true,
  where: 'is in the page: choose Method → “Symbolic regression on ẏ”, and watch its Pareto front of formulas grow (a click picks one)',
};

export const NEURAL_ODE: MethodStatus = {
  name: 'Neural ODE',
  inPage: true,
  where: 'choose Method → “Neural ODE → equations”: no derivatives are needed, and the symbolic search then reads the fractions off the trained network',
};

/** The lesson's closing paragraph on the richer methods, from the statuses above. */
export function richerMethodsText(): string[] {
  return [
    `${SYMBOLIC_REGRESSION.name} searches the formulas themselves (sums, products, quotients, sines), in the way of PySR; `
      + `here it ${SYMBOLIC_REGRESSION.where}.`,
    'Kidger (2021) first fitted a neural ODE, a small neural network as the vector field, and then distilled it into a formula '
      + `by symbolic regression, and found $\\frac{y}{1+y}$. ${NEURAL_ODE.name}: it ${NEURAL_ODE.where}.`,
  ];
}
