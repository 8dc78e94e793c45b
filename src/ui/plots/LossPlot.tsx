/**
 * What a training method streams (a neural ODE, any method with 'loss' payloads): the loss
 * curve by stage on a log scale, and, when the method sends them, its current trajectories
 * over the observed data ("learned vs observed"), updating as it trains (at most ~10 times a
 * second: the worker throttles). Both stay after the run, until the next one starts.
 */
import { useMemo } from 'react';
import { useStore as useVanilla } from 'zustand';
import { SINDY_FAMILY } from '../../state/settings';
import { live, useStore } from '../../state/store';
import { Help } from '../Help';
import { learnedFigure, lossFigure } from './methodFigures';
import { PlotlyFigure } from './PlotlyFigure';

export function LossPlot() {
  const method = useStore((s) => s.settings.method);
  const projector = useStore((s) => s.projector);
  const stages = useVanilla(live, (v) => v.loss);
  const fig = useMemo(() => (stages.length ? lossFigure(stages, projector) : null), [stages, projector]);
  if (method === SINDY_FAMILY || !fig) return null;
  const last = stages[stages.length - 1]!;
  const now = last.loss[last.loss.length - 1];
  return (
    <section className="card plot-card" aria-labelledby="loss-title" data-testid="loss-card">
      <header className="card-head">
        <h2 id="loss-title">Loss<Help topic="loss" /></h2>
        <p className="card-sub" data-testid="loss-now">{last.stage}{now !== undefined ? `: loss ${now.toExponential(2)} at step ${last.steps[last.steps.length - 1]}` : ''}</p>
      </header>
      <PlotlyFigure label="Loss curve: loss against step, log scale, one line per stage" data={fig.data} layout={fig.layout} height={projector ? 360 : 280} testId="loss-plot" />
    </section>
  );
}

export function LearnedPlot() {
  const method = useStore((s) => s.settings.method);
  const data = useStore((s) => s.data);
  const k = useStore((s) => s.shownTrajectory);
  const projector = useStore((s) => s.projector);
  const learned = useVanilla(live, (v) => v.learned);
  const fig = useMemo(() => {
    if (!data || !learned) return null;
    const observed = k === 0 ? data : data.extra[k - 1];
    const mine = learned[k] ?? learned[0];
    return observed && mine ? learnedFigure(observed, mine, data.stateNames, projector) : null;
  }, [data, learned, k, projector]);
  if (method === SINDY_FAMILY || !fig || !data) return null;
  return (
    <section className="card plot-card" aria-labelledby="learned-title" data-testid="learned-card">
      <header className="card-head">
        <h2 id="learned-title">Learned vs observed</h2>
        <p className="card-sub">The model being trained, integrated from the first observed state{data.extra.length ? ` of trajectory ${k + 1}` : ''}</p>
      </header>
      <PlotlyFigure label="Learned against observed trajectories, one panel per state" data={fig.data} layout={fig.layout} height={Math.min(480, 100 + 120 * data.stateNames.length)} testId="learned-plot" />
    </section>
  );
}
