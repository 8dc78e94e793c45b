/**
 * Pieces of Python source shared by the script generators: literals, the CSV reader that reads
 * a file as the playground does, the derivative estimates with numpy/scipy, custom terms as
 * numpy expressions. Pure string building; nothing here runs Python.
 *
 * Literals are built so that untrusted text (a file path, a column name) can never become
 * code: strings are JSON string literals, which are valid Python string literals with the same
 * value (JSON escapes only \" \\ \b \f \n \r \t and \uXXXX, all Python escapes too).
 */
import type { DerivativeSettings } from '../derivative/registry';
import type { Expr, FunctionName } from '../library/expressionCompile';

/** A Python str literal with exactly the value of s. */
export const pyStr = (s: string): string => JSON.stringify(s);

/**
 * A Python number literal with exactly the value of x: JS's shortest round-trip form is also
 * Python's (`0.1`, `1e-08` vs `1e-8` both parse to the same double). Whole numbers print
 * without a dot, which Python reads as int: fine for every keyword we pass.
 */
export function pyNum(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  return String(x);
}

/** A comment line; line breaks in the text become spaces so it cannot end the comment. */
export const pyComment = (text: string): string => `# ${text.replace(/[\r\n\u2028\u2029\x85\f\v]+/g, ' ')}`;

export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

export const pyList = (items: readonly string[]): string => `[${items.join(', ')}]`;

/** Where the data comes from: the columns as the CSV names them. */
/** A file name as it may appear inside a docstring: letters, digits, '.', '-' and '_' only. */
export const safeFileName = (name: string, fallback: string): string => {
  const safe = name.replace(/[^\w.-]/g, '_');
  return safe === '' ? fallback : safe;
};

/** Header comments naming the data file; with besideScript, where to put it. */
export function dataComments(src: CsvSource): string[] {
  return src.besideScript
    ? [pyComment(`Data: ${src.csvPath}, exported with this script (the playground's Export menu → Data (CSV)); keep it in the same folder.`)]
    : [pyComment(`Data: ${src.csvPath}`)];
}

export interface CsvSource {
  /** the path the script opens, as given (the CLI passes an absolute path) */
  csvPath: string;
  /**
   * true: csvPath is a file name to look for in the script's own folder (the page's export
   * menu saves the script and the data side by side), or in the working folder where the
   * script has no file (pasted into a notebook). Needs `import os` (csvImports).
   */
  besideScript?: boolean;
  timeColumn: string;
  stateColumns: string[];
  /** the column telling trajectories apart, if any */
  trajectoryColumn?: string | null;
}

/** The standard-library imports the data section needs. */
export function csvImports(src: CsvSource): string[] {
  return ['import csv', ...(src.besideScript ? ['import os'] : [])];
}

/**
 * The data section of a script: constants naming the file and its columns, and
 * `read_trajectories()` → (list of t arrays, list of n × m state arrays), one per trajectory.
 * It reads the file like src/core/data/csv.ts: blank and '#' lines skipped anywhere, an Excel
 * `sep=` first line or else the separator (comma, semicolon, tab; comma wins ties) counted
 * on the header, names matched in any case, trajectories grouped in order of first appearance
 * with '1' and '1.0' the same label.
 */
export function csvReaderSection(src: CsvSource): string[] {
  const path = src.besideScript
    ? [
      `CSV_NAME = ${pyStr(src.csvPath)}  # saved beside this script`,
      'CSV_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), CSV_NAME) if "__file__" in globals() else CSV_NAME',
    ]
    : [`CSV_PATH = ${pyStr(src.csvPath)}`];
  return [
    ...path,
    `TIME_COLUMN = ${pyStr(src.timeColumn)}`,
    `STATE_COLUMNS = ${pyList(src.stateColumns.map(pyStr))}`,
    `TRAJECTORY_COLUMN = ${src.trajectoryColumn ? pyStr(src.trajectoryColumn) : 'None'}`,
    '',
    '',
    'def _label(text):',
    '    """Trajectory labels as the playground compares them: \'1\' and \'1.0\' are the same."""',
    '    try:',
    '        return float(text)',
    '    except ValueError:',
    '        return text',
    '',
    '',
    'def read_trajectories(path):',
    '    """(times, states) per trajectory, read as the playground reads the CSV."""',
    '    with open(path, newline="", encoding="utf-8-sig") as f:',
    '        lines = [l for l in f.read().splitlines() if l.strip() and not l.lstrip().startswith("#")]',
    '    if lines[0].strip().lower().startswith("sep="):',
    '        sep, lines = lines[0].strip()[4], lines[1:]',
    '    else:',
    '        sep = max([",", ";", "\\t"], key=lines[0].count)',
    '    rows = [[field.strip() for field in row] for row in csv.reader(lines, delimiter=sep)]',
    '    header = [name.lower() for name in rows[0]]',
    '    time_index = header.index(TIME_COLUMN.lower())',
    '    state_index = [header.index(name.lower()) for name in STATE_COLUMNS]',
    '    traj_index = header.index(TRAJECTORY_COLUMN.lower()) if TRAJECTORY_COLUMN else None',
    '    groups = {}',
    '    for row in rows[1:]:',
    '        key = _label(row[traj_index]) if traj_index is not None else None',
    '        groups.setdefault(key, []).append([float(row[time_index])] + [float(row[j]) for j in state_index])',
    '    arrays = [np.array(g, dtype=float) for g in groups.values()]',
    '    return [a[:, 0] for a in arrays], [a[:, 1:] for a in arrays]',
  ];
}

