/**
 * The Pareto front of each state, for methods whose outcome has one (a symbolic search): live
 * while the method runs, then the outcome's. A click on a point (or a choice in the list under
 * it, the keyboard's way) shows that formula for its state: the pick goes into the settings and
 * the link (pick=…), and the worker swaps the formula into the model, so the equations, the
 * simulation and the exports follow it. "Use the method's choice" takes the pick back.
 */
import { useCallback, useMemo } from 'react';
import { useStore as useVanilla } from 'zustand';
import { fmtCoef } from '../../core/model/equations';
import { pickOnFront } from '../../state/methods';
import { SINDY_FAMILY } from '../../state/settings';
import { live, useStore } from '../../state/store';
import type { FrontEntry, ParetoPayload } from '../../worker/protocol';
import { Help } from '../Help';
import { frontFigure, rateName } from './methodFigures';
import { PlotlyFigure } from './PlotlyFigure';

const NO_NAMES: readonly string[] = Object.freeze([]);

export function FrontPlot() {
  const method = useStore((s) => s.settings.method);
  const final = useStore((s) => s.fit?.pareto ?? null);
  const running = useStore((s) => s.status.phase === 'running');
  const stateNames = useStore((s) => s.data?.stateNames ?? s.fit?.stateNames ?? NO_NAMES);
  const pick = useStore((s) => s.settings.pick);
  const projector = useStore((s) => s.projector);
  const setSettings = useStore((s) => s.setSettings);
  const liveFronts = useVanilla(live, (v) => v.fronts);
  // While the method runs its streamed fronts are shown (the last outcome's until the first arrives).
  const fronts = running && liveFronts ? liveFronts : final?.fronts ?? liveFronts;
  const pickable = !running && final !== null && fronts === final.fronts;
  const fig = useMemo(() => (fronts ? frontFigure(fronts, stateNames, pickable ? final : null, projector) : null), [fronts, stateNames, pickable, final, projector]);
  const choose = useCallback((j: number, c: number) => {
    if (!final) return;
    setSettings({ pick: pickOnFront(useStore.getState().settings.pick, final.fronts.length, j, c, final.chosen) });
  }, [final, setSettings]);
  const onPoint = useCallback((cd: unknown) => {
    if (!pickable || !Array.isArray(cd)) return;
    const [j, c] = cd as unknown[];
    if (typeof j === 'number' && typeof c === 'number') choose(j, c);
  }, [pickable, choose]);
  if (method === SINDY_FAMILY || (!fronts && !running)) return null;
  const sub = running ? 'Searching: the best formula of each size found so far, per state.'
    : 'Each point is the best formula of its size; click one to show it for its state.';
  return (
    <section className="card plot-card" aria-labelledby="front-title" data-testid="front-card">
      <header className="card-head">
        <h2 id="front-title">Pareto front<Help topic="front" /></h2>
        <p className="card-sub">{sub}</p>
      </header>
      {fig ? <PlotlyFigure label="Pareto front per state: formula complexity against loss" data={fig.data} layout={fig.layout} height={projector ? 420 : 320} onPoint={onPoint} testId="front-plot" />
        : <div className="plot-empty" data-testid="front-plot">The fronts appear as the search runs…</div>}
      {pickable && final ? <FrontPicker final={final} stateNames={stateNames} pick={pick} onChoose={choose} onReset={() => setSettings({ pick: [] })} /> : null}
    </section>
  );
}

function entryText(e: FrontEntry): string {
  return `${e.complexity}: ${e.equation.length > 60 ? `${e.equation.slice(0, 59)}…` : e.equation} (loss ${fmtCoef(e.loss, 2)})`;
}

/** One list per state (keyboard and screen readers pick here), and the way back to the method's choice. */
function FrontPicker({ final, stateNames, pick, onChoose, onReset }: { final: ParetoPayload; stateNames: readonly string[]; pick: readonly number[]; onChoose: (j: number, c: number) => void; onReset: () => void }) {
  const picked = pick.some((c) => c > 0);
  return (
    <div className="front-picks">
      {final.fronts.map((front, j) => (
        <div className="inline-field" key={j}>
          <label htmlFor={`front-pick-${j}`}>{rateName(stateNames[j] ?? `x${j}`)}</label>
          <select id={`front-pick-${j}`} data-testid={`front-pick-${j}`} value={String(final.shown[j] ?? 0)} onChange={(e) => onChoose(j, Number(e.target.value))}>
            {final.shown[j] ? null : <option value="0">(not on the front)</option>}
            {front.map((e) => <option key={e.complexity} value={e.complexity}>{entryText(e)}{e.complexity === final.chosen[j] ? ' · method\'s choice' : ''}</option>)}
          </select>
        </div>
      ))}
      {picked ? <button type="button" className="btn" data-testid="front-reset" onClick={onReset}>Use the method's choice</button> : null}
    </div>
  );
}
