/**
 * The worker's pure core: the data layer, a cache of pipeline layers (core/methods/layers.ts)
 * and the generic method loop (core/methods/run.ts), then simulation and the Pareto sweep.
 * It speaks core types only (FitSpec): no import of src/state or src/ui (ESLint enforces it).
 * No DOM and no worker globals: fitWorker.ts passes `post`, `isStale`, `isStopped` and
 * `pause`, and the Node tests drive the same class directly.
 */
import { parseCsv } from '../core/data/csv';
import { dataKey } from '../core/data/spec';
import { LayerCache, MAX_THETA_ENTRIES, pipelineLayers } from '../core/methods/layers';
import { modelEquations, modelLatex, modelVectorField, type Model } from '../core/methods/model';
import { applyPick } from '../core/methods/pick';
import { resolveMethod, runMethod } from '../core/methods/run';
import type { EndReason, FitSpec, LivePayload, MethodOutcome, PipelineSpec, StepReport } from '../core/methods/types';
import type { SparseDetails } from '../core/methods/sparseDetails';
import { compareWithTruth, trajectoryError } from '../core/model/metrics';
import { simulateRhs } from '../core/model/simulate';
import { keptTerms, sweep, sweepPoint, sweepValues } from '../core/pipeline/sweep';
import type { ParallelHost } from '../core/symbolic/executor';
import type { Dataset } from '../core/types';
import { buildData, type DataLayer } from './dataLayer';
import { exportData, exportSimulation, simulationOptions } from './exportCsv';
import { decimationIndex, evaluateRhs, pickRows, pickTimes, truthLatex } from './payloads';
import { MAX_PLOTTED_TRAJECTORIES, type CsvInfo, type DerivativePayload, type EnsemblePayload, type FitPayload, type FromWorker, type KnownKeys, type LayerName, type ParetoPayload, type SimPayload, type SweepPayload, type ToWorker } from './protocol';

export interface RunHooks {
  post(msg: FromWorker): void;
  /** true once a newer request has arrived: the run is dropped between steps (caches kept) */
  isStale(): boolean;
  /** true once Stop was asked for this run: the method is finished with the best so far */
  isStopped?(): boolean;
  /** give the event loop a turn (so Stop and newer requests are seen) */
  pause(): Promise<void>;
}

export interface FitRequest {
  runId: number; spec: FitSpec; known: KnownKeys; animate: boolean; budgetMs?: number;
  /** a formula per state picked on the outcome's Pareto front (complexities; 0 = the method's choice) */
  pick?: readonly number[];
  /** run the method even if the last outcome was for this spec */
  fresh?: boolean;
}

export interface EngineOptions {
  /**
   * Least time between two posted `step` messages (the fit worker passes 100: the page redraws
   * its live views at most ~10 times a second). Between them only the latest step is kept, and
   * it is posted before the result. STLSQ iterates of an animated run are always posted.
   */
  stepIntervalMs?: number;
  /** the clock of that throttle (tests pass a counter) */
  now?: () => number;
  /** threads lent to the methods (the fit worker's island workers); absent: this thread only */
  parallel?: ParallelHost;
}

type SimulationFrames = Extract<LivePayload, { kind: 'loss' }>['simulation'];

/** The last method outcome, kept for its spec: a pick, or the same request again, reuses it. */
interface KeptOutcome { key: string; outcome: MethodOutcome; reason: EndReason }

interface Slot<T> { key: string; value: T }

export { MAX_THETA_ENTRIES };

/** The UI's layer chip that a cached pipeline layer belongs to. */
const CHIP: Record<string, LayerName> = { derivatives: 'derivatives', theta: 'theta', regression: 'theta', weak: 'theta', problem: 'theta' };

export class FitEngine {
  /** threads lent to the methods (the fit worker's island workers); absent: this thread only */
  private readonly parallel: ParallelHost | undefined;

  private uploads = new Map<number, Dataset>();
  private data?: Slot<DataLayer>;
  /** derivatives, Θ, regression, weak system, problem: kept across runs, Stops and stale drops */
  readonly cache = new LayerCache();
  private sweepCache?: Slot<SweepPayload>;
  /** the model of the latest fit posted, for the export of its simulation */
  private lastFit?: { runId: number; dataKey: string; model: Model };
  private kept?: KeptOutcome;
  private counts = { data: 0, fit: 0, simulation: 0, sweep: 0 };
  private readonly stepIntervalMs: number;
  private readonly now: () => number;

