/**
 * `export pysindy DATA.csv [fit options]` and `export pysr DATA.csv [options]`: the same fit or
 * search as a Python script on stdout (src/core/export). Pure like main.ts: files come through
 * `ExportFiles`, the result is an exit code and texts.
 *
 * The PySINDy script is made only for a fit that runs here: the fit is run first (same parsing,
 * checks and messages as `fit`), and its coefficients go into the script as comments to compare
 * with. The script opens DATA.csv by its absolute path, so it runs from any folder.
 */
import { parseCsv, type ParsedCsv } from '../core/data/csv';
import { parseOperators } from '../core/methods/gp/method';
import { defaultDerivative, validateDerivative } from '../core/derivative/registry';
import { pysindyFitOf } from '../core/export/fromPipeline';
import { pysindyScript } from '../core/export/pysindyScript';
import { pysrDefaults, pysrScript, validatePysrOptions, type PysrOptions } from '../core/export/pysrScript';
import { defaultFitSettings } from '../core/pipeline/fit';
import { err, ok, type Result } from '../core/types';
import { helpText, OPTIONS, parseArgs, PYSR_OPTIONS, type CliOptions } from './args';
import type { CliFiles, CliOutput } from './main';
import { cliPipelineSpec, cliWeakSettings, runFit } from './run';

/** The CLI's files, and optionally how to make a path absolute (src/cli.ts: node's path.resolve). */
export interface ExportFiles extends CliFiles { absolute?(path: string): string }

const MAX_BYTES = 200 * 1024 * 1024;

/** Fit options a PySR search uses; every other fit option would be silently dropped, so is refused. */
const PYSR_FIT_FLAGS = new Set(['--time', '--derivative', '--window', '--poly-order', '--tv-alpha', '--seed', '--help', '-h']);

const failure = (message: string): CliOutput => ({ code: 2, stdout: '', stderr: `error: ${message.replace(/\s*\n\s*/g, ' ')}\n` });

/** argv after 'export', e.g. ['pysindy', 'data.csv', '--degree', '3']. */
export function runExport(argv: readonly string[], files: ExportFiles): CliOutput {
  const target = argv[0];
  if (target === '--help' || target === '-h') return { code: 0, stdout: helpText() + '\n', stderr: '' };
  if (target !== 'pysindy' && target !== 'pysr') {
    return failure(`export needs what to write: export pysindy DATA.csv [fit options] > fit.py, or export pysr DATA.csv [options] > search.py${target ? ` (got '${target}')` : ''}.`);
  }
  const pysrOnly = target === 'pysindy' ? argv.find((a) => PYSR_OPTIONS.some((p) => a === p.flag || a.startsWith(`${p.flag}=`))) : undefined;
  if (pysrOnly) return failure(`${pysrOnly.split('=')[0]} is an option of export pysr; export pysindy takes the fit options (--help lists them).`);
  const split = target === 'pysr' ? splitPysrFlags(argv.slice(1)) : ok({ rest: argv.slice(1), pysr: { ...pysrDefaults } });
  if (!split.ok) return failure(split.error);
  const tv = defaultDerivative.tv;
  const parsed = parseArgs(['fit', ...split.value.rest], defaultFitSettings(), { alpha: tv.alpha, iterations: tv.iterations });
  if (!parsed.ok) return failure(parsed.error.replace(/\bfit needs a CSV file: fit DATA\.csv/, `export ${target} needs a CSV file: export ${target} DATA.csv`));
  const o = parsed.value;
  if (o.command === 'help') return { code: 0, stdout: helpText() + '\n', stderr: '' };
  if (o.json) return failure('--json has no effect with export: the script is printed as it is. Drop --json.');
  if (o.repeats !== 1) return failure('--repeats has no effect with export. Drop it.');
  const csv = readCsv(o.file, o.timeColumn, files);
  if (!csv.ok) return failure(csv.error);
  const path = files.absolute ? files.absolute(o.file) : o.file;
  const generatedBy = `npm run -s cli -- export ${argv.map(shellWord).join(' ')}`;
  const source = {
    csvPath: path, timeColumn: csv.value.timeName, stateColumns: csv.value.dataset.stateNames,
    trajectoryColumn: csv.value.trajectoryColumn,
  };
  if (target === 'pysr') {
    const options: PysrOptions = { ...split.value.pysr, seed: o.seed };
    const v = validatePysrOptions(options);
    if (!v.ok) return failure(v.error);
    const d = checkDerivative(o, csv.value);
    if (!d.ok) return failure(d.error);
    return { code: 0, stdout: pysrScript({ ...source, derivative: o.settings.derivative, options, generatedBy }), stderr: '' };
  }
  if (o.method === 'gp') return failure('export pysindy needs a SINDy fit; for --method gp use: export pysr DATA.csv');
  const fit = runFit(csv.value.dataset, o);
  if (!fit.ok) return failure(fit.error);
  if (fit.value.status === 'all_pruned') return failure(`no script for an empty model: ${fit.value.message ?? 'the fit removed every term'}`);
  const settings = pysindyFitOf(cliPipelineSpec(o, cliWeakSettings(o)));
  if (!settings.ok) return failure(settings.error);
  const script = pysindyScript({ ...source, ...settings.value, generatedBy, expected: { coefficients: fit.value.coefficients } });
  return { code: 0, stdout: script, stderr: '' };
}

