/**
 * The worker's pure core: a cache of pipeline layers keyed by the settings that produce them
 * (layerKeys.ts), and `run`, which recomputes only the layers whose key changed:
 *   data → derivatives → Θ → regression → fit → simulation (→ threshold sweep).
 * No DOM and no worker globals: fitWorker.ts passes `post`, `isStale` and `pause`, and the
 * Node tests drive the same class directly.
 */
import { parseCsv } from '../core/data/csv';
import { compareWithTruth, trajectoryError } from '../core/model/metrics';
import { modelRhs, simulateModel } from '../core/model/simulate';
import { optimizeSparse, type MstlsResult } from '../core/optimize/mstls';
import type { OptimizerResult } from '../core/optimize/result';
import { stlsqFinish, stlsqInit, stlsqStep } from '../core/optimize/stlsq';
import { describeFit } from '../core/pipeline/fit';
import { problemOf, regressionLayer, thetaLayer, derivativeLayer, type DerivativeLayer, type RegressionLayer, type ThetaLayer } from '../core/pipeline/layers';
import { sweep, sweepValues } from '../core/pipeline/sweep';
import type { RegressionProblem } from '../core/optimize/problem';
import { err, ok, type Dataset, type Result } from '../core/types';
import { featureNames, type Library } from '../core/library/library';
import { ensembleAsResult, ensembleFit } from '../core/ensemble/ensemble';
import { validateEnsemble } from '../core/ensemble/settings';
import { weakGlsRefine } from '../core/weak/irls';
import { weakRegressionLayer, type WeakRegressionLayer } from '../core/weak/layer';
import type { Settings } from '../state/settings';
import { buildData, type DataLayer } from './dataLayer';
import { derivativeSettings, ensembleSettings, layerKeys, librarySettings, optimizerSettings, weakSettings } from './layerKeys';
import { decimationIndex, evaluateRhs, pickRows, pickTimes, truthLatex } from './payloads';
import { MAX_PLOTTED_TRAJECTORIES, type CsvInfo, type EnsemblePayload, type FitPayload, type FromWorker, type KnownKeys, type LayerName, type SimPayload, type SweepPayload, type ToWorker } from './protocol';

export interface RunHooks {
  post(msg: FromWorker): void;
  /** true once a newer request has arrived: the run stops at the next layer boundary */
  isStale(): boolean;
  /** give the event loop a turn (so Stop and newer requests are seen) */
  pause(): Promise<void>;
}

export interface FitRequest { runId: number; settings: Settings; uploadId: number | null; known: KnownKeys; animate: boolean }

interface Slot<T> { key: string; value: T }

/** Largest Θ (entries) the worker builds: 3·10⁷ doubles = 240 MB, beyond which a tab may crash. */
export const MAX_THETA_ENTRIES = 30_000_000;

/** Refuse a library matrix too large for a browser tab, with advice, before allocating it. */
function checkThetaSize(ds: Dataset, s: Settings): Result<true> {
  const names = featureNames(ds.stateNames, librarySettings(s));
  if (!names.ok) return names;
  const n = ds.trajectories.reduce((a, tr) => a + tr.t.length, 0);
  const p = names.value.length;
  if (n * p <= MAX_THETA_ENTRIES) return ok(true);
  return err(`The library matrix would be ${n.toLocaleString('en')} samples × ${p} terms (${Math.round((n * p * 8) / 1e6)} MB). Lower the degree or the Fourier frequencies, or use fewer samples (larger Δt).`);
}

export class FitEngine {
  private uploads = new Map<number, Dataset>();
  private data?: Slot<DataLayer>;
  private deriv?: Slot<DerivativeLayer>;
  private theta?: Slot<ThetaLayer>;
  private reg?: Slot<RegressionLayer>;
  private weak?: Slot<WeakRegressionLayer>;
  private problem?: Slot<RegressionProblem>;
  private sweepCache?: Slot<SweepPayload>;
  /** how many times each layer was computed (for tests of the cache) */
  readonly computed: Record<LayerName | 'regression' | 'sweep', number> = { data: 0, derivatives: 0, theta: 0, fit: 0, simulation: 0, regression: 0, sweep: 0 };

