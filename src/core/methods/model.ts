/**
 * The result of every fitting method: per state, an equation ẏ_j = f_j(y). SINDy's is a
 * coefficient matrix over a library (`kind: 'library'`); the views (equations, simulation,
 * export) read the model through these functions, never the matrix directly.
 */
import { formatEquation, formatLatex } from '../model/equations';
import { modelRhs } from '../model/simulate';
import type { Library } from '../library/library';
import type { Rhs } from '../types';

export type Model =
  /** ẏ = Ξ Θ(y)ᵀ; coefficients Ξ: m × p row-major over library.names */
  | { kind: 'library'; stateNames: string[]; library: Library; coefficients: Float64Array };

export function libraryModel(stateNames: string[], library: Library, coefficients: Float64Array): Model {
  return { kind: 'library', stateNames, library, coefficients };
}

/** One mathjs-syntax equation per state ('-10*x + 10*y'). */
export function modelEquations(model: Model): string[] {
  const p = model.library.nFeatures;
  return model.stateNames.map((_, j) => formatEquation(model.coefficients.subarray(j * p, (j + 1) * p), model.library.names));
}

/** One LaTeX right-hand side per state. */
export function modelLatex(model: Model): string[] {
  const p = model.library.nFeatures;
  return model.stateNames.map((_, j) => formatLatex(model.coefficients.subarray(j * p, (j + 1) * p), model.library.latex));
}

/** An allocation-free right-hand side of the model (for simulation). */
export function modelVectorField(model: Model): Rhs {
  return modelRhs(model.library, model.coefficients);
}

/** Number of terms the model keeps (nonzero coefficients). */
export function modelTerms(model: Model): number {
  let k = 0;
  for (const c of model.coefficients) if (c !== 0) k++;
  return k;
}
