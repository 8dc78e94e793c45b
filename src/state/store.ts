/**
 * The playground's state: settings (what the URL holds), the status of each pipeline layer,
 * and the latest results. Results are replaced wholesale (new typed arrays), never mutated.
 * Transient progress (STLSQ passes, elapsed time) lives in `progress`, a separate store that
 * components read through subscribe, so it never re-renders the tree.
 */
import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CsvInfo, DataPayload, DerivativePayload, FitPayload, FrontEntry, LayerName, SimPayload, SweepPayload } from '../worker/protocol';
import type { SweepCell } from '../core/lab/noiseSweep';
import { defaultLabSettings, defaultSettings, systemOrDefault, type LabSettings, type Settings, type View } from './settings';
import { librarySwitchNote } from './systemSwitch';
import { NO_CLASSROOM, unlockedPatch, type Classroom } from './classroom';

export type LayerState = 'stale' | 'running' | 'cached' | 'done' | 'error';
export type Phase = 'idle' | 'running' | 'done' | 'error' | 'stopped' | 'waiting';
/**
 * A message: `source` names where it comes from ('link', 'upload', 'system', …): a new message
 * of a source replaces the previous one, so messages do not pile up. `action` is a button
 * that applies a settings patch (e.g. "Keep my library").
 */
export interface Note { id: number; kind: 'note' | 'error'; text: string; source?: string; action?: { label: string; patch: Partial<Settings> } }

export interface RunStatus { runId: number; phase: Phase; message: string; refitMs: number | null; totalMs: number | null }

/** An accepted upload (the data itself lives in the worker; the text is kept to re-send it). */
export interface Upload { uploadId: number; fileName: string; text: string; info: CsvInfo }
/** A file being previewed before its columns are confirmed. */
export interface UploadPreview { fileName: string; columns: string[]; rows: string[][]; error: string | null }

/** The noise lab's latest sweep: its cells so far, and the settings key it was run with. */
export interface LabRun {
  phase: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  cells: SweepCell[];
  done: number;
  total: number;
  message: string | null;
  /** JSON of the sweep settings it ran with (to tell when the settings have moved on) */
  key: string;
  ms: number | null;
}

export interface PlaygroundState {
  settings: Settings;
  /** results column: the fit or the noise lab (in the URL) */
  view: View;
  /** the noise lab's grid (in the URL) */
  lab: LabSettings;
  labRun: LabRun;
  notes: Note[];
  status: RunStatus;
  layers: Record<LayerName, LayerState>;
  data: DataPayload | null;
  derivatives: DerivativePayload | null;
  fit: FitPayload | null;
  /** the run that `fit` came from (a Stop before the method ended leaves an older run's fit) */
  fitRun: number;
  /** true when `fit` came from a cold run (animate its iterates) */
  animateFit: boolean;
  sim: SimPayload | null;
  sweep: SweepPayload | null;
  upload: Upload | null;
  preview: UploadPreview | null;
  projector: boolean;
  /** the lesson step shown, a teacher link's shown and locked controls, embed mode (in the URL; state/classroom.ts) */
  classroom: Classroom;
  /** the bundled data file (state/bundled.ts) the upload is or will be, '' for a user's own file (in the URL as `data`) */
  bundled: string;
  /** which trajectory of the data the time plots show (0 = first; display only, not in the URL) */
  shownTrajectory: number;
  setShownTrajectory(k: number): void;
  setSettings(patch: Partial<Settings>): void;
  setSystem(id: string): void;
  setParam(id: string, value: number): void;
  setX0(index: number, value: number): void;
  addNote(kind: Note['kind'], text: string, source?: string, action?: Note['action']): void;
  dismissNote(id: number): void;
  /** drop every message of a source (e.g. the upload's, once back on a built-in system) */
  dismissSource(source: string): void;
  setProjector(on: boolean): void;
  setClassroom(patch: Partial<Classroom>): void;
  setView(view: View): void;
  setLab(patch: Partial<LabSettings>): void;
}

let noteId = 0;
const allLayers = (s: LayerState): Record<LayerName, LayerState> => ({ data: s, derivatives: s, theta: s, fit: s, simulation: s });