  loadCsv(msg: Extract<ToWorker, { type: 'loadCsv' }>): FromWorker {
    const r = parseCsv(msg.text, msg.timeColumn ? { timeColumn: msg.timeColumn } : {});
    if (!r.ok) return { type: 'csv', uploadId: msg.uploadId, result: r };
    const { dataset, columns, timeName, nRows } = r.value;
    this.uploads.set(msg.uploadId, dataset);
    for (const id of this.uploads.keys()) if (id < msg.uploadId - 1) this.uploads.delete(id);
    const info: CsvInfo = { columns, timeName, stateNames: dataset.stateNames, nRows, nTrajectories: dataset.trajectories.length };
    return { type: 'csv', uploadId: msg.uploadId, result: { ok: true, value: info } };
  }

  async run(req: FitRequest, hooks: RunHooks): Promise<void> {
    const t0 = performance.now();
    const { runId, settings: s } = req;
    const keys = layerKeys(s, req.uploadId);
    const timings: Partial<Record<LayerName, number>> = {};
    const recomputed: Record<LayerName, boolean> = { data: false, derivatives: false, theta: false, fit: true, simulation: true };
    const fail = (layer: LayerName, message: string): void => hooks.post({ type: 'error', runId, layer, message });
    const stage = async <T>(layer: LayerName, slot: Slot<T> | undefined, key: string, compute: () => { ok: true; value: T } | { ok: false; error: string }): Promise<Slot<T> | null> => {
      if (slot && slot.key === key) { hooks.post({ type: 'progress', runId, layer, state: 'cached' }); return slot; }
      hooks.post({ type: 'progress', runId, layer, state: 'running' });
      await hooks.pause();
      if (hooks.isStale()) return null;
      const ts = performance.now();
      const r = compute();
      timings[layer] = (timings[layer] ?? 0) + performance.now() - ts;
      if (!r.ok) { fail(layer, r.error); return null; }
      recomputed[layer] = true;
      this.computed[layer]++;
      hooks.post({ type: 'progress', runId, layer, state: 'done' });
      return { key, value: r.value };
    };

    const data = await stage('data', this.data, keys.data, () => buildData(s, req.uploadId === null ? undefined : this.uploads.get(req.uploadId)));
    if (!data) return;
    this.data = data;
    if (req.known.data !== keys.data) hooks.post({ type: 'data', runId, data: data.value.payload(keys.data) });
    const ds = data.value.observed;

    const deriv = await stage('derivatives', this.deriv, keys.derivatives, () => derivativeLayer(ds, derivativeSettings(s)));
    if (!deriv) return;
    this.deriv = deriv;
    if (req.known.derivatives !== keys.derivatives) {
      const m = ds.stateNames.length;
      const plotted = ds.trajectories.slice(0, MAX_PLOTTED_TRAJECTORIES).map((tr, k) => {
        const idx = decimationIndex(tr.t.length);
        return { t: pickTimes(tr.t, idx), dydt: pickRows(deriv.value.dydt[k]!, m, idx) };
      });
      hooks.post({ type: 'derivatives', runId, derivatives: { key: keys.derivatives, ...plotted[0]!, extra: plotted.slice(1).map((p) => p.dydt) } });
    }

    let reg: RegressionLayer;
    let weak: WeakRegressionLayer | null = null;
    if (s.form === 'weak') {
      // Θ and the weak system (integrals against test functions) are built together.
      const w = await stage('theta', this.weak, keys.regression, () => {
        const size = checkThetaSize(ds, s);
        return size.ok ? weakRegressionLayer(ds, librarySettings(s), weakSettings(s)) : size;
      });
      if (!w) return;
      if (this.weak !== w) this.computed.regression++;
      this.weak = w;
      weak = w.value;
      reg = w.value;
    } else {
      const theta = await stage('theta', this.theta, keys.theta, () => {
        const size = checkThetaSize(ds, s);
        return size.ok ? thetaLayer(ds, librarySettings(s)) : size;
      });
      if (!theta) return;
      this.theta = theta;
      if (this.reg?.key !== keys.regression) {
        const ts = performance.now();
        this.reg = { key: keys.regression, value: regressionLayer(theta.value, deriv.value, ds.stateNames.length) };
        this.computed.regression++;
        timings.theta = (timings.theta ?? 0) + performance.now() - ts;
        recomputed.theta = true;
      }
      reg = this.reg.value;
    }
    if (this.problem?.key !== keys.problem) this.problem = { key: keys.problem, value: problemOf(reg, s.normalize) };
    const problem = this.problem.value;
    if (hooks.isStale()) return;

    const tf = performance.now();
    const fitted = this.fit(problem, reg, weak, ds, req, hooks);
    if (!fitted.ok) { fail('fit', fitted.error); return; }
    let { res } = fitted.value;
    const { ensemble } = fitted.value;
    if (weak) res = { ...res, warnings: [...weak.weak.warnings, ...res.warnings] };
    timings.fit = performance.now() - tf;
    this.computed.fit++;
    const weakInfo = weak ? { testFunctions: weak.weak.testFunctions, widthSamples: [...weak.weak.widthSamples], automatic: weak.weak.automatic } : null;
    const payload = this.fitPayload(reg, data.value, res, ensemble, weakInfo, recomputed, timings);
    hooks.post({ type: 'fit', runId, fit: payload, ms: timings.fit });

    await hooks.pause();
    if (hooks.isStale()) return;
    hooks.post({ type: 'progress', runId, layer: 'simulation', state: 'running' });
    const sim = this.simulate(data.value, reg.theta.library, res.coefficients);
    this.computed.simulation++;
    hooks.post({ type: 'simulation', runId, sim });

    await hooks.pause();
    if (hooks.isStale()) return;
    if (this.sweepCache?.key !== keys.sweep) {
      const opt = optimizerSettings(s);
      const points = sweep(problem, opt, sweepValues(problem, opt), hooks.isStale);
      if (hooks.isStale()) return;
      this.computed.sweep++;
      this.sweepCache = { key: keys.sweep, value: { parameter: opt.method === 'lasso' ? 'alpha' : opt.method === 'mstls' ? 'lambda' : 'threshold', points } };
    }
    hooks.post({ type: 'sweep', runId, sweep: this.sweepCache.value });
    hooks.post({ type: 'done', runId, totalMs: performance.now() - t0 });
  }

