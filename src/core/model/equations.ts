/**
 * Coefficients → equations, as text (mathjs syntax, e.g. "-9.999*x + 9.999*y") and LaTeX.
 * Rounding is for display only; the coefficients themselves are never rounded.
 */

/** A coefficient rounded to `digits` significant digits, without trailing zeros. */
export function fmtCoef(c: number, digits = 4): string {
  if (c === 0) return '0';
  const a = Math.abs(c);
  if (a >= 1e-3 && a < 1e6) return String(Number(c.toPrecision(digits)));
  return c.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/**
 * One state's right-hand side as text. row: the p coefficients of that state; names: the
 * canonical feature names. The constant term prints as the bare number.
 */
export function formatEquation(row: ArrayLike<number>, names: readonly string[], digits = 4): string {
  let out = '';
  for (let a = 0; a < names.length; a++) {
    const c = row[a]!;
    if (c === 0) continue;
    const name = names[a]!;
    const mag = fmtCoef(Math.abs(c), digits);
    const term = name === '1' ? mag : mag === '1' ? name : `${mag}*${wrap(name)}`;
    out += out === '' ? (c < 0 ? `-${term}` : term) : c < 0 ? ` - ${term}` : ` + ${term}`;
  }
  return out === '' ? '0' : out;
}

/** The same as LaTeX, with feature LaTeX names (e.g. "x^{2} y", "\\sin(x)"). */
export function formatLatex(row: ArrayLike<number>, latexNames: readonly string[], digits = 4): string {
  let out = '';
  for (let a = 0; a < latexNames.length; a++) {
    const c = row[a]!;
    if (c === 0) continue;
    const name = latexNames[a]!;
    const mag = latexNumber(fmtCoef(Math.abs(c), digits));
    const term = name === '1' ? mag : mag === '1' ? name : `${mag}\\,${name}`;
    out += out === '' ? (c < 0 ? `-${term}` : term) : c < 0 ? ` - ${term}` : ` + ${term}`;
  }
  return out === '' ? '0' : out;
}

/** "1.2e-5" → "1.2 \\times 10^{-5}" */
function latexNumber(s: string): string {
  const m = /^(.*)e([+-]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

/** Custom terms with + or - inside need parentheses after a coefficient. */
function wrap(name: string): string {
  return /[+\-/]/.test(name.replace(/^-/, '')) && !/^[a-z]+\(.*\)$/.test(name) ? `(${name})` : name;
}

/** d/dt of a state name, as LaTeX: \dot{x} for one letter, \tfrac{d}{dt}\mathrm{name} otherwise. */
export function dotLatex(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '').replace(/_/g, '\\_');
  return safe.length === 1 ? `\\dot{${safe}}` : `\\tfrac{d}{dt}\\mathrm{${safe}}`;
}
