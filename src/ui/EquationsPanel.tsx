/**
 * The true system beside the recovered one (KaTeX), terms marked correct / missing / extra,
 * with a text summary (support, coefficient errors, R²) that screen readers get as prose.
 */
import { getSystem } from '../core/systems/registry';
import { fmtCoef } from '../core/model/equations';
import { useStore } from '../state/store';
import { Equation } from './Equation';
import { Help } from './Help';
import { ExportMenu } from './export/ExportMenu';
import { coefficientRows, dotLatex, markedLatex } from './equationMarkup';

export function EquationsPanel() {
  const fit = useStore((s) => s.fit);
  const source = useStore((s) => s.settings.source);
  const systemId = useStore((s) => s.settings.system);
  const sys = getSystem(systemId);
  const stateNames = fit?.stateNames ?? (source === 'system' ? sys?.stateNames ?? [] : []);
  // The system's own equations when the fit has no library form of them (e.g. y/(1+y)).
  const systemLatex = source === 'system' && sys ? sys.latex : null;
  const trueLatex = fit?.trueLatex ?? systemLatex;
  // A library model that cannot hold the true law (y/(1+y)) only approximates it; an expression model is not bound to a library.
  const outsideLibrary = source === 'system' && !!fit && fit.features.length > 0 && fit.trueLatex === null && fit.truthRow === null;

  const phase = useStore((s) => s.status.phase);
  // Stop keeps the best model so far of the run it stopped; stopped before the method reported, or
  // after a failed run, the equations shown belong to earlier settings: say which.
  const ownRun = useStore((s) => s.fitRun === s.status.runId);
  const stale = phase === 'stopped' && !ownRun ? 'Stale: the fit was stopped before the method reported, so these equations are from the earlier settings. Change a setting to fit again.'
    : phase === 'error' ? 'Stale: the last fit failed (see the message above), so these equations are from the earlier settings.' : null;
  const stoppedHere = phase === 'stopped' && ownRun && fit?.status === 'stopped';

  return (
    <section className={`card equations${fit && stale ? ' is-stale' : ''}`} aria-labelledby="eq-title">
      <header className="card-head">
        <h2 id="eq-title">Equations</h2>
        <ExportMenu />
        <Summary />
      </header>
      <p className="about-numbers"><span>About these numbers:</span>
        <span>support<Help topic="support" /></span><span>coefficient error<Help topic="coefError" /></span><span>R²<Help topic="r2" /></span><span>simulation error<Help topic="simError" /></span>
      </p>
      <div className="eq-columns">
        <div className="eq-col" data-testid="equations-true">
          <h3>True</h3>
          {trueLatex ? stateNames.map((n, j) => <EqLine key={n} lhs={dotLatex(n)} rhs={trueLatex[j] ?? '0'} />)
            : <p className="muted">{source === 'upload' ? 'Uploaded data: the true equations are unknown.' : 'This system is not a finite sum of library terms.'}</p>}
          {outsideLibrary && trueLatex ? <p className="muted small" data-testid="outside-library">Not a finite sum of library terms: any recovered model here only approximates this field. A good fit of a long polynomial is not this law; custom terms can express it.</p> : null}
          {source === 'upload' ? <FewSamples /> : null}
        </div>
        <div className="eq-col" data-testid="equations-recovered">
          <h3>Recovered</h3>
          {fit && stale ? <p className="stale-note" data-testid="stale-note">{stale}</p> : null}
          {stoppedHere ? <p className="muted small" data-testid="stopped-note">Stopped: the best model found so far.</p> : null}
          {fit ? fit.stateNames.map((n, j) => <EqLine key={n} lhs={dotLatex(n)} rhs={fit.features.length ? markedLatex(fit, j) : fit.latex[j] ?? '0'} />) : <NoFit />}
          <PickedNote />
        </div>
      </div>
      {fit?.truthRow ? <p className="legend"><span className="lg-extra">underlined</span> = extra term · <span className="lg-missing">struck out</span> = missing term</p> : null}
      {fit ? <CoefficientTable /> : null}
      <OutsideTerms />
    </section>
  );
}

/** Formulas picked on the Pareto front instead of the method's choice: which, and the way back. */
function PickedNote() {
  const pareto = useStore((s) => s.fit?.pareto ?? null);
  const names = useStore((s) => s.fit?.stateNames);
  const picked = useStore((s) => s.settings.pick.some((c) => c > 0));
  const setSettings = useStore((s) => s.setSettings);
  if (!pareto || !names || !picked) return null;
  const which = names.flatMap((n, j) => (pareto.shown[j] !== pareto.chosen[j] ? [`d${n}/dt (complexity ${pareto.shown[j]}; the method chose ${pareto.chosen[j]})`] : []));
  if (which.length === 0) return null;
  return (
    <p className="hint small" data-testid="picked-note">
      Picked on the Pareto front: {which.join(', ')}.{' '}
      <button type="button" className="btn" data-testid="picked-reset" onClick={() => setSettings({ pick: [] })}>Use the method's choice</button>
    </p>
  );
}

