/**
 * The registries' limits (src/core/limits.ts) are what the controls, the URL codec and the CLI
 * offer; each must lie inside what the engine's own validation accepts, so no value a surface
 * offers is refused by the engine. Checked at both ends and at the default of every limit.
 */
import { describe, expect, it } from 'vitest';
import { derivativeChoices, derivativeLimits, derivativeMethods, validateDerivative } from '../../src/core/derivative/registry';
import { ensembleDefaults, ensembleLimits, validateEnsemble } from '../../src/core/ensemble/settings';
import { featureNames, libraryLimits } from '../../src/core/library/library';
import { withinLimit, type NumericLimit } from '../../src/core/limits';
import { validateSparse } from '../../src/core/optimize/mstls';
import { optimizerDefaults, optimizerLimits, regularizerChoices, sparseMethodChoices } from '../../src/core/optimize/registry';
import { validateWeak, weakDefaults, weakLimits } from '../../src/core/weak/settings';

const ends = (l: NumericLimit): number[] => [l.min, l.default, l.max];

const all: [string, NumericLimit][] = [
  ...Object.entries(derivativeLimits.savgol).map(([k, l]) => [`savgol.${k}`, l] as [string, NumericLimit]),
  ...Object.entries(derivativeLimits.tv).map(([k, l]) => [`tv.${k}`, l] as [string, NumericLimit]),
  ['degree', libraryLimits.degree], ['fourier', libraryLimits.fourier], ['custom', libraryLimits.custom],
  ...Object.entries(optimizerLimits).map(([k, l]) => [k, l] as [string, NumericLimit]),
  ['testFunctions', weakLimits.testFunctions], ['support', weakLimits.support], ['order', weakLimits.order],
  ['models', ensembleLimits.models], ['inclusion', ensembleLimits.inclusion],
];

describe('registry limits', () => {
  it.each(all)('%s: a frozen range with its default inside', (_name, l) => {
    expect(Object.isFrozen(l)).toBe(true);
    expect(l.min).toBeLessThan(l.max);
    expect(withinLimit(l.default, l)).toBe(true);
    if (l.integer) for (const v of ends(l)) expect(Number.isInteger(v)).toBe(true);
  });

  it('withinLimit rejects non-finite, out-of-range and (for integer limits) fractional values', () => {
    const l = libraryLimits.degree;
    expect([NaN, Infinity, l.min - 1, l.max + 1, 1.5].map((v) => withinLimit(v, l))).toEqual([false, false, false, false, false]);
  });

  it('Savitzky–Golay: the engine accepts each end of the window and the order (window odd, longer than order + 1)', () => {
    const { window: w, order: p } = derivativeLimits.savgol;
    const n = w.max;
    expect(validateDerivative({ method: 'savgol', window: w.max, order: p.max }, n).ok).toBe(true);
    expect(validateDerivative({ method: 'savgol', window: w.min, order: p.min }, n).ok).toBe(true);
    expect(validateDerivative({ method: 'savgol', window: w.default, order: p.default }, n).ok).toBe(true);
    expect(validateDerivative({ method: 'savgol', window: w.max, order: p.max + 1 }, n).ok).toBe(false);
  });

  it('total variation: the limits are exactly the range the engine accepts', () => {
    const { alpha: a, iterations: it } = derivativeLimits.tv;
    for (const alpha of ends(a)) for (const iterations of ends(it)) expect(validateDerivative({ method: 'tv', alpha, iterations }, 50).ok).toBe(true);
    expect(validateDerivative({ method: 'tv', alpha: a.min / 2, iterations: 1 }, 50).ok).toBe(false);
    expect(validateDerivative({ method: 'tv', alpha: a.max * 2, iterations: 1 }, 50).ok).toBe(false);
    expect(validateDerivative({ method: 'tv', alpha: 1, iterations: it.max + 1 }, 50).ok).toBe(false);
  });

  it('library: the degree and Fourier maxima are the engine\'s, one above is refused', () => {
    const names = (degree: number, fourier: number) => featureNames(['x'], { degree, fourier, bias: true, custom: [] });
    for (const d of ends(libraryLimits.degree)) for (const f of ends(libraryLimits.fourier)) expect(names(d, f).ok).toBe(true);
    expect(names(libraryLimits.degree.max + 1, 0).ok).toBe(false);
    expect(names(2, libraryLimits.fourier.max + 1).ok).toBe(false);
  });

  it('optimizers: every end of threshold, α, ν, iterations and MSTLS λ validates for the methods that use it', () => {
    const { threshold, alpha, nu, maxIter, mstlsLambda } = optimizerLimits;
    for (const t of ends(threshold)) for (const a of ends(alpha)) for (const k of ends(maxIter)) {
      expect(validateSparse({ ...optimizerDefaults.stlsq, threshold: t, alpha: a, maxIter: k }).ok).toBe(true);
    }
    for (const v of ends(nu)) expect(validateSparse({ ...optimizerDefaults.sr3, nu: v }).ok).toBe(true);
    // LASSO needs α > 0: the playground sends max(α, 10⁻⁶), so α's lower end 0 only reaches ridge.
    expect(validateSparse({ ...optimizerDefaults.lasso, alpha: alpha.max }).ok).toBe(true);
    for (const l of ends(mstlsLambda)) expect(validateSparse({ method: 'mstls', threshold: l, alpha: alpha.default, maxIter: maxIter.default }).ok).toBe(true);
  });

  it('weak form and ensembles: every end validates', () => {
    for (const k of ends(weakLimits.testFunctions)) for (const p of ends(weakLimits.order)) {
      expect(validateWeak({ ...weakDefaults, testFunctions: k, order: p }).ok).toBe(true);
    }
    for (const s of [0, 0.5, 2, weakLimits.support.max]) expect(validateWeak({ ...weakDefaults, support: s }).ok).toBe(true);
    for (const models of ends(ensembleLimits.models)) for (const inc of ends(ensembleLimits.inclusion)) {
      expect(validateEnsemble({ ...ensembleDefaults, models, inclusionThreshold: inc }).ok).toBe(true);
    }
  });
});