/**
 * Python lines defining `derivative(x, t)` → dx/dt (n × m) with numpy/scipy, the same numbers
 * as our estimate where an equivalent exists, plus comment lines where it does not.
 * np.gradient(edge_order=2) is PySINDy's FiniteDifference(order=2) (the three-point Lagrange
 * derivative, one-sided at both ends, any spacing).
 */
export function derivativeFunction(d: DerivativeSettings): string[] {
  const fd = '    return np.gradient(x, t, axis=0, edge_order=2)';
  switch (d.method) {
    case 'fd':
      return ['def derivative(x, t):', '    """Second-order finite differences, as PySINDy\'s FiniteDifference(order=2)."""', fd];
    case 'smoothed-fd':
      return [
        'def derivative(x, t):',
        `    """PySINDy's SmoothedFiniteDifference: savgol_filter(window ${d.window}, order ${d.order}), then finite differences."""`,
        `    x = savgol_filter(x, window_length=${d.window}, polyorder=${d.order}, axis=0, mode="interp")`,
        fd,
      ];
    case 'savgol':
      return [
        'def derivative(x, t):',
        `    """Slope of the least-squares polynomial (window ${d.window}, order ${d.order}) around each sample.`,
        '    scipy computes exactly this on equally spaced samples; on unequally spaced ones the',
        '    playground refits each window at the true times, which this does not."""',
        '    dt = (t[-1] - t[0]) / (len(t) - 1)',
        '    if not np.allclose(np.diff(t), dt, rtol=1e-9, atol=0):',
        '        print("note: unequally spaced times; Savitzky-Golay derivatives differ from the playground\'s")',
        `    return savgol_filter(x, window_length=${d.window}, polyorder=${d.order}, deriv=1, delta=dt, axis=0, mode="interp")`,
      ];
    case 'tv':
      return [
        '# NOT THE SAME: the playground used total-variation regularised differentiation',
        `# (Chartrand 2011, alpha = ${pyNum(d.alpha)}, ${d.iterations} iterations), which has no counterpart in`,
        '# PySINDy 1.7.5 or scipy; finite differences stand in, so results will differ on noisy data.',
        'def derivative(x, t):',
        fd,
      ];
  }
}

const NUMPY_FUNCTIONS: Readonly<Record<FunctionName, string>> = {
  sin: 'np.sin', cos: 'np.cos', tan: 'np.tan', exp: 'np.exp', log: 'np.log', sqrt: 'np.sqrt',
  abs: 'np.abs', tanh: 'np.tanh', sinh: 'np.sinh', cosh: 'np.cosh', atan: 'np.arctan',
};

/**
 * A validated custom term as a numpy expression of the variables `args[k]` (state k), fully
 * parenthesised so that no precedence rule of either language matters.
 */
export function numpyExpr(e: Expr, args: readonly string[]): string {
  switch (e.kind) {
    case 'num': return e.label === 'pi' ? 'np.pi' : e.label === 'e' ? 'np.e' : pyNum(e.value);
    case 'state': return args[e.index]!;
    case 'neg': return `(-${numpyExpr(e.arg, args)})`;
    case 'call': return `${NUMPY_FUNCTIONS[e.fn]}(${numpyExpr(e.arg, args)})`;
    case 'binary': return `(${numpyExpr(e.left, args)} ${e.op === '^' ? '**' : e.op} ${numpyExpr(e.right, args)})`;
  }
}
