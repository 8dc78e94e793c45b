/**
 * The playground's hot path: a threshold (or α) change re-runs only the optimizer on the cached
 * regression layer (Θ, ẏ and the normal equations are kept). The bar is one frame (16 ms) for
 * Lorenz, 5,000 samples, degree-3 library (20 terms), so the fit follows a slider drag live.
 * Each optimizer sees the values of a drag back and forth (log-spaced threshold, or α). The
 * last row is an ensemble (E-SINDy, 50 models) refit, held to the same one-frame bar.
 *   npx tsx bench/refit.ts
 */
import { getSystem } from '../src/core/systems/registry';
import { DEFAULT_ENSEMBLE, defaultSettings, type Settings } from '../src/state/settings';
import { fitSpec } from '../src/state/spec';
import { FitEngine } from '../src/worker/engine';
import { optimize, type OptimizerSettings } from '../src/core/optimize/registry';
import { sampleSystem } from '../src/core/data/generate';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer } from '../src/core/pipeline/layers';
import { median } from '../src/core/stats';
import { printRows, type BenchRow } from './stats';

const RUNS = 60;
/** One frame: a slider drag is followed live when a refit fits in it. */
const BUDGET_MS = 16;

/** Thresholds a slider drag passes through (log-spaced, back and forth). */
function dragValues(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => {
    const u = (k % 20) / 19;
    return lo * (hi / lo) ** (Math.floor(k / 20) % 2 ? 1 - u : u);
  });
}

function lorenzSettings(): Settings {
  // 5,000 samples: t = 0, 0.002, …, 9.998.
  return { ...defaultSettings('lorenz'), tEnd: 9.998, dt: 0.002, degree: 3, noise: 0 };
}

function optimizerOnly(label: string, make: (v: number) => OptimizerSettings, values: number[]): BenchRow {
  const s = lorenzSettings();
  const sys = getSystem('lorenz')!;
  const data = sampleSystem(sys, { params: s.params, x0: s.x0, tEnd: s.tEnd, dt: s.dt });
  if (!data.ok) throw new Error(data.error);
  const ds = data.value;
  const deriv = derivativeLayer(ds, { method: 'fd' });
  const theta = thetaLayer(ds, { degree: 3, bias: true, fourier: 0, custom: [] });
  if (!deriv.ok || !theta.ok) throw new Error('layer failed');
  const problem = problemOf(regressionLayer(theta.value, deriv.value, 3), false);
  for (const v of values.slice(0, 10)) optimize(problem, make(v)); // warm-up (JIT)
  const runs = values.map((v) => { const t0 = performance.now(); optimize(problem, make(v)); return performance.now() - t0; });
  return { name: `${label} optimizer on cached Θ (n = ${ds.trajectories[0]!.t.length}, p = ${theta.value.p})`, medianMs: median(runs), runs, budgetMs: BUDGET_MS };
}

/** Time from a request to the engine's 'fit' message (the run stops there: no simulation or sweep). */
async function timeToFit(engine: FitEngine, settings: Settings, runId: number): Promise<number> {
  const t0 = performance.now();
  let tFit = NaN;
  let stop = false;
  await engine.run({ runId, spec: fitSpec(settings, null), known: { data: '', derivatives: '' }, animate: false }, {
    post: (m) => { if (m.type === 'fit') { tFit = performance.now() - t0; stop = true; } },
    isStale: () => stop, pause: async () => undefined,
  });
  return tFit;
}

/** The worker engine's hot path: request → 'fit' message (cache lookups, optimizer, equations, truth comparison). */
async function engineHotPath(): Promise<BenchRow> {
  const engine = new FitEngine();
  const s = lorenzSettings();
  const request = (threshold: number, runId: number): Promise<number> => timeToFit(engine, { ...s, threshold }, runId);
  await request(0.1, 0); // cold run fills the cache
  const values = dragValues(0.01, 2, RUNS);
  for (let k = 0; k < 10; k++) await request(values[k]!, k + 1);
  const runs: number[] = [];
  for (let k = 0; k < values.length; k++) runs.push(await request(values[k]!, 100 + k));
  return { name: 'worker engine: threshold request → fit message (STLSQ)', medianMs: median(runs), runs, budgetMs: BUDGET_MS };
}

/**
 * E-SINDy refit in the worker engine: N bagged models on Lorenz (5,001 samples, degree 2,
 * 2 % noise). Changing the inclusion threshold between requests re-runs only the fit layer,
 * i.e. the N bootstrap models (each its own normal equations, STLSQ and unbias), the
 * statistics and the refit of the reported model.
 */
async function engineEnsembleRefit(models: number): Promise<BenchRow> {
  const engine = new FitEngine();
  const s: Settings = { ...defaultSettings('lorenz'), noise: 2, threshold: 0.5, ens: models };
  const request = (ensInc: number, runId: number): Promise<number> => timeToFit(engine, { ...s, ensInc }, runId);
  await request(0.5, 0); // cold run fills the cache
  const values = Array.from({ length: 25 }, (_, k) => 0.3 + 0.1 * (k % 5));
  for (let k = 0; k < 5; k++) await request(values[k]!, k + 1);
  const runs: number[] = [];
  for (let k = 0; k < values.length; k++) runs.push(await request(values[k]!, 100 + k));
  return { name: `worker engine: E-SINDy refit, ${models} bagged models${models === DEFAULT_ENSEMBLE ? ' (playground default)' : ''} (Lorenz 5,001, degree 2)`, medianMs: median(runs), runs, budgetMs: BUDGET_MS };
}

export async function benchRefit(): Promise<BenchRow[]> {
  const drag = dragValues(0.01, 2, RUNS);
  return [
    optimizerOnly('STLSQ', (v) => ({ method: 'stlsq', threshold: v, alpha: 0.05, maxIter: 20 }), drag),
    optimizerOnly('SR3', (v) => ({ method: 'sr3', threshold: v, nu: 1, regularizer: 'l0', maxIter: 1000, tol: 1e-8, unbias: true }), drag),
    optimizerOnly('LASSO', (v) => ({ method: 'lasso', alpha: v * 1e-2, maxIter: 1000, tol: 1e-8, unbias: true }), drag),
    await engineHotPath(),
    await engineEnsembleRefit(DEFAULT_ENSEMBLE),
    await engineEnsembleRefit(50),
  ];
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) printRows(await benchRefit());
