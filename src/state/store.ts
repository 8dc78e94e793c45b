/**
 * The playground's state: settings (what the URL holds), the status of each pipeline layer,
 * and the latest results. Results are replaced wholesale (new typed arrays), never mutated.
 * Transient progress (STLSQ passes, elapsed time) lives in `progress`, a separate store that
 * components read through subscribe, so it never re-renders the tree.
 */
import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CsvInfo, DataPayload, DerivativePayload, FitPayload, LayerName, SimPayload, SweepPayload } from '../worker/protocol';
import { defaultSettings, systemOrDefault, type Settings } from './settings';

export type LayerState = 'stale' | 'running' | 'cached' | 'done' | 'error';
export type Phase = 'idle' | 'running' | 'done' | 'error' | 'stopped' | 'waiting';
export interface Note { id: number; kind: 'note' | 'error'; text: string }

export interface RunStatus { runId: number; phase: Phase; message: string; refitMs: number | null; totalMs: number | null }

/** An accepted upload (the data itself lives in the worker; the text is kept to re-send it). */
export interface Upload { uploadId: number; fileName: string; text: string; info: CsvInfo }
/** A file being previewed before its columns are confirmed. */
export interface UploadPreview { fileName: string; columns: string[]; rows: string[][]; error: string | null }

export interface PlaygroundState {
  settings: Settings;
  notes: Note[];
  status: RunStatus;
  layers: Record<LayerName, LayerState>;
  data: DataPayload | null;
  derivatives: DerivativePayload | null;
  fit: FitPayload | null;
  /** true when `fit` came from a cold run (animate its iterates) */
  animateFit: boolean;
  sim: SimPayload | null;
  sweep: SweepPayload | null;
  upload: Upload | null;
  preview: UploadPreview | null;
  projector: boolean;
  setSettings(patch: Partial<Settings>): void;
  setSystem(id: string): void;
  setParam(id: string, value: number): void;
  setX0(index: number, value: number): void;
  addNote(kind: Note['kind'], text: string): void;
  dismissNote(id: number): void;
  setProjector(on: boolean): void;
}

let noteId = 0;
const allLayers = (s: LayerState): Record<LayerName, LayerState> => ({ data: s, derivatives: s, theta: s, fit: s, simulation: s });

export const useStore = create<PlaygroundState>()((set) => ({
  settings: defaultSettings(),
  notes: [],
  status: { runId: 0, phase: 'idle', message: '', refitMs: null, totalMs: null },
  layers: allLayers('stale'),
  data: null, derivatives: null, fit: null, animateFit: false, sim: null, sweep: null,
  upload: null, preview: null, projector: false,
  setSettings: (patch) => set((st) => ({ settings: { ...st.settings, ...patch } })),
  setSystem: (id) => set((st) => {
    const fresh = { ...defaultSettings(systemOrDefault(id).id) };
    // Keep the user's noise, seed and derivative/optimizer choices; reset what belongs to the system.
    const keep = { noise: st.settings.noise, seed: st.settings.seed, deriv: st.settings.deriv, sgWindow: st.settings.sgWindow, sgOrder: st.settings.sgOrder, tvAlpha: st.settings.tvAlpha, tvIter: st.settings.tvIter, opt: st.settings.opt, alpha: st.settings.alpha, normalize: st.settings.normalize };
    return { settings: { ...fresh, ...keep } };
  }),
  setParam: (id, value) => set((st) => ({ settings: { ...st.settings, params: { ...st.settings.params, [id]: value } } })),
  setX0: (index, value) => set((st) => ({ settings: { ...st.settings, x0: st.settings.x0.map((v, i) => (i === index ? value : v)) } })),
  addNote: (kind, text) => set((st) => ({ notes: [...st.notes.filter((n) => n.text !== text), { id: ++noteId, kind, text }].slice(-10) })),
  dismissNote: (id) => set((st) => ({ notes: st.notes.filter((n) => n.id !== id) })),
  setProjector: (on) => set({ projector: on }),
}));

/** Transient progress of the current run (read with progress.subscribe, not in render). */
export interface Progress { runId: number; layer: LayerName | null; iteration: number; nTerms: number; startedAt: number; running: boolean }
export const progress = createStore<Progress>()(() => ({ runId: 0, layer: null, iteration: 0, nTerms: 0, startedAt: 0, running: false }));

export { allLayers };
