/**
 * CSV import and export of datasets.
 *
 * Format read by `parseCsv`:
 * - A header row, then one row per sample. Blank lines and lines starting with `#` (after
 *   optional spaces) are skipped anywhere. UTF-8 BOM, CRLF (or lone CR) line endings accepted.
 * - Separator: comma, `;` or tab, detected from the header (or an Excel `sep=;` first line).
 *   Spaces around fields are ignored; fields may be quoted ("a", "" for a quote), on one line.
 * - Time column: the one named `t` or `time` (any case), else the first column that is not
 *   the trajectory column; `opts.timeColumn` overrides. Other columns are states, whose names
 *   must be identifiers (see csvHeader.ts).
 * - Optional `trajectory` column (any case): its values (strings or numbers, '1' and '1.0' are
 *   the same label) tell several runs apart. Rows of one trajectory need NOT be contiguous: they
 *   are grouped in order of first appearance, so files sorted by time across runs work too. Within
 *   a trajectory, times must strictly increase in file order; rows are never re-sorted, because
 *   an out-of-order time is more often a pasting mistake than an intent.
 * - Numbers: strict decimal literals (csvNumber.ts); no empty, NaN, Infinity or hex cells.
 *   Time steps must lie within TIME_STEP_RANGE (derivatives divide by them).
 * - Text: UTF-8 (csvEncoding.ts names UTF-16, ZIP and binary files); at most MAX_COLUMNS columns.
 * - States: every column but time and trajectory, or those named in `opts.states`; at most
 *   `opts.maxStates` of them (the CLI passes MAX_STATES; the page's worker keeps every column
 *   and lets the user choose).
 *
 * Every defect is an error naming the row (1-based file line) and column and what to fix; no
 * partial dataset is ever returned. Text from the file is quoted in messages only as printable
 * excerpts (core/text.ts): never a raw control character, never more than a few dozen characters.
 */
import { ok, err, type Dataset, type Result, type Trajectory } from '../types';
import { quoted, quotedList } from '../text';
import { LineReader, countLines, detectSeparator, explicitSeparator, quoteField, splitFields, type Separator } from './csvTokenize';
import { resolveColumns, type ColumnChoice, type ColumnRoles } from './csvHeader';
import { encodingProblem, headerEncodingProblem } from './csvEncoding';
import { MAX_COLUMNS } from './csvLimits';
import { readRows, rowCapacity, type Rows } from './csvRows';

export interface CsvOptions extends ColumnChoice {
  /** largest accepted text length, in characters; default CSV_DEFAULTS.maxBytes */
  maxBytes?: number;
  /** fewest samples per trajectory; default 3 (what derivative estimates need) */
  minSamples?: number;
}

export interface ParsedCsv {
  dataset: Dataset;
  timeName: string;
  /** every header name, in file order */
  columns: string[];
  trajectoryColumn: string | null;
  /** number of data rows (all trajectories) */
  nRows: number;
}

/** Sizes are decimal (1 MB = 10⁶ bytes), as formatSize prints them. */
export const CSV_DEFAULTS = Object.freeze({ maxBytes: 50e6, minSamples: 3 });

interface Header {
  names: string[];
  sep: Separator;
  lineNo: number;
}

