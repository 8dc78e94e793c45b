/** Run the fit the CLI asked for, R times, and shape the report (pure: no fs, no process). */
import { fitDataset, type FitResult } from '../core/pipeline/fit';
import { err, ok, type Dataset, type Result } from '../core/types';
import type { CliOptions } from './args';
import { fitWeak } from '../core/weak/fitWeak';
import { defaultWeakSettings, validateWeak } from '../core/weak/settings';
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
}


export function runFit(ds: Dataset, o: CliOptions): Result<CliReport> {
  if (o.ensemble > 0) return err('--ensemble is not available in the CLI yet; fit without it.');
  const w = { ...defaultWeakSettings(), ...(o.testFunctions > 0 ? { testFunctions: o.testFunctions } : {}), support: o.support };
  if (o.method === 'weak') {
    const v = validateWeak(w);
    if (!v.ok) return err(v.error);
  }
  const times: number[] = [];
  let last: FitResult | null = null;
  for (let k = 0; k < o.repeats; k++) {
    const r = o.method === 'weak' ? fitWeak(ds, o.settings, w) : fitDataset(ds, o.settings);
    if (!r.ok) return err(r.error);
    last = r.value;
    times.push(r.value.timings.totalMs);
  }
  const f = last!;
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
  });
}
