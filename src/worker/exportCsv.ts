/**
 * The export menu's CSV files that need the full data, which only the worker holds (the main
 * thread has plot-sized copies): every sample of every trajectory as the fit saw it (after
 * noise), and the recovered model simulated from each trajectory's initial state at every
 * sample time. Pure functions of the data layer and the model; engine.ts answers the request.
 */
import { datasetToCsv } from '../core/data/csv';
import { simulationCsv } from '../core/export/tables';
import type { IntegrateOptions } from '../core/integrate/integrate';
import { modelVectorField, type Model } from '../core/methods/model';
import { simulateRhs } from '../core/model/simulate';
import type { Dataset } from '../core/types';
import type { DataLayer } from './dataLayer';
import type { ExportedCsv } from './protocol';

/**
 * How the recovered model is simulated, for the plots and the export alike. Blow-up bound: a
 * thousand times the largest |state| of the reference (at least 10⁶), far outside anything the
 * data can justify; beyond it the curve would be garbage.
 */
export function simulationOptions(ref: Dataset): IntegrateOptions & { stateNames: string[]; subject: string; advice: string } {
  let scale = 0;
  for (const tr of ref.trajectories) for (const v of tr.y) scale = Math.max(scale, Math.abs(v));
  return {
    maxSteps: 100_000, blowUp: Math.max(1e6, 1e3 * scale), stateNames: ref.stateNames, subject: 'The recovered model',
    advice: 'Raise the threshold for a sparser model, lower the noise, or smooth the derivatives.',
  };
}

/** Every sample the fit used, in the layout parseCsv reads back (a trajectory column when there are several). */
export function exportData(data: DataLayer, timeName: string): ExportedCsv {
  const ds = data.observed;
  const rows = ds.trajectories.reduce((a, tr) => a + tr.t.length, 0);
  return { csv: datasetToCsv(ds, timeName), rows, trajectories: ds.trajectories.length, ended: [] };
}

/**
 * The model simulated at every sample time of every trajectory, from the initial state the
 * plots start from (a built-in system's noise-free x₀; an upload's first row).
 */
export function exportSimulation(data: DataLayer, model: Model, timeName: string): ExportedCsv {
  const { observed, reference } = data;
  const m = observed.stateNames.length;
  const starts: Dataset = {
    stateNames: observed.stateNames,
    trajectories: observed.trajectories.map((tr, k) => ({ t: tr.t, y: (reference.trajectories[k] ?? tr).y.subarray(0, m) })),
  };
  const results = simulateRhs(modelVectorField(model), starts, simulationOptions(reference));
  const { csv, rows, ended } = simulationCsv(observed.trajectories.map((tr) => tr.t), results, observed.stateNames, timeName);
  return { csv, rows, trajectories: results.length, ended };
}
