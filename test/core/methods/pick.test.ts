/**
 * A formula picked on a Pareto front (src/core/methods/pick.ts): the picked entry's formula
 * replaces the method's choice in the model, the rest stays; what cannot be applied keeps the
 * choice with a warning; a library model with fronts is written as exact formulas.
 */
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/library/library';
import { expressionModel, libraryModel, modelEquations, modelVectorField } from '../../../src/core/methods/model';
import { applyPick, type Front } from '../../../src/core/methods/pick';
import type { MethodOutcome } from '../../../src/core/methods/types';
import { binary, constant, exprToString, variable } from '../../../src/core/model/expr';

const names = ['x', 'y'];
const x = variable(0), y = variable(1);
// the method's choices: ẋ = 2.5·y and ẏ = −1·x, each of complexity 3
const chosenX = binary('*', constant(2.5), y);
const chosenY = binary('*', constant(-1), x);
const fronts: Front[] = [
  [{ complexity: 1, loss: 4, equation: 'y' }, { complexity: 3, loss: 0.1, equation: exprToString(chosenX, names) }, { complexity: 5, loss: 0.09, equation: '2.5 * y + 0.01 * x' }],
  [{ complexity: 1, loss: 2, equation: 'x' }, { complexity: 3, loss: 0.01, equation: exprToString(chosenY, names) }],
];
const outcome = (): MethodOutcome => ({ model: expressionModel(names, [chosenX, chosenY]), status: 'ok', message: null, warnings: [], pareto: fronts });

describe('applyPick', () => {
  it('finds the method\'s choice on each front, and leaves the outcome alone without a pick', () => {
    const r = applyPick(outcome(), []);
    expect(r.chosen).toEqual([3, 3]);
    expect(r.shown).toEqual([3, 3]);
    expect(modelEquations(r.outcome.model)).toEqual(['2.5 * y', '-1 * x']);
  });

  it('swaps in the picked formula of one state and keeps the other', () => {
    const r = applyPick(outcome(), [5, 0]);
    expect(r.shown).toEqual([5, 3]);
    expect(r.chosen).toEqual([3, 3]);
    expect(modelEquations(r.outcome.model)).toEqual(['2.5 * y + 0.01 * x', '-1 * x']);
    // the simulation reads the same model
    const dy = new Float64Array(2);
    modelVectorField(r.outcome.model)(0, Float64Array.of(2, 4), dy);
    expect(Array.from(dy)).toEqual([2.5 * 4 + 0.01 * 2, -2]);
    expect(r.outcome.warnings).toEqual([]);
  });

  it('a complexity that is not on the front keeps the method\'s choice, and says so', () => {
    const r = applyPick(outcome(), [4, 1]);
    expect(r.shown).toEqual([3, 1]);
    expect(modelEquations(r.outcome.model)).toEqual(['2.5 * y', 'x']);
    expect(r.outcome.warnings).toEqual(['No formula of complexity 4 on the front of dx/dt: showing the method\'s choice.']);
  });

  it('an outcome without fronts has nothing to pick', () => {
    const plain: MethodOutcome = { model: expressionModel(names, [x, y]), status: 'ok', message: null, warnings: [] };
    expect(applyPick(plain, [3, 3])).toEqual({ outcome: plain, chosen: [], shown: [] });
  });

  it('a library model with fronts becomes exact formulas when a pick replaces one state', () => {
    const lib = buildLibrary(names, { degree: 2, bias: true, fourier: 0, custom: [] });
    if (!lib.ok) throw new Error(lib.error);
    const p = lib.value.nFeatures;
    const xi = new Float64Array(2 * p);
    xi[lib.value.names.indexOf('x*y')] = 0.123456789012345;
    xi[lib.value.names.indexOf('1')] = -3.5;
    xi[p + lib.value.names.indexOf('x^2')] = 1 / 3;
    const m = libraryModel(names, lib.value, xi);
    const r = applyPick({ model: m, status: 'ok', message: null, warnings: [], pareto: [fronts[0]!, fronts[1]!] }, [0, 1]);
    expect(r.outcome.model.kind).toBe('expressions');
    const at = Float64Array.of(0.7, -1.3);
    const before = new Float64Array(2), after = new Float64Array(2);
    modelVectorField(m)(0, at, before);
    modelVectorField(r.outcome.model)(0, at, after);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(0.7);
  });
});
