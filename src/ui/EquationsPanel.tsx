/**
 * The true system beside the recovered one (KaTeX), terms marked correct / missing / extra,
 * with a text summary (support, coefficient errors, R²) that screen readers get as prose.
 */
import { getSystem } from '../core/systems/registry';
import { fmtCoef } from '../core/model/equations';
import { useStore } from '../state/store';
import { Equation } from './Equation';
import { coefficientRows, dotLatex, markedLatex } from './equationMarkup';

export function EquationsPanel() {
  const fit = useStore((s) => s.fit);
  const source = useStore((s) => s.settings.source);
  const systemId = useStore((s) => s.settings.system);
  const sys = getSystem(systemId);
  const stateNames = fit?.stateNames ?? (source === 'system' ? sys?.stateNames ?? [] : []);
  const trueLatex = fit ? fit.trueLatex : source === 'system' && sys ? sys.latex : null;

  return (
    <section className="card equations" aria-labelledby="eq-title">
      <header className="card-head">
        <h2 id="eq-title">Equations</h2>
        <Summary />
      </header>
      <div className="eq-columns">
        <div className="eq-col" data-testid="equations-true">
          <h3>True</h3>
          {trueLatex ? stateNames.map((n, j) => <EqLine key={n} lhs={dotLatex(n)} rhs={trueLatex[j] ?? '0'} />)
            : <p className="muted">{source === 'upload' ? 'Uploaded data: the true equations are unknown.' : 'This system is not a finite sum of library terms.'}</p>}
        </div>
        <div className="eq-col" data-testid="equations-recovered">
          <h3>Recovered</h3>
          {fit ? fit.stateNames.map((n, j) => <EqLine key={n} lhs={dotLatex(n)} rhs={markedLatex(fit, j)} />) : <p className="muted">Fitting…</p>}
        </div>
      </div>
      {fit?.truthRow ? <p className="legend"><span className="lg-extra">underlined</span> = extra term · <span className="lg-missing">struck out</span> = missing term</p> : null}
      {fit ? <CoefficientTable /> : null}
    </section>
  );
}

function EqLine({ lhs, rhs }: { lhs: string; rhs: string }) {
  return <div className="eq-line"><Equation tex={`${lhs} = ${rhs}`} display /></div>;
}

function Summary() {
  const fit = useStore((s) => s.fit);
  if (!fit) return null;
  const r2 = fit.r2.map((v) => v.toFixed(4)).join(', ');
  const sup = fit.support;
  const parts: string[] = [];
  if (sup) {
    parts.push(sup.recovered ? 'exact support recovered' : `${sup.missing.length} missing, ${sup.extra.length} extra term${sup.extra.length === 1 ? '' : 's'}`);
    if (Number.isFinite(sup.maxRelativeError)) parts.push(`max coefficient error ${(sup.maxRelativeError * 100).toPrecision(2)}%`);
  }
  parts.push(`R² ${r2}`);
  return <p className={`card-sub ${sup && !sup.recovered ? 'warn' : ''}`} data-testid="fit-summary">{sup?.recovered ? '✓ ' : ''}{parts.join(' · ')}</p>;
}

function CoefficientTable() {
  const fit = useStore((s) => s.fit);
  if (!fit || !fit.truthRow) return null;
  const rows = coefficientRows(fit);
  return (
    <details className="coef-table">
      <summary>Coefficient errors ({rows.length} terms)</summary>
      <table>
        <thead><tr><th scope="col">state</th><th scope="col">term</th><th scope="col">true</th><th scope="col">recovered</th><th scope="col">error</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.state}:${r.term}`} className={`row-${r.kind}`}>
              <td>d{r.state}/dt</td><td><code>{r.term}</code></td><td>{fmtCoef(r.truth)}</td><td>{fmtCoef(r.recovered)}</td>
              <td>{r.kind === 'extra' ? 'extra' : r.kind === 'missing' ? 'missing' : `${((r.relError ?? 0) * 100).toPrecision(2)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
