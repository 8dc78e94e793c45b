/**
 * The page's export files (src/state/exportFiles.ts): the PySINDy script the page writes is the
 * CLI's for the same settings (one mapping, core/export/fromPipeline.ts), it reads the data file
 * the page exports beside it — run here with python3 against a stand-in `pysindy` module that
 * records what `fit` received — and the menu says why a fit has no PySINDy script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export';
import { datasetToCsv } from '../../src/core/data/csv';
import { buildData } from '../../src/worker/dataLayer';
import { coefficientsFile, configFileOf, pysindyFile, pysrFile } from '../../src/state/exportFiles';
import { dataLayout, pysindyName, pysindyUnavailable, type ExportFit } from '../../src/state/exportPlan';
import { defaultLabSettings, defaultSettings, type Settings } from '../../src/state/settings';
import { fitSpec } from '../../src/state/spec';
import type { Dataset } from '../../src/core/types';
import { HAS_PYTHON, kwargs, pythonSyntaxErrors } from '../core/export/pythonText';

const LINK = 'http://localhost/?v=2&sys=lorenz';
const lorenz = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings('lorenz'), tEnd: 2, dt: 0.01, ...patch });

/** A fit payload's exported part: 3 states over the 10 terms of degree 2 with bias. */
function fitOf(s: Settings, over: Partial<ExportFit> = {}): ExportFit {
  const features = ['1', 'x', 'y', 'z', 'x^2', 'x*y', 'x*z', 'y^2', 'y*z', 'z^2'];
  const coefficients = new Float64Array(30);
  coefficients[1] = -10; coefficients[2] = 10; coefficients[11] = 28; coefficients[12] = -1; coefficients[16] = -1; coefficients[23] = -8 / 3; coefficients[25] = 1;
  const id = s.ens >= 2 ? 'esindy' : s.form === 'weak' ? 'weak' : 'sindy';
  return { method: id, stateNames: ['x', 'y', 'z'], features, coefficients, equations: ['-10*x + 10*y', '28*x - y - x*z', '-2.667*z + x*y'], latex: ['', '', ''], status: 'ok', ...over };
}

function dataOf(s: Settings): Dataset {
  const d = buildData(fitSpec(s, null).data, undefined);
  if (!d.ok) throw new Error(d.error);
  return d.value.observed;
}

function pageScript(s: Settings): string {
  const r = pysindyFile(s, fitOf(s), dataLayout(s, null, ['x', 'y', 'z'], 1), LINK);
  if (!r.ok) throw new Error(r.error);
  return r.value.text;
}

/** The script from the data onwards (the header and the data section name different files). */
const body = (script: string) => script.slice(script.indexOf('t, x = read_trajectories(CSV_PATH)'));

describe('the page\'s PySINDy script is the CLI\'s for the same settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  const csvPath = join(dir, 'lorenz.csv');
  writeFileSync(csvPath, datasetToCsv(dataOf(lorenz())));
  const files = { size: () => 1000, read: (p: string) => readFileSync(p, 'utf8') };
  const cases: [string, Partial<Settings>, string[]][] = [
    ['STLSQ, smoothed finite differences, Fourier, normalised', { degree: 3, threshold: 0.2, fourier: 1, normalize: true, deriv: 'smoothed-fd', sgWindow: 15, sgOrder: 3 },
      ['--degree', '3', '--threshold', '0.2', '--fourier', '1', '--normalize', '--derivative', 'smoothed-fd', '--window', '15', '--poly-order', '3']],
    ['the weak form with MSTLS', { form: 'weak', opt: 'mstls', alpha: 0.05 }, ['--method', 'weak', '--optimizer', 'mstls', '--alpha', '0.05']],
    ['E-SINDy', { ens: 20, ensInc: 0.6, seed: 3, threshold: 0.5 }, ['--ensemble', '20', '--inclusion', '0.6', '--seed', '3', '--threshold', '0.5']],
  ];
  it.each(cases)('%s', (_name, patch, flags) => {
    const cli = runExport(['pysindy', csvPath, ...flags], files);
    expect(cli.code, cli.stderr).toBe(0);
    expect(body(pageScript(lorenz(patch)))).toBe(body(cli.stdout));
  });
});