  /**
   * The hot layer: an ensemble of bagged fits (E-SINDy), or one optimizer run (STLSQ animated
   * pass by pass on a cold run), then the weak form's GLS reweighting when asked.
   */
  private fit(
    problem: RegressionProblem, reg: RegressionLayer, weak: WeakRegressionLayer | null, ds: Dataset, req: FitRequest, hooks: RunHooks,
  ): Result<{ res: OptimizerResult; ensemble: EnsemblePayload | null }> {
    const { settings: s, runId } = req;
    const ens = ensembleSettings(s);
    if (ens) {
      const v = validateEnsemble(ens);
      if (!v.ok) return v;
      const e = ensembleFit(reg, s.normalize, optimizerSettings(s), ens, ds.stateNames, (done, total) => {
        if (done === total || done % 5 === 0) hooks.post({ type: 'models', runId, done, total });
      });
      const { inclusion, median, p05, p95 } = e.stats;
      return ok({ res: ensembleAsResult(e), ensemble: { models: e.models, inclusionThreshold: ens.inclusionThreshold, inclusion: inclusion.slice(), median: median.slice(), p05: p05.slice(), p95: p95.slice() } });
    }
    let res = this.optimizeWithIterates(problem, s, ds.stateNames, req.animate ? hooks.post.bind(hooks) : null, runId);
    if (weak && s.gls && res.status !== 'all_pruned') {
      const g = weakGlsRefine(ds, weak, res.coefficients, optimizerSettings(s), s.normalize);
      res = { ...res, coefficients: g.coefficients, warnings: [...res.warnings, ...g.warnings] };
    }
    return ok({ res, ensemble: null });
  }

