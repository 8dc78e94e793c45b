/**
 * Roles of the header's columns: which one is time, which (if any) tells trajectories apart,
 * and which are states. State names become identifiers in model expressions ('x*y',
 * 'sin(x)'), so an unusable name is an error with a suggested rename — never renamed silently,
 * because the user would then see equations in names that are not in their file.
 */
import { ok, err, type Result } from '../types';
import { excerpt, quoted, quotedList } from '../text';
import { parseDecimal } from './csvNumber';
import { MAX_NAME_LENGTH } from './csvLimits';

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

/** The first cells of a row as written, for a message: '0, 1.5' or '0, 1.5, 2, 3, 4, 5, …'. */
export function cellsExcerpt(cells: readonly string[], count = 6): string {
  const shown = cells.slice(0, count).map((c) => excerpt(c, 16)).join(', ');
  return cells.length > count ? `${shown}, …` : shown;
}

/** Which columns to use, beyond their names. */
export interface ColumnChoice {
  /** name of the time column; blank or undefined: automatic */
  timeColumn?: string;
  /** the state columns to use, by name; undefined or empty: every other column */
  states?: readonly string[];
  /** most state columns allowed (default: no limit) */
  maxStates?: number;
  /** how the user chooses states, ending the message when there are too many (e.g. "with --states a,b,c") */
  howToChoose?: string;
}

/**
 * Assigns roles to the (trimmed, unquoted) header names found on line `lineNo`.
 * A blank `timeColumn` means automatic choice, like undefined.
 */
export function resolveColumns(names: string[], lineNo: number, choice: ColumnChoice = {}): Result<ColumnRoles> {
  // A file without a header is common; without this check its first row of numbers would
  // be reported as badly named columns.
  if (names.every((n) => !Number.isNaN(parseDecimal(n)))) {
    return err(`Row ${lineNo} (${cellsExcerpt(names)}) looks like data, not a header. Add a header row such as 't,x,y' above it.`);
  }
  const basic = checkNames(names, lineNo);
  if (!basic.ok) return basic;
  const trajIndex = basic.value;
  const { timeColumn } = choice;
  const auto = timeColumn === undefined || timeColumn.trim() === '';
  const time = auto ? defaultTime(names, trajIndex) : namedTime(names, timeColumn, trajIndex);
  if (!time.ok) return time;
  const timeIndex = time.value;
  const chosen = choice.states !== undefined && choice.states.length > 0;
  const states = chosen ? namedStates(names, choice.states!, timeIndex, trajIndex) : ok(names.map((_, k) => k).filter((k) => k !== timeIndex && k !== trajIndex));
  if (!states.ok) return states;
  const stateIndices = states.value;
  if (stateIndices.length === 0) {
    const traj = trajIndex >= 0 ? ` and the trajectory column ${quoted(names[trajIndex]!)}` : '';
    return err(
      `Row ${lineNo}: the header has no state column, only the time column ${quoted(names[timeIndex]!)}${traj}. ` +
        `Add at least one state column; if the file has several columns, separate them with a comma, ';' or a tab.`,
    );
  }
  const max = choice.maxStates ?? Infinity;
  if (stateIndices.length > max) {
    return err(tooManyStatesMessage(stateIndices.map((k) => names[k]!), max, chosen, choice.howToChoose));
  }
  for (const k of stateIndices) {
    const bad = checkIdentifier(names[k]!, k, lineNo);
    if (bad !== null) return err(bad);
  }
  return ok({ timeIndex, trajIndex, stateIndices });
}

/**
 * The message for more state columns than a fit takes, e.g. "The file has 3,000 state columns
 * ('x0', 'x1', … (3,000 in all)); one fit takes at most 50. Choose the columns to fit with …".
 */
export function tooManyStatesMessage(states: readonly string[], max: number, chosen: boolean, howToChoose = ''): string {
  const how = howToChoose ? ` ${howToChoose}` : '';
  const what = chosen ? `${states.length.toLocaleString('en')} state columns were chosen` : `The file has ${states.length.toLocaleString('en')} state columns (${quotedList(states, 60, 12)})`;
  return `${what}; one fit takes at most ${max}. Choose at most ${max} columns to fit${how}.`;
}

