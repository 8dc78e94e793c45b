/**
 * The engine, headless: `npm run -s cli -- fit DATA.csv [options]`.
 * With --json it prints exactly one JSON object on stdout. Bad arguments or data: one line
 * on stderr and exit code 2.
 */
import { readFileSync, statSync } from 'node:fs';
import { helpText, parseArgs, type CliOptions } from './cli/args';
import { runFit, type CliReport } from './cli/run';
import { defaultDerivative } from './core/derivative/registry';
import { parseCsv } from './core/data/csv';
import { defaultFitSettings } from './core/pipeline/fit';

const MAX_BYTES = 200 * 1024 * 1024;

function fail(message: string): never {
  process.stderr.write(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(2);
}

function readCsv(o: CliOptions) {
  let size: number;
  try {
    size = statSync(o.file).size;
  } catch {
    fail(`Cannot read '${o.file}': no such file. Check the path.`);
  }
  if (size > MAX_BYTES) fail(`'${o.file}' is ${(size / 1e6).toFixed(0)} MB; the limit is ${MAX_BYTES / 1e6} MB. Subsample the data.`);
  const parsed = parseCsv(readFileSync(o.file, 'utf8'), { timeColumn: o.timeColumn, maxBytes: MAX_BYTES });
  if (!parsed.ok) fail(`${o.file}: ${parsed.error}`);
  return parsed.value.dataset;
}

function printText(r: CliReport): void {
  const lines = [`${r.states.length} states, ${r.features.length} library terms, ${r.method} fit in ${r.timings.fitMs.toFixed(2)} ms`];
  if (r.message) lines.push(`note: ${r.message}`);
  r.states.forEach((s, j) => lines.push(`  d${s}/dt = ${r.equations[s]}    (R² = ${r.r2[j]!.toFixed(6)})`));
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function main(): void {
  const tv = defaultDerivative.tv;
  const parsed = parseArgs(process.argv.slice(2), defaultFitSettings(), { alpha: tv.alpha, iterations: tv.iterations });
  if (!parsed.ok) fail(parsed.error);
  const o = parsed.value;
  if (o.command === 'help') {
    process.stdout.write(helpText() + '\n');
    return;
  }
  const ds = readCsv(o);
  const report = runFit(ds, o);
  if (!report.ok) fail(report.error);
  if (o.json) process.stdout.write(JSON.stringify(report.value) + '\n');
  else printText(report.value);
}

main();
