/**
 * PipelineSpec → the scripts' settings, shared by the page and the CLI: the SINDy family maps
 * to PySINDy (the weak form and E-SINDy with their notes), the symbolic search to PySR only.
 */
import { describe, expect, it } from 'vitest';
import { pysindyFitOf } from '../../../src/core/export/fromPipeline';
import { pysrDefaults, pysrOptionsOf, validatePysrOptions } from '../../../src/core/export/pysrScript';
import { gpDefaults } from '../../../src/core/methods/gp/method';
import type { PipelineSpec } from '../../../src/core/methods/types';

const base: Omit<PipelineSpec, 'method'> = {
  derivative: { method: 'smoothed-fd', window: 13, order: 2 },
  library: { degree: 3, bias: false, fourier: 1, custom: ['sin(x)'] },
  optimizer: { method: 'sr3', threshold: 0.2, nu: 0.5, regularizer: 'l1', maxIter: 500, tol: 1e-7, unbias: true },
  normalize: true,
};
const spec = (id: string, settings: Record<string, unknown> = {}): PipelineSpec => ({ ...base, method: { id, settings } });

describe('pysindyFitOf', () => {
  it('SINDy: the pipeline\'s derivative, library, optimizer and normalisation, unchanged', () => {
    const r = pysindyFitOf(spec('sindy'));
    expect(r).toEqual({ ok: true, value: { ...base, method: 'sindy', ensemble: null } });
  });

  it('the weak form: marked weak (the script says the strong form stands in)', () => {
    const r = pysindyFitOf(spec('weak', { testFunctions: 200 }));
    expect(r.ok && r.value.method).toBe('weak');
  });

  it('E-SINDy: its models, inclusion threshold and seed; bagging the weak form is marked weak', () => {
    const strong = pysindyFitOf(spec('esindy', { models: 30, inclusionThreshold: 0.7, seed: 4, form: 'strong' }));
    expect(strong.ok && strong.value).toMatchObject({ method: 'sindy', ensemble: { models: 30, inclusion: 0.7, seed: 4 } });
    const weak = pysindyFitOf(spec('esindy', { models: 10, inclusionThreshold: 0.5, seed: 0, form: 'weak' }));
    expect(weak.ok && weak.value.method).toBe('weak');
  });

  it('the symbolic search and unknown methods have no PySINDy equivalent, and the message says what to use', () => {
    const gp = pysindyFitOf(spec('gp', { ...gpDefaults }));
    expect(!gp.ok && gp.error).toMatch(/no PySINDy equivalent: export the PySR script/);
    const other = pysindyFitOf(spec('neural'));
    expect(!other.ok && other.error).toMatch(/'neural' has no PySINDy equivalent/);
  });
});

describe('pysrOptionsOf', () => {
  it('a SINDy fit: PySR\'s defaults with the given seed', () => {
    expect(pysrOptionsOf(spec('sindy'), 9)).toEqual({ ...pysrDefaults, seed: 9 });
  });

  it('the symbolic search: its operators split into binary and unary, its size, populations, iterations and seed', () => {
    const o = pysrOptionsOf(spec('gp', { operators: '+,*,-,sin,square,/,exp', maxsize: 25, populations: 6, iterations: 70, seed: 3 }), 0);
    expect(o).toEqual({ binaryOperators: ['+', '*', '-', '/'], unaryOperators: ['sin', 'square', 'exp'], maxsize: 25, populations: 6, niterations: 70, seed: 3 });
    expect(validatePysrOptions(o).ok).toBe(true);
  });

  it('every operator of the playground\'s search is a PySR built-in (none dropped), and a size below PySR\'s 7 is raised', () => {
    const all = '+,-,*,/,neg,square,cube,sqrt,exp,log,sin,cos';
    const o = pysrOptionsOf(spec('gp', { ...gpDefaults, operators: all, maxsize: 5 }), 0);
    expect([...o.binaryOperators, ...o.unaryOperators].sort()).toEqual(all.split(',').sort());
    expect(o.maxsize).toBe(7);
    expect(validatePysrOptions(o).ok).toBe(true);
  });
});
