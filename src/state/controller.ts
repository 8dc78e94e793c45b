/**
 * Wires the store to the fit worker and the URL: every settings change sends one fit request
 * (the worker recomputes only the layers whose key changed), answers of superseded runs are
 * dropped by the client, and the URL follows the settings with replaceState (throttled).
 * User commands that are not plain setting changes (Stop, upload, copy link) live here.
 */
import { CSV_DEFAULTS, formatSize, previewCsv } from '../core/data/csv';
import { encodingProblem } from '../core/data/csvEncoding';
import { FitClient } from '../worker/client';
import { LabClient } from '../worker/labClient';
import type { FromLab } from '../worker/labProtocol';
import { labSweepSettings } from './labSettings';
import { layerKeys, type LayerKeys } from '../core/methods/layers';
import { dataKey } from '../core/data/spec';
import { fitSpec } from './spec';
import { checkLinkTerms } from './linkTerms';
import type { ExportedCsv, ExportKind, FromWorker, LayerName } from '../worker/protocol';
import type { Result } from '../core/types';
import { applyUpload } from './upload';
import { live, progress, useStore, type LayerState, type PlaygroundState } from './store';
import { decodeUrl, hasSettings, linkTo, onUrlPop, pushUrl, readSearch, replaceControl, URL_VERSION, writeUrl, type Decoded, type Shared } from './url';
import { getLessonInfo, loadLesson } from '../lessons/catalog';
import { getBundled } from './bundled';
import type { Classroom } from './classroom';

const MAX_FILE = CSV_DEFAULTS.maxBytes;

/** A file read as text that holds NULs or many undecodable bytes is binary, not a CSV. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  let bad = 0;
  for (const ch of head) if (ch === '\u0000' || ch === '\uFFFD') bad++;
  return head.includes('\u0000') || bad > head.length / 100;
}

export interface Controller {
  stop(): void;
  refit(): void;
  uploadFile(file: File): Promise<void>;
  setTimeColumn(name: string): void;
  copyLink(): Promise<string>;
  /**
   * A CSV of the export menu that needs the full data (the worker holds it): the data of the
   * current settings, or the shown fit's model simulated at every sample.
   */
  exportCsv(what: ExportKind, timeName: string): Promise<Result<ExportedCsv>>;
  /** read a configuration file and apply it (a bad one changes nothing and says why) */
  loadConfig(file: File): Promise<boolean>;
  /** show a lesson's step (1-based) with the configuration it applies; a new history entry */
  goToStep(lesson: string, step: number): void;
  /** leave the lesson, keeping the current settings as a normal link */
  leaveLesson(): void;
  /** load a data file that ships with the playground (state/bundled.ts) as the upload */
  loadBundled(id: string): Promise<void>;
  /** the link to the current settings with a classroom part of its own (the share dialog's) */
  shareLink(classroom: Partial<Classroom> & { present?: boolean }): string;
  /** run the noise lab's sweep on the current settings (a running one is replaced) */
  runLab(): void;
  stopLab(): void;
  dispose(): void;
}

