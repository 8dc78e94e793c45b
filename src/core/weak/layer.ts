/**
 * Weak SINDy as a regression layer: the K × p matrix G (∫φ_k Θ_a) stands where Θ stands in
 * plain SINDy and b (−∫φ_k′ y) where Ẏ stands, so `problemOf` and every optimizer run
 * unchanged (Messenger & Bortz, J. Comput. Phys. 2021). Layers: data → Θ (n × p, evaluated
 * once) → weak system (K × p) → optimizer; the threshold stays a "hot" setting.
 */
import type { LibrarySettings } from '../library/library';
import { normalEquations } from '../optimize/problem';
import { thetaLayer, type RegressionLayer } from '../pipeline/layers';
import { err, ok, type Dataset, type Result } from '../types';
import { validateWeak, type WeakSettings } from './settings';
import { automaticWidths } from './support';
import { medianStep, placeTestFunctions, type TestFunction } from './testFunctions';
import { assembleWeakSystem } from './weakForm';

export interface WeakInfo {
  testFunctions: number;
  /** support width of the test functions, per trajectory, in time units */
  widths: number[];
  /** the same in samples (median step of each trajectory) */
  widthSamples: number[];
  automatic: boolean;
  warnings: string[];
  timings: { libraryMs: number; assemblyMs: number };
}

/**
 * A RegressionLayer whose "Θ" is G (K × p) and whose target is b (K × m); `basis` keeps the
 * test functions for the GLS reweighting (irls.ts).
 */
export interface WeakRegressionLayer extends RegressionLayer {
  weak: WeakInfo;
  basis: { fns: TestFunction[]; order: number };
}

/** Largest assembly work (multiply-adds) of the weak system: a few seconds in a browser tab. */
export const MAX_ASSEMBLY_WORK = 2e9;

/** Smallest automatic support, in samples: φ′ must be resolved by the grid. */
const MIN_AUTO_SAMPLES = 16;

/** Support width per trajectory (time units) from the settings. */
export function supportWidths(ds: Dataset, w: WeakSettings): number[] {
  const steps = ds.trajectories.map((tr) => medianStep(tr.t));
  const spans = ds.trajectories.map((tr) => tr.t[tr.t.length - 1]! - tr.t[0]!);
  if (w.support >= 2) return steps.map((h) => w.support * h);
  if (w.support > 0) return spans.map((s) => w.support * s);
  const auto = automaticWidths(ds, w.order);
  return auto.map((x, r) => Math.min(Math.max(x, MIN_AUTO_SAMPLES * steps[r]!), spans[r]! / 2));
}

export function weakRegressionLayer(ds: Dataset, lib: LibrarySettings, w: WeakSettings): Result<WeakRegressionLayer> {
  const v = validateWeak(w);
  if (!v.ok) return err(v.error);
  const m = ds.stateNames.length;
  const t0 = performance.now();
  const th = thetaLayer(ds, lib);
  if (!th.ok) return th;
  const t1 = performance.now();
  const { library, theta, p } = th.value;
  if (w.testFunctions < p) {
    return err(`Weak SINDy needs at least as many test functions as library terms (${p}); K = ${w.testFunctions}. Raise the number of test functions.`);
  }
  const widths = supportWidths(ds, w);
  const fns = placeTestFunctions(ds, w.testFunctions, widths);
  if (!fns.ok) return fns;
  // Assembly costs Σ_k (samples under φ_k) · (p + m) multiply-adds: refuse what would take minutes.
  let work = 0;
  for (const f of fns.value) work += (f.i1 - f.i0 + 1) * (p + m);
  if (work > MAX_ASSEMBLY_WORK) {
    return err(`The weak form would need ${(work / 1e9).toFixed(1)} billion multiply-adds (${w.testFunctions} test functions, each over ~${Math.round(work / w.testFunctions / (p + m)).toLocaleString('en')} samples). Use fewer test functions, a narrower support, or a larger sample step.`);
  }
  const sys = assembleWeakSystem(ds, theta, p, fns.value, w.order);
  const warnings = w.support !== 0 ? [] : ds.trajectories.flatMap((tr, r) => (widths[r]! >= (tr.t[tr.t.length - 1]! - tr.t[0]!) / 2 - 1e-12
    ? [`The automatic test-function support of trajectory ${r + 1} reached half its time span: the data look too noisy or too short. Set the support by hand.`] : []));
  const t2 = performance.now();
  const k = sys.k;
  return ok({
    theta: { library, theta: sys.g, n: k, p },
    target: sys.b,
    m,
    normal: normalEquations(sys.g, sys.b, k, p, m),
    weak: {
      testFunctions: k,
      widths,
      widthSamples: widths.map((x, r) => Math.round(x / medianStep(ds.trajectories[r]!.t))),
      automatic: w.support === 0,
      warnings,
      timings: { libraryMs: t1 - t0, assemblyMs: t2 - t1 },
    },
    basis: { fns: fns.value, order: w.order },
  });
}
