import { describe, expect, it } from 'vitest';
import { defaultSymbolicOptions, validateSymbolicOptions, type SymbolicOptions } from '../../../src/core/symbolic/options';

describe('validateSymbolicOptions', () => {
  it('fills in the defaults', () => {
    const r = validateSymbolicOptions({ unaryOperators: ['sin'] });
    expect(r.ok && r.value.populations).toBe(defaultSymbolicOptions.populations);
    expect(r.ok && r.value.unaryOperators).toEqual(['sin']);
  });

  it('names an unknown operator and lists the allowed ones', () => {
    const r = validateSymbolicOptions({ unaryOperators: ['tanh'] as unknown as SymbolicOptions['unaryOperators'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Unknown operator "tanh" in unaryOperators: use neg, square, cube, sqrt, exp, log, sin, cos/);
    const b = validateSymbolicOptions({ binaryOperators: ['^'] as unknown as SymbolicOptions['binaryOperators'] });
    expect(!b.ok && b.error).toMatch(/Unknown operator "\^" in binaryOperators/);
  });

  it.each([
    [{ populations: 0 }, /populations is 0: it must be a whole number from 1/],
    [{ maxsize: 7.5 }, /maxsize is 7.5: it must be a whole number/],
    [{ tournamentSelectionP: 1.5 }, /tournamentSelectionP is 1.5: it must be a number from 0 to 1/],
    [{ parsimony: NaN }, /parsimony is NaN/],
    [{ binaryOperators: [] }, /binaryOperators is empty/],
    [{ tournamentSelectionN: 40, populationSize: 20 }, /tournamentSelectionN \(40\) exceeds populationSize \(20\)/],
    [{ mutationWeights: { ...defaultSymbolicOptions.mutationWeights, addNode: -1 } }, /Mutation weight addNode is -1/],
  ] as [Partial<SymbolicOptions>, RegExp][])('rejects %j with a message naming the option', (partial, message) => {
    const r = validateSymbolicOptions(partial);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('rejects an unknown option name', () => {
    const r = validateSymbolicOptions({ npopulations: 3 } as unknown as Partial<SymbolicOptions>);
    expect(!r.ok && r.error).toMatch(/Unknown symbolic-regression option "npopulations"/);
  });

  it('keeps the defaults object frozen', () => {
    expect(Object.isFrozen(defaultSymbolicOptions)).toBe(true);
    expect(Object.isFrozen(defaultSymbolicOptions.mutationWeights)).toBe(true);
  });
});