export function startController(): Controller {
  const store = useStore;
  const client = new FitClient(onMessage, (message) => {
    store.setState((st) => ({ status: { ...st.status, phase: 'error', message } }));
    store.getState().addNote('error', `The fit worker failed: ${message}`);
  });
  // A replaced worker holds no caches: the next request marks every layer as recomputed.
  client.onRestart = () => { lastKeys = null; stopping = false; };
  let lastKeys: LayerKeys | null = null;
  let lastMethod = '';
  let lastSpecKey = '';
  /** Stop was asked for the running fit: its 'done' ends in the 'stopped' phase */
  let stopping = false;
  let uploadSeq = 0;
  /** the run whose fit the store shows (the simulation export asks the worker for its model) */
  let fitRun = -1;
  /** bundled: the bundled data set's id when the text is one (state/bundled.ts), else '' */
  const pendingUploads = new Map<number, { fileName: string; text: string; timeColumn: string; bundled: string }>();

  /** `fresh`: run the method even if the worker holds an outcome for the same spec (Run again). */
  function requestFit(fresh = false): void {
    const st = store.getState();
    const s = st.settings;
    if (s.source === 'upload' && !st.upload) {
      // Nothing to show until the file is there (the previous results belong to other data).
      lastKeys = null;
      store.setState({
        status: { runId: client.current, phase: 'waiting', message: `waiting for the file${s.file ? ` '${s.file}'` : ''}`, refitMs: null, totalMs: null },
        data: null, derivatives: null, fit: null, sim: null, sweep: null,
      });
      return;
    }
    const uploadId = s.source === 'upload' ? st.upload?.uploadId ?? null : null;
    const spec = fitSpec(s, uploadId);
    const keys = layerKeys(dataKey(spec.data), spec.pipeline);
    // Hot: only the optimizer or the method's own settings changed (no animation of the first passes).
    const hot = lastKeys !== null && lastKeys.theta === keys.theta && lastKeys.derivatives === keys.derivatives && lastMethod === spec.pipeline.method.id;
    const layers = { ...st.layers };
    const mark = (names: LayerName[]): void => names.forEach((n) => { layers[n] = 'stale'; });
    if (!lastKeys || lastKeys.data !== keys.data) mark(['data', 'derivatives', 'theta', 'fit', 'simulation']);
    if (lastKeys?.derivatives !== keys.derivatives) mark(['derivatives', 'fit', 'simulation']);
    if (lastKeys?.theta !== keys.theta) mark(['theta', 'fit', 'simulation']);
    mark(['fit', 'simulation']);
    lastKeys = keys;
    lastMethod = spec.pipeline.method.id;
    stopping = false;
    const runId = client.fit(spec, { data: st.data?.key ?? '', derivatives: st.derivatives?.key ?? '' }, !hot, { pick: s.pick, fresh });
    store.setState({ layers, status: { runId, phase: 'running', message: 'running', refitMs: null, totalMs: null } });
    progress.setState({ runId, layer: null, iteration: 0, nTerms: 0, startedAt: performance.now(), running: true, models: null, fraction: 0, label: '', methodT0: null, methodF0: 0 });
    // A request for the same spec (a formula picked on the front) reuses the worker's outcome: what its run streamed stays shown.
    const specKey = JSON.stringify(spec);
    if (fresh || specKey !== lastSpecKey) live.setState({ runId, loss: [], learned: null, fronts: null });
    lastSpecKey = specKey;
  }

  function setLayer(layer: LayerName, state: LayerState): void {
    store.setState((st) => ({ layers: { ...st.layers, [layer]: state } }));
  }

  function onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'progress': setLayer(msg.layer, msg.state); progress.setState({ layer: msg.layer }); break;
      case 'step': {
        const payload = msg.live;
        const p = progress.getState();
        progress.setState({ fraction: msg.fraction, label: msg.label, ...(p.methodT0 === null ? { methodT0: performance.now(), methodF0: msg.fraction } : {}) });
        if (payload?.kind === 'iterate') progress.setState({ iteration: payload.iteration, nTerms: payload.nTerms });
        else if (payload?.kind === 'models') progress.setState({ models: { done: payload.done, total: payload.total } });
        else if (payload?.kind === 'loss') {
          const stage = payload.stage ?? 'training';
          live.setState((v) => ({
            loss: v.loss.some((x) => x.stage === stage) ? v.loss.map((x) => (x.stage === stage ? { stage, steps: payload.steps, loss: payload.loss } : x)) : [...v.loss, { stage, steps: payload.steps, loss: payload.loss }],
            ...(payload.simulation ? { learned: payload.simulation } : {}),
          }));
        } else if (payload?.kind === 'pareto') live.setState({ fronts: payload.fronts });
        break;
      }
      case 'data':
        // Derivatives of other data (another system, other states) must not be paired with these.
        store.setState((st) => ({ data: msg.data, sim: null, shownTrajectory: 0, derivatives: st.derivatives?.key.startsWith(msg.data.key) ? st.derivatives : null }));
        break;
      case 'derivatives': store.setState({ derivatives: msg.derivatives }); break;
      case 'fit': {
        const hot = !msg.fit.recomputed.data && !msg.fit.recomputed.derivatives && !msg.fit.recomputed.theta;
        fitRun = msg.runId;
        // Only the SINDy family's fits (they report R² of the sparse regression) have a sparsity sweep: another method's fit clears the last one.
        const sparse = msg.fit.r2.length > 0;
        store.setState((st) => ({ fit: msg.fit, fitRun: msg.runId, animateFit: !hot, sweep: sparse ? st.sweep : null, layers: { ...st.layers, fit: 'done' }, status: { ...st.status, refitMs: msg.ms } }));
        break;
      }
      case 'simulation': store.setState((st) => ({ sim: msg.sim, layers: { ...st.layers, simulation: 'done' } })); break;
      case 'sweep': store.setState({ sweep: msg.sweep }); break;
      case 'done':
        store.setState((st) => ({ status: { ...st.status, phase: stopping ? 'stopped' : 'done', message: stopping ? 'stopped' : 'done', totalMs: msg.totalMs } }));
        stopping = false;
        progress.setState({ running: false });
        break;
      case 'error':
        store.setState((st) => ({ layers: { ...st.layers, [msg.layer]: 'error' }, status: { ...st.status, phase: 'error', message: msg.message } }));
        progress.setState({ running: false });
        break;
      case 'csv': {
        const pending = pendingUploads.get(msg.uploadId);
        pendingUploads.delete(msg.uploadId);
        if (!pending) return;
        if (!msg.result.ok) {
          store.setState((st) => ({ preview: st.preview ? { ...st.preview, error: msg.result.ok ? null : msg.result.error } : null }));
          store.getState().addNote('error', `'${pending.fileName}' was not loaded: ${msg.result.error} The previous data is still loaded.`, 'upload');
          return;
        }
        client.keepUpload(msg.uploadId, pending.text, pending.timeColumn);
        applyUpload(msg.uploadId, pending.fileName, pending.text, msg.result.value);
        store.setState({ bundled: pending.bundled });
        break;
      }
    }
  }

  const lab = new LabClient(onLab);
  function onLab(msg: FromLab): void {
    const set = (patch: Partial<PlaygroundState['labRun']>): void => store.setState((st) => ({ labRun: { ...st.labRun, ...patch } }));
    switch (msg.type) {
      case 'labProgress': set({ done: msg.done, total: msg.total }); break;
      case 'labCells': set({ cells: msg.cells, done: msg.done, total: msg.total }); break;
      case 'labDone': set({ phase: 'done', ms: msg.ms }); break;
      case 'labError': set({ phase: 'error', message: msg.message }); break;
    }
  }
  function runLab(): void {
    const st = store.getState();
    const sweep = labSweepSettings(st.settings, st.lab);
    if (!sweep.ok) {
      store.setState({ labRun: { phase: 'error', cells: [], done: 0, total: 0, message: sweep.error, key: '', ms: null } });
      return;
    }
    const total = sweep.value.noiseLevels.length * sweep.value.methods.length * sweep.value.seeds.length;
    lab.run(sweep.value);
    store.setState({ labRun: { phase: 'running', cells: [], done: 0, total, message: null, key: JSON.stringify(sweep.value), ms: null } });
  }

  const shared = (st: PlaygroundState): Shared => ({
    view: st.view, lab: st.lab, present: st.projector, ...st.classroom, dataset: st.settings.source === 'upload' ? st.bundled : '',
  });
  let urlTimer: ReturnType<typeof setTimeout> | null = null;
  const writeNow = (): void => { const st = store.getState(); writeUrl(st.settings, shared(st)); };
  const scheduleUrl = (): void => {
    urlTimer ??= setTimeout(() => { urlTimer = null; writeNow(); }, 150);
  };
  /** A pending URL write goes into the current history entry before a new one is pushed. */
  const flushUrl = (): void => { if (urlTimer) { clearTimeout(urlTimer); urlTimer = null; writeNow(); } };
  /** After Back or Forward a pending write belongs to the entry that was left: it must not land in the new one. */
  const dropUrl = (): void => { if (urlTimer) { clearTimeout(urlTimer); urlTimer = null; } };
  /** Navigations so far (links opened, steps taken): an asynchronous part of an older one does nothing. */
  let nav = 0;
  const unsubscribe = store.subscribe((st, prev) => {
    if (st.view !== prev.view || st.lab !== prev.lab || st.projector !== prev.projector || st.classroom !== prev.classroom || st.bundled !== prev.bundled) scheduleUrl();
    if (st.settings === prev.settings && st.upload === prev.upload) return;
    requestFit();
    scheduleUrl();
  });

  /**
   * Shows what a link (or a lesson step's configuration) holds. A link of uploaded data waits
   * for its file, unless the file ships with the playground (then it is fetched); a noise-lab
   * link re-runs its sweep.
   */
  const show = (d: Decoded, terms: string[], termNotes: string[], classroom: Classroom): void => {
    store.setState({ settings: { ...d.settings, terms }, view: d.view, lab: d.lab, bundled: d.dataset, classroom });
    for (const n of [...d.notes, ...termNotes]) store.getState().addNote('note', n);
    if (d.settings.source === 'upload') {
      if (d.dataset) void loadBundled(d.dataset);
      else store.getState().addNote('note', `This link was made with uploaded data${d.settings.file ? ` ('${d.settings.file}')` : ''}. Load that file to reproduce it: uploaded data never travels in links.`);
    }
    // A shared noise-lab link shows the sweep it was made with: run it (Stop is at hand).
    if (d.view === 'lab') runLab();
  };
  /**
   * Custom terms of a link are parsed first: a bad one is dropped with a note, not a failed fit.
   * Then `after`. Dropped when another navigation came first.
   */
  const showChecked = (d: Decoded, classroom: Classroom, after?: () => void): void => {
    const my = nav;
    if (d.settings.terms.length && d.settings.source === 'system') {
      store.setState({ status: { runId: client.current, phase: 'waiting', message: 'checking the custom terms of the link', refitMs: null, totalMs: null } });
      void checkLinkTerms(d.settings).then((r) => r, () => ({ terms: [], notes: ['The custom terms of the link could not be checked; they were left out.'] }))
        .then((r) => { if (my !== nav) return; show(d, r.terms, r.notes, classroom); after?.(); });
    } else { show(d, d.settings.terms, [], classroom); after?.(); }
  };
  const classroomOf = (d: Decoded): Classroom => ({ lesson: d.lesson, step: d.step, show: d.show, lock: d.lock, embed: d.embed });

  /**
   * The lesson's steps (loaded once) and the step to show: one past its end is its first step,
   * with a note. Null (with a note) when the lesson cannot be loaded.
   */
  async function lessonStep(lesson: string, step: number): Promise<{ step: number; link: string } | null> {
    const l = await loadLesson(lesson).catch(() => undefined);
    if (!l) {
      store.getState().addNote('error', `The lesson '${getLessonInfo(lesson)?.title ?? lesson}' could not be loaded. Reload the page to try again.`, 'lesson');
      return null;
    }
    const k = step >= 1 && step <= l.steps.length ? step : 1;
    if (k !== step) store.getState().addNote('note', `The lesson '${l.title}' has ${l.steps.length} steps, not ${step}; opened its first step.`, 'lesson');
    return { step: k, link: l.steps[k - 1]!.link };
  }
  /** Show a lesson's step: its configuration (link parameters through the codec, over the defaults) and the step in the URL. */
  async function goToStep(lesson: string, want: number, entry: 'push' | 'replace' = 'push'): Promise<void> {
    const my = ++nav;
    const found = await lessonStep(lesson, want);
    if (!found || my !== nav) return;
    const { step } = found;
    const d = decodeUrl(`v=${URL_VERSION}&${found.link}`);
    flushUrl();
    // The entry is written at once (Back must find it), the settings as soon as they are shown.
    const st = store.getState();
    const classroom = { ...st.classroom, lesson, step };
    (entry === 'push' ? pushUrl : writeUrl)(st.settings, { ...shared(st), ...classroom });
    showChecked(d, classroom, writeNow);
  }

  /** A link: its settings, or, for a lesson link that names none (?lesson=noise&step=2), the step's configuration. */
  function openLink(search: string): void {
    const my = ++nav;
    const decoded = decodeUrl(search);
    store.setState({ projector: decoded.present });
    if (decoded.lesson && !hasSettings(search)) {
      store.setState({ classroom: classroomOf(decoded) });
      for (const n of decoded.notes) store.getState().addNote('note', n);
      void goToStep(decoded.lesson, decoded.step, 'replace');
      return;
    }
    showChecked(decoded, classroomOf(decoded));
    // A lesson link with settings of its own keeps them; its step must still be one of the lesson's.
    if (decoded.lesson) {
      void lessonStep(decoded.lesson, decoded.step).then((found) => {
        if (my !== nav) return;
        store.getState().setClassroom(found ? { step: found.step } : { lesson: '', step: 1 });
      });
    }
  }
  openLink(readSearch());
  // Back and Forward move between the entries the lessons pushed: each holds its whole state.
  const stopPop = onUrlPop(() => { dropUrl(); openLink(readSearch()); });

  async function loadBundled(id: string): Promise<void> {
    const b = getBundled(id);
    if (!b) return;
    const st = store.getState();
    if (st.upload?.fileName === b.file && st.bundled === id) return;
    // Only files of the fixed list, from the page's own origin.
    const url = new URL(b.path, document.baseURI);
    if (url.origin !== window.location.origin) return;
    store.setState({ status: { runId: client.current, phase: 'waiting', message: `loading ${b.file}`, refitMs: null, totalMs: null } });
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      acceptText(b.file, await res.text(), id);
    } catch (e) {
      store.getState().addNote('error', `The playground's copy of '${b.file}' could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page, or load the file yourself under Data → Upload CSV.`, 'upload');
    }
  }

  /** Text of a file (a user's upload, or bundled data with its id): previewed, then parsed in the worker. */
  function acceptText(fileName: string, text: string, bundled: string): void {
    const pv = previewCsv(text);
    if (!pv.ok) {
      store.getState().addNote('error', `'${fileName}' was not loaded: ${replaceControl(pv.error)} The previous data is still loaded.`, 'upload');
      return;
    }
    store.setState({ preview: { fileName, columns: pv.value.columns, rows: pv.value.rows, error: null } });
    // A link made with this file names its time column: honour it.
    const s = store.getState().settings;
    const timeColumn = s.source === 'upload' && s.file === fileName && pv.value.columns.includes(s.timeColumn) ? s.timeColumn : '';
    const uploadId = ++uploadSeq;
    pendingUploads.set(uploadId, { fileName, text, timeColumn, bundled });
    client.loadCsv(uploadId, text, timeColumn);
  }

  return {
    stop() {
      // The worker finishes the method with the best model so far and keeps its caches; only a
      // worker stuck inside one long layer is replaced (and then its caches are gone).
      stopping = true;
      client.stop();
      store.setState((st) => ({
        status: { ...st.status, phase: 'stopped', message: 'stopped' },
        layers: Object.fromEntries(Object.entries(st.layers).map(([k, v]) => [k, v === 'running' ? 'stale' : v])) as Record<LayerName, LayerState>,
      }));
      progress.setState({ running: false });
    },
    refit() { lastKeys = null; requestFit(true); },
    async uploadFile(file: File) {
      const fileName = replaceControl(file.name, '_').replace(/[<>"\\/]/g, '_').slice(0, 100);
      if (file.size > MAX_FILE) {
        store.getState().addNote('error', `'${fileName}' is ${formatSize(file.size)}; the limit is ${formatSize(MAX_FILE)}. Keep fewer rows. The previous data is still loaded.`, 'upload');
        return;
      }
      const text = await file.text();
      // The core names what it recognises (UTF-16/32, a ZIP spreadsheet, NUL bytes); other undecodable bytes are a binary file.
      const encoding = encodingProblem(text);
      if (encoding) {
        store.getState().addNote('error', `'${fileName}' was not loaded: ${encoding} The previous data is still loaded.`, 'upload');
        return;
      }
      if (looksBinary(text)) {
        store.getState().addNote('error', `'${fileName}' was not loaded: it is not a text file (a spreadsheet, an image or an archive?). Save the data as CSV text (a header row, then one row per time) and load that. The previous data is still loaded.`, 'upload');
        return;
      }
      acceptText(fileName, text, '');
    },
    setTimeColumn(name: string) {
      const up = store.getState().upload;
      if (!up) return;
      const uploadId = ++uploadSeq;
      pendingUploads.set(uploadId, { fileName: up.fileName, text: up.text, timeColumn: name, bundled: store.getState().bundled });
      client.loadCsv(uploadId, up.text, name);
    },
    async copyLink() {
      writeUrl(store.getState().settings, shared(store.getState()));
      const link = window.location.href;
      try { await navigator.clipboard.writeText(link); store.getState().addNote('note', 'Link copied to the clipboard.', 'clipboard'); }
      catch { store.getState().addNote('note', 'Copy the link from the address bar (the clipboard is not available here).', 'clipboard'); }
      return link;
    },
    exportCsv(what, timeName) {
      const st = store.getState();
      const uploadId = st.settings.source === 'upload' ? st.upload?.uploadId ?? null : null;
      return client.exportCsv(what, fitSpec(st.settings, uploadId), fitRun, timeName);
    },
    // The reader loads with the first configuration (it is not needed before).
    loadConfig: async (file) => (await import('./configLoad')).loadConfigFile(file),
    goToStep(lesson, step) { void goToStep(lesson, step, 'push'); },
    leaveLesson() {
      flushUrl();
      store.getState().setClassroom({ lesson: '', step: 1 });
      const st = store.getState();
      pushUrl(st.settings, shared(st));
    },
    loadBundled,
    shareLink(classroom) {
      const st = store.getState();
      return linkTo(st.settings, { ...shared(st), ...classroom });
    },
    runLab,
    stopLab() {
      if (store.getState().labRun.phase !== 'running') return;
      lab.stop();
      store.setState((st) => ({ labRun: { ...st.labRun, phase: 'stopped' } }));
    },
    dispose() { unsubscribe(); stopPop(); client.dispose(); lab.dispose(); if (urlTimer) clearTimeout(urlTimer); },
  };
}