/** Parses a CSV text into a dataset, or explains the first defect found. */
export function parseCsv(text: string, opts: CsvOptions = {}): Result<ParsedCsv> {
  const maxBytes = opts.maxBytes ?? CSV_DEFAULTS.maxBytes;
  if (text.length > maxBytes) {
    return err(`The file is ${formatSize(text.length)}; the limit is ${formatSize(maxBytes)}. Keep fewer rows (e.g. every 10th) or split the file.`);
  }
  const encoding = encodingProblem(text);
  if (encoding !== null) return err(encoding);
  const reader = new LineReader(text);
  const header = readHeader(reader);
  if (!header.ok) return header;
  const { names, sep, lineNo } = header.value;
  const roles = resolveColumns(names, lineNo, opts);
  if (!roles.ok) return roles;
  const capacity = rowCapacity(text.length, countLines(text), names.length, roles.value);
  const rows = readRows(reader, sep, names, roles.value, capacity);
  if (!rows.ok) return rows;
  const minSamples = Math.max(1, Math.floor(opts.minSamples ?? CSV_DEFAULTS.minSamples));
  const dataset = assemble(rows.value, names, roles.value, lineNo, minSamples);
  if (!dataset.ok) return dataset;
  const { timeIndex, trajIndex } = roles.value;
  return ok({
    dataset: dataset.value,
    timeName: names[timeIndex]!,
    columns: names,
    trajectoryColumn: trajIndex >= 0 ? names[trajIndex]! : null,
    nRows: rows.value.n,
  });
}

/** The first content line, split into names (an Excel `sep=` line before it sets the separator). */
function readHeader(reader: LineReader): Result<Header> {
  const empty = "The file is empty (or holds only comments and blank lines). Expected a header such as 't,x,y' followed by rows of numbers.";
  if (!reader.next()) return err(empty);
  let sep = explicitSeparator(reader.line);
  if (sep !== null && !reader.next()) return err(empty);
  sep ??= detectSeparator(reader.line);
  const encoding = headerEncodingProblem(reader.line, reader.lineNo) ?? lineBreakProblem(reader.line, reader.lineNo);
  if (encoding !== null) return err(encoding);
  const n = countSeparators(reader.line, sep) + 1;
  if (n > MAX_COLUMNS) {
    return err(`Row ${reader.lineNo} (the header) has about ${n.toLocaleString('en')} columns; at most ${MAX_COLUMNS.toLocaleString('en')} are read. Keep only the columns to fit (or check the separator).`);
  }
  const names = splitFields(reader.line, sep, reader.lineNo);
  if (!names.ok) return names;
  return ok({ names: names.value, sep, lineNo: reader.lineNo });
}

/** Characters that end lines in some programs but not in CSV (form feed, vertical tab, NEL, U+2028/9). */
const FOREIGN_BREAK = /[\v\f\u0085\u2028\u2029]/;

/** A message when the header holds a line break CSV does not know (the whole file is then one line); else null. */
function lineBreakProblem(header: string, lineNo: number): string | null {
  const m = FOREIGN_BREAK.exec(header);
  if (m === null) return null;
  return `Row ${lineNo} (the header) contains the line break ${quoted(m[0])} after ${quoted(header.slice(0, m.index), 24)}, which CSV does not use. End lines with LF or CRLF (save the file as CSV again).`;
}

/** Occurrences of sep in line (quoted ones included: an upper bound on the fields, for the column cap). */
function countSeparators(line: string, sep: Separator): number {
  let n = 0;
  for (let i = line.indexOf(sep); i >= 0; i = line.indexOf(sep, i + 1)) n++;
  return n;
}

/** Splits the rows into trajectories; checks that each has at least minSamples samples. */
function assemble(rows: Rows, names: string[], roles: ColumnRoles, headerLine: number, minSamples: number): Result<Dataset> {
  if (rows.n === 0) {
    return err(`Row ${headerLine} holds the header (${quotedList(names, 50, 16, false)}) but no data rows follow. Add at least ${minSamples} rows of numbers.`);
  }
  const nTraj = rows.labels.length;
  const counts = new Int32Array(nTraj);
  for (let i = 0; i < rows.n; i++) counts[rows.traj[i]!]!++;
  const short = counts.findIndex((c) => c < minSamples);
  if (short >= 0) return err(tooFewMessage(rows, names, roles, short, counts[short]!, minSamples));
  const m = roles.stateIndices.length;
  const trajectories: Trajectory[] = rows.labels.map((_, k) => ({
    t: new Float64Array(counts[k]!),
    y: new Float64Array(counts[k]! * m),
  }));
  const filled = new Int32Array(nTraj);
  const w = m + 1;
  for (let i = 0; i < rows.n; i++) {
    const k = rows.traj[i]!;
    const tr = trajectories[k]!;
    const s = filled[k]!++;
    tr.t[s] = rows.values[i * w]!;
    for (let j = 0; j < m; j++) tr.y[s * m + j] = rows.values[i * w + 1 + j]!;
  }
  return ok({ stateNames: roles.stateIndices.map((j) => names[j]!), trajectories });
}