  /** STLSQ stepped pass by pass when animating (each iterate posted); other optimizers in one call. */
  private optimizeWithIterates(problem: RegressionProblem, s: Settings, stateNames: string[], post: ((m: FromWorker) => void) | null, runId: number): OptimizerResult {
    const opt = optimizerSettings(s);
    if (opt.method !== 'stlsq' || !post) return optimizeSparse(problem, opt, stateNames);
    const st = stlsqInit(problem);
    while (!st.done) {
      stlsqStep(problem, opt, st);
      const last = st.history[st.history.length - 1]!;
      post({ type: 'iterate', runId, iteration: st.iteration, nTerms: st.selected, coefficients: last.slice() });
    }
    return stlsqFinish(problem, opt, st, stateNames);
  }

  private fitPayload(
    reg: RegressionLayer, data: DataLayer, res: OptimizerResult, ensemble: FitPayload['ensemble'], weak: FitPayload['weak'],
    recomputed: Record<LayerName, boolean>, timings: Partial<Record<LayerName, number>>,
  ): FitPayload {
    const stateNames = data.observed.stateNames;
    const d = describeFit(reg, stateNames, res);
    const lib = reg.theta.library;
    const p = lib.nFeatures;
    let truthRow: Float64Array | null = null;
    let trueLatex: string[] | null = null;
    let support = null;
    if (data.truth) {
      const truth = data.truth;
      truthRow = new Float64Array(stateNames.length * p);
      stateNames.forEach((st, j) => lib.names.forEach((name, a) => { truthRow![j * p + a] = truth[st]?.[name] ?? 0; }));
      trueLatex = truthLatex(truth, stateNames, lib.names, lib.latex);
      support = compareWithTruth(stateNames, lib.names, res.coefficients, truth);
    }
    return {
      stateNames, features: [...lib.names], featuresLatex: [...lib.latex], coefficients: res.coefficients.slice(),
      truthRow, trueLatex, support, status: res.status, message: res.message, warnings: res.warnings,
      suggested: res.suggested ?? null, iterations: res.iterations, history: res.history.map((h) => h.slice()),
      r2: d.r2, ensemble, weak, recomputed, timings,
      lambdas: 'lambdas' in res && 'equations' in res ? (res as MstlsResult).equations.map((e) => e.chosen.lambda) : null,
    };
  }

  /** Simulate the recovered model from the reference's first state at the plotted times. */
  private simulate(data: DataLayer, lib: Library, coef: Float64Array): SimPayload {
    const ts = performance.now();
    const ref = data.reference;
    // Blow-up bound: a thousand times the largest |state| in the data (at least 10⁶), far
    // outside anything the data can justify; beyond it the curve would be garbage on the plot.
    let scale = 0;
    for (const tr of ref.trajectories) for (const v of tr.y) scale = Math.max(scale, Math.abs(v));
    const all = simulateModel(lib, coef, ref, {
      maxSteps: 100_000, blowUp: Math.max(1e6, 1e3 * scale), stateNames: ref.stateNames, subject: 'The recovered model',
      advice: 'Raise the threshold for a sparser model, lower the noise, or smooth the derivatives.',
    });
    const r = all[0]!;
    const first = ref.trajectories[0]!;
    const rhs = modelRhs(lib, coef);
    return {
      t: first.t.slice(), y: r.y.slice(), status: r.status, message: r.message ?? null,
      tFail: r.tFail ?? null, error: trajectoryError(ref, all), ms: performance.now() - ts,
      rate: evaluateRhs(rhs, first.t, first.y, ref.stateNames.length),
      extra: all.slice(1).map((x, k) => {
        const tr = ref.trajectories[k + 1]!;
        return { y: x.y.slice(), status: x.status, tFail: x.tFail ?? null, rate: evaluateRhs(rhs, tr.t, tr.y, ref.stateNames.length) };
      }),
    };
  }
}
