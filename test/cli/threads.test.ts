/**
 * `--method gp --workers N` on real Node worker threads (src/cli/islandThreads.ts): the CLI's
 * own entry with the thread host gives the same formulas and fronts as the in-thread entry,
 * with the threads really used; Stop and the time budget still end the search with the best so
 * far; --workers is refused where it would do nothing. One run goes through the spawned CLI,
 * as a user types it (tsx registered inside each thread).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { runCliAsync, type CliFiles } from '../../src/cli/main';
import { threadHost } from '../../src/cli/islandThreads';
import { parseCsv } from '../../src/core/data/csv';
import { fitWithSpecAsync } from '../../src/core/methods/fit';
import { cliAsync, cliInProcess, report, writeNoisyCsv, type Report, type SystemCase } from './helpers';

const OSC: SystemCase = { id: 'linear_oscillator', x0: [2, 0], tEnd: 10, dt: 0.02 };
const files: CliFiles = {
  size: (path) => { try { return statSync(path).size; } catch { return null; } },
  read: (path) => readFileSync(path, 'utf8'),
};
const GP = ['--method', 'gp', '--iterations', '3', '--seed', '4', '--json'];

let file: string;
let inThread: Report;
const host = threadHost();

beforeAll(() => {
  file = writeNoisyCsv(OSC, 0, 0);
  inThread = report(cliInProcess('fit', file, ...GP));
});
afterAll(() => host.dispose());

describe('--method gp on worker threads', () => {
  it('--workers 2: the same formulas and fronts as in one thread, on two threads', async () => {
    const r = report(await runCliAsync(['fit', file, ...GP, '--workers', '2'], files, host));
    expect(r.equations).toEqual(inThread.equations);
    expect(r.pareto).toEqual(inThread.pareto);
    expect(r.workers).toBe(2);
    expect(r.warnings).toEqual([]);
    expect(host.pool.started).toBe(2);
    expect(inThread.workers).toBe(1);
  }, 120_000);

  it('Stop during a long search on threads finishes with the best formulas so far', async () => {
    const ds = parseCsv(readFileSync(file, 'utf8'));
    if (!ds.ok) throw new Error(ds.error);
    let steps = 0;
    const spec = {
      derivative: { method: 'fd' as const }, library: { degree: 1, bias: true, fourier: 0, custom: [] },
      optimizer: { method: 'stlsq' as const, threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
      method: { id: 'gp', settings: { iterations: 10000, workers: 2 } },
    };
    const r = await fitWithSpecAsync(ds.value.dataset, spec, { onStep: () => { steps++; }, interrupt: () => (steps >= 2 ? 'stop' : null) }, host);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.outcome.status).toBe('stopped');
    expect(r.value.outcome.warnings[0]).toMatch(/Stopped after 2 steps/);
  }, 120_000);

  it('a time budget ends a search on threads, marked stopped', async () => {
    const r = report(await runCliAsync(['fit', file, '--method', 'gp', '--iterations', '10000', '--workers', '2', '--budget-s', '1', '--json'], files, host));
    expect(r.status).toBe('stopped');
    expect(r.warnings[0]).toMatch(/time budget of 1\.0 s ran out/);
    expect(Object.keys(r.equations)).toEqual(['x', 'y']);
  }, 120_000);

  it('--workers is refused with methods that run in one thread, and out of range', () => {
    const sindy = cliInProcess('fit', file, '--workers', '2');
    expect(sindy.code).toBe(2);
    expect(sindy.stderr).toMatch(/--workers is a setting of --method gp .*add --method gp, or drop --workers/);
    expect(cliInProcess('fit', file, '--method', 'gp', '--workers', '17').stderr).toMatch(/--workers: Workers 17 is out of range: use a whole number from 0 to 16/);
  });

  it('the spawned CLI, as a user runs it, with two threads: the same formulas', async () => {
    const r = report(await cliAsync('fit', file, ...GP, '--workers', '2'));
    expect(r.equations).toEqual(inThread.equations);
    expect(r.pareto).toEqual(inThread.pareto);
    expect(r.workers).toBe(2);
    expect(r.warnings).toEqual([]);
  }, 180_000);

  it('prints the formulas as text too (no R² for a search)', () => {
    const text = cliInProcess('fit', file, '--method', 'gp', '--iterations', '3', '--seed', '4');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`dx/dt = ${inThread.equations.x}`);
    expect(text.stdout).not.toMatch(/R² = /);
  });
});