  constructor(options: EngineOptions = {}) {
    this.parallel = options.parallel;
    this.stepIntervalMs = options.stepIntervalMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** how many times each layer was computed (for tests of the cache) */
  get computed(): Record<'data' | 'derivatives' | 'theta' | 'regression' | 'fit' | 'simulation' | 'sweep', number> {
    const c = this.cache.computed;
    return { ...this.counts, derivatives: c.derivatives ?? 0, theta: c.theta ?? 0, regression: (c.regression ?? 0) + (c.weak ?? 0) };
  }

  loadCsv(msg: Extract<ToWorker, { type: 'loadCsv' }>): FromWorker {
    const r = parseCsv(msg.text, msg.timeColumn ? { timeColumn: msg.timeColumn } : {});
    if (!r.ok) return { type: 'csv', uploadId: msg.uploadId, result: r };
    const { dataset, columns, timeName, nRows } = r.value;
    this.uploads.set(msg.uploadId, dataset);
    for (const id of this.uploads.keys()) if (id < msg.uploadId - 1) this.uploads.delete(id);
    const info: CsvInfo = { columns, timeName, stateNames: dataset.stateNames, nRows, nTrajectories: dataset.trajectories.length };
    return { type: 'csv', uploadId: msg.uploadId, result: { ok: true, value: info } };
  }

  /**
   * A CSV file of the export menu. The data: of `spec` (the cached layer when it is that data,
   * else built now and cached for the next fit). The simulation: of the model fit run `runId`
   * posted, which must be the latest fit on that same data.
   */
  exportCsv(msg: Extract<ToWorker, { type: 'export' }>): FromWorker {
    const answer = (result: Extract<FromWorker, { type: 'exported' }>['result']): FromWorker => ({ type: 'exported', requestId: msg.requestId, result });
    const key = dataKey(msg.spec.data);
    if (this.data?.key !== key) {
      const upload = msg.spec.data.source === 'upload' && msg.spec.data.uploadId !== null ? this.uploads.get(msg.spec.data.uploadId) : undefined;
      const built = buildData(msg.spec.data, upload);
      if (!built.ok) return answer(built);
      this.data = { key, value: built.value };
      this.counts.data++;
    }
    const data = this.data.value;
    if (msg.what === 'data') return answer({ ok: true, value: exportData(data, msg.timeName) });
    const fit = this.lastFit;
    if (!fit || fit.runId !== msg.runId || fit.dataKey !== key) {
      return answer({ ok: false, error: 'The fit has changed since it was shown: wait until it is done, then export the simulation again.' });
    }
    return answer({ ok: true, value: exportSimulation(data, fit.model, msg.timeName) });
  }

  /**
   * One request: the data layer, then the method in the generic loop (core/methods/run.ts),
   * which reads the cached layers it needs, then the simulation and the Pareto sweep.
   */
  async run(req: FitRequest, hooks: RunHooks): Promise<void> {
    const t0 = performance.now();
    const { runId, spec } = req;
    const timings: Partial<Record<LayerName, number>> = {};
    const recomputed: Record<LayerName, boolean> = { data: false, derivatives: false, theta: false, fit: true, simulation: true };
    const progress = (layer: LayerName, state: 'running' | 'cached' | 'done'): void => hooks.post({ type: 'progress', runId, layer, state });
    const fail = (layer: LayerName, message: string): void => hooks.post({ type: 'error', runId, layer, message });

    const key = dataKey(spec.data);
    if (this.data?.key === key) progress('data', 'cached');
    else {
      progress('data', 'running');
      await hooks.pause();
      if (hooks.isStale()) return;
      const ts = performance.now();
      const upload = spec.data.source === 'upload' && spec.data.uploadId !== null ? this.uploads.get(spec.data.uploadId) : undefined;
      const built = buildData(spec.data, upload);
      if (!built.ok) { fail('data', built.error); return; }
      this.data = { key, value: built.value };
      this.counts.data++;
      timings.data = performance.now() - ts;
      recomputed.data = true;
      progress('data', 'done');
    }
    const data = this.data.value;
    if (req.known.data !== key) hooks.post({ type: 'data', runId, data: data.payload(key) });
    const ds = data.observed;

    const layers = pipelineLayers(ds, key, spec.pipeline, this.cache);
    let failedLayer: LayerName = 'fit';
    this.cache.onStart = (name) => { failedLayer = CHIP[name] ?? 'fit'; progress(failedLayer, 'running'); };
    this.cache.onCompute = (name, ms) => {
      const chip = CHIP[name] ?? 'fit';
      timings[chip] = (timings[chip] ?? 0) + ms;
      recomputed[chip] = true;
      progress(chip, 'done');
    };
    try {
      const resolved = resolveMethod({ data: ds, spec: spec.pipeline, layers });
      // The derivative plot shows the estimates whenever the method regresses on them.
      if (resolved.ok && resolved.value.method.needs(resolved.value.settings).includes('derivatives')) {
        const deriv = layers.derivatives();
        if (!deriv.ok) { fail('derivatives', deriv.error); return; }
        if (!recomputed.derivatives) progress('derivatives', 'cached');
        if (req.known.derivatives !== layers.keys.derivatives) hooks.post({ type: 'derivatives', runId, derivatives: derivativePayload(ds, deriv.value.dydt, layers.keys.derivatives) });
      }
      await hooks.pause();
      if (hooks.isStale()) return;

      const tf = performance.now();
      const outcomeKey = `${key}|${JSON.stringify(spec.pipeline)}`;
      let ran: KeptOutcome;
      if (!req.fresh && this.kept?.key === outcomeKey) {
        // The same spec as the last outcome (a formula picked on its front, or the same settings
        // again): reuse it, stopped or not, instead of running a long search again.
        ran = this.kept;
        recomputed.fit = false;
        progress('fit', 'cached');
      } else {
        // Layer time spent before the method started (the derivatives for their plot) is not the method's.
        const layerMsBefore = (timings.theta ?? 0) + (timings.derivatives ?? 0);
        const steps = this.stepPoster(req, hooks.post, data);
        const loop = await runMethod({ data: ds, spec: spec.pipeline, layers, ...(this.parallel ? { parallel: this.parallel } : {}) }, {
          pause: hooks.pause,
          interrupt: () => (hooks.isStale() ? 'stale' : hooks.isStopped?.() ? 'stop' : null),
          onStep: steps.onStep,
          ...(req.budgetMs !== undefined ? { budgetMs: req.budgetMs } : {}),
        });
        if (loop.kind === 'dropped') return;
        steps.flush();
        if (!loop.outcome.ok) { fail(failedLayer, loop.outcome.error); return; }
        timings.fit = performance.now() - tf - ((timings.theta ?? 0) + (timings.derivatives ?? 0) - layerMsBefore);
        ran = { key: outcomeKey, outcome: loop.outcome.value, reason: loop.reason };
        this.kept = ran;
        this.counts.fit++;
      }
      const picked = applyPick(ran.outcome, req.pick ?? []);
      const outcome = picked.outcome;
      if (!recomputed.theta) progress('theta', 'cached');
      if (!recomputed.fit) timings.fit = 0;
      const pareto: ParetoPayload | null = outcome.pareto ? { fronts: outcome.pareto, chosen: picked.chosen, shown: picked.shown } : null;
      hooks.post({ type: 'fit', runId, fit: this.fitPayload(spec, data, outcome, recomputed, timings, pareto), ms: timings.fit! });
      this.lastFit = { runId, dataKey: key, model: outcome.model };

      // The model is simulated whether the method finished or was stopped (the best so far).
      await hooks.pause();
      if (hooks.isStale()) return;
      progress('simulation', 'running');
      const sim = this.simulate(data, outcome.model);
      this.counts.simulation++;
      hooks.post({ type: 'simulation', runId, sim });
      if (ran.reason !== 'done') { hooks.post({ type: 'done', runId, totalMs: performance.now() - t0 }); return; }

      await hooks.pause();
      if (hooks.isStale()) return;
      const sp = outcome.sparse;
      if (sp) {
        const opt = spec.pipeline.optimizer;
        const key = sweepKeyOf(sp, spec.pipeline);
        if (this.sweepCache?.key !== key) {
          const points = sweep(sp.problem, opt, sweepValues(sp.problem, opt), hooks.isStale);
          if (hooks.isStale()) return;
          this.counts.sweep++;
          this.sweepCache = { key, value: { key, parameter: opt.method === 'lasso' ? 'alpha' : opt.method === 'mstls' ? 'lambda' : 'threshold', points } };
        }
        hooks.post({ type: 'sweep', runId, sweep: this.sweepCache.value });
      }
      hooks.post({ type: 'done', runId, totalMs: performance.now() - t0 });
    } finally {
      this.cache.onStart = null;
      this.cache.onCompute = null;
    }
  }

  /**
   * Posting of the method's steps: at most one per stepIntervalMs (the latest kept, flushed
   * before the result), STLSQ iterates only when animating (each of them, for the heatmap's
   * playback). Live payloads are copied (a method may keep streaming into its own arrays, and
   * posted arrays are transferred) and "learned" trajectories decimated as the data's plot is.
   */
  private stepPoster(req: FitRequest, post: (msg: FromWorker) => void, data: DataLayer): { onStep(r: StepReport): void; flush(): void } {
    const m = data.observed.stateNames.length;
    let last = -Infinity;
    let waiting: StepReport | null = null;
    // "Learned" trajectories come now and then: ones seen on a step that was not posted ride on the next posted one.
    let learned: SimulationFrames | undefined;
    const send = (r: StepReport): void => {
      let live = r.live;
      if (live?.kind === 'loss' && !live.simulation && learned) live = { ...live, simulation: learned };
      post({ type: 'step', runId: req.runId, fraction: r.fraction, label: r.label, ...(live ? { live: copyLive(live, m) } : {}) });
      waiting = null;
      learned = undefined;
      last = this.now();
    };
    return {
      onStep: (r) => {
        if (r.live?.kind === 'iterate' && !req.animate) return;
        if (r.live?.kind === 'loss' && r.live.simulation) learned = r.live.simulation;
        if (r.live?.kind === 'iterate' || r.done || this.stepIntervalMs <= 0 || this.now() - last >= this.stepIntervalMs) send(r);
        else waiting = r;
      },
      flush: () => { if (waiting) send(waiting); },
    };
  }

  private fitPayload(spec: FitSpec, data: DataLayer, outcome: MethodOutcome, recomputed: Record<LayerName, boolean>, timings: Partial<Record<LayerName, number>>, pareto: ParetoPayload | null = null): FitPayload {
    const stateNames = data.observed.stateNames;
    const { model, sparse } = outcome;
    // An expression model has no coefficient table: the views that need one (heatmap, support) are empty.
    const lib = model.kind === 'library' ? model.library : { names: [] as string[], latex: [] as string[], nFeatures: 0 };
    const coefficients = model.kind === 'library' ? model.coefficients : new Float64Array(0);
    const p = lib.nFeatures;
    let truthRow: Float64Array | null = null;
    let trueLatex: string[] | null = null;
    let support = null;
    if (data.truth && model.kind === 'library') {
      const truth = data.truth;
      truthRow = new Float64Array(stateNames.length * p);
      stateNames.forEach((st, j) => lib.names.forEach((name, a) => { truthRow![j * p + a] = truth[st]?.[name] ?? 0; }));
      trueLatex = truthLatex(truth, stateNames, lib.names, lib.latex);
      support = compareWithTruth(stateNames, lib.names, coefficients, truth);
    } else if (data.truth) {
      // An expression model has no terms to mark: the true equations with their numbers stand beside it.
      trueLatex = truthLatex(data.truth, stateNames, [], []);
    }
    const sp = model.kind === 'library' ? sparse : undefined;
    const ens = sparse?.ensemble;
    const ensemble: EnsemblePayload | null = ens ? {
      models: ens.result.models, inclusionThreshold: ens.settings.inclusionThreshold, inclusion: ens.result.stats.inclusion.slice(),
      median: ens.result.stats.median.slice(), p05: ens.result.stats.p05.slice(), p95: ens.result.stats.p95.slice(),
    } : null;
    const w = sparse?.weak;
    return {
      method: spec.pipeline.method.id, equations: modelEquations(model), latex: modelLatex(model),
      stateNames, features: [...lib.names], featuresLatex: [...lib.latex], coefficients: coefficients.slice(),
      kept: keptTerms(coefficients), point: sp ? fitPoint(sp, spec.pipeline, coefficients) : null,
      truthRow, trueLatex, support, status: outcome.status, message: outcome.message, warnings: outcome.warnings,
      suggested: sparse?.optimizer.suggested ?? null, iterations: sparse?.optimizer.iterations ?? 0,
      history: (sparse?.optimizer.history ?? []).map((h) => h.slice()),
      r2: sparse?.r2 ?? [], ensemble, weak: w ? { testFunctions: w.testFunctions, widthSamples: [...w.widthSamples], automatic: w.automatic } : null,
      pareto, recomputed, timings, lambdas: sparse?.lambdas ?? null,
    };
  }

  /** Simulate the model from each reference trajectory's first state at the plotted times. */
  private simulate(data: DataLayer, model: Model): SimPayload {
    const ts = performance.now();
    const ref = data.reference;
    const rhs = modelVectorField(model);
    const m = ref.stateNames.length;
    const all = simulateRhs(rhs, ref, {
      ...simulationOptions(ref),
      advice: model.kind === 'library'
        ? 'Raise the threshold for a sparser model, lower the noise, or smooth the derivatives.'
        : 'Pick another formula on the Pareto front, let the method run longer, lower the noise, or smooth the derivatives.',
    });
    const r = all[0]!;
    const first = ref.trajectories[0]!;
    return {
      t: first.t.slice(), y: r.y.slice(), status: r.status, message: r.message ?? null,
      tFail: r.tFail ?? null, error: trajectoryError(ref, all), ms: performance.now() - ts,
      rate: evaluateRhs(rhs, first.t, first.y, m),
      extra: all.slice(1).map((x, k) => {
        const tr = ref.trajectories[k + 1]!;
        return { y: x.y.slice(), status: x.status, tFail: x.tFail ?? null, rate: evaluateRhs(rhs, tr.t, tr.y, m) };
      }),
    };
  }
}

/**
 * A live payload safe to post: typed arrays copied (they are transferred), and "learned vs
 * observed" trajectories cut to the plotted ones, decimated like the data's plot.
 */
function copyLive(live: LivePayload, m: number): LivePayload {
  switch (live.kind) {
    case 'iterate': return { ...live, coefficients: live.coefficients.slice() };
    case 'loss': {
      const simulation = live.simulation?.slice(0, MAX_PLOTTED_TRAJECTORIES).map((tr) => {
        const idx = decimationIndex(tr.t.length);
        return { t: pickTimes(tr.t, idx), y: pickRows(tr.y, m, idx) };
      });
      return { ...live, steps: live.steps.slice(), loss: live.loss.slice(), ...(simulation ? { simulation } : {}) };
    }
    case 'pareto': return { kind: 'pareto', fronts: live.fronts.map((f) => f.map((e) => ({ ...e }))) };
    case 'models': return { ...live };
  }
}

/** Decimated derivative estimates of the plotted trajectories. */
function derivativePayload(ds: Dataset, dydt: Float64Array[], key: string): DerivativePayload {
  const m = ds.stateNames.length;
  const plotted = ds.trajectories.slice(0, MAX_PLOTTED_TRAJECTORIES).map((tr, k) => {
    const idx = decimationIndex(tr.t.length);
    return { t: pickTimes(tr.t, idx), dydt: pickRows(dydt[k]!, m, idx) };
  });
  return { key, ...plotted[0]!, extra: plotted.slice(1).map((p) => p.dydt) };
}

/**
 * Key of the Pareto sweep of a SINDy-family fit: its regression problem, normalisation and the
 * optimizer without the swept parameter (the threshold; α for LASSO; a fixed λ for MSTLS), so
 * a threshold change re-uses the sweep and a fit's point can tell which sweep it belongs to.
 */
function sweepKeyOf(sp: SparseDetails, pipeline: PipelineSpec): string {
  const opt = pipeline.optimizer;
  const sweepable = opt.method === 'lasso' ? { ...opt, alpha: 0 } : { ...opt, threshold: 0 };
  return sp.problemKey + (pipeline.normalize ? '|norm' : '|raw') + JSON.stringify(sweepable);
}

/**
 * The fit as a point of its Pareto sweep, by the sweep's own measure (sweepPoint). Its value is
 * the swept parameter, or null when the model is not one of the sweep's line: an ensemble's
 * bagged model, or MSTLS choosing λ per equation.
 */
function fitPoint(sp: SparseDetails, pipeline: PipelineSpec, coefficients: Float64Array): FitPayload['point'] {
  const opt = pipeline.optimizer;
  const value = sp.ensemble ? null : opt.method === 'lasso' ? opt.alpha : opt.method === 'mstls' ? (opt.threshold > 0 ? opt.threshold : null) : opt.threshold;
  const p = sweepPoint(sp.problem, value ?? 0, coefficients);
  return { ...p, value, sweepKey: sweepKeyOf(sp, pipeline) };
}
