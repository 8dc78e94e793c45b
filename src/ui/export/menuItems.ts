/**
 * The export menu's commands as data: each has its test id, group, label, the file it writes
 * (or why it cannot, shown in its place) and what it does. The files come from the pure
 * generators (src/state/exportFiles.ts, loaded on first use; src/core/export); the full data
 * and simulation from the worker (controller().exportCsv); plots from Plotly's exporter.
 */
import { PLOT_FILES, type PlotId } from '../../core/export/names';
import { equationsLatex, equationsPlain } from '../../core/export/tables';
import { controller } from '../../state/controllerInstance';
import { dataLayout, namesFor, pysindyName, pysindyUnavailable } from '../../state/exportPlan';
import type { LabSettings, Settings, View } from '../../state/settings';
import type { Phase } from '../../state/store';
import { encodeUrl } from '../../state/url';
import type { ExportedCsv, FitPayload } from '../../worker/protocol';
import { saveText } from './download';
import { plotPresent, savePlot } from './plotImage';

/** What a command did: a confirmation, a problem, or text to copy by hand (the clipboard was refused). */
export type Outcome = { done: string } | { error: string } | { fallback: { title: string; text: string } };

export interface MenuItem {
  id: string;
  group: string;
  label: string;
  /** a second line: the file name and what it holds */
  detail?: string;
  /** why the command cannot run now (shown instead of the detail) */
  disabled?: string;
  /** items of one row share it (a plot's PNG and SVG) */
  row?: string;
  run(): Promise<Outcome>;
}

/** The page's state the menu reads. */
export interface MenuState {
  settings: Settings; view: View; lab: LabSettings; fit: FitPayload | null; phase: Phase;
  hasData: boolean; nTrajectories: number; dataStates: string[] | null; hasSim: boolean;
  uploadTimeName: string | null; uploaded: boolean;
}

const PLOT_LABELS: Readonly<Record<PlotId, string>> = {
  'trajectory-plot': 'Trajectories', 'phase-plot': 'Phase portrait', 'derivative-plot': 'Derivatives',
  'coefficient-plot': 'Coefficient heatmap', 'ensemble-plot': 'Ensemble coefficients', 'pareto-plot': 'Sparsity sweep',
};

const files = () => import('../../state/exportFiles');
const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/** Why a command that needs the fit cannot run, or null. */
function fitBlocked(st: MenuState): string | null {
  if (!st.fit) return st.phase === 'error' ? 'No fit: the last run failed.' : 'Waiting for the first fit.';
  if (st.phase === 'running' || st.phase === 'waiting') return 'Wait until the fit is done.';
  if (st.phase === 'stopped' || st.phase === 'error') return 'The equations shown come from earlier settings: fit again first.';
  return null;
}

async function copy(text: string, what: string): Promise<Outcome> {
  try {
    await navigator.clipboard.writeText(text);
    return { done: `Copied the equations as ${what}.` };
  } catch {
    return { fallback: { title: `The equations as ${what}`, text } };
  }
}

function save(name: string, text: string, mime: string, what: string): Outcome {
  saveText(name, text, mime);
  return { done: `Saved ${name}${what ? ` (${what})` : ''}.` };
}

/** A worker CSV (data or simulation) saved under `name`. */
async function saveWorkerCsv(kind: 'data' | 'simulation', name: string, timeName: string): Promise<Outcome> {
  const r = await controller().exportCsv(kind, timeName);
  if (!r.ok) return { error: r.error };
  const e: ExportedCsv = r.value;
  saveText(name, e.csv, 'text/csv');
  const size = `${plural(e.rows, 'row')}${e.trajectories > 1 ? ` in ${e.trajectories.toLocaleString('en')} trajectories` : ''}`;
  const ended = e.ended.map((x) => `trajectory ${x.trajectory} ${x.status === 'diverged' ? 'diverged' : 'stopped'}${x.tFail !== null ? ` at t = ${x.tFail.toPrecision(3)}` : ''}`);
  return { done: `Saved ${name} (${size}).${ended.length ? ` The simulation ends early: ${ended.slice(0, 3).join('; ')}${ended.length > 3 ? '; …' : ''}.` : ''}` };
}