describe('pysindyFile', () => {
  it('is named after the data and optimizer, reads <stem>-data.csv beside itself, carries the link and our coefficients', () => {
    const s = lorenz({ threshold: 0.3 });
    const r = pysindyFile(s, fitOf(s), dataLayout(s, null, ['x', 'y', 'z'], 1), LINK);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.name).toBe('lorenz-stlsq-fit.py');
    expect(r.value.name).toBe(pysindyName(s));
    const text = r.value.text;
    expect(text).toMatch(/^CSV_NAME = "lorenz-data\.csv" {2}# saved beside this script$/m);
    expect(text).toMatch(/^CSV_PATH = os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), CSV_NAME\) if "__file__" in globals\(\) else CSV_NAME$/m);
    expect(text).toMatch(/^import os$/m);
    expect(text).toContain('python lorenz-stlsq-fit.py');
    expect(text).toContain(`# Made by: SINDy Playground (Export menu); the settings as a link: ${LINK}`);
    expect(text).toMatch(/^# {3}x: \[0, -10, 10, 0, 0, 0, 0, 0, 0, 0\]$/m);
    expect(kwargs(text, 'ps.STLSQ(')).toMatchObject({ threshold: '0.3' });
    if (HAS_PYTHON) expect(pythonSyntaxErrors([text])).toEqual([null]);
  });

  it('an uploaded file: its stem, its time column, the trajectory column when there are several', () => {
    const s: Settings = { ...defaultSettings(), source: 'upload', file: 'field run.csv', timeColumn: 'time', stateColumns: ['x', 'y', 'z'] };
    const r = pysindyFile(s, fitOf(s), dataLayout(s, 'time', ['x', 'y', 'z'], 4), LINK);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.name).toBe('field-run-stlsq-fit.py');
    expect(r.value.text).toContain('CSV_NAME = "field-run-data.csv"');
    expect(r.value.text).toMatch(/^TIME_COLUMN = "time"$/m);
    expect(r.value.text).toMatch(/^TRAJECTORY_COLUMN = "trajectory"$/m);
    expect(kwargs(r.value.text, 'model.fit(')).toMatchObject({ multiple_trajectories: 'True' });
  });

  it('no script for an empty model or for a fit of other settings, and the menu says why', () => {
    const s = lorenz();
    expect(pysindyUnavailable(s, fitOf(s))).toBeNull();
    expect(pysindyUnavailable(s, { method: 'sindy', status: 'all_pruned' })).toMatch(/removed every term.*Lower the threshold/);
    expect(pysindyUnavailable(s, { method: 'weak', status: 'ok' })).toMatch(/other settings: wait until the fit is done/);
    const r = pysindyFile(s, fitOf(s, { status: 'all_pruned' }), dataLayout(s, null, ['x', 'y', 'z'], 1), LINK);
    expect(r.ok).toBe(false);
  });
});

describe('pysrFile', () => {
  it('PySR\'s defaults with the page\'s seed and derivative, reading the same data file', () => {
    const s = lorenz({ seed: 12, deriv: 'smoothed-fd', sgWindow: 9, sgOrder: 2 });
    const r = pysrFile(s, dataLayout(s, null, ['x', 'y', 'z'], 1), LINK);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.name).toBe('lorenz-pysr-search.py');
    expect(kwargs(r.value.text, 'OPTIONS = dict(')).toMatchObject({ binary_operators: '["+", "-", "*", "/"]', random_state: '12' });
    expect(r.value.text).toContain('savgol_filter(x, window_length=9, polyorder=2');
    expect(r.value.text).toContain('CSV_NAME = "lorenz-data.csv"');
    if (HAS_PYTHON) expect(pythonSyntaxErrors([r.value.text])).toEqual([null]);
  });
});

describe('coefficients and configuration files', () => {
  it('a library model: its table; an expression model: state, equation', () => {
    const s = lorenz();
    const lib = coefficientsFile(s, fitOf(s));
    expect(lib.name).toBe('lorenz-coefficients.csv');
    expect(lib.text.split('\n')[0]).toBe('state,1,x,y,z,x^2,x*y,x*z,y^2,y*z,z^2');
    const expr = coefficientsFile(s, fitOf(s, { method: 'gp', features: [], coefficients: new Float64Array(0) }));
    expect(expr.text.split('\n').slice(0, 2)).toEqual(['state,equation', 'x,-10*x + 10*y']);
  });

  it('the configuration is named after the data', () => {
    const f = configFileOf(lorenz(), 'fit', defaultLabSettings());
    expect(f.name).toBe('lorenz-config.json');
    expect(JSON.parse(f.text)).toMatchObject({ format: 'sindy-playground-config', settings: { sys: 'lorenz' } });
  });
});

/**
 * A stand-in for pysindy 1.7.5's API as the script uses it: its constructors take any
 * arguments, and SINDy.fit writes what it received (shapes, times, a checksum) to a JSON file.
 */