function tooFewMessage(rows: Rows, names: string[], roles: ColumnRoles, k: number, count: number, min: number): string {
  const lines: number[] = [];
  for (let i = 0; i < rows.n; i++) if (rows.traj[i] === k) lines.push(rows.line[i]!);
  // Few rows are listed one by one (they are often stray lines); many as a range.
  const where = lines.length === 1 ? `row ${lines[0]}`
    : lines.length <= 5 ? `rows ${lines.join(', ')}` : `rows ${lines[0]}–${lines[lines.length - 1]}`;
  const samples = `${count} sample${count === 1 ? '' : 's'}`;
  const why = `at least ${min} are needed to estimate derivatives`;
  if (roles.trajIndex < 0) {
    return `Column ${quoted(names[roles.timeIndex]!)} has only ${samples} (${where}); ${why}. Add rows.`;
  }
  return `Trajectory ${quoted(rows.labels[k]!)} (column ${quoted(names[roles.trajIndex]!, 24)}) has only ${samples} (${where}); ${why}. Add rows or remove that trajectory.`;
}

/**
 * '52.4 MB', '12 kB', '900 B': decimal units (1 kB = 1000 B, 1 MB = 10⁶ B), as file managers
 * show sizes. Every size and limit in a message goes through here, so none mixes MB and MiB.
 */
export function formatSize(n: number): string {
  const round = (v: number): string => String(Math.round(v * 10) / 10);
  if (n >= 1e6) return `${round(n / 1e6)} MB`;
  if (n >= 1e3) return `${round(n / 1e3)} kB`;
  return `${n} B`;
}

/**
 * The header and first rows as text, for the upload preview: no numeric validation, ragged rows
 * kept as they are. Reads only the lines it returns, so it is cheap on a large file.
 */
export function previewCsv(text: string, maxRows = 10): Result<{ columns: string[]; rows: string[][]; separator: string }> {
  const encoding = encodingProblem(text);
  if (encoding !== null) return err(encoding);
  const reader = new LineReader(text);
  const header = readHeader(reader);
  if (!header.ok) return header;
  const { names, sep } = header.value;
  const rows: string[][] = [];
  while (rows.length < maxRows && reader.next()) {
    const fields = splitFields(reader.line, sep, reader.lineNo);
    if (!fields.ok) return fields;
    rows.push(fields.value);
  }
  return ok({ columns: names, rows, separator: sep });
}

/** Shortest text that parses back to exactly the same double (String keeps all bits but -0's sign). */
function formatNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * A dataset as CSV text that `parseCsv` reads back bit-exactly: header `t,x,y` (time name
 * configurable), plus a leading `trajectory` column numbered 1, 2, … when there are several.
 */
export function datasetToCsv(ds: Dataset, timeName = 't'): string {
  const multi = ds.trajectories.length > 1;
  const header = [...(multi ? ['trajectory'] : []), timeName, ...ds.stateNames];
  const out = [header.map(quoteField).join(',')];
  const m = ds.stateNames.length;
  ds.trajectories.forEach((tr, k) => {
    const prefix = multi ? `${k + 1},` : '';
    for (let i = 0; i < tr.t.length; i++) {
      let line = prefix + formatNumber(tr.t[i]!);
      for (let j = 0; j < m; j++) line += ',' + formatNumber(tr.y[i * m + j]!);
      out.push(line);
    }
  });
  return out.join('\n') + '\n';
}
