/**
 * A formula picked on a search's Pareto front, per state, in place of the one the method chose
 * (the page's click on a front point, the link's pick=…). Plain data travels: the pick is a
 * complexity per state, the front's entries are formula texts, read back into expression trees
 * (model/exprParse.ts), so the same works for any method whose outcome has `pareto`.
 */
import { binary, constant, exprComplexity, exprToString, type Expr } from '../model/expr';
import { parseFormula } from '../model/exprParse';
import { err, ok, type Result } from '../types';
import { expressionModel, type Model } from './model';
import type { MethodOutcome } from './types';

export type Front = { complexity: number; loss: number; equation: string }[];

export interface Picked {
  /** the outcome with the picked formulas in its model (unchanged when nothing applies) */
  outcome: MethodOutcome;
  /** per state: the complexity of the method's own choice on the front (0 when it is not on it) */
  chosen: number[];
  /** per state: the complexity of the formula now shown (0 when not on the front) */
  shown: number[];
}

/** A library model's equations as exact expression trees (Σ ξ·θ(y); feature names parsed). */
function libraryExprs(model: Extract<Model, { kind: 'library' }>): Result<Expr[]> {
  const { library, coefficients, stateNames } = model;
  const p = library.nFeatures;
  const features: (Expr | null)[] = [];
  for (const name of library.names) {
    if (name === '1') { features.push(null); continue; }
    const f = parseFormula(name, stateNames);
    if (!f.ok) return err(`The library term '${name.slice(0, 40)}' cannot be written as a formula: ${f.error}`);
    features.push(f.value);
  }
  return ok(stateNames.map((_, j) => {
    let sum: Expr | null = null;
    for (let a = 0; a < p; a++) {
      const c = coefficients[j * p + a]!;
      if (c === 0) continue;
      const f = features[a] ?? null;
      const term = f ? binary('*', constant(c), f) : constant(c);
      sum = sum ? binary('+', sum, term) : term;
    }
    return sum ?? constant(0);
  }));
}

/** Per state, the complexity of the model's formula on the front: matched by its text, else by its size. */
function chosenOnFront(fronts: readonly Front[], exprs: readonly Expr[], names: readonly string[]): number[] {
  return fronts.map((front, j) => {
    const e = exprs[j];
    if (!e) return 0;
    const text = exprToString(e, names);
    const byText = front.find((x) => x.equation === text);
    if (byText) return byText.complexity;
    const size = exprComplexity(e);
    return front.some((x) => x.complexity === size) ? size : 0;
  });
}

/**
 * The outcome with state j's formula replaced by the front entry of complexity pick[j] (0 or
 * absent: the method's choice). A complexity that is not on the front, or a formula that cannot
 * be read, keeps the method's choice with a warning that says so.
 */
export function applyPick(outcome: MethodOutcome, pick: readonly number[]): Picked {
  const fronts = outcome.pareto;
  const names = outcome.model.stateNames;
  if (!fronts) return { outcome, chosen: [], shown: [] };
  const base = outcome.model.kind === 'expressions' ? ok(outcome.model.exprs) : libraryExprs(outcome.model);
  const chosen = base.ok ? chosenOnFront(fronts, base.value, names) : fronts.map(() => 0);
  const shown = [...chosen];
  if (!pick.some((c) => c > 0)) return { outcome, chosen, shown };
  if (!base.ok) return { outcome: { ...outcome, warnings: [...outcome.warnings, `The picked formulas could not be used: ${base.error}`] }, chosen, shown };
  const exprs = [...base.value];
  const warnings: string[] = [];
  names.forEach((name, j) => {
    const c = pick[j] ?? 0;
    if (c <= 0 || c === chosen[j]) return;
    const entry = fronts[j]?.find((x) => x.complexity === c);
    if (!entry) { warnings.push(`No formula of complexity ${c} on the front of d${name}/dt: showing the method's choice.`); return; }
    const e = parseFormula(entry.equation, names);
    if (!e.ok) { warnings.push(`The picked formula for d${name}/dt could not be read (${e.error}): showing the method's choice.`); return; }
    exprs[j] = e.value;
    shown[j] = c;
  });
  const latexNames = outcome.model.kind === 'expressions' ? outcome.model.latexNames : names;
  const model = expressionModel(names, exprs, latexNames);
  const changed = shown.some((c, j) => c !== chosen[j]);
  return {
    outcome: changed ? { ...outcome, model, warnings: [...outcome.warnings, ...warnings] } : { ...outcome, warnings: [...outcome.warnings, ...warnings] },
    chosen, shown,
  };
}
