/**
 * Fit status, layer chips, Stop, Copy link and projector mode. The elapsed time and the STLSQ
 * pass counter are transient: they are written into the DOM from a progress subscription and
 * an animation frame loop, never through React state.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { controller } from '../state/controllerInstance';
import { SINDY_FAMILY } from '../state/settings';
import { progress, useStore } from '../state/store';
import { LAYERS, type LayerName } from '../worker/protocol';
import { timeLeft } from './progressText';

const LAYER_LABEL: Record<LayerName, string> = { data: 'data', derivatives: 'ẏ', theta: 'Θ', fit: 'fit', simulation: 'sim' };

export function StatusBar() {
  const status = useStore(useShallow((s) => ({ phase: s.status.phase, runId: s.status.runId, refitMs: s.status.refitMs, totalMs: s.status.totalMs, message: s.status.message })));
  const projector = useStore((s) => s.projector);
  const setProjector = useStore((s) => s.setProjector);
  const live = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLProgressElement>(null);

  useEffect(() => {
    let raf = 0;
    const paint = () => {
      const p = progress.getState();
      const now = performance.now();
      if (live.current) {
        const secs = ((now - p.startedAt) / 1000).toFixed(1);
        const step = p.models ? ` · model ${p.models.done} of ${p.models.total}` : p.iteration ? ` · pass ${p.iteration}, ${p.nTerms} terms`
          : p.label ? ` · ${p.label} (${Math.round(100 * p.fraction)} %)` : '';
        const left = timeLeft(p, now);
        live.current.textContent = p.running ? ` · ${p.layer ?? 'starting'}${step} · ${secs} s${left ? ` · ${left}` : ''}` : '';
      }
      // A long method's progress as a bar too (the STLSQ passes and bagged models say it in words).
      if (bar.current) {
        bar.current.hidden = !p.running || !p.label || p.iteration > 0 || p.models !== null;
        bar.current.value = p.fraction;
      }
      raf = p.running ? requestAnimationFrame(paint) : 0;
    };
    const unsub = progress.subscribe((p, prev) => { if (p.running && !raf) raf = requestAnimationFrame(paint); if (!p.running && prev.running) paint(); });
    paint();
    return () => { unsub(); cancelAnimationFrame(raf); };
  }, []);

  // The SINDy family's method time is its optimizer's (the hot refit); another method's is its whole run.
  const what = useStore((s) => (s.settings.method === SINDY_FAMILY ? 'optimizer' : 'method'));
  const text = status.phase === 'done'
    ? `done in ${fmtMs(status.totalMs)}${status.refitMs ? ` · ${what} ${fmtMs(status.refitMs)}` : ''}`
    : status.phase === 'error' ? 'error' : status.phase === 'idle' ? 'idle' : status.phase === 'waiting' ? status.message : status.phase;
  return (
    <div className="statusbar">
      <div className={`fit-status phase-${status.phase}`} data-testid="fit-status" data-run={status.runId} role="status" aria-live="polite">
        <span className="dot" aria-hidden="true" />
        <span>{text}</span>
        <span ref={live} data-testid="fit-progress" />
        <progress ref={bar} className="method-progress" max={1} value={0} hidden aria-label="Method progress" data-testid="method-progress" />
      </div>
      <Layers />
      <div className="actions">
        <button type="button" className="btn danger" data-testid="stop-fit" disabled={status.phase !== 'running'} onClick={() => controller().stop()}>Stop</button>
        {status.phase === 'stopped' ? <button type="button" className="btn" data-testid="run-again" onClick={() => controller().refit()}>Run again</button> : null}
        <button type="button" className="btn" data-testid="copy-link" onClick={() => void controller().copyLink()}>Copy link</button>
        <button type="button" className="btn ghost" aria-pressed={projector} onClick={() => setProjector(!projector)}>Projector</button>
      </div>
    </div>
  );
}

function Layers() {
  const layers = useStore((s) => s.layers);
  return (
    <ol className="layers" aria-label="Pipeline layers" data-testid="layers-status">
      {LAYERS.map((l) => <li key={l} className={`layer ${layers[l]}`} title={`${l}: ${layers[l]}`}><span className="sr-only">{l}: </span>{LAYER_LABEL[l]}<span className="sr-only"> {layers[l]}</span></li>)}
    </ol>
  );
}

function fmtMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
