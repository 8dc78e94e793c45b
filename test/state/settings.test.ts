/**
 * The playground's ranges and defaults of the fitting settings are the core registries' (the
 * CLI reads the same objects), so the controls, the URL codec and the CLI cannot disagree.
 */
import { describe, expect, it } from 'vitest';
import { derivativeLimits } from '../../src/core/derivative/registry';
import { ensembleLimits } from '../../src/core/ensemble/settings';
import { MAX_EXPRESSION_LENGTH } from '../../src/core/library/expression';
import { libraryLimits } from '../../src/core/library/library';
import type { NumericLimit } from '../../src/core/limits';
import { optimizerLimits } from '../../src/core/optimize/registry';
import { systems } from '../../src/core/systems/registry';
import { weakLimits } from '../../src/core/weak/settings';
import { DEFAULT_ENSEMBLE, defaultSettings, MAX_TERM_LENGTH, MAX_TERMS, RANGES, type Settings } from '../../src/state/settings';

/** Each fitting setting and the registry limit it must follow. */
const FROM_REGISTRY: [keyof typeof RANGES & keyof Settings, NumericLimit][] = [
  ['sgWindow', derivativeLimits.savgol.window], ['sgOrder', derivativeLimits.savgol.order],
  ['tvAlpha', derivativeLimits.tv.alpha], ['tvIter', derivativeLimits.tv.iterations],
  ['degree', libraryLimits.degree], ['fourier', libraryLimits.fourier],
  ['threshold', optimizerLimits.threshold], ['alpha', optimizerLimits.alpha], ['nu', optimizerLimits.nu],
  ['maxIter', optimizerLimits.maxIter], ['mlam', optimizerLimits.mstlsLambda],
  ['weakK', weakLimits.testFunctions], ['weakSupport', weakLimits.support], ['weakOrder', weakLimits.order],
  ['ensInc', ensembleLimits.inclusion],
];

/** Settings whose default is the system's suggestion, not the registry's. */
const PER_SYSTEM = new Set<keyof Settings>(['degree', 'fourier', 'threshold']);

describe('settings ranges and defaults come from the core registries', () => {
  it.each(FROM_REGISTRY)('%s', (key, l) => {
    expect(RANGES[key].min).toBe(l.min);
    expect(RANGES[key].max).toBe(l.max);
    expect(Boolean((RANGES[key] as { integer?: boolean }).integer)).toBe(Boolean(l.integer));
    if (!PER_SYSTEM.has(key)) for (const sys of systems) expect(defaultSettings(sys.id)[key]).toBe(l.default);
  });

  it('one polynomial degree and Fourier maximum for every surface: 6 and 10', () => {
    expect([RANGES.degree.max, RANGES.fourier.max]).toEqual([6, 10]);
  });

  it('every system suggests a library and threshold inside the ranges', () => {
    for (const sys of systems) {
      const s = defaultSettings(sys.id);
      for (const key of PER_SYSTEM) {
        const v = s[key] as number;
        expect(v, `${sys.id}.${key}`).toBeGreaterThanOrEqual(RANGES[key as 'degree'].min);
        expect(v, `${sys.id}.${key}`).toBeLessThanOrEqual(RANGES[key as 'degree'].max);
      }
    }
  });

  it('the ensemble switch, custom terms and their length follow the core', () => {
    expect(DEFAULT_ENSEMBLE).toBe(ensembleLimits.models.default);
    expect(RANGES.ens.max).toBe(ensembleLimits.models.max);
    expect(MAX_TERMS).toBe(libraryLimits.custom.max);
    expect(MAX_TERM_LENGTH).toBe(MAX_EXPRESSION_LENGTH);
  });
});
