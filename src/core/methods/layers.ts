/**
 * The cached layers of the pipeline that methods read (STYLE.md §9: hot and cold settings):
 *   data → derivatives → Θ → regression (strong: Θ + ẏ; weak: Θ and ẏ integrated against test
 *   functions) → problem (normalisation) → the method.
 * A layer's key is its upstream key plus the settings that produce it, so a change invalidates
 * exactly what is downstream. The cache keeps one value per layer name and outlives runs: the
 * worker keeps one for the page's life (a threshold drag, a Stop or a stale run keeps Θ), the
 * CLI and the lab make a fresh one per fit. Methods ask for layers lazily (`layers.theta()`),
 * so a method reads only what it needs and the engine never builds a layer nobody uses.
 */
import type { DerivativeSettings } from '../derivative/registry';
import { featureNames, type LibrarySettings } from '../library/library';
import type { RegressionProblem } from '../optimize/problem';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer, type DerivativeLayer, type RegressionLayer, type ThetaLayer } from '../pipeline/layers';
import { err, ok, type Dataset, type Result } from '../types';
import { weakRegressionLayer, type WeakRegressionLayer } from '../weak/layer';
import type { WeakSettings } from '../weak/settings';
import type { PipelineSpec } from './types';

/** Layers a method can ask for. */
export type LayerName = 'derivatives' | 'theta' | 'regression' | 'weak';

interface Slot { key: string; value: unknown }

/**
 * One slot per layer name (a new key replaces the old value: memory stays bounded).
 * `computed` counts the computations per layer, which the tests of caching read.
 */
export class LayerCache {
  private slots = new Map<string, Slot>();
  readonly computed: Record<string, number> = {};
  /** called after a layer was computed (name, milliseconds), e.g. to post progress and timings */
  onCompute: ((name: string, ms: number) => void) | null = null;
  /** called before a layer is computed, e.g. to post 'running' */
  onStart: ((name: string) => void) | null = null;

  get<T>(name: string, key: string, compute: () => Result<T>): Result<T> {
    const slot = this.slots.get(name);
    if (slot && slot.key === key) return ok(slot.value as T);
    this.onStart?.(name);
    const t0 = performance.now();
    const r = compute();
    if (!r.ok) return r;
    this.slots.set(name, { key, value: r.value });
    this.computed[name] = (this.computed[name] ?? 0) + 1;
    this.onCompute?.(name, performance.now() - t0);
    return r;
  }

  /** whether a layer is cached under this key (no computation) */
  has(name: string, key: string): boolean { return this.slots.get(name)?.key === key; }

  clear(): void { this.slots.clear(); }
}

/** Largest Θ (entries) built: 3·10⁷ doubles = 240 MB, beyond which a browser tab may crash. */
export const MAX_THETA_ENTRIES = 30_000_000;

/** Keys of the layers for a data key and a spec (the controller marks stale layers from them). */
export interface LayerKeys { data: string; derivatives: string; theta: string }

export function layerKeys(dataKey: string, spec: Pick<PipelineSpec, 'derivative' | 'library'>): LayerKeys {
  return { data: dataKey, derivatives: dataKey + JSON.stringify(spec.derivative), theta: dataKey + JSON.stringify(spec.library) };
}

export const weakKey = (thetaKey: string, w: WeakSettings): string => {
  const { gls: _gls, ...system } = w;
  return thetaKey + '|weak' + JSON.stringify(system);
};

/** The layers of one dataset and spec, served from (and stored in) a cache. */
export interface PipelineLayers {
  readonly keys: LayerKeys;
  derivatives(): Result<DerivativeLayer>;
  theta(): Result<ThetaLayer>;
  /** strong form: Θ stacked over trajectories, the estimated ẏ, normal equations */
  regression(): Result<RegressionLayer>;
  /** weak form: Θ and y integrated against test functions (no pointwise derivative) */
  weakRegression(w: WeakSettings): Result<WeakRegressionLayer>;
  /** the optimizer's problem of a regression layer (normalised when the spec says so); cached by `key` */
  problem(reg: RegressionLayer, key: string): RegressionProblem;
  /** the key of the regression layer last served (strong or weak), for caches downstream of it */
  regressionKey(weak?: WeakSettings): string;
}

/** Refuse a library matrix too large for a browser tab, with advice, before allocating it. */
function checkThetaSize(ds: Dataset, lib: LibrarySettings): Result<true> {
  const names = featureNames(ds.stateNames, lib);
  if (!names.ok) return names;
  const n = ds.trajectories.reduce((a, tr) => a + tr.t.length, 0);
  const p = names.value.length;
  if (n * p <= MAX_THETA_ENTRIES) return ok(true);
  return err(`The library matrix would be ${n.toLocaleString('en')} samples × ${p} terms (${Math.round((n * p * 8) / 1e6)} MB). Lower the degree or the Fourier frequencies, or use fewer samples (larger Δt).`);
}

export function pipelineLayers(data: Dataset, dataKey: string, spec: Pick<PipelineSpec, 'derivative' | 'library' | 'normalize'>, cache: LayerCache): PipelineLayers {
  const keys = layerKeys(dataKey, spec);
  const derivative: DerivativeSettings = spec.derivative;
  const library: LibrarySettings = spec.library;
  const layers: PipelineLayers = {
    keys,
    derivatives: () => cache.get('derivatives', keys.derivatives, () => derivativeLayer(data, derivative)),
    theta: () => cache.get('theta', keys.theta, () => {
      const size = checkThetaSize(data, library);
      return size.ok ? thetaLayer(data, library) : size;
    }),
    regression: () => {
      const th = layers.theta();
      if (!th.ok) return th;
      const d = layers.derivatives();
      if (!d.ok) return d;
      return cache.get('regression', keys.theta + keys.derivatives, () => ok(regressionLayer(th.value, d.value, data.stateNames.length)));
    },
    weakRegression: (w) => cache.get('weak', weakKey(keys.theta, w), () => {
      const size = checkThetaSize(data, library);
      return size.ok ? weakRegressionLayer(data, library, w) : size;
    }),
    problem: (reg, key) => {
      const r = cache.get('problem', key + (spec.normalize ? '|norm' : '|raw'), () =>
        ok(problemOf(reg, spec.normalize)));
      return (r as { ok: true; value: RegressionProblem }).value;
    },
    regressionKey: (w) => (w ? weakKey(keys.theta, w) : keys.theta + keys.derivatives),
  };
  return layers;
}
