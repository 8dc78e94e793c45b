/**
 * What the export menu offers for the page's state, decided without loading the generators
 * (exportFiles.ts, loaded on first use, pulls in the expression parser): every file's name,
 * the columns of the exported data (which the scripts read), and whether the fit has a
 * PySINDy script. Built on spec.ts (the one adapter from settings to a core PipelineSpec) and
 * core/export/fromPipeline.ts (the mapping the CLI uses too).
 */
import { pysindyFitOf } from '../core/export/fromPipeline';
import { exportNames, type DataOrigin, type ExportNames } from '../core/export/names';
import type { FitPayload } from '../worker/protocol';
import type { Settings } from './settings';
import { pipelineSpec } from './spec';

/** What the data file holds: the fit's data with these columns (a trajectory column when there are several). */
export interface DataLayout { timeName: string; trajectoryColumn: string | null; stateNames: string[] }

/** The part of the fit the exports read. */
export type ExportFit = Pick<FitPayload, 'method' | 'stateNames' | 'features' | 'coefficients' | 'equations' | 'latex' | 'status'>;

export function dataOrigin(s: Settings): DataOrigin {
  return s.source === 'upload' ? { source: 'upload', file: s.file } : { source: 'system', system: s.system };
}

export function namesFor(s: Settings): ExportNames {
  return exportNames(dataOrigin(s));
}

/** The PySINDy script's name for these settings (the optimizer, prefixed by the method unless plain SINDy). */
export function pysindyName(s: Settings): string {
  return namesFor(s).pysindy({ method: pipelineSpec(s).method.id, optimizer: s.opt });
}

/**
 * The columns of the exported data: time named as in the uploaded file (t for a built-in
 * system), then the states; datasetToCsv adds `trajectory` first when there are several.
 */
export function dataLayout(s: Settings, uploadTimeName: string | null, stateNames: readonly string[], nTrajectories: number): DataLayout {
  const timeName = s.source === 'upload' ? uploadTimeName || s.timeColumn || 't' : 't';
  return { timeName, trajectoryColumn: nTrajectories > 1 ? 'trajectory' : null, stateNames: [...stateNames] };
}

/** Why the fit has no PySINDy script, or null when it has one. */
export function pysindyUnavailable(s: Settings, fit: Pick<ExportFit, 'method' | 'status'>): string | null {
  const pipeline = pipelineSpec(s);
  const mapped = pysindyFitOf(pipeline);
  if (!mapped.ok) return mapped.error;
  if (fit.method !== pipeline.method.id) return 'The equations shown come from other settings: wait until the fit is done.';
  if (fit.status === 'all_pruned') return 'The fit removed every term: there is no model to reproduce. Lower the threshold first.';
  return null;
}
