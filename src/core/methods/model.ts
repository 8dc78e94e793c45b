/**
 * The result of every fitting method: per state, an equation ẏ_j = f_j(y). SINDy's is a
 * coefficient matrix over a library (`kind: 'library'`); symbolic regression's is an expression
 * tree per state (`kind: 'expressions'`). The views (equations, simulation, export) read the
 * model through these functions, never the matrix directly.
 */
import { formatEquation, formatLatex } from '../model/equations';
import { compileExprs, exprComplexity, exprToLatex, exprToString, type Expr } from '../model/expr';
import { modelRhs } from '../model/simulate';
import type { Library } from '../library/library';
import type { Rhs } from '../types';

export type Model =
  /** ẏ = Ξ Θ(y)ᵀ; coefficients Ξ: m × p row-major over library.names */
  | { kind: 'library'; stateNames: string[]; library: Library; coefficients: Float64Array }
  /** ẏ_j = exprs[j](y), variables indexed as stateNames; latexNames for display */
  | { kind: 'expressions'; stateNames: string[]; latexNames: string[]; exprs: Expr[] };

export function libraryModel(stateNames: string[], library: Library, coefficients: Float64Array): Model {
  return { kind: 'library', stateNames, library, coefficients };
}

export function expressionModel(stateNames: string[], exprs: Expr[], latexNames: string[] = stateNames): Model {
  return { kind: 'expressions', stateNames, latexNames, exprs };
}

/** One mathjs-syntax equation per state ('-10*x + 10*y'). */
export function modelEquations(model: Model): string[] {
  if (model.kind === 'expressions') return model.exprs.map((e) => exprToString(e, model.stateNames));
  const p = model.library.nFeatures;
  return model.stateNames.map((_, j) => formatEquation(model.coefficients.subarray(j * p, (j + 1) * p), model.library.names));
}

/** One LaTeX right-hand side per state. */
export function modelLatex(model: Model): string[] {
  if (model.kind === 'expressions') return model.exprs.map((e) => exprToLatex(e, model.latexNames));
  const p = model.library.nFeatures;
  return model.stateNames.map((_, j) => formatLatex(model.coefficients.subarray(j * p, (j + 1) * p), model.library.latex));
}

/** An allocation-free right-hand side of the model (for simulation). */
export function modelVectorField(model: Model): Rhs {
  if (model.kind === 'library') return modelRhs(model.library, model.coefficients);
  const f = compileExprs(model.exprs, model.stateNames.length);
  return (_t, y, dy) => f(y, dy);
}

/** Size of the model: nonzero coefficients of a library model, nodes of an expression model. */
export function modelTerms(model: Model): number {
  if (model.kind === 'expressions') return model.exprs.reduce((a, e) => a + exprComplexity(e), 0);
  let k = 0;
  for (const c of model.coefficients) if (c !== 0) k++;
  return k;
}
