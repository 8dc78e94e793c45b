/**
 * The whole CLI as a function of argv: parse, read the CSV, fit, format. It returns the exit
 * code and the text for stdout and stderr instead of touching `process`, and reads files
 * through `CliFiles`, so it stays pure and tests can run it in-process with exactly a user's
 * arguments (src/cli.ts supplies node:fs and writes the result out).
 */
import { formatSize, parseCsv } from '../core/data/csv';
import { MAX_STATES } from '../core/data/csvLimits';
import { printableLine, quoted } from '../core/text';
import { defaultDerivative } from '../core/derivative/registry';
import { defaultFitSettings } from '../core/pipeline/fit';
import { err, ok, type Dataset, type Result } from '../core/types';
import { helpText, parseArgs, type CliOptions } from './args';
import { runExport, type ExportFiles } from './export';
import { runFit, runFitAsync, type CliReport } from './run';
import type { ParallelHost } from '../core/symbolic/executor';

export interface CliOutput { code: 0 | 2; stdout: string; stderr: string }

/** The file system as the CLI needs it: a file's size in bytes (null if unreadable) and its text. */
export interface CliFiles { size(path: string): number | null; read(path: string): string }

/** Largest file read, in bytes (decimal: 200 MB, as formatSize prints it). */
const MAX_BYTES = 200e6;

function readCsv(o: CliOptions, files: CliFiles): Result<Dataset> {
  const file = quoted(o.file);
  const size = files.size(o.file);
  if (size === null) return err(`Cannot read ${file}: no such file. Check the path.`);
  if (size > MAX_BYTES) return err(`${file} is ${formatSize(size)}; the limit is ${formatSize(MAX_BYTES)}. Subsample the data.`);
  const parsed = parseCsv(files.read(o.file), {
    timeColumn: o.timeColumn, states: o.states, maxStates: MAX_STATES, howToChoose: 'with --states a,b,c', maxBytes: MAX_BYTES,
  });
  return parsed.ok ? ok(parsed.value.dataset) : err(`${file}: ${parsed.error}`);
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatText(r: CliReport): string {
  const e = r.ensemble;
  const what = e ? `${r.method} ensemble of ${e.models} models` : `${r.method} fit`;
  const terms = r.features.length > 0 ? `${r.features.length} library terms` : 'formulas';
  const lines = [`${r.states.length} states, ${terms}, ${what} in ${r.timings.fitMs.toFixed(2)} ms`];
  if (r.message) lines.push(`note: ${r.message}`);
  // R² is a regression's (the SINDy family); a search's formulas come with their Pareto front instead.
  r.states.forEach((s, j) => lines.push(`  d${s}/dt = ${r.equations[s]}${r.r2[j] === undefined ? '' : `    (R² = ${r.r2[j]!.toFixed(6)})`}`));
  const t = r.timings;
  if (t.trainMs !== undefined) lines.push(`stages: training ${fmtS(t.trainMs)}, ${r.pareto ? 'search' : 'distillation'} ${fmtS(t.searchMs ?? 0)}, fine-tuning ${fmtS(t.finetuneMs ?? 0)}`);
  if (e) {
    lines.push(`inclusion probabilities (terms kept at ≥ ${e.inclusionThreshold}):`);
    r.states.forEach((s, j) => {
      const terms = r.features.flatMap((f, a) => ((e.inclusion[j]![a] ?? 0) > 0 ? [`${f} ${e.inclusion[j]![a]!.toFixed(2)}`] : []));
      lines.push(`  d${s}/dt: ${terms.join(', ') || 'none'}`);
    });
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

/**
 * One line on stderr, exit code 2: what went wrong and what to do. Messages quote user text as
 * excerpts already; printableLine is the last guard that nothing raw or huge reaches a terminal.
 */
const failure = (message: string): CliOutput => ({ code: 2, stdout: '', stderr: `${printableLine(`error: ${message}`)}\n` });

/** The options and data of a fit, or the whole answer when there is nothing to fit (help, export, an error). */
function prepare(argv: readonly string[], files: ExportFiles): { answer: CliOutput } | { o: CliOptions; ds: Dataset } {
  if (argv[0] === 'export') return { answer: runExport(argv.slice(1), files) };
  const tv = defaultDerivative.tv;
  const parsed = parseArgs(argv, defaultFitSettings(), { alpha: tv.alpha, iterations: tv.iterations });
  if (!parsed.ok) return { answer: failure(parsed.error) };
  const o = parsed.value;
  if (o.command === 'help') return { answer: { code: 0, stdout: helpText() + '\n', stderr: '' } };
  const ds = readCsv(o, files);
  if (!ds.ok) return { answer: failure(ds.error) };
  return { o, ds: ds.value };
}

function answer(o: CliOptions, report: Result<CliReport>): CliOutput {
  if (!report.ok) return failure(report.error);
  return { code: 0, stdout: o.json ? JSON.stringify(report.value) + '\n' : formatText(report.value), stderr: '' };
}

/** argv without node and script, e.g. ['fit', 'data.csv', '--json']; everything in this thread. */
export function runCli(argv: readonly string[], files: ExportFiles): CliOutput {
  const p = prepare(argv, files);
  return 'answer' in p ? p.answer : answer(p.o, runFit(p.ds, p.o));
}

/**
 * The same with threads lent to the fit (src/cli.ts passes worker threads): `--method gp`
 * spreads its islands over `--workers` of them. The output is the same as runCli's.
 */
export async function runCliAsync(argv: readonly string[], files: ExportFiles, parallel: ParallelHost): Promise<CliOutput> {
  const p = prepare(argv, files);
  return 'answer' in p ? p.answer : answer(p.o, await runFitAsync(p.ds, p.o, parallel));
}