/**
 * Real data is often short: the lynx–hare record has 21 yearly samples. Say what so few
 * samples can support (a few terms, a hypothesis) and what they cannot (a law, many terms).
 */
function FewSamples() {
  const rows = useStore((s) => s.upload?.info.nRows ?? 0);
  const terms = useStore((s) => s.fit?.features.length ?? 0);
  if (rows === 0 || rows >= 200) return null;
  return (
    <p className="advice small" data-testid="few-samples">
      {rows} samples: enough to test a model with a handful of terms, not to discover one from a large library{terms ? ` (this library has ${terms} terms per equation)` : ''}.
      Derivatives from so few points are rough, so treat the recovered equations as a hypothesis to check against more data, not as a law.
      Keep the library small (degree 2), try the weak form, and see whether the terms survive a new noise draw.
    </p>
  );
}

/** What the Recovered column says while there is no fit: what is awaited, or why there is none. */
function NoFit() {
  const status = useStore((s) => s.status);
  const file = useStore((s) => s.settings.file);
  const source = useStore((s) => s.settings.source);
  const text = status.phase === 'error' ? `No fit: ${status.message}`
    : status.phase === 'stopped' ? 'Stopped before a fit. Change a setting to fit again.'
      : status.phase === 'waiting' && source === 'upload' ? `Waiting for the file${file ? ` '${file}'` : ''}: load it under Data → Upload CSV. Uploaded data never travels in links.`
        : status.phase === 'waiting' ? `Waiting: ${status.message}…` : 'Fitting…';
  return <p className={status.phase === 'error' ? 'warn' : 'muted'} data-testid="no-fit">{text}</p>;
}

/**
 * One equation, typeset inline in display style: KaTeX breaks inline math after '=', '+' and
 * '−', so a long right-hand side wraps onto further lines instead of running out of its
 * column (display mode never breaks). A single term too wide for the column scrolls.
 */
function EqLine({ lhs, rhs }: { lhs: string; rhs: string }) {
  return <div className="eq-line"><Equation tex={`\\displaystyle ${lhs} = ${rhs}`} /></div>;
}

function Summary() {
  const fit = useStore((s) => s.fit);
  const simError = useStore((s) => s.sim?.error ?? null);
  if (!fit) return null;
  const r2 = fit.r2.map((v) => v.toFixed(4)).join(', ');
  // R² is measured against each method's own regression target; the simulation error means the same for all.
  const target = fit.weak || fit.method === 'weak' ? 'weak system' : 'ẏ estimates';
  const sup = fit.support;
  const parts: string[] = [];
  if (sup) {
    parts.push(sup.recovered ? 'exact support recovered' : `${sup.missing.length} missing, ${sup.extra.length} extra term${sup.extra.length === 1 ? '' : 's'}`);
    if (Number.isFinite(sup.maxRelativeError)) parts.push(`max coefficient error ${(sup.maxRelativeError * 100).toPrecision(2)}%`);
  }
  if (r2) parts.push(`R² (${target}) ${r2}`);
  if (simError && simError.length) parts.push(`simulation error ${simError.map((e) => (Number.isFinite(e) ? `${(100 * e).toPrecision(2)}%` : '—')).join(', ')}`);
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

/**
 * True terms the library cannot express (the pendulum's sin x with polynomials): name them and
 * say which setting brings them in, since no threshold can recover them.
 */
function OutsideTerms() {
  const outside = useStore((s) => s.fit?.support?.notInLibrary ?? null);
  if (!outside || outside.length === 0) return null;
  const names = [...new Set(outside.map((t) => t.term))];
  const trig = names.some((n) => /^(sin|cos)\(/.test(n));
  return (
    <p className="hint" data-testid="outside-terms">
      Not in the library, so no threshold can find {names.length === 1 ? 'it' : 'them'}: {names.map((n) => `'${n}'`).join(', ')} (in {[...new Set(outside.map((t) => `d${t.state}/dt`))].join(', ')}).{' '}
      {trig ? 'Add Fourier terms (Library → Fourier frequencies ≥ 1).' : 'Add it as a custom term (Library → Custom term), or raise the degree.'}
    </p>
  );
}
