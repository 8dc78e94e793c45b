/**
 * Settings → the core's settings objects, and the cache key of every layer. A layer's key is
 * built from its upstream layer's key plus the settings that produce it, so a change
 * invalidates exactly what is downstream:
 *   data ← system, parameters, x0, span, step, sampling, noise, seed (or the uploaded file)
 *   derivatives ← data + derivative method;  Θ ← data + library
 *   regression ← Θ + derivatives (strong form) or Θ + test functions (weak form: no derivatives)
 *   fit ← regression + normalisation + optimizer (+ GLS, ensemble) — the hot part
 * Shared by the worker's engine and the store (which marks stale layers from the same keys).
 */
import type { DerivativeSettings } from '../core/derivative/registry';
import type { LibrarySettings } from '../core/library/library';
import type { SparseSettings } from '../core/optimize/mstls';
import type { EnsembleSettings } from '../core/ensemble/settings';
import type { WeakSettings } from '../core/weak/settings';
import type { Settings } from '../state/settings';

export function derivativeSettings(s: Settings): DerivativeSettings {
  switch (s.deriv) {
    case 'fd': return { method: 'fd' };
    case 'savgol': return { method: 'savgol', window: s.sgWindow, order: s.sgOrder };
    case 'tv': return { method: 'tv', alpha: s.tvAlpha, iterations: s.tvIter };
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

export interface LayerKeys { data: string; derivatives: string; theta: string; regression: string; problem: string; fit: string; sweep: string }

export function layerKeys(s: Settings, uploadId: number | null): LayerKeys {
  const source = s.source === 'upload'
    ? ['upload', uploadId, s.stateColumns, s.timeColumn]
    : ['system', s.system, s.params, s.x0, s.tEnd, s.dt, s.irregular];
  const data = JSON.stringify([...source, s.noise, s.seed]);
  const derivatives = data + JSON.stringify(derivativeSettings(s));
  const theta = data + JSON.stringify(librarySettings(s));
  // The weak form regresses on integrals against test functions: no derivative enters it.
  const { gls, ...weakSystem } = weakSettings(s);
  const regression = s.form === 'weak' ? theta + '|weak' + JSON.stringify(weakSystem) : theta + derivatives;
  const problem = regression + (s.normalize ? '|norm' : '|raw');
  const opt = optimizerSettings(s);
  const fit = problem + JSON.stringify(opt) + JSON.stringify([s.form === 'weak' && gls, ensembleSettings(s)]);
  // The sweep varies the threshold (α for LASSO, a fixed λ for MSTLS): it does not depend on it.
  const sweepable = opt.method === 'lasso' ? { ...opt, alpha: 0 } : { ...opt, threshold: 0 };
  return { data, derivatives, theta, regression, problem, fit, sweep: problem + JSON.stringify(sweepable) };
}