function readCsv(file: string, timeColumn: string | undefined, files: CliFiles): Result<ParsedCsv> {
  const size = files.size(file);
  if (size === null) return err(`Cannot read '${file}': no such file. Check the path.`);
  if (size > MAX_BYTES) return err(`'${file}' is ${(size / 1e6).toFixed(0)} MB; the limit is ${MAX_BYTES / 1e6} MB. Subsample the data.`);
  const parsed = parseCsv(files.read(file), { timeColumn, maxBytes: MAX_BYTES });
  return parsed.ok ? parsed : err(`${file}: ${parsed.error}`);
}

/** The derivative settings against the shortest trajectory (PySR's script differentiates each). */
function checkDerivative(o: CliOptions, csv: ParsedCsv): Result<void> {
  const shortest = Math.min(...csv.dataset.trajectories.map((tr) => tr.t.length));
  const v = validateDerivative(o.settings.derivative, shortest);
  return v.ok ? ok(undefined) : err(v.error);
}

const VALUE_FLAGS = new Set(OPTIONS.filter((f) => f.arg !== undefined).map((f) => f.flag));

/** Take the PySR-only flags out of argv; refuse fit options that a PySR search would ignore. */
function splitPysrFlags(argv: readonly string[]): Result<{ rest: string[]; pysr: PysrOptions }> {
  const pysr: PysrOptions = { ...pysrDefaults, binaryOperators: [...pysrDefaults.binaryOperators], unaryOperators: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const spec = PYSR_OPTIONS.find((p) => p.flag === flag);
    const ours = SEARCH_FLAGS[flag];
    if (ours) {
      const r = ours(pysr, eq > 0 ? a.slice(eq + 1) : argv[++i]);
      if (!r.ok) return r;
      continue;
    }
    if (spec) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      const r = setPysr(pysr, flag, value);
      if (!r.ok) return r;
      continue;
    }
    if (flag.startsWith('-') && flag !== '-' && (OPTIONS.some((f) => f.flag === flag) || flag === '-h') && !PYSR_FIT_FLAGS.has(flag)) {
      return err(`${flag} has no effect with export pysr: the search has no library or optimizer settings. Drop it; its options are ${PYSR_OPTIONS.map((p) => p.flag).join(', ')}, --operators, --iterations, --seed, --time and the derivative options.`);
    }
    rest.push(a);
    if (eq < 0 && VALUE_FLAGS.has(flag) && i + 1 < argv.length) rest.push(argv[++i]!);
  }
  return ok({ rest, pysr });
}

/**
 * The search options of `fit --method gp` (and `--symbolic gp`), carried into the script under
 * PySR's names: --operators splits into binary and unary operators (ours are all PySR
 * built-ins), --iterations is niterations.
 */
const SEARCH_FLAGS: Record<string, (o: PysrOptions, value: string | undefined) => Result<void>> = {
  '--operators': (o, v) => {
    if (v === undefined || v.startsWith('--')) return err('--operators needs a list, e.g. "+,-,*,/,sin".');
    const ops = parseOperators(v);
    if (!ops.ok) return err(`--operators: ${ops.error}`);
    o.binaryOperators = [...ops.value.binary];
    o.unaryOperators = [...ops.value.unary];
    return ok(undefined);
  },
  '--iterations': (o, v) => {
    const r = setPysr(o, '--niterations', v);
    return r.ok ? r : err(r.error.replace('--niterations', '--iterations'));
  },
};

function setPysr(o: PysrOptions, flag: string, value: string | undefined): Result<void> {
  if (value === undefined || value.startsWith('--')) return err(`${flag} needs a value, e.g. ${PYSR_OPTIONS.find((p) => p.flag === flag)!.arg}.`);
  if (flag === '--binary-operators' || flag === '--unary-operators') {
    const ops = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (flag === '--binary-operators') o.binaryOperators = ops;
    else o.unaryOperators = ops;
    return ok(undefined);
  }
  const x = Number(value);
  if (value.trim() === '' || !Number.isInteger(x)) return err(`${flag} ${value}: expected a whole number.`);
  if (flag === '--maxsize') o.maxsize = x;
  else if (flag === '--populations') o.populations = x;
  else o.niterations = x;
  return ok(undefined);
}

/** An argument as a POSIX shell word (for the "Made by" line). */
function shellWord(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
