/** Run the fit the CLI asked for, R times, and shape the report (pure: no fs, no process). */
import { validateSparse } from '../core/optimize/mstls';
import { fitDataset, type FitResult } from '../core/pipeline/fit';
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

/** One fit as asked; with --ensemble also the ensemble's part of the report. */
function fitOnce(ds: Dataset, o: CliOptions, w: WeakSettings): Result<{ fit: FitResult; ensemble?: CliEnsembleReport }> {
  if (o.ensemble > 0) {
    const r = fitEnsemble(ds, o, w);
    if (!r.ok) return r;
    const m = ds.stateNames.length;
    return ok({ fit: r.value.fit, ensemble: ensembleReport(r.value.ensemble, ensembleSettingsOf(o), m, r.value.fit.features.length) });
  }
  const r = o.method === 'weak' ? fitWeak(ds, o.settings, w) : fitDataset(ds, o.settings);
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
  // Never exit 0 with nonsense: a NaN or infinite coefficient or R² means the data's scale
  // broke the arithmetic (the CSV reader refuses the known causes; this is the last guard).
  if (!f.r2.every(Number.isFinite) || !f.coefficients.every(Number.isFinite)) {
    return err(`The fit gave non-finite numbers (NaN or infinity): the data's values or time steps are too large or too small to compute with. Rescale the columns (e.g. to other units).`);
  }
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
