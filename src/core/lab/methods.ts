/**
 * The identification methods the noise lab compares, each as "dataset in, coefficients out":
 * plain SINDy with three derivative estimators (finite differences; Savitzky–Golay, Savitzky
 * & Golay 1964; total-variation regularised differentiation, Chartrand 2011), weak SINDy
 * (Messenger & Bortz 2021) and ensemble SINDy (Fasel et al. 2022).
 */
import { defaultDerivative, type DerivativeId, type DerivativeSettings } from '../derivative/registry';
import { defaultEnsembleSettings, type EnsembleSettings } from '../ensemble/settings';
import type { LibrarySettings } from '../library/library';
import { fitWithSpec } from '../methods/fit';
import type { PipelineSpec } from '../methods/types';
import type { SparseSettings } from '../optimize/mstls';
import { err, ok, type Dataset, type Result } from '../types';
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
  derivatives?: Partial<Record<DerivativeId, DerivativeSettings>>;
  weak?: WeakSettings;
  ensemble?: EnsembleSettings;
  /** which regression rows the ensemble bags: a derivative method's or the weak form's; default 'fd' */
  ensembleBase?: DerivativeId | 'weak';
}

export interface LabFit { features: string[]; coefficients: Float64Array; ms: number }

function derivativeOf(s: LabFitSettings, id: DerivativeId): DerivativeSettings {
  return s.derivatives?.[id] ?? defaultDerivative[id];
}

/** The registered fitting method (and its derivative estimate) a lab method stands for. */
export function labPipelineSpec(method: LabMethod, s: LabFitSettings): PipelineSpec {
  const base = { library: s.library, optimizer: s.optimizer, normalize: s.normalize };
  const weak = s.weak ?? defaultWeakSettings();
  if (method === 'weak') return { ...base, derivative: { method: 'fd' }, method: { id: 'weak', settings: { ...weak } } };
  if (method === 'ensemble') {
    const e = s.ensemble ?? defaultEnsembleSettings();
    const b = s.ensembleBase ?? 'fd';
    return {
      ...base, derivative: derivativeOf(s, b === 'weak' ? 'fd' : b),
      method: { id: 'esindy', settings: { models: e.models, inclusionThreshold: e.inclusionThreshold, libraryBagging: e.libraryBagging, sampleFraction: e.sampleFraction, seed: e.seed, form: b === 'weak' ? 'weak' : 'strong', weak: { ...weak } } },
    };
  }
  return { ...base, derivative: derivativeOf(s, method), method: { id: 'sindy', settings: {} } };
}

/** Fit one dataset with one method, through the generic method loop. */
export function fitWithMethod(ds: Dataset, method: LabMethod, s: LabFitSettings): Result<LabFit> {
  const r = fitWithSpec(ds, labPipelineSpec(method, s));
  if (!r.ok) return err(r.error);
  const { model } = r.value.outcome;
  if (model.kind !== 'library') return err('The noise lab scores library models only.');
  return ok({ features: [...model.library.names], coefficients: model.coefficients, ms: r.value.ms });
}
