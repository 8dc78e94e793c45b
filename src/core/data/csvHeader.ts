/**
 * Roles of the header's columns: which one is time, which (if any) tells trajectories apart,
 * and which are states. State names become identifiers in model expressions ('x*y',
 * 'sin(x)'), so an unusable name is an error with a suggested rename — never renamed silently,
 * because the user would then see equations in names that are not in their file.
 */
import { ok, err, type Result } from '../types';
import { parseDecimal } from './csvNumber';

export interface ColumnRoles {
  timeIndex: number;
  /** -1 when there is no trajectory column */
  trajIndex: number;
  /** column indices of the states, in header order */
  stateIndices: number[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TIME_NAMES = new Set(['t', 'time']);
const TRAJECTORY = 'trajectory';

/**
 * Assigns roles to the (trimmed, unquoted) header names found on line `lineNo`.
 * A blank `timeColumn` means automatic choice, like undefined.
 */
export function resolveColumns(names: string[], lineNo: number, timeColumn?: string): Result<ColumnRoles> {
  // A file without a header is common; without this check its first row of numbers would
  // be reported as badly named columns.
  if (names.every((n) => !Number.isNaN(parseDecimal(n)))) {
    return err(`Row ${lineNo} (${names.join(', ')}) looks like data, not a header. Add a header row such as 't,x,y' above it.`);
  }
  const basic = checkNames(names, lineNo);
  if (!basic.ok) return basic;
  const trajIndex = basic.value;
  const auto = timeColumn === undefined || timeColumn.trim() === '';
  const time = auto ? defaultTime(names, trajIndex) : namedTime(names, timeColumn, trajIndex);
  if (!time.ok) return time;
  const timeIndex = time.value;
  const stateIndices = names.map((_, k) => k).filter((k) => k !== timeIndex && k !== trajIndex);
  if (stateIndices.length === 0) {
    const traj = trajIndex >= 0 ? ` and the trajectory column '${names[trajIndex]}'` : '';
    return err(
      `Row ${lineNo}: the header has no state column, only the time column '${names[timeIndex]}'${traj}. ` +
        `Add at least one state column; if the file has several columns, separate them with a comma, ';' or a tab.`,
    );
  }
  for (const k of stateIndices) {
    const bad = checkIdentifier(names[k]!, k, lineNo);
    if (bad !== null) return err(bad);
  }
  return ok({ timeIndex, trajIndex, stateIndices });
}

/** Empty and duplicate names; returns the trajectory column index (-1 if none). */
function checkNames(names: string[], lineNo: number): Result<number> {
  const seen = new Map<string, number>();
  let trajIndex = -1;
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (name === '') return err(`Row ${lineNo}, column ${k + 1}: the header cell is empty. Give every column a name.`);
    const first = seen.get(name);
    if (first !== undefined) {
      return err(`Row ${lineNo}: column name '${name}' appears twice (columns ${first + 1} and ${k + 1}). Rename one of them.`);
    }
    seen.set(name, k);
    if (name.toLowerCase() !== TRAJECTORY) continue;
    if (trajIndex >= 0) {
      return err(
        `Row ${lineNo}: columns '${names[trajIndex]}' and '${name}' both name the trajectory column. Keep one of them.`,
      );
    }
    trajIndex = k;
  }
  return ok(trajIndex);
}

/** The first column named t or time (any case), else the first that is not the trajectory column. */
function defaultTime(names: string[], trajIndex: number): Result<number> {
  const named = names.findIndex((n) => TIME_NAMES.has(n.toLowerCase()));
  if (named >= 0) return ok(named);
  const first = names.findIndex((_, k) => k !== trajIndex);
  return first >= 0 ? ok(first) : err(`The header has only the trajectory column '${names[trajIndex]}'. Add a time column and state columns.`);
}

/** The user's choice: an exact match, else the one case-insensitive match. */
function namedTime(names: string[], wanted: string, trajIndex: number): Result<number> {
  const w = wanted.trim();
  let k = names.indexOf(w);
  if (k < 0) {
    const matches = names.flatMap((n, i) => (n.toLowerCase() === w.toLowerCase() ? [i] : []));
    const available = names.map((n) => `'${n}'`).join(', ');
    if (matches.length === 0) return err(`There is no column '${w}' to use as time. Available columns: ${available}.`);
    if (matches.length > 1) return err(`Columns ${matches.map((i) => `'${names[i]}'`).join(' and ')} both match time column '${w}'. Give its exact name.`);
    k = matches[0]!;
  }
  if (k === trajIndex) {
    return err(`Column '${names[k]}' labels trajectories, so it cannot be the time column. Choose another column.`);
  }
  return ok(k);
}

/** A message if a state name is not an identifier, with a suggested rename; null if it is fine. */
function checkIdentifier(name: string, k: number, lineNo: number): string | null {
  if (IDENTIFIER.test(name)) return null;
  return (
    `Row ${lineNo}, column ${k + 1} '${name}': state names are used in equations, so they must start with a letter or _ ` +
    `and contain only letters, digits and _. Rename the column, e.g. to '${suggestIdentifier(name, k)}'.`
  );
}

/** 'x pos' → 'x_pos', '2nd' → '_2nd', 'µ' → 'x1' (column number when nothing usable is left). */
export function suggestIdentifier(name: string, k: number): string {
  let s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') return `x${k + 1}`;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  return s;
}
