/**
 * The command lines on data whose columns differ wildly in size (high degree, other
 * units): every method finds Lorenz's seven terms or says why not, and none crashes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess, report, supportOf } from './helpers';
import { fixturePath } from '../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');
const LORENZ = resolve(CONFORMANCE_DIR, 'lorenz_clean.csv');
const SEVEN = ['x:x', 'x:y', 'y:x', 'y:x*z', 'y:y', 'z:x*y', 'z:z'];

/** The conformance Lorenz data with every state multiplied by `factor` (time unchanged). */
function scaledLorenz(factor: number): string {
  const [head, ...rows] = readFileSync(LORENZ, 'utf8').trim().split('\n');
  const out = rows.map((line) => line.split(',').map((v, c) => (c === 0 ? v : String(Number(v) * factor))).join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'sindy-scale-')), `lorenz-x${factor}.csv`);
  writeFileSync(file, [head, ...out].join('\n'));
  return file;
}

describe('CLI on libraries whose columns differ wildly in size', () => {
  const x10 = scaledLorenz(10);
  const x1000 = scaledLorenz(1000);

  it.each([
    ['STLSQ, degree 5', LORENZ, ['--degree', '5']],
    ['SR3, degree 5 (used to throw, blaming ν)', LORENZ, ['--degree', '5', '--optimizer', 'sr3']],
    ['MSTLS, degree 5, ×1000', x1000, ['--degree', '5', '--optimizer', 'mstls']],
    ['weak form, degree 5, ×10, threshold 0.05', x10, ['--degree', '5', '--threshold', '0.05', '--method', 'weak']],
    ['E-SINDy, degree 5, ×10, threshold 0.05', x10, ['--degree', '5', '--threshold', '0.05', '--ensemble', '5']],
  ])('%s: the seven true terms, status ok', (_name, file, args) => {
    const r = report(cliInProcess('fit', file, ...args, '--json'));
    expect(supportOf(r)).toEqual(SEVEN);
    expect(r.status).toBe('ok');
  });

  it('STLSQ, degree 3, ×10, threshold 0.05: no equation is zeroed (it used to give dx/dt = dy/dt = 0)', () => {
    const r = report(cliInProcess('fit', x10, '--degree', '3', '--threshold', '0.05', '--json'));
    expect(supportOf(r)).toEqual(SEVEN);
  });

  it('×1000 at degree 2, threshold 0.1: the poor fit is a warning in the JSON and in the text output (it said ok and nothing else)', () => {
    const r = report(cliInProcess('fit', x1000, '--degree', '2', '--threshold', '0.1', '--json'));
    expect(r.status).toBe('ok');
    expect(r.r2[1]).toBeLessThan(0.9);
    const poor = r.warnings.filter((w) => /fitted poorly/.test(w));
    expect(poor).toHaveLength(1);
    expect(poor[0]).toContain(`dy/dt (R² ${r.r2[1]!.toFixed(2)}`);
    expect(poor[0]).toMatch(/normalising the library columns or a smaller threshold/);
    const text = cliInProcess('fit', x1000, '--degree', '2', '--threshold', '0.1');
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).toMatch(/warning: dy\/dt \(R² 0\.\d\d, against ≈ 1 with every library term\)/);
  });
});