/** Column indices of the states chosen by name (exact, else the one case-insensitive match). */
function namedStates(names: string[], wanted: readonly string[], timeIndex: number, trajIndex: number): Result<number[]> {
  const out: number[] = [];
  for (const raw of wanted) {
    const w = raw.trim();
    const k = findColumn(names, w);
    if (!k.ok) return err(k.error.replace('%ROLE%', 'as a state'));
    if (k.value === timeIndex) return err(`Column ${quoted(names[k.value]!)} is the time column, so it cannot also be a state. Choose other state columns.`);
    if (k.value === trajIndex) return err(`Column ${quoted(names[k.value]!)} labels trajectories, so it cannot be a state. Choose other state columns.`);
    if (out.includes(k.value)) return err(`State column ${quoted(names[k.value]!)} is chosen twice. Name each state once.`);
    out.push(k.value);
  }
  return ok(out);
}

/** Index of the column named w: an exact match, else the one case-insensitive match. */
function findColumn(names: string[], w: string): Result<number> {
  const k = names.indexOf(w);
  if (k >= 0) return ok(k);
  const matches = names.flatMap((n, i) => (n.toLowerCase() === w.toLowerCase() ? [i] : []));
  if (matches.length === 1) return ok(matches[0]!);
  if (matches.length > 1) return err(`Columns ${quotedList(matches.map((i) => names[i]!), 60)} all match ${quoted(w)}. Give its exact name.`);
  return err(`There is no column ${quoted(w)} to use %ROLE%. Available columns: ${quotedList(names)}.`);
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
      return err(`Row ${lineNo}: column name ${quoted(name)} appears twice (columns ${first + 1} and ${k + 1}). Rename one of them.`);
    }
    seen.set(name, k);
    if (name.toLowerCase() !== TRAJECTORY) continue;
    if (trajIndex >= 0) {
      return err(
        `Row ${lineNo}: columns ${quoted(names[trajIndex]!)} and ${quoted(name)} both name the trajectory column. Keep one of them.`,
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
  return first >= 0 ? ok(first) : err(`The header has only the trajectory column ${quoted(names[trajIndex]!)}. Add a time column and state columns.`);
}

/** The user's choice: an exact match, else the one case-insensitive match. */
function namedTime(names: string[], wanted: string, trajIndex: number): Result<number> {
  const k = findColumn(names, wanted.trim());
  if (!k.ok) return err(k.error.replace('%ROLE%', 'as time'));
  if (k.value === trajIndex) {
    return err(`Column ${quoted(names[k.value]!)} labels trajectories, so it cannot be the time column. Choose another column.`);
  }
  return k;
}

/** A message if a state name is not an identifier of at most MAX_NAME_LENGTH characters, with a suggested rename; null if it is fine. */
function checkIdentifier(name: string, k: number, lineNo: number): string | null {
  if (name.length > MAX_NAME_LENGTH) {
    return `Row ${lineNo}, column ${k + 1} ${quoted(name, 24)}: the name has ${name.length.toLocaleString('en')} characters; state names are used in equations and links, so at most ${MAX_NAME_LENGTH}. Rename the column, e.g. to '${suggestIdentifier(name, k)}'.`;
  }
  if (IDENTIFIER.test(name)) return null;
  return (
    `Row ${lineNo}, column ${k + 1} ${quoted(name)}: state names are used in equations, so they must start with a letter or _ ` +
    `and contain only letters, digits and _. Rename the column, e.g. to '${suggestIdentifier(name, k)}'.`
  );
}

/** Longest suggested rename (the suggestion must itself be a usable, readable name). */
const SUGGESTION_LENGTH = 24;

/** 'x pos' → 'x_pos', '2nd' → '_2nd', 'µ' → 'x1' (column number when nothing usable is left). */
export function suggestIdentifier(name: string, k: number): string {
  // Only the start of a long name matters for the suggestion (a 100 MB name costs nothing more).
  let s = name.slice(0, 4 * SUGGESTION_LENGTH).replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, SUGGESTION_LENGTH).replace(/_+$/, '');
  if (s === '') return `x${k + 1}`;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  return s;
}
