/**
 * Running the CLI as a user does (through tsx, exactly like `npm run -s cli`), and writing
 * noisy data of a named system to a CSV with the engine's own generator and noise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli, type CliFiles } from '../../src/cli/main';
import type { CliReport } from '../../src/cli/run';
import { datasetToCsv } from '../../src/core/data/csv';
import { sampleSystem } from '../../src/core/data/generate';
import { addNoise } from '../../src/core/data/noise';
import { defaultParams, getSystem } from '../../src/core/systems/registry';
import type { Dataset } from '../../src/core/types';

export const ROOT = resolve(__dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function cli(...args: string[]): CliRun {
  const r = spawnSync(TSX, ['src/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files: CliFiles = {
  size: (path) => { try { return statSync(path).size; } catch { return null; } },
  read: (path) => readFileSync(path, 'utf8'),
};

/**
 * The CLI's own entry function with a user's argv, in this process: the same parsing, reading,
 * fitting and output as a spawned `npm run -s cli`, without the 2–3 s of tsx start-up.
 */
export function cliInProcess(...args: string[]): CliRun {
  return runCli(args, files);
}

/** The spawned CLI without blocking: several runs can share the machine's cores. */
export function cliAsync(...args: string[]): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The JSON report of `fit --json` (the fields every fit prints): the CLI's own type. */
export type Report = CliReport;

/** Parse a successful run's single line of JSON (fails the test with stderr otherwise). */
export function report(r: CliRun): Report {
  if (r.code !== 0) throw new Error(`CLI exited with ${r.code}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got ${lines.length}`);
  return JSON.parse(lines[0]!) as Report;
}

/** Nonzero coefficients as sorted 'state:term' labels. */
export function supportOf(r: Report): string[] {
  return r.states.flatMap((s, j) => r.features.filter((_, a) => r.coefficients[j]![a] !== 0).map((f) => `${s}:${f}`)).sort();
}

export interface SystemCase { id: string; params?: Record<string, number>; x0: number[]; tEnd: number; dt: number }

/** The two test cases. */
export const LORENZ: SystemCase = { id: 'lorenz', x0: [-8, 8, 27], tEnd: 10, dt: 0.002 };
export const VAN_DER_POL: SystemCase = { id: 'van_der_pol', params: { mu: 0.5 }, x0: [2, 0], tEnd: 20, dt: 0.005 };

/** The true model of a case: state → term → coefficient. */
export function truthOf(c: SystemCase): Record<string, Record<string, number>> {
  const sys = getSystem(c.id)!;
  return sys.truth({ ...defaultParams(sys), ...c.params })!;
}

export function truthSupport(c: SystemCase): string[] {
  return Object.entries(truthOf(c)).flatMap(([s, terms]) => Object.keys(terms).map((t) => `${s}:${t}`)).sort();
}

/** Largest |ξ − ξ_true| / |ξ_true| over the true terms. */
export function maxRelativeError(r: Report, c: SystemCase): number {
  let worst = 0;
  for (const [s, terms] of Object.entries(truthOf(c))) {
    for (const [t, v] of Object.entries(terms)) {
      const got = r.coefficients[r.states.indexOf(s)]![r.features.indexOf(t)]!;
      worst = Math.max(worst, Math.abs(got - v) / Math.abs(v));
    }
  }
  return worst;
}

const tmp = mkdtempSync(join(tmpdir(), 'sindy-cli-data-'));

/** Sample the case, add Gaussian noise (fraction of each state's std, seeded), write a CSV; returns its path. */
export function writeNoisyCsv(c: SystemCase, noise: number, seed: number): string {
  const sys = getSystem(c.id)!;
  const clean = sampleSystem(sys, { params: { ...defaultParams(sys), ...c.params }, x0: c.x0, tEnd: c.tEnd, dt: c.dt });
  if (!clean.ok) throw new Error(clean.error);
  const file = join(tmp, `${c.id}-${noise}-${seed}.csv`);
  writeFileSync(file, datasetToCsv(addNoise(clean.value, noise, seed)));
  return file;
}

/** Any dataset (several trajectories get a trajectory column) as a CSV file in the temporary folder. */
export function writeCsv(ds: Dataset, name: string): string {
  const file = join(tmp, `${name}.csv`);
  writeFileSync(file, datasetToCsv(ds));
  return file;
}
