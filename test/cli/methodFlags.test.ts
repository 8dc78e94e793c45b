/**
 * The CLI's method options generated from the methods' declared fields (src/cli/methodFlags.ts):
 * gp's flags keep the names they had when they were written by hand, are parsed by kind and
 * range wherever they stand, belong to their method only, and the settings gp does not read are
 * refused rather than dropped.
 */
import { describe, expect, it } from 'vitest';
import { helpText, parseArgs } from '../../src/cli/args';
import { defaultFitSettings } from '../../src/core/pipeline/fit';

const TV = { alpha: 1, iterations: 20 };
const parse = (...flags: string[]) => parseArgs(['fit', 'data.csv', ...flags], defaultFitSettings(), TV);
const refusal = (...flags: string[]): string => { const r = parse(...flags); return r.ok ? '' : r.error; };

describe('--method gp flags, generated from its fields', () => {
  it('reads --operators, --maxsize, --iterations, --populations, --tolerance and --seed, before or after --method', () => {
    const r = parse('--iterations', '5', '--method', 'gp', '--operators', '+,-,*,/,sin', '--maxsize=30', '--populations', '4', '--tolerance', '0', '--seed', '3');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.method).toBe('gp');
    expect(r.value.methodSettings).toEqual({ iterations: 5, operators: '+,-,*,/,sin', maxsize: 30, populations: 4, tolerance: 0, seed: 3 });
    // --seed is the CLI's too (the ensemble's resampling): one flag sets both
    expect(r.value.seed).toBe(3);
    expect(parse('--method=gp').ok && parse('--method=gp')).toMatchObject({ value: { method: 'gp', methodSettings: {} } });
  });

  it('checks each value against its field: range, whole numbers, decimals only, the operators\' grammar', () => {
    expect(refusal('--method', 'gp', '--maxsize', '2')).toBe('--maxsize: Largest formula 2 is out of range: use a whole number from 3 to 60.');
    expect(refusal('--method', 'gp', '--iterations', '2.5')).toMatch(/^--iterations: Iterations 2\.5 is out of range: use a whole number/);
    expect(refusal('--method', 'gp', '--maxsize', '0x10')).toBe('--maxsize 0x10: expected a whole number from 3 to 60.');
    expect(refusal('--method', 'gp', '--maxsize')).toBe('--maxsize needs a value (a whole number from 3 to 60).');
    expect(refusal('--method', 'gp', '--operators', '+,tanh')).toMatch(/^--operators: Operators: Unknown operator 'tanh'/);
  });

  it('a method\'s flag without its method names the method it belongs to', () => {
    expect(refusal('--maxsize', '30')).toBe('--maxsize is a setting of --method gp (Symbolic regression on ẏ) and --method neural (Neural ODE → equations): add --method gp, or drop --maxsize.');
    expect(refusal('--workers', '2')).toBe('--workers is a setting of --method gp (Symbolic regression on ẏ): add --method gp, or drop --workers.');
    expect(refusal('--method', 'weak', '--operators', '+,*')).toMatch(/^--operators is a setting of --method gp/);
    expect(refusal('--method', 'nope')).toMatch(/^--method nope: expected one of sindy, weak, gp/);
  });

  it('refuses the SINDy settings gp does not read, and keeps those it does (the derivative estimate)', () => {
    expect(refusal('--method', 'gp', '--degree', '3')).toBe('--degree has no effect with --method gp: Symbolic regression on ẏ does not use the library settings. Drop --degree.');
    expect(refusal('--method', 'gp', '--threshold', '0.2')).toMatch(/^--threshold has no effect with --method gp/);
    expect(refusal('--method', 'gp', '--ensemble', '5')).toMatch(/^--ensemble belongs to SINDy/);
    const r = parse('--method', 'gp', '--derivative', 'savgol', '--window', '21');
    expect(r.ok && r.value.settings.derivative).toEqual({ method: 'savgol', window: 21, order: 3 });
  });

  it('--help lists each method\'s flags with their ranges and defaults', () => {
    const text = helpText();
    expect(text).toContain('--method sindy|weak|gp');
    expect(text).toContain('Options of --method gp (Symbolic regression on ẏ):');
    expect(text).toMatch(/--maxsize N +The largest formula the search considers, counted in tree nodes \(20 is typical\), 3–60 nodes \(default 20\)/);
    expect(text).toMatch(/--operators "\+,-,\*,\/,sin" +The operators formulas may use/);
  });
});
