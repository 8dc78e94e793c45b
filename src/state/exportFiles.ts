/**
 * The export menu's files that the main thread makes from the page's settings and the fit it
 * shows: the coefficient table, the PySINDy and PySR scripts
 * and the configuration. The settings become a core PipelineSpec through spec.ts (the one
 * adapter), and that through core/export/fromPipeline.ts (the mapping the CLI uses too), so
 * the page's script and `npm run -s cli -- export pysindy` cannot disagree. The scripts read
 * the data file the menu exports (`<stem>-data.csv`, written by the worker with datasetToCsv;
 * exportPlan.ts's dataLayout names its columns). Loaded lazily by the menu: the script
 * generators pull in the expression parser.
 */
import { pysindyFitOf } from '../core/export/fromPipeline';
import { pysindyScript } from '../core/export/pysindyScript';
import { pysrOptionsOf, pysrScript, validatePysrOptions } from '../core/export/pysrScript';
import { coefficientsCsv, equationsCsv } from '../core/export/tables';
import { err, ok, type Result } from '../core/types';
import { configJson } from './configFile';
import { namesFor, pysindyName, pysindyUnavailable, type DataLayout, type ExportFit } from './exportPlan';
import type { LabSettings, Settings, View } from './settings';
import { pipelineSpec } from './spec';

export interface ExportedFile { name: string; text: string; mime: string }

/** The coefficient table of a library model; an expression model's formulas (state, equation). */
export function coefficientsFile(s: Settings, fit: ExportFit): ExportedFile {
  const text = fit.features.length > 0
    ? coefficientsCsv(fit.stateNames, fit.features, fit.coefficients)
    : equationsCsv(fit.stateNames, fit.equations);
  return { name: namesFor(s).coefficients, text, mime: 'text/csv' };
}

export function configFileOf(s: Settings, view: View, lab: LabSettings): ExportedFile {
  return { name: namesFor(s).config, text: configJson({ settings: s, view, lab }), mime: 'application/json' };
}

const CREDIT = 'SINDy Playground (Export menu)';

/** The PySINDy script reproducing the fit from the exported data file; `link` is the page's link (in the header). */
export function pysindyFile(s: Settings, fit: ExportFit, layout: DataLayout, link: string): Result<ExportedFile> {
  const why = pysindyUnavailable(s, fit);
  if (why) return err(why);
  const mapped = pysindyFitOf(pipelineSpec(s));
  if (!mapped.ok) return mapped;
  const names = namesFor(s);
  const name = pysindyName(s);
  const p = fit.features.length;
  const text = pysindyScript({
    csvPath: names.data, besideScript: true, timeColumn: layout.timeName, stateColumns: layout.stateNames, trajectoryColumn: layout.trajectoryColumn,
    ...mapped.value, scriptName: name, generatedBy: `${CREDIT}; the settings as a link: ${link}`,
    expected: { coefficients: fit.stateNames.map((_, j) => Array.from(fit.coefficients.subarray(j * p, (j + 1) * p))) },
  });
  return ok({ name, text, mime: 'text/x-python' });
}

/** The PySR script: the symbolic search's own options, or PySR's defaults for a SINDy fit. */
export function pysrFile(s: Settings, layout: DataLayout, link: string): Result<ExportedFile> {
  const pipeline = pipelineSpec(s);
  const options = validatePysrOptions(pysrOptionsOf(pipeline, s.seed));
  if (!options.ok) return options;
  const names = namesFor(s);
  const text = pysrScript({
    csvPath: names.data, besideScript: true, timeColumn: layout.timeName, stateColumns: layout.stateNames, trajectoryColumn: layout.trajectoryColumn,
    derivative: pipeline.derivative, options: options.value, scriptName: names.pysr, generatedBy: `${CREDIT}; the settings as a link: ${link}`,
  });
  return ok({ name: names.pysr, text, mime: 'text/x-python' });
}
