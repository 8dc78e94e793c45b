/**
 * The PySINDy-parity flags of the CLI (--derivative smoothed-fd, --nu, --regularizer,
 * --max-iter) and the refusal of options the chosen method would ignore. parseArgs is pure, so
 * most checks call it directly; one fit per new setting runs the CLI in-process end to end.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, parseArgs, type CliOptions } from '../../src/cli/args';
import { defaultFitSettings } from '../../src/core/pipeline/fit';
import { cliInProcess, LORENZ, report, supportOf, truthSupport, writeNoisyCsv } from './helpers';
import { fixturePath } from '../fixtures/paths';

const TV = { alpha: 1, iterations: 20 };
const CONFORMANCE_DIR = fixturePath('conformance');

function parse(...args: string[]): CliOptions {
  const r = parseArgs(['fit', 'data.csv', ...args], defaultFitSettings(), TV);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function refusal(...args: string[]): string {
  const r = parseArgs(['fit', 'data.csv', ...args], defaultFitSettings(), TV);
  if (r.ok) throw new Error(`expected ${args.join(' ')} to be refused`);
  return r.error;
}

describe('--derivative smoothed-fd', () => {
  it("defaults to PySINDy's smoother_kws (window 11, order 3)", () => {
    expect(parse('--derivative', 'smoothed-fd').settings.derivative).toEqual({ method: 'smoothed-fd', window: 11, order: 3 });
  });

  it('takes --window and --poly-order, in any order of the flags', () => {
    expect(parse('--window', '21', '--derivative', 'smoothed-fd', '--poly-order', '2').settings.derivative)
      .toEqual({ method: 'smoothed-fd', window: 21, order: 2 });
  });

  it('fits noisy Lorenz to the true terms, end to end', () => {
    const file = writeNoisyCsv(LORENZ, 0.01, 3);
    const r = report(cliInProcess('fit', file, '--derivative', 'smoothed-fd', '--threshold', '0.5', '--json'));
    expect(supportOf(r)).toEqual(truthSupport(LORENZ));
  });

  it('refuses a window longer than the data with a one-line message that says what to use', () => {
    const r = cliInProcess('fit', resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), '--derivative', 'smoothed-fd', '--window', '10', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/window = 10 must be an odd/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('SR3 and iteration flags', () => {
  it('--nu, --regularizer and --max-iter reach the SR3 settings', () => {
    const o = parse('--optimizer', 'sr3', '--nu', '0.25', '--regularizer', 'l1', '--max-iter', '77', '--threshold', '0.3');
    expect(o.settings.optimizer).toMatchObject({ method: 'sr3', nu: 0.25, regularizer: 'l1', maxIter: 77, threshold: 0.3 });
  });

  it.each([
    ['stlsq', 5], ['lasso', 5000], ['mstls', 40],
  ] as const)('--max-iter sets the iteration limit of %s', (opt, n) => {
    expect(parse('--optimizer', opt, '--max-iter', String(n)).settings.optimizer.maxIter).toBe(n);
  });

  it('the defaults are unchanged without the flags', () => {
    expect(parse('--optimizer', 'sr3').settings.optimizer).toMatchObject({ nu: 1, regularizer: 'l0', maxIter: 1000 });
    expect(parse().settings.optimizer).toEqual({ method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 });
  });

  it.each([
    [['--nu', '0'], /--nu 0: ν must be above 0/],
    [['--nu', '-1'], /--nu -1: expected a number/],
    [['--regularizer', 'l2'], /--regularizer l2: expected one of l0, l1/],
    [['--max-iter', '0'], /--max-iter 0: expected a whole number from 1 to 100000/],
    [['--max-iter', '2.5'], /--max-iter 2.5/],
  ])('rejects %j', (args, pattern) => {
    expect(refusal('--optimizer', 'sr3', ...args)).toMatch(pattern);
  });

  it('an L1 SR3 fit with a small ν runs end to end', () => {
    const r = report(cliInProcess('fit', resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), '--optimizer', 'sr3', '--regularizer', 'l1', '--nu', '0.5', '--threshold', '0.05', '--json'));
    expect(r.status).toBe('ok');
    expect(supportOf(r)).toContain('y:x*z');
  });
});

describe('options the chosen method would ignore are refused, not dropped', () => {
  it.each([
    [['--optimizer', 'lasso', '--threshold', '0.2'], /--threshold has no effect with --optimizer lasso.*--alpha/],
    [['--threshold', '0.2', '--optimizer', 'lasso'], /--threshold has no effect with --optimizer lasso/],
    [['--optimizer', 'sr3', '--alpha', '0.1'], /--alpha has no effect with --optimizer sr3.*--threshold and --nu/],
    [['--nu', '2'], /--nu is a setting of SR3 only: add --optimizer sr3/],
    [['--optimizer', 'lasso', '--regularizer', 'l1'], /--regularizer is a setting of SR3 only/],
    [['--method', 'weak', '--derivative', 'savgol'], /--derivative has no effect with --method weak/],
    [['--method', 'weak', '--window', '21'], /--window has no effect with --method weak/],
    [['--method', 'weak', '--tv-alpha', '2'], /--tv-alpha has no effect with --method weak/],
    [['--derivative', 'fd', '--window', '21'], /--window has no effect with --derivative fd/],
    [['--derivative', 'tv', '--poly-order', '2'], /--poly-order has no effect with --derivative tv/],
    [['--derivative', 'smoothed-fd', '--tv-alpha', '2'], /--tv-alpha has no effect with --derivative smoothed-fd/],
    [['--window', '21', '--tv-alpha', '2'], /--tv-alpha cannot be combined with --window/],
  ])('%j', (args, pattern) => {
    expect(refusal(...args)).toMatch(pattern);
  });

  it('the refusal reaches the user as exit 2 and one line', () => {
    const r = cliInProcess('fit', resolve(CONFORMANCE_DIR, 'lorenz_clean.csv'), '--optimizer', 'sr3', '--alpha', '0.1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: --alpha has no effect/)]);
  });

  it('what each method does use still passes', () => {
    expect(parse('--optimizer', 'lasso', '--alpha', '0.2').settings.optimizer).toMatchObject({ method: 'lasso', alpha: 0.2 });
    expect(parse('--optimizer', 'mstls', '--alpha', '0.01', '--threshold', '0.05').settings.optimizer).toMatchObject({ method: 'mstls', alpha: 0.01, threshold: 0.05 });
    expect(parse('--method', 'weak', '--threshold', '0.5').method).toBe('weak');
    expect(parse('--tv-alpha', '3').settings.derivative).toEqual({ method: 'tv', alpha: 3, iterations: 20 });
  });
});

describe('--help', () => {
  it('lists the new flags and the export commands', () => {
    const text = helpText();
    for (const flag of ['--nu', '--regularizer l0|l1', '--max-iter', 'smoothed-fd', 'export pysindy', 'export pysr', '--maxsize', '--populations', '--niterations', '--binary-operators', '--unary-operators']) {
      expect(text).toContain(flag);
    }
  });
});

describe('the CLI takes its ranges from the core registries, as the playground does', () => {
  it('accepts each registry limit and refuses one step past it', async () => {
    const { libraryLimits } = await import('../../src/core/library/limits');
    const { derivativeLimits } = await import('../../src/core/derivative/registry');
    expect(parse('--degree', String(libraryLimits.degree.max)).settings.library.degree).toBe(libraryLimits.degree.max);
    expect(refusal('--degree', String(libraryLimits.degree.max + 1))).toMatch(new RegExp(`from 0 to ${libraryLimits.degree.max}`));
    expect(parse('--fourier', String(libraryLimits.fourier.max)).settings.library.fourier).toBe(libraryLimits.fourier.max);
    expect(refusal('--fourier', String(libraryLimits.fourier.max + 1))).toMatch(/--fourier/);
    expect(parse('--tv-alpha', String(derivativeLimits.tv.alpha.max)).settings.derivative).toMatchObject({ method: 'tv', alpha: derivativeLimits.tv.alpha.max });
    expect(refusal('--tv-alpha', '0')).toMatch(/--tv-alpha/);
    expect(helpText()).toContain(`polynomial library degree, 0–${libraryLimits.degree.max}`);
  });
});
