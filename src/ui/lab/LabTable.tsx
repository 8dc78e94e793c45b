/** The sweep as a table (for screen readers and exact numbers): success k/n and median error per method and level. */
import type { SweepCell } from '../../core/lab/noiseSweep';
import { fmtPct, METHOD_LABEL } from './labLabels';

export function LabTable({ cells }: { cells: SweepCell[] }) {
  const levels = [...new Set(cells.map((c) => c.noise))];
  const methods = [...new Set(cells.map((c) => c.method))];
  const at = (mth: string, noise: number): SweepCell | undefined => cells.find((c) => c.method === mth && c.noise === noise);
  return (
    <details className="coef-table">
      <summary>Table of the sweep</summary>
      <div className="table-scroll">
        <table data-testid="lab-table">
          <caption className="sr-only">Exact recoveries and median coefficient error per method and noise level</caption>
          <thead><tr><th scope="col">Method</th>{levels.map((l) => <th key={l} scope="col">{fmtPct(l)} noise</th>)}</tr></thead>
          <tbody>
            {methods.map((mth) => (
              <tr key={mth}>
                <th scope="row">{METHOD_LABEL[mth]}</th>
                {levels.map((l) => {
                  const c = at(mth, l);
                  return <td key={l}>{c ? `${c.successes}/${c.runs} exact · ${fmtErr(c.medianCoefficientError)}` : '—'}{c?.failures ? ` · ${c.failures} failed` : ''}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cells.some((c) => c.firstError) ? <p className="muted small">First failure: {cells.find((c) => c.firstError)?.firstError}</p> : null}
    </details>
  );
}

function fmtErr(e: number): string {
  return Number.isFinite(e) ? `${(100 * e).toPrecision(2)}% error` : 'no fit';
}
