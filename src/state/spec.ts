/**
 * The adapter from the playground's settings (the form: flat, one field per control) to the
 * core's specs (what the worker, the lab and the CLI run). The only place that knows both;
 * the workers receive core types only.
 */
import type { DataSpec } from '../core/data/spec';
import type { DerivativeSettings } from '../core/derivative/registry';
import type { EnsembleSettings } from '../core/ensemble/settings';
import type { LibrarySettings } from '../core/library/library';
import type { FitSpec, PipelineSpec } from '../core/methods/types';
import type { SparseSettings } from '../core/optimize/mstls';
import type { WeakSettings } from '../core/weak/settings';
import { SINDY_FAMILY, type Settings } from './settings';

export function derivativeSettings(s: Settings): DerivativeSettings {
  switch (s.deriv) {
    case 'fd': return { method: 'fd' };
    case 'savgol': return { method: 'savgol', window: s.sgWindow, order: s.sgOrder };
    case 'tv': return { method: 'tv', alpha: s.tvAlpha, iterations: s.tvIter };
    // PySINDy's SmoothedFiniteDifference: the Savitzky–Golay window and order smooth, then finite differences
    case 'smoothed-fd': return { method: 'smoothed-fd', window: s.sgWindow, order: s.sgOrder };
  }
}

export function librarySettings(s: Settings): LibrarySettings {
  return { degree: s.degree, bias: s.bias, fourier: s.fourier, custom: [...s.terms] };
}

export function optimizerSettings(s: Settings): SparseSettings {
  switch (s.opt) {
    case 'stlsq': return { method: 'stlsq', threshold: s.threshold, alpha: s.alpha, maxIter: s.maxIter };
    case 'lasso': return { method: 'lasso', alpha: Math.max(s.alpha, 1e-6), maxIter: Math.max(s.maxIter, 1000), tol: 1e-8, unbias: true };
    case 'sr3': return { method: 'sr3', threshold: s.threshold, nu: s.nu, regularizer: s.regularizer, maxIter: Math.max(s.maxIter, 1000), tol: 1e-8, unbias: true };
    case 'mstls': return { method: 'mstls', threshold: s.mlam, alpha: s.alpha, maxIter: s.maxIter };
  }
}

export function weakSettings(s: Settings): WeakSettings {
  return { testFunctions: s.weakK, support: s.weakSupport, order: s.weakOrder, gls: s.gls };
}

/** E-SINDy settings, or null when the ensemble is off (fewer than 2 models). */
export function ensembleSettings(s: Settings): EnsembleSettings | null {
  if (s.ens < 2) return null;
  return { models: s.ens, sampleFraction: 1, libraryBagging: s.ensLib, inclusionThreshold: s.ensInc, seed: s.seed };
}

export function dataSpec(s: Settings, uploadId: number | null): DataSpec {
  return s.source === 'upload'
    ? { source: 'upload', uploadId, file: s.file, stateColumns: [...s.stateColumns], timeColumn: s.timeColumn, noise: s.noise, seed: s.seed }
    : { source: 'system', system: s.system, params: { ...s.params }, x0: [...s.x0], tEnd: s.tEnd, dt: s.dt, irregular: s.irregular, noise: s.noise, seed: s.seed };
}

/**
 * The fitting method and its settings: a registered method chosen by `method` with its own
 * settings (the non-default values; the method fills in its defaults); for the SINDy family,
 * E-SINDy when the ensemble is on, else strong or weak SINDy.
 */
export function pipelineSpec(s: Settings): PipelineSpec {
  const base = { derivative: derivativeSettings(s), library: librarySettings(s), optimizer: optimizerSettings(s), normalize: s.normalize };
  if (s.method !== SINDY_FAMILY) return { ...base, method: { id: s.method, settings: { ...s.methodSettings } } };
  const ens = ensembleSettings(s);
  if (ens) {
    const { models, inclusionThreshold, libraryBagging, sampleFraction, seed } = ens;
    return { ...base, method: { id: 'esindy', settings: { models, inclusionThreshold, libraryBagging, sampleFraction, seed, form: s.form, weak: weakSettings(s) } } };
  }
  if (s.form === 'weak') return { ...base, method: { id: 'weak', settings: { ...weakSettings(s) } } };
  return { ...base, method: { id: 'sindy', settings: {} } };
}

/** What the fit worker runs for these settings. */
export function fitSpec(s: Settings, uploadId: number | null): FitSpec {
  return { data: dataSpec(s, uploadId), pipeline: pipelineSpec(s) };
}
