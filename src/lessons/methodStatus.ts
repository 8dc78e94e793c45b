/**
 * What the playground offers beyond SINDy, said once, for the `beyond-sindy` lesson. Update
 * this file (and only this file) when a richer method becomes choosable in the page: the
 * symbolic-regression method (core method id `gp`) runs in the CLI today; the neural ODE is
 * built in src/core/neural but not yet a method.
 */

/** Is the method choosable in the page? When true, `link` is the step's configuration that picks it. */
export interface MethodStatus { name: string; inPage: boolean; link?: string; where: string }

export const SYMBOLIC_REGRESSION: MethodStatus = {
  name: 'Symbolic regression',
  inPage: false,
  where: 'runs today in the command line: npm run -s cli -- fit DATA.csv --method gp --operators "+,-,*,/"; in the page it is coming',
};

export const NEURAL_ODE: MethodStatus = {
  name: 'Neural ODE',
  inPage: false,
  where: 'is built and tested in the engine but not yet offered as a method: coming',
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
