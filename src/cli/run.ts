/** Run the fit the CLI asked for, R times, and shape the report (pure: no fs, no process). */
import { optimizeSparse, validateSparse } from '../core/optimize/mstls';
import { describeFit, fitDataset, type FitResult } from '../core/pipeline/fit';
import { derivativeLayer, problemOf, regressionLayer, thetaLayer } from '../core/pipeline/layers';
import { err, ok, type Dataset, type Result } from '../core/types';
import type { CliOptions } from './args';
import { ensembleReport, ensembleSettingsOf, fitEnsemble, type CliEnsembleReport } from './ensemble';
import { fitWeak } from '../core/weak/fitWeak';
import { defaultWeakSettings, validateWeak, type WeakSettings } from '../core/weak/settings';
import { median } from '../core/stats';

export interface CliReport {
  states: string[];
  features: string[];
  /** one row per state, one column per feature */
  coefficients: number[][];
  equations: Record<string, string>;
  status: string;
  message: string | null;
  warnings: string[];
  r2: number[];
  method: string;
  timings: { fitMs: number; fitMsAll: number[] };
  /** only with --ensemble N */
  ensemble?: CliEnsembleReport;
}

/** Plain SINDy when the optimizer is MSTLS (outside the registry, so not in fitDataset). */
function fitSindyMstls(ds: Dataset, o: CliOptions): Result<FitResult> {
  const t0 = performance.now();
  const d = derivativeLayer(ds, o.settings.derivative);
  if (!d.ok) return d;
  const t1 = performance.now();
  const th = thetaLayer(ds, o.settings.library);
  if (!th.ok) return th;
  const t2 = performance.now();
  const reg = regressionLayer(th.value, d.value, ds.stateNames.length);
  const t3 = performance.now();
  const res = optimizeSparse(problemOf(reg, o.settings.normalize), o.settings.optimizer, ds.stateNames);
  const t4 = performance.now();
  return ok({
    ...describeFit(reg, ds.stateNames, res),
    timings: { derivativesMs: t1 - t0, libraryMs: t2 - t1, regressionMs: t3 - t2, optimizerMs: t4 - t3, totalMs: t4 - t0 },
  });
}

/** One fit as asked; with --ensemble also the ensemble's part of the report. */
function fitOnce(ds: Dataset, o: CliOptions, w: WeakSettings): Result<{ fit: FitResult; ensemble?: CliEnsembleReport }> {
  if (o.ensemble > 0) {
    const r = fitEnsemble(ds, o, w);
    if (!r.ok) return r;
    const m = ds.stateNames.length;
    return ok({ fit: r.value.fit, ensemble: ensembleReport(r.value.ensemble, ensembleSettingsOf(o), m, r.value.fit.features.length) });
  }
  const opt = o.settings.optimizer;
  const r = o.method === 'weak' ? fitWeak(ds, o.settings, w)
    : opt.method === 'mstls' ? fitSindyMstls(ds, o) : fitDataset(ds, { ...o.settings, optimizer: opt });
  return r.ok ? ok({ fit: r.value }) : r;
}

function checkOptions(o: CliOptions, w: WeakSettings): Result<void> {
  const v = validateSparse(o.settings.optimizer);
  if (!v.ok) return err(v.error);
  if (o.method === 'weak') {
    const vw = validateWeak(w);
    if (!vw.ok) return err(vw.error);
  } else if (o.gls) return err('--gls needs --method weak (it reweights the weak form\'s residuals).');
  if (o.gls && o.ensemble > 0) return err('--gls cannot be combined with --ensemble; drop one of them.');
  return ok(undefined);
}

export function runFit(ds: Dataset, o: CliOptions): Result<CliReport> {
  const w: WeakSettings = { ...defaultWeakSettings(), ...(o.testFunctions > 0 ? { testFunctions: o.testFunctions } : {}), support: o.support, gls: o.gls };
  const c = checkOptions(o, w);
  if (!c.ok) return err(c.error);
  const times: number[] = [];
  let last: { fit: FitResult; ensemble?: CliEnsembleReport } | null = null;
  for (let k = 0; k < o.repeats; k++) {
    const r = fitOnce(ds, o, w);
    if (!r.ok) return err(r.error);
    last = r.value;
    times.push(r.value.fit.timings.totalMs);
  }
  const f = last!.fit;
  const p = f.features.length;
  return ok({
    states: f.stateNames,
    features: f.features,
    coefficients: f.stateNames.map((_, j) => Array.from(f.coefficients.subarray(j * p, (j + 1) * p))),
    equations: Object.fromEntries(f.stateNames.map((s, j) => [s, f.equations[j]!])),
    status: f.optimizer.status,
    message: f.optimizer.message,
    warnings: f.optimizer.warnings,
    r2: f.r2,
    method: o.method,
    timings: { fitMs: median(times), fitMsAll: times },
    ...(last!.ensemble ? { ensemble: last!.ensemble } : {}),
  });
}