const FAKE_PYSINDY = `
import json, os
import numpy as np

class _Part:
    def __init__(self, *args, **kwargs):
        self.kwargs = kwargs
    def __add__(self, other):
        return _Part()

FiniteDifference = SmoothedFiniteDifference = PolynomialLibrary = FourierLibrary = CustomLibrary = _Part
STLSQ = SR3 = EnsembleOptimizer = _Part

class SINDy(_Part):
    def fit(self, x, t=None, x_dot=None, multiple_trajectories=False, unbias=True):
        xs, ts = (x, t) if multiple_trajectories else ([x], [t])
        with open(os.environ["FAKE_PYSINDY_OUT"], "w") as f:
            json.dump({
                "shapes": [list(np.shape(a)) for a in xs],
                "times": [[float(a[0]), float(a[-1])] for a in ts],
                "sum": float(sum(np.sum(a) for a in xs)),
                "names": self.kwargs.get("feature_names"),
                "x_dot": None if x_dot is None else [list(np.shape(a)) for a in (x_dot if multiple_trajectories else [x_dot])],
            }, f)
        return self
    def print(self, precision=3):
        print("(stand-in model)")
    def get_feature_names(self):
        return []
    def coefficients(self):
        return np.zeros((1, 1))
`;

const hasNumpy = HAS_PYTHON && spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' }).status === 0;

describe.runIf(hasNumpy)('the script reads the exported data file beside it (python3, a stand-in pysindy)', () => {
  /** Saves the script and data as the menu does, runs the script from another folder, returns what fit received. */
  function runScript(script: { name: string; text: string }, dataName: string, data: string) {
    const dir = mkdtempSync(join(tmpdir(), 'playground-export-'));
    const fake = mkdtempSync(join(tmpdir(), 'fake-pysindy-'));
    writeFileSync(join(fake, 'pysindy.py'), FAKE_PYSINDY);
    writeFileSync(join(dir, script.name), script.text);
    writeFileSync(join(dir, dataName), data);
    const out = join(fake, 'out.json');
    const r = spawnSync('python3', [join(dir, script.name)], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, PYTHONPATH: fake, FAKE_PYSINDY_OUT: out } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('(stand-in model)');
    return JSON.parse(readFileSync(out, 'utf8')) as { shapes: number[][]; times: number[][]; sum: number; names: string[]; x_dot: number[][] | null };
  }

  it('one trajectory of a built-in system, with the noise', () => {
    const s = lorenz({ noise: 3, seed: 5 });
    const ds = dataOf(s);
    const r = pysindyFile(s, fitOf(s), dataLayout(s, null, ds.stateNames, 1), LINK);
    if (!r.ok) throw new Error(r.error);
    const got = runScript(r.value, 'lorenz-data.csv', datasetToCsv(ds, 't'));
    const tr = ds.trajectories[0]!;
    expect(got.shapes).toEqual([[tr.t.length, 3]]);
    expect(got.times).toEqual([[tr.t[0], tr.t[tr.t.length - 1]]]);
    expect(got.sum).toBeCloseTo(tr.y.reduce((a, v) => a + v, 0), 8);
    expect(got.names).toEqual(['x', 'y', 'z']);
    expect(got.x_dot).toBeNull();
  });

  it('an upload with several trajectories and Savitzky–Golay derivatives given as x_dot', () => {
    const ds: Dataset = {
      stateNames: ['a', 'b'],
      trajectories: [0.5, -1, 2].map((c) => ({
        t: Float64Array.from({ length: 60 }, (_, i) => i * 0.05),
        y: Float64Array.from({ length: 120 }, (_, k) => (k % 2 === 0 ? c * Math.cos(0.05 * (k >> 1)) : c * Math.sin(0.05 * (k >> 1)))),
      })),
    };
    const s: Settings = { ...defaultSettings(), source: 'upload', file: 'runs.csv', timeColumn: 'time', stateColumns: ['a', 'b'], deriv: 'savgol', sgWindow: 7, sgOrder: 2 };
    const fit: ExportFit = { method: 'sindy', stateNames: ['a', 'b'], features: ['1', 'a', 'b'], coefficients: new Float64Array(6), equations: ['0', '0'], latex: ['0', '0'], status: 'ok' };
    const r = pysindyFile(s, fit, dataLayout(s, 'time', ['a', 'b'], 3), LINK);
    if (!r.ok) throw new Error(r.error);
    const got = runScript(r.value, 'runs-data.csv', datasetToCsv(ds, 'time'));
    expect(got.shapes).toEqual([[60, 2], [60, 2], [60, 2]]);
    expect(got.x_dot).toEqual([[60, 2], [60, 2], [60, 2]]);
    expect(got.sum).toBeCloseTo(ds.trajectories.reduce((a, tr) => a + tr.y.reduce((b, v) => b + v, 0), 0), 8);
  });
});
