/**
 * The data rows of a CSV file: numbers per cell, the trajectory of each row, and the check
 * that time strictly increases within each trajectory. Rows go into one preallocated flat
 * buffer (no per-row objects), so a 5,000-row file costs a `split` per line and a `Number`
 * per cell; csv.ts then cuts the buffer into trajectories.
 */
import { ok, err, type Result } from '../types';
import type { ColumnRoles } from './csvHeader';
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

/** Reads every remaining content line of `reader` (at most `capacity` of them). */
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
    const base = rows.n * w;
    for (let c = 0; c < w; c++) {
      const cell = fields[cols[c]!]!;
      const v = parseDecimal(cell);
      if (Number.isNaN(v)) return err(`Row ${lineNo}, column '${names[cols[c]!]}': ${describeBadNumber(cell)}`);
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

function raggedMessage(nFields: number, names: string[], lineNo: number): string {
  const expected = `Row ${lineNo} has ${nFields} field${nFields === 1 ? '' : 's'} but the header has ${names.length} (${names.join(', ')})`;
  if (nFields < names.length) {
    return `${expected}: column '${names[nFields]}' has no value. Give every column a value in that row or remove it.`;
  }
  return `${expected}: extra fields after column '${names[names.length - 1]}'. Remove them (a separator at the end of the line also makes one).`;
}

/** The trajectory id of a row; new labels get the next id. '1' and '1.0' are the same label. */
function trajectoryOf(
  fields: string[], trajIndex: number, labels: string[], cursor: Cursor, names: string[], lineNo: number,
): Result<number> {
  if (trajIndex < 0) return ok(0);
  const label = fields[trajIndex]!;
  if (label === '') {
    return err(`Row ${lineNo}, column '${names[trajIndex]}': the cell is empty. Give every row a trajectory label.`);
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
  if (prevLine === undefined || prevT === undefined || t > prevT) return null;
  const rows = `Rows ${prevLine} and ${lineNo}, column '${names[roles.timeIndex]}'`;
  const inTraj = roles.trajIndex >= 0 ? ` in trajectory '${labels[k]}'` : '';
  if (t === prevT) return `${rows}: time ${t} appears twice${inTraj}. Remove one of the two rows.`;
  const hint = roles.trajIndex >= 0 ? '' : " If the file holds several runs, add a 'trajectory' column that tells them apart.";
  return `${rows}: time goes back from ${prevT} to ${t}${inTraj}; times must increase within a trajectory. Sort the rows by time.${hint}`;
}