describe('typed ranges (what the CLI takes beyond the page)', () => {
  it('each lies inside what the engine accepts: threshold 0 and 10⁶, α 10⁶, 100 000 iterations, 10 000 models', () => {
    const { threshold, alpha, maxIter } = optimizerLimits;
    for (const t of [threshold.typed!.min, threshold.typed!.max]) expect(validateSparse({ ...optimizerDefaults.stlsq, threshold: t }).ok).toBe(true);
    for (const t of [threshold.typed!.min, threshold.typed!.max]) expect(validateSparse({ ...optimizerDefaults.sr3, threshold: t }).ok).toBe(true);
    expect(validateSparse({ ...optimizerDefaults.stlsq, alpha: alpha.typed!.max }).ok).toBe(true);
    expect(validateSparse({ ...optimizerDefaults.lasso, alpha: alpha.typed!.max }).ok).toBe(true);
    for (const opt of [optimizerDefaults.stlsq, optimizerDefaults.lasso, optimizerDefaults.sr3]) {
      expect(validateSparse({ ...opt, maxIter: maxIter.typed!.max }).ok, opt.method).toBe(true);
    }
    expect(validateEnsemble({ ...ensembleDefaults, models: ensembleLimits.models.typed!.max }).ok).toBe(true);
  });

  it('a typed range is frozen with its entry', () => {
    expect(Object.isFrozen(optimizerLimits.threshold.typed)).toBe(true);
  });
});

describe('registry choices', () => {
  it('derivative choices are the methods, in order, with their labels', () => {
    expect(derivativeChoices).toEqual(derivativeMethods.map(({ id, label }) => ({ id, label })));
  });

  it('sparse methods add MSTLS to the optimizer registry; SR3 has l0 and l1', () => {
    expect(sparseMethodChoices.map((c) => c.id)).toEqual(['stlsq', 'lasso', 'sr3', 'mstls']);
    expect(regularizerChoices.map((c) => c.id)).toEqual(['l0', 'l1']);
    for (const c of [...sparseMethodChoices, ...regularizerChoices, ...derivativeChoices]) expect(c.label.length).toBeGreaterThan(1);
  });
});
