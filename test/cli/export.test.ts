/**
 * `npm run -s cli -- export pysindy|pysr DATA.csv [options]`: the script on stdout with exit 0,
 * opening DATA.csv by its absolute path; bad options exit 2 with one line. On the conformance
 * cases the coefficients the script records as ours agree with PySINDy 1.7.5's within 1e-6.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliInProcess, ROOT } from './helpers';
import { kwargs } from '../core/export/pythonText';
import { fixturePath, conformanceCases } from '../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');
interface Case { fit: { degree: number; threshold: number } }
interface Reference { coefficients: number[][] }
const cases: Record<string, Case> = conformanceCases() as unknown as Record<string, Case>;
const lorenz = resolve(CONFORMANCE_DIR, 'lorenz_clean.csv');

/** The coefficient rows written as comments under "The playground found". */
function recorded(script: string): number[][] {
  return [...script.matchAll(/^# {3}\w+: \[(.*)\]$/gm)].map((m) => m[1]!.split(', ').map(Number));
}

describe('cli export pysindy', () => {
  it('writes the script to stdout; run from elsewhere it opens the CSV by its absolute path', () => {
    const rel = relative(ROOT, lorenz);
    const r = cli('export', 'pysindy', rel, '--degree', '2', '--threshold', '0.1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(/^CSV_PATH = (.*)$/m.exec(r.stdout)![1]!)).toBe(lorenz);
    expect(r.stdout).toMatch(/^model\.fit\(/m);
  });

  it.each(Object.entries(cases))('%s: the settings given, and our coefficients equal PySINDy\'s within 1e-6', (name, c) => {
    const r = cliInProcess('export', 'pysindy', resolve(CONFORMANCE_DIR, `${name}.csv`), '--degree', String(c.fit.degree), '--threshold', String(c.fit.threshold));
    expect(r.code, r.stderr).toBe(0);
    expect(kwargs(r.stdout, 'ps.PolynomialLibrary(')).toEqual({ degree: String(c.fit.degree), include_bias: 'True' });
    expect(kwargs(r.stdout, 'ps.STLSQ(')).toEqual({ threshold: String(c.fit.threshold), alpha: '0.05', max_iter: '20', normalize_columns: 'False' });
    const ref = JSON.parse(readFileSync(resolve(CONFORMANCE_DIR, `${name}.pysindy.json`), 'utf8')) as Reference;
    const ours = recorded(r.stdout);
    expect(ours).toHaveLength(ref.coefficients.length);
    ref.coefficients.forEach((row, j) => row.forEach((v, a) => expect(Math.abs(ours[j]![a]! - v)).toBeLessThan(1e-6)));
  });

  it('carries the new flags into the script', () => {
    const r = cliInProcess('export', 'pysindy', lorenz, '--optimizer', 'sr3', '--nu', '0.5', '--regularizer', 'l1', '--max-iter', '300', '--threshold', '0.05', '--derivative', 'smoothed-fd', '--window', '15');
    expect(r.code, r.stderr).toBe(0);
    expect(kwargs(r.stdout, 'ps.SR3(')).toMatchObject({ threshold: '0.05', nu: '0.5', thresholder: '"l1"', max_iter: '300' });
    expect(r.stdout).toContain('ps.SmoothedFiniteDifference(smoother_kws={"window_length": 15, "polyorder": 3})');
  });
});

describe('cli export pysr', () => {
  it('writes a PySR script with the search options and the seed', () => {
    const r = cliInProcess('export', 'pysr', lorenz, '--unary-operators', 'sin,cos', '--maxsize', '20', '--populations', '4', '--niterations', '9', '--seed', '5', '--derivative', 'smoothed-fd');
    expect(r.code, r.stderr).toBe(0);
    expect(kwargs(r.stdout, 'OPTIONS = dict(')).toMatchObject({ unary_operators: '["sin", "cos"]', maxsize: '20', populations: '4', niterations: '9', random_state: '5' });
    expect(r.stdout).toContain('x = savgol_filter(x, window_length=11, polyorder=3');
  });

  it('carries the search options of fit --method gp: --operators split into binary and unary, --iterations', () => {
    const r = cliInProcess('export', 'pysr', lorenz, '--operators', '+,-,*,/,sin', '--iterations', '12', '--maxsize', '25', '--populations', '6', '--seed', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(kwargs(r.stdout, 'OPTIONS = dict(')).toMatchObject({
      binary_operators: '["+", "-", "*", "/"]', unary_operators: '["sin"]', maxsize: '25', populations: '6', niterations: '12', random_state: '3',
    });
    const bad = cliInProcess('export', 'pysr', lorenz, '--operators', '+,tan');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--operators: Unknown operator 'tan'/);
  });
});

describe('cli export --help', () => {
  it.each([[['export', '--help']], [['export', 'pysr', '--help']]])('%j prints the help with the export commands', (args) => {
    const r = cliInProcess(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/export pysindy DATA\.csv/);
    expect(r.stdout).toMatch(/--maxsize N/);
  });
});

describe('cli export: bad options exit 2 with one line', () => {
  it.each([
    [['export'], /export needs what to write: export pysindy DATA\.csv/],
    [['export', 'matlab', 'x.csv'], /got 'matlab'/],
    [['export', 'pysindy'], /export pysindy needs a CSV file/],
    [['export', 'pysindy', lorenz, '--maxsize', '20'], /--maxsize is an option of export pysr/],
    [['export', 'pysindy', lorenz, '--json'], /--json has no effect with export/],
    [['export', 'pysindy', lorenz, '--optimizer', 'lasso', '--threshold', '0.1'], /--threshold has no effect with --optimizer lasso/],
    [['export', 'pysindy', lorenz, '--threshold', '100'], /removed every term/],
    [['export', 'pysindy', resolve(CONFORMANCE_DIR, 'missing.csv')], /no such file/],
    [['export', 'pysr', lorenz, '--degree', '3'], /--degree has no effect with export pysr/],
    [['export', 'pysr', lorenz, '--unary-operators', 'evil(x)=x'], /Unary operator 'evil\(x\)=x' is not one of PySR's/],
    [['export', 'pysr', lorenz, '--maxsize', 'big'], /--maxsize big: expected a whole number/],
    [['export', 'pysr', lorenz, '--derivative', 'smoothed-fd', '--window', '6'], /window = 6 must be an odd/],
  ])('%j', (args, pattern) => {
    const r = cliInProcess(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
