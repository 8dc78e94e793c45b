/**
 * A fit's results as text to take elsewhere: the equations as LaTeX or plain text (mathjs
 * syntax, one `dx/dt = …` line per state), the coefficient table as CSV (one row per state,
 * one column per library term, every digit kept), an expression model's formulas as CSV, and
 * the simulated trajectories as CSV in the same layout as the data (datasetToCsv), so the
 * playground, pandas and the exported scripts read both alike.
 */
import { datasetToCsv } from '../data/csv';
import { quoteField } from '../data/csvTokenize';
import type { IntegrationResult } from '../integrate/integrate';
import { dotLatex } from '../model/equations';
import type { Dataset } from '../types';

/** Exactly the double (JS's shortest round-trip form, as datasetToCsv writes numbers). */
const exact = (v: number): string => (Object.is(v, -0) ? '0' : String(v));

/** `dx/dt = -10*x + 10*y`, one line per state (the right-hand sides as the fit formatted them). */
export function equationsPlain(stateNames: readonly string[], equations: readonly string[]): string {
  return stateNames.map((n, j) => `d${n}/dt = ${equations[j] ?? '0'}`).join('\n') + '\n';
}

/** The system as one LaTeX `aligned` block (the right-hand sides as the fit typeset them). */
export function equationsLatex(stateNames: readonly string[], latex: readonly string[]): string {
  const rows = stateNames.map((n, j) => `  ${dotLatex(n)} &= ${latex[j] ?? '0'}`);
  return `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}\n`;
}

/**
 * Ξ as CSV: header `state,<feature>,…`, then one row per state with its coefficient on each
 * library term (0 for a term the fit removed). coefficients: m × p, row-major.
 */
export function coefficientsCsv(stateNames: readonly string[], features: readonly string[], coefficients: ArrayLike<number>): string {
  const p = features.length;
  const lines = [['state', ...features].map(quoteField).join(',')];
  stateNames.forEach((n, j) => {
    const row = [quoteField(n)];
    for (let a = 0; a < p; a++) row.push(exact(coefficients[j * p + a]!));
    lines.push(row.join(','));
  });
  return lines.join('\n') + '\n';
}

/** An expression model (symbolic search) as CSV: header `state,equation`, one formula per state (mathjs syntax). */
export function equationsCsv(stateNames: readonly string[], equations: readonly string[]): string {
  const lines = ['state,equation', ...stateNames.map((n, j) => `${quoteField(n)},${quoteField(equations[j] ?? '0')}`)];
  return lines.join('\n') + '\n';
}

/** Where a simulated trajectory stopped early, for the message beside the download. */
export interface SimulationEnd { trajectory: number; tFail: number | null; status: IntegrationResult['status'] }

/**
 * The model simulated from each trajectory's initial state at its times, as CSV in the data's
 * layout (a `trajectory` column numbered 1, 2, … when there are several). A simulation that
 * diverged or ran out of steps ends at its last valid row; `ended` lists those trajectories.
 */
export function simulationCsv(times: readonly Float64Array[], results: readonly IntegrationResult[], stateNames: readonly string[], timeName = 't'): { csv: string; rows: number; ended: SimulationEnd[] } {
  const m = stateNames.length;
  const ended: SimulationEnd[] = [];
  let rows = 0;
  const trajectories = results.map((r, k) => {
    if (r.status !== 'ok') ended.push({ trajectory: k + 1, tFail: r.tFail ?? null, status: r.status });
    const n = r.status === 'ok' ? times[k]!.length : r.nOk;
    rows += n;
    return { t: times[k]!.subarray(0, n), y: r.y.subarray(0, n * m) };
  });
  const ds: Dataset = { stateNames: [...stateNames], trajectories };
  return { csv: datasetToCsv(ds, timeName), rows, ended };
}