export function menuItems(st: MenuState): MenuItem[] {
  const s = st.settings;
  const names = namesFor(s);
  const fit = st.fit;
  const blocked = fitBlocked(st);
  const layout = dataLayout(s, st.uploadTimeName, fit?.stateNames ?? st.dataStates ?? [], st.nTrajectories);
  const link = (): string => `${location.origin}${location.pathname}?${encodeUrl(s, { view: st.view, lab: st.lab })}`;
  const noData = s.source === 'upload' && !st.uploaded ? `Load the file${s.file ? ` '${s.file}'` : ''} first.` : !st.hasData ? 'Waiting for the data.' : undefined;
  const expression = fit !== null && fit.features.length === 0;
  const pysindyWhy = blocked ?? (fit ? pysindyUnavailable(s, fit) : null);
  const readsData = `reads ${names.data} (Data, above): keep both in one folder`;

  const items: MenuItem[] = [
    { id: 'copy-latex', group: 'Equations', label: 'Copy as LaTeX', detail: 'an aligned block for a paper', disabled: blocked ?? undefined,
      run: () => copy(equationsLatex(fit!.stateNames, fit!.latex), 'LaTeX') },
    { id: 'copy-plain', group: 'Equations', label: 'Copy as plain text', detail: 'dx/dt = … in mathjs syntax', disabled: blocked ?? undefined,
      run: () => copy(equationsPlain(fit!.stateNames, fit!.equations), 'plain text') },
    { id: 'export-data', group: 'Files', label: 'Data (CSV)', detail: `${names.data}: every sample${s.noise > 0 ? ', with the noise' : ''}${st.nTrajectories > 1 ? ', every trajectory' : ''}`,
      disabled: noData, run: () => saveWorkerCsv('data', names.data, layout.timeName) },
    { id: 'export-coefficients', group: 'Files', label: expression ? 'Equations (CSV)' : 'Coefficients (CSV)',
      detail: `${names.coefficients}: ${expression ? 'state, equation' : 'one row per state, one column per term'}`, disabled: blocked ?? undefined,
      run: async () => { const f = (await files()).coefficientsFile(s, fit!); return save(f.name, f.text, f.mime, ''); } },
    { id: 'export-simulation', group: 'Files', label: 'Simulated trajectories (CSV)', detail: `${names.simulation}: the recovered model at every sample time`,
      disabled: blocked ?? (st.hasSim ? undefined : 'The model has not been simulated yet.'),
      run: () => saveWorkerCsv('simulation', names.simulation, layout.timeName) },
    { id: 'export-config', group: 'Files', label: 'Configuration (JSON)',
      detail: `${names.config}: every setting${s.source === 'upload' ? ' (not the uploaded data: load the file again)' : ''}; load it back with Load configuration`,
      run: async () => { const f = (await files()).configFileOf(s, st.view, st.lab); return save(f.name, f.text, f.mime, ''); } },
    { id: 'export-pysindy', group: 'Continue in Python', label: 'PySINDy script', detail: `${fit ? pysindyName(s) : names.pysindy({ method: 'sindy', optimizer: s.opt })}: ${readsData}`,
      disabled: pysindyWhy ?? undefined,
      run: async () => {
        const r = (await files()).pysindyFile(s, fit!, layout, link());
        return r.ok ? save(r.value.name, r.value.text, r.value.mime, readsData) : { error: r.error };
      } },
    { id: 'export-pysr', group: 'Continue in Python', label: 'PySR script', detail: `${names.pysr}: a symbolic search on the same data; ${readsData}`,
      disabled: noData,
      run: async () => {
        const r = (await files()).pysrFile(s, layout, link());
        return r.ok ? save(r.value.name, r.value.text, r.value.mime, readsData) : { error: r.error };
      } },
  ];
  for (const id of Object.keys(PLOT_FILES) as PlotId[]) {
    if (!plotPresent(id)) continue;
    for (const format of ['png', 'svg'] as const) {
      items.push({
        id: `export-${PLOT_FILES[id]}-${format}`, group: 'Plots', row: PLOT_LABELS[id], label: format.toUpperCase(),
        run: async () => {
          const name = names.plot(id);
          const problem = await savePlot(id, format, name);
          return problem ? { error: problem } : { done: `Saved ${name}.${format}.` };
        },
      });
    }
  }
  return items;
}