export const useStore = create<PlaygroundState>()((set) => ({
  settings: defaultSettings(),
  view: 'fit',
  lab: defaultLabSettings(),
  labRun: { phase: 'idle', cells: [], done: 0, total: 0, message: null, key: '', ms: null },
  notes: [],
  status: { runId: 0, phase: 'idle', message: '', refitMs: null, totalMs: null },
  layers: allLayers('stale'),
  data: null, derivatives: null, fit: null, fitRun: 0, animateFit: false, sim: null, sweep: null,
  upload: null, preview: null, projector: false, classroom: NO_CLASSROOM, bundled: '', shownTrajectory: 0,
  setShownTrajectory: (k) => set({ shownTrajectory: k }),
  // A setting locked by a teacher's link is read-only whatever asks (state/classroom.ts). A formula
  // picked on a front belongs to that front: any other change (which gives new fronts) drops the pick.
  setSettings: (patch) => set((st) => {
    const allowed = unlockedPatch(patch, st.classroom.lock);
    return { settings: { ...st.settings, ...(!('pick' in allowed) && st.settings.pick.length && Object.keys(allowed).length ? { pick: [] } : {}), ...allowed } };
  }),
  setSystem: (id) => set((st) => {
    if (st.classroom.lock.includes('system')) return {};
    const fresh = { ...defaultSettings(systemOrDefault(id).id) };
    // Keep the user's noise, seed and derivative/optimizer choices; reset what belongs to the system.
    const keep = { noise: st.settings.noise, seed: st.settings.seed, deriv: st.settings.deriv, sgWindow: st.settings.sgWindow, sgOrder: st.settings.sgOrder, tvAlpha: st.settings.tvAlpha, tvIter: st.settings.tvIter, opt: st.settings.opt, alpha: st.settings.alpha, normalize: st.settings.normalize, method: st.settings.method, methodSettings: st.settings.methodSettings };
    const settings = { ...fresh, ...keep };
    // Say so when the system's suggested library replaces the user's, with a way back.
    const sw = librarySwitchNote(st.settings, settings);
    const notes = st.notes.filter((n) => n.source !== 'system');
    return { settings, notes: sw ? [...notes, { id: ++noteId, kind: 'note', text: sw.text, source: 'system', action: sw.action }] : notes };
  }),
  setParam: (id, value) => set((st) => (st.classroom.lock.includes('params') ? {} : { settings: { ...st.settings, pick: [], params: { ...st.settings.params, [id]: value } } })),
  setX0: (index, value) => set((st) => (st.classroom.lock.includes('x0') ? {} : { settings: { ...st.settings, pick: [], x0: st.settings.x0.map((v, i) => (i === index ? value : v)) } })),
  addNote: (kind, text, source, action) => set((st) => ({
    notes: [...st.notes.filter((n) => n.text !== text && (source === undefined || n.source !== source)), { id: ++noteId, kind, text, source, action }].slice(-10),
  })),
  dismissNote: (id) => set((st) => ({ notes: st.notes.filter((n) => n.id !== id) })),
  dismissSource: (source) => set((st) => ({ notes: st.notes.filter((n) => n.source !== source) })),
  setProjector: (on) => set({ projector: on }),
  setClassroom: (patch) => set((st) => ({ classroom: { ...st.classroom, ...patch } })),
  setView: (view) => set({ view }),
  setLab: (patch) => set((st) => ({ lab: { ...st.lab, ...patch } })),
}));

/** Transient progress of the current run (read with progress.subscribe, not in render). */
export interface Progress {
  runId: number; layer: LayerName | null; iteration: number; nTerms: number; startedAt: number; running: boolean;
  /** bagged models fitted so far (ensemble runs) */
  models: { done: number; total: number } | null;
  /** the method's progress (0…1) and what it is doing */
  fraction: number; label: string;
  /** when the method's first step was reported, and its fraction then (the rate for "time left") */
  methodT0: number | null; methodF0: number;
}
export const progress = createStore<Progress>()(() => ({ runId: 0, layer: null, iteration: 0, nTerms: 0, startedAt: 0, running: false, models: null, fraction: 0, label: '', methodT0: null, methodF0: 0 }));

/** One stage of a streamed loss curve ('training', 'fine-tuning'): step numbers and losses. */
export interface LossStage { stage: string; steps: Float64Array; loss: Float64Array }

/**
 * What a running method streams for the live views (at most ~10 updates a second): its loss
 * curve by stage, the latest learned trajectories (from each trajectory's first state, at the
 * plotted times) and its Pareto fronts. Reset when a run starts.
 */
export interface LiveView {
  runId: number;
  loss: LossStage[];
  learned: { t: Float64Array; y: Float64Array }[] | null;
  fronts: FrontEntry[][] | null;
}
export const live = createStore<LiveView>()(() => ({ runId: 0, loss: [], learned: null, fronts: null }));

export { allLayers };
