/**
 * The identification methods the noise lab compares, each as "dataset in, coefficients out":
 * plain SINDy with three derivative estimators (finite differences; Savitzky–Golay, Savitzky
 * & Golay 1964; total-variation regularised differentiation, Chartrand 2011), weak SINDy
 * (Messenger & Bortz 2021) and ensemble SINDy (Fasel et al. 2022).
 */
import { defaultDerivative, type DerivativeSettings } from '../derivative/registry';
import { ensembleFit } from '../ensemble/ensemble';
import { defaultEnsembleSettings, type EnsembleSettings } from '../ensemble/settings';
import type { LibrarySettings } from '../library/library';
import type { SparseSettings } from '../optimize/mstls';
import { fitDataset } from '../pipeline/fit';
import { sindyRegressionLayer, type RegressionLayer } from '../pipeline/layers';
import { err, ok, type Dataset, type Result } from '../types';
import { fitWeak } from '../weak/fitWeak';
import { weakRegressionLayer } from '../weak/layer';
import { defaultWeakSettings, type WeakSettings } from '../weak/settings';

import { labMethods, type LabMethod } from './methodIds';

export { labMethods, type LabMethod };

/** Everything a fit needs besides the data. Plain data (crosses the worker boundary). */
export interface LabFitSettings {
  library: LibrarySettings;
  /** any registry optimizer or MSTLS */
  optimizer: SparseSettings;
  normalize: boolean;
  /** settings per derivative method (defaults: the derivative registry's) */
  derivatives?: Partial<Record<'fd' | 'savgol' | 'tv', DerivativeSettings>>;
  weak?: WeakSettings;
  ensemble?: EnsembleSettings;
  /** which regression rows the ensemble bags: a derivative method's or the weak form's; default 'fd' */
  ensembleBase?: Exclude<LabMethod, 'ensemble'>;
}

export interface LabFit { features: string[]; coefficients: Float64Array; ms: number }

function derivativeOf(s: LabFitSettings, id: 'fd' | 'savgol' | 'tv'): DerivativeSettings {
  return s.derivatives?.[id] ?? defaultDerivative[id];
}

/** The regression layer a method builds (for the ensemble to resample). */
export function labRegressionLayer(ds: Dataset, base: Exclude<LabMethod, 'ensemble'>, s: LabFitSettings): Result<RegressionLayer> {
  if (base === 'weak') return weakRegressionLayer(ds, s.library, s.weak ?? defaultWeakSettings());
  return sindyRegressionLayer(ds, derivativeOf(s, base), s.library);
}

/** Fit one dataset with one method. */
export function fitWithMethod(ds: Dataset, method: LabMethod, s: LabFitSettings): Result<LabFit> {
  const t0 = performance.now();
  if (method === 'weak') {
    const r = fitWeak(ds, s, s.weak ?? defaultWeakSettings());
    return r.ok ? ok({ features: r.value.features, coefficients: r.value.coefficients, ms: performance.now() - t0 }) : err(r.error);
  }
  if (method === 'ensemble') {
    const reg = labRegressionLayer(ds, s.ensembleBase ?? 'fd', s);
    if (!reg.ok) return err(reg.error);
    const e = ensembleFit(reg.value, s.normalize, s.optimizer, s.ensemble ?? defaultEnsembleSettings(), ds.stateNames);
    return ok({ features: reg.value.theta.library.names, coefficients: e.coefficients, ms: performance.now() - t0 });
  }
  const r = fitDataset(ds, { derivative: derivativeOf(s, method), library: s.library, optimizer: s.optimizer, normalize: s.normalize });
  return r.ok ? ok({ features: r.value.features, coefficients: r.value.coefficients, ms: performance.now() - t0 }) : err(r.error);
}
