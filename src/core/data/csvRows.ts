/**
 * The data rows of a CSV file: numbers per cell, the trajectory of each row, and the check
 * that time strictly increases within each trajectory, by a step that derivatives can divide
 * by. Rows go into one preallocated flat buffer (no per-row objects), so a 5,000-row file costs
 * a `split` per line and a `Number` per cell; csv.ts then cuts the buffer into trajectories.
 */
import { ok, err, type Result } from '../types';
import { quoted, quotedList } from '../text';
import type { ColumnRoles } from './csvHeader';
import { TIME_STEP_RANGE } from './csvLimits';
import { describeBadNumber, parseDecimal } from './csvNumber';
import { splitFields, type LineReader, type Separator } from './csvTokenize';

export interface Rows {
  /** values: capacity × (1 + nStates), row-major; the first n rows hold time, then the states in header order */
  values: Float64Array;
  /** traj: capacity; trajectory id of each row (index into labels) */
  traj: Int32Array;
  /** line: capacity; 1-based file line of each row, for messages */
  line: Int32Array;
  /** number of data rows read */
  n: number;
  /** trajectory labels as first written, in order of first appearance ([''] without a trajectory column) */
  labels: string[];
}

/** Per-trajectory state while reading: the last time seen and its line. */
interface Cursor {
  ids: Map<string, number>;
  lastT: number[];
  lastLine: number[];
}

/**
 * Most data rows a text of `length` characters can hold, given `lines` line breaks + 1: a row
 * that is stored has a non-empty cell in every used column (time, states, trajectory), a
 * separator between each two of the header's `nColumns` fields, and a line break (but the
 * last). Bounding by characters, not lines alone, keeps the buffer proportional to the file:
 * blank or comment lines do not count (10,000 columns × 500,000 blank lines asked for 5·10⁹
 * numbers here once).
 */
export function rowCapacity(length: number, lines: number, nColumns: number, roles: ColumnRoles): number {
  const used = 1 + roles.stateIndices.length + (roles.trajIndex >= 0 ? 1 : 0);
  return Math.max(0, Math.min(lines, Math.floor((length + 1) / (used + nColumns))));
}

/** Reads every remaining content line of `reader` (see rowCapacity for `capacity`). */
export function readRows(
  reader: LineReader, sep: Separator, names: string[], roles: ColumnRoles, capacity: number,
): Result<Rows> {
  const cols = [roles.timeIndex, ...roles.stateIndices];
  const w = cols.length;
  const rows: Rows = {
    values: new Float64Array(capacity * w),
    traj: new Int32Array(capacity),
    line: new Int32Array(capacity),
    n: 0,
    labels: roles.trajIndex < 0 ? [''] : [],
  };
  const cursor: Cursor = { ids: new Map(), lastT: [], lastLine: [] };
  while (reader.next()) {
    const lineNo = reader.lineNo;
    const split = splitFields(reader.line, sep, lineNo);
    if (!split.ok) return split;
    const fields = split.value;
    if (fields.length !== names.length) return err(raggedMessage(fields.length, names, lineNo));
    if (rows.n === rows.traj.length) grow(rows, w);
    const base = rows.n * w;
    for (let c = 0; c < w; c++) {
      const cell = fields[cols[c]!]!;
      const v = parseDecimal(cell);
      if (Number.isNaN(v)) return err(`Row ${lineNo}, column ${quoted(names[cols[c]!]!)}: ${describeBadNumber(cell)}`);
      rows.values[base + c] = v;
    }
    const k = trajectoryOf(fields, roles.trajIndex, rows.labels, cursor, names, lineNo);
    if (!k.ok) return k;
    const order = checkTimeOrder(rows.values[base]!, k.value, cursor, rows.labels, names, roles, lineNo);
    if (order !== null) return err(order);
    rows.traj[rows.n] = k.value;
    rows.line[rows.n] = lineNo;
    rows.n++;
  }
  return ok(rows);
}

/** Doubles the buffers (never needed when capacity comes from rowCapacity; a safety net against silent loss). */
function grow(rows: Rows, w: number): void {
  const cap = Math.max(16, 2 * rows.traj.length);
  const values = new Float64Array(cap * w);
  values.set(rows.values);
  const traj = new Int32Array(cap);
  traj.set(rows.traj);
  const line = new Int32Array(cap);
  line.set(rows.line);
  Object.assign(rows, { values, traj, line });
}

function raggedMessage(nFields: number, names: string[], lineNo: number): string {
  const expected = `Row ${lineNo} has ${nFields.toLocaleString('en')} field${nFields === 1 ? '' : 's'} but the header has ${names.length.toLocaleString('en')} (${quotedList(names, 50, 16, false)})`;
  if (nFields < names.length) {
    return `${expected}: column ${quoted(names[nFields]!, 24)} has no value. Give every column a value in that row or remove it.`;
  }
  return `${expected}: extra fields after column ${quoted(names[names.length - 1]!, 24)}. Remove them (a separator at the end of the line also makes one).`;
}

/** The trajectory id of a row; new labels get the next id. '1' and '1.0' are the same label. */
function trajectoryOf(
  fields: string[], trajIndex: number, labels: string[], cursor: Cursor, names: string[], lineNo: number,
): Result<number> {
  if (trajIndex < 0) return ok(0);
  const label = fields[trajIndex]!;
  if (label === '') {
    return err(`Row ${lineNo}, column ${quoted(names[trajIndex]!)}: the cell is empty. Give every row a trajectory label.`);
  }
  const v = parseDecimal(label);
  const key = Number.isNaN(v) ? label : String(v);
  let k = cursor.ids.get(key);
  if (k === undefined) {
    k = labels.length;
    cursor.ids.set(key, k);
    labels.push(label);
  }
  return ok(k);
}

/** A message when time t (trajectory k) does not exceed the previous time of that trajectory; else null. */
function checkTimeOrder(
  t: number, k: number, cursor: Cursor, labels: string[], names: string[], roles: ColumnRoles, lineNo: number,
): string | null {
  const prevLine = cursor.lastLine[k];
  const prevT = cursor.lastT[k];
  cursor.lastLine[k] = lineNo;
  cursor.lastT[k] = t;
  if (prevLine === undefined || prevT === undefined) return null;
  const rows = `Rows ${prevLine} and ${lineNo}, column ${quoted(names[roles.timeIndex]!)}`;
  const inTraj = roles.trajIndex >= 0 ? ` in trajectory ${quoted(labels[k]!)}` : '';
  if (t > prevT) return checkTimeStep(t - prevT, rows, inTraj);
  if (t === prevT) return `${rows}: time ${t} appears twice${inTraj}. Remove one of the two rows.`;
  const hint = roles.trajIndex >= 0 ? '' : " If the file holds several runs, add a 'trajectory' column that tells them apart.";
  return `${rows}: time goes back from ${prevT} to ${t}${inTraj}; times must increase within a trajectory. Sort the rows by time.${hint}`;
}

/** A message when a time step is too small or too large to differentiate with; else null. */
function checkTimeStep(dt: number, rows: string, inTraj: string): string | null {
  const { min, max } = TIME_STEP_RANGE;
  if (dt >= min && dt <= max) return null;
  const what = dt < min ? `the time step ${dt}${inTraj} is too small` : Number.isFinite(dt) ? `the time step ${dt}${inTraj} is too large` : `the time step${inTraj} overflows 64-bit numbers`;
  return `${rows}: ${what} to differentiate with (steps must lie between ${min} and ${max}). Rescale the time column, e.g. to other units.`;
}
