/** Layout: a header, the control panel on the left, results on the right (stacked on phones). */
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { ControlPanel } from './ControlPanel';
import { EquationsPanel } from './EquationsPanel';
import { Messages } from './Messages';
import { CoefficientHeatmap } from './plots/CoefficientHeatmap';
import { DerivativePlot } from './plots/DerivativePlot';
import { ParetoPlot } from './plots/ParetoPlot';
import { PhasePortrait } from './plots/PhasePortrait';
import { TrajectoryPlot } from './plots/TrajectoryPlot';
import { StatusBar } from './StatusBar';

export function App() {
  const projector = useStore((s) => s.projector);
  useEffect(() => { document.documentElement.classList.toggle('projector', projector); }, [projector]);
  return (
    <div className="app">
      <a className="skip" href="#results">Skip to results</a>
      <header className="topbar">
        <div className="brand">
          <h1>SINDy Playground</h1>
          <p>Discover the equations of a dynamical system from data — sparse regression on a library of candidate terms.</p>
        </div>
      </header>
      <div className="layout">
        <aside className="controls" aria-label="Settings"><ControlPanel /></aside>
        <main id="results" className="results" tabIndex={-1}>
          <StatusBar />
          <Messages />
          <EquationsPanel />
          <TrajectoryPlot />
          <div className="plot-grid">
            <PhasePortrait />
            <DerivativePlot />
            <CoefficientHeatmap />
            <ParetoPlot />
          </div>
          <footer className="footer muted small">
            SINDy: Brunton, Proctor &amp; Kutz, PNAS 2016. Everything runs in your browser; uploaded files never leave it.
          </footer>
        </main>
      </div>
    </div>
  );
}
