/**
 * The data layer: a generated system (sampled, then noised with the seed) or an uploaded
 * dataset (its chosen states, optionally noised). Keeps the noise-free reference and the
 * true equations when they are known, for the comparison plots.
 */
import { addNoise } from '../core/data/noise';
import { tooManyStatesMessage } from '../core/data/csvHeader';
import { MAX_STATES } from '../core/data/csvLimits';
import { sampleSystem } from '../core/data/generate';
import { getSystem } from '../core/systems/registry';
import { err, ok, type Dataset, type Result } from '../core/types';
import type { DataSpec } from '../core/data/spec';
import { decimationIndex, evaluateRhs, pickRows, pickTimes, selectStates } from './payloads';
import { MAX_PLOTTED_TRAJECTORIES, type DataPayload, type PlotTrajectory } from './protocol';

export interface DataLayer {
  /** what the fit sees: noisy samples or the uploaded file */
  observed: Dataset;
  /** the trajectories, decimated (at most MAX_PLOTTED_TRAJECTORIES): noise-free for systems, observed for uploads (simulation reference) */
  reference: Dataset;
  truth: Record<string, Record<string, number>> | null;
  payload(key: string): DataPayload;
}

export function buildData(s: DataSpec, upload: Dataset | undefined): Result<DataLayer> {
  return s.source === 'upload' ? uploadData(s, upload) : systemData(s);
}

function systemData(s: Extract<DataSpec, { source: 'system' }>): Result<DataLayer> {
  const sys = getSystem(s.system);
  if (!sys) return err(`Unknown system '${s.system}'. Pick one from the list.`);
  const clean = sampleSystem(sys, { params: s.params, x0: s.x0, tEnd: s.tEnd, dt: s.dt, irregular: s.irregular, seed: s.seed });
  if (!clean.ok) return clean;
  const observed = s.noise > 0 ? addNoise(clean.value, s.noise / 100, s.seed) : clean.value;
  const m = sys.stateNames.length;
  const tr = clean.value.trajectories[0]!;
  const idx = decimationIndex(tr.t.length);
  const t = pickTimes(tr.t, idx);
  const yTrue = pickRows(tr.y, m, idx);
  const dydtTrue = evaluateRhs(sys.rhs(s.params), t, yTrue, m);
  const obs = observed.trajectories[0]!;
  return ok({
    observed,
    reference: { stateNames: observed.stateNames, trajectories: [{ t, y: yTrue }] },
    truth: sys.truth(s.params),
    payload: (key) => ({
      key, stateNames: [...observed.stateNames], t: t.slice(), y: pickRows(obs.y, m, idx), yTrue: yTrue.slice(), dydtTrue: dydtTrue.slice(),
      nSamples: tr.t.length, nTrajectories: 1, extra: [], noisy: s.noise > 0,
    }),
  });
}

function uploadData(s: Extract<DataSpec, { source: 'upload' }>, upload: Dataset | undefined): Result<DataLayer> {
  if (!upload) return err(`Load the file${s.file ? ` '${s.file}'` : ''} to fit it (uploaded data never travels in the link).`);
  const chosen = selectStates(upload, s.stateColumns);
  if (chosen.stateNames.length === 0) return err('Choose at least one state column.');
  // One panel per state in the plots and (m+1)(m+2)/2 terms at degree 2: a wide file froze the page.
  if (chosen.stateNames.length > MAX_STATES) {
    return err(tooManyStatesMessage(chosen.stateNames, MAX_STATES, s.stateColumns.length > 0, "under 'States' (type part of a name to find them)"));
  }
  const observed = s.noise > 0 ? addNoise(chosen, s.noise / 100, s.seed) : chosen;
  const m = observed.stateNames.length;
  const plotted: PlotTrajectory[] = observed.trajectories.slice(0, MAX_PLOTTED_TRAJECTORIES).map((tr) => {
    const idx = decimationIndex(tr.t.length);
    return { t: pickTimes(tr.t, idx), y: pickRows(tr.y, m, idx) };
  });
  const { t, y } = plotted[0]!;
  const nSamples = observed.trajectories.reduce((a, x) => a + x.t.length, 0);
  return ok({
    observed,
    reference: { stateNames: observed.stateNames, trajectories: plotted },
    truth: null,
    payload: (key) => ({
      key, stateNames: [...observed.stateNames], t: t.slice(), y: y.slice(), yTrue: null, dydtTrue: null,
      nSamples, nTrajectories: observed.trajectories.length, noisy: s.noise > 0,
      extra: plotted.slice(1).map((p) => ({ t: p.t.slice(), y: p.y.slice() })),
    }),
  });
}
