/**
 * Layout: a header, the settings beside the results. On a wide screen the settings column
 * scrolls by itself while the results stay put, so a threshold drag and the equations it
 * changes share one screen. On a phone the results come first and the settings open in a
 * drawer from the bottom (the upper part of the results stays visible above it).
 */
import { useEffect, useRef, useState } from 'react';
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
import { ErrorBoundary } from './ErrorBoundary';
import { NoiseLab } from './lab/NoiseLab';
import { FileDrop } from './export/FileDrop';
import { SINDY_FAMILY, type View } from '../state/settings';
import { FrontPlot } from './plots/FrontPlot';
import { LearnedPlot, LossPlot } from './plots/LossPlot';
import { LessonPanel, REVEAL_SETTINGS } from './classroom/LessonPanel';
import { LessonsMenu } from './classroom/LessonsMenu';
import { ShareButton } from './classroom/ShareButton';
import { controller } from '../state/controllerInstance';
import './classroom/classroom.css';

export function App() {
  const projector = useStore((s) => s.projector);
  const view = useStore((s) => s.view);
  // Embed mode (in another page's iframe): no header and no footer, a link out instead.
  const embed = useStore((s) => s.classroom.embed);
  const focused = useStore((s) => s.classroom.show.length > 0);
  // Every new run redraws a panel that failed (the settings that broke it have changed).
  const run = useStore((s) => s.status.runId);
  const libraryViews = useStore((s) => s.settings.method === SINDY_FAMILY || (s.fit?.features.length ?? 0) > 0);
  const sweepView = useStore((s) => s.settings.method === SINDY_FAMILY || s.sweep !== null);
  useEffect(() => { document.documentElement.classList.toggle('projector', projector); }, [projector]);
  useEffect(() => { document.documentElement.classList.toggle('embed', embed); }, [embed]);
  return (
    <div className={`app${focused ? ' focused' : ''}`}>
      <a className="skip" href="#results">Skip to results</a>
      <FileDrop />
      {embed ? null : (
        <header className="topbar" data-testid="app-header">
          <div className="brand">
            <h1>SINDy Playground</h1>
            <p>Discover the equations of a dynamical system from data — sparse regression on a library of candidate terms.</p>
          </div>
          <div className="header-actions">
            <LessonsMenu />
            <ShareButton />
          </div>
        </header>
      )}
      <div className="layout">
        <SettingsDrawer />
        <main id="results" className="results" tabIndex={-1}>
          {embed ? (
            <p className="embed-bar" data-testid="embed-bar">
              <span>SINDy Playground</span>
              <a href="./" target="_blank" rel="noopener" data-testid="embed-open"
                onClick={(e) => { e.currentTarget.href = controller().shareLink({ embed: false }); }}>Open the full playground ↗</a>
            </p>
          ) : null}
          <LessonPanel />
          <StatusBar />
          <Messages />
          <ViewTabs />
          {view === 'lab' ? <div id="panel-lab" role="tabpanel" aria-labelledby="tab-lab"><ErrorBoundary name="noise lab" resetKey={run}><NoiseLab /></ErrorBoundary></div> : (
            <div id="panel-fit" role="tabpanel" aria-labelledby="tab-fit" className="stack">
              <ErrorBoundary name="equations" resetKey={run}><EquationsPanel /></ErrorBoundary>
              <ErrorBoundary name="trajectory" resetKey={run}><TrajectoryPlot /></ErrorBoundary>
              <div className="plot-grid">
                <ErrorBoundary name="Pareto front" resetKey={run}><FrontPlot /></ErrorBoundary>
                <ErrorBoundary name="loss" resetKey={run}><LossPlot /></ErrorBoundary>
                <ErrorBoundary name="learned" resetKey={run}><LearnedPlot /></ErrorBoundary>
                <ErrorBoundary name="phase portrait" resetKey={run}><PhasePortrait /></ErrorBoundary>
                <ErrorBoundary name="derivative" resetKey={run}><DerivativePlot /></ErrorBoundary>
                {/* Coefficients over a library: the SINDy family, or a method whose model is a library model. */}
                {libraryViews ? <ErrorBoundary name="coefficient" resetKey={run}><CoefficientHeatmap /></ErrorBoundary> : null}
                {sweepView ? <ErrorBoundary name="sparsity sweep" resetKey={run}><ParetoPlot /></ErrorBoundary> : null}
              </div>
            </div>
          )}
          {embed ? null : (
            <footer className="footer muted small">
              SINDy: Brunton, Proctor &amp; Kutz, PNAS 2016. Everything runs in your browser; uploaded files never leave it.
            </footer>
          )}
        </main>
      </div>
    </div>
  );
}

/**
 * The settings column; on a phone, a drawer opened by a button that stays at the bottom of the
 * screen. Closed, the drawer is hidden from keyboard and screen readers; Escape closes it.
 */
function SettingsDrawer() {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // A lesson's "Show me" opens the drawer when the control it points at is inside it.
  useEffect(() => {
    const onReveal = (): void => setOpen(true);
    window.addEventListener(REVEAL_SETTINGS, onReveal);
    return () => window.removeEventListener(REVEAL_SETTINGS, onReveal);
  }, []);
  useEffect(() => {
    if (!open) return;
    panel.current?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape') { setOpen(false); toggle.current?.focus(); } };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <aside id="settings" ref={panel} tabIndex={-1} className={`controls${open ? ' open' : ''}`} aria-label="Settings" data-testid="settings">
        <ErrorBoundary name="settings"><ControlPanel /></ErrorBoundary>
      </aside>
      <button ref={toggle} type="button" className="btn drawer-toggle" aria-controls="settings" aria-expanded={open} data-testid="settings-toggle"
        onClick={() => setOpen(!open)}>
        {open ? 'Close settings' : 'Settings'}
      </button>
    </>
  );
}

const VIEWS: readonly { id: View; label: string }[] = [
  { id: 'fit', label: 'Fit' },
  { id: 'lab', label: 'Noise lab' },
];

/** Fit results or the noise lab (ARIA tabs: arrow keys move between them). */
function ViewTabs() {
  const view = useStore((s) => s.view);
  const setView = useStore((s) => s.setView);
  const move = (dir: number): void => {
    const k = (VIEWS.findIndex((v) => v.id === view) + dir + VIEWS.length) % VIEWS.length;
    setView(VIEWS[k]!.id);
    document.getElementById(`tab-${VIEWS[k]!.id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Results view">
      {VIEWS.map((v) => (
        <button key={v.id} id={`tab-${v.id}`} type="button" role="tab" aria-selected={view === v.id} aria-controls={`panel-${v.id}`}
          tabIndex={view === v.id ? 0 : -1} className={`tab${view === v.id ? ' on' : ''}`} data-testid={`view-${v.id}`}
          onClick={() => setView(v.id)}
          onKeyDown={(e) => { if (e.key === 'ArrowRight') { e.preventDefault(); move(1); } else if (e.key === 'ArrowLeft') { e.preventDefault(); move(-1); } }}>
          {v.label}
        </button>
      ))}
    </div>
  );
}
