import { readFileSync } from 'node:fs';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseTerm, validateExpression } from '../../../src/core/library/expression';
import { compileExpr } from '../../../src/core/library/expressionCompile';

const XYZ = ['x', 'y', 'z'];

/** Our compiled value of a term at one state (scalar form). */
function valueAt(text: string, state: number[], states = XYZ): number {
  const r = parseTerm(text, states);
  if (!r.ok) throw new Error(r.error);
  return compileExpr(r.value.expr, states.length).scalar(Float64Array.from(state));
}

describe('valid custom terms', () => {
  it.each([
    ['exp(-x)', 'exp(-x)', '\\exp\\left(-x\\right)'],
    ['x/(1+y)', 'x/(1+y)', '\\frac{x}{1 + y}'],
    ['sin(x)*y', 'sin(x)*y', '\\sin\\left(x\\right) y'],
    ['x^2', 'x^2', 'x^{2}'],
    ['x^2 * y', 'x^2*y', 'x^{2} y'],
    ['abs(x)', 'abs(x)', '\\left|x\\right|'],
    ['tanh(y)', 'tanh(y)', '\\tanh\\left(y\\right)'],
    ['atan(z)', 'atan(z)', '\\arctan\\left(z\\right)'],
    ['log(y)', 'log(y)', '\\ln\\left(y\\right)'],
    ['2 x', '2*x', '2 x'],
    ['x * 2', 'x*2', 'x \\cdot 2'],
    ['(x) * y', 'x*y', 'x y'],
    ['  -x^2 ', '-x^2', '-x^{2}'],
    ['2^-x', '2^(-x)', '2^{-x}'],
    ['(x+y)^2', '(x+y)^2', '\\left(x + y\\right)^{2}'],
    ['x - (y - z)', 'x-(y-z)', 'x - \\left(y - z\\right)'],
    ['x/(y*z)', 'x/(y*z)', '\\frac{x}{y z}'],
    ['1e-7 * x', '1e-7*x', '1 \\cdot 10^{-7} x'],
    ['sqrt(x)/pi', 'sqrt(x)/pi', '\\frac{\\sqrt{x}}{\\pi}'],
    ['e^x', 'e^x', 'e^{x}'],
  ])('%s has canonical name %s and LaTeX %s', (text, name, latex) => {
    const r = validateExpression(text, XYZ);
    expect(r).toEqual({ ok: true, value: { name, latex } });
  });

  it('have canonical names that read back to themselves', () => {
    for (const text of ['exp(-x)', 'x/(1+y)', '2^-x', '-x^2', 'x y z', '(x+y)^(1/2)', 'x-(y-z)', 'x/y/z', 'e^x*pi']) {
      const first = validateExpression(text, XYZ);
      if (!first.ok) throw new Error(first.error);
      expect(validateExpression(first.value.name, XYZ)).toEqual(first);
    }
  });

  it("follow mathjs precedence: -x^2 = −(x²), 2^-x = 2^(−x), 2^3^2 = 2^9, x/y/z = (x/y)/z", () => {
    expect(valueAt('-x^2', [3, 0, 0])).toBe(-9);
    expect(valueAt('2^-x', [2, 0, 0])).toBe(0.25);
    expect(valueAt('2^3^x', [2, 0, 0])).toBe(512);
    expect(valueAt('x/y/z', [8, 2, 2])).toBe(2);
    expect(valueAt('2x^2', [3, 0, 0])).toBe(18);
    expect(valueAt('x - -y', [1, 2, 0])).toBe(3);
    expect(valueAt('+x', [5, 0, 0])).toBe(5);
  });

  it('agree with mathjs evaluate on random states (column and scalar forms)', () => {
    const terms = ['exp(-x)', 'x/(1+y^2)', 'sin(x)*y', 'x^2', 'abs(x)', 'tanh(y)', '2^-x', '-x^2', 'atan(z)*cosh(x/2)',
      'sqrt(1+x^2)', 'log(1+y^2)', 'tan(x/4) - sinh(z)', '(1/2)^3*x + pi*e*z', 'cos(2*pi*x)', '3 x y z'];
    const n = 50;
    const y = Float64Array.from({ length: n * 3 }, (_, k) => 2 * Math.sin(2.3 * k + 1));
    for (const text of terms) {
      const r = parseTerm(text, XYZ);
      if (!r.ok) throw new Error(r.error);
      const c = compileExpr(r.value.expr, 3);
      const col = c.column(y, n);
      for (let i = 0; i < n; i++) {
        const [x, yy, z] = [y[3 * i]!, y[3 * i + 1]!, y[3 * i + 2]!];
        const want = evaluate(text, { x, y: yy, z }) as number;
        expect(col[i], `${text} at row ${i}`).toBeCloseTo(want, 10);
        expect(c.scalar(y.subarray(3 * i, 3 * i + 3))).toBe(col[i]);
      }
    }
  });

  it('give NaN or Infinity where the maths does (the pipeline reports it by term)', () => {
    expect(valueAt('log(x)', [-1, 0, 0])).toBeNaN();
    expect(valueAt('1/x', [0, 0, 0])).toBe(Infinity);
    expect(valueAt('sqrt(x)', [-4, 0, 0])).toBeNaN();
  });

  it('let state names shadow the constants pi and e', () => {
    expect(valueAt('e*x', [2, 3], ['e', 'x'])).toBe(6);
    expect(valueAt('e*x', [3, 0, 0])).toBeCloseTo(3 * Math.E, 15);
  });

  it(`accept nesting up to ${MAX_DEPTH} levels (no exponential work: at this depth it would never finish)`, () => {
    // mathjs's toTex takes time exponential in the depth of nested calls (2³² steps here); we
    // print our own. Its speed is for bench/, not for a timed test.
    // [opening, closing, tree levels per repetition]
    const shapes: [string, string, number][] = [['sin(', ')', 1], ['(', ')', 1], ['-', '', 1], ['-(', ')', 2], ['2^(', ')', 2], ['abs(1+', ')', 2]];
    for (const [open, close, levels] of shapes) {
      const reps = Math.floor((MAX_DEPTH - 1) / levels);
      const deep = open.repeat(reps) + 'x' + close.repeat(reps);
      const r = validateExpression(deep, XYZ);
      expect(r.ok, deep).toBe(true);
    }
  });
});

describe('hostile or invalid custom terms', () => {
  const battery: [string, string][] = [
    ['import({}, {override:true})', "Function 'import'"],
    ["createUnit('foo')", "Function 'createUnit'"],
    ['evaluate("1")', "Function 'evaluate'"],
    ['compile("x")', "Function 'compile'"],
    ['f(x)=x', 'function definition'],
    ['x=1', 'assignment'],
    ['[1,2]', 'matrix'],
    ['{a:1}', 'object'],
    ['x ? 1 : 2', 'conditional'],
    ['x[1]', 'index'],
    ['"str"', 'text'],
    ["'str'", 'text'],
    ['1:3', 'range'],
    ['x < y', "Operator '<'"],
    ['x < y < z', 'comparison'],
    ['x == y', "Operator '=='"],
    ['cos.constructor', "'cos.constructor'"],
    ['x.constructor("return 1")', 'not allowed'],
    ['unknownfn(x)', "Function 'unknownfn'"],
    ['sin(x, y)', 'one argument'],
    ['log(x, 2)', 'one argument'],
    ['x*w', "Unknown symbol 'w'"],
    ['5 cm', "Unknown symbol 'cm'"],
    ['constructor', "Unknown symbol 'constructor'"],
    ['__proto__ * x', "Unknown symbol '__proto__'"],
    ['sin', 'is a function'],
    ['x!', "Operator '!'"],
    ["x'", "Operator '''"],
    ['x mod 2', "Operator 'mod'"],
    ['x and y', "Operator 'and'"],
    ['x .* y', "Operator '.*'"],
    ['true', 'not a number'],
    ['null', 'not a number'],
    ['Infinity', 'not a finite number'],
    ['NaN', 'not a finite number'],
    ['1e400', 'not a finite number'],
    ['x; y', 'several expressions'],
    ['x\ny', 'several expressions'],
    ['x && y', 'Cannot read'],
    ['(x', 'Cannot read'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(10_000), 'limit is 200'],
    ['('.repeat(40) + 'x' + ')'.repeat(40), `more than ${MAX_DEPTH} levels`],
    ['sin('.repeat(MAX_DEPTH) + 'x' + ')'.repeat(MAX_DEPTH), `more than ${MAX_DEPTH} levels`],
  ];

  it.each(battery)('%j is rejected with a message mentioning %j', (text, fragment) => {
    const r = validateExpression(text, XYZ);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(fragment);
      expect(r.error.length).toBeLessThan(400);
    }
  });

  it('names the states and constants for an unknown symbol', () => {
    expect(validateExpression('x*w', XYZ)).toEqual({
      ok: false, error: "Unknown symbol 'w' in 'x*w': use the state names x, y, z, or constants pi, e.",
    });
  });

  it('only ever produce the LaTeX commands KaTeX needs (no \\href, \\url, …)', () => {
    const allowed = /^(left|right|frac|sqrt|cdot|sin|cos|tan|exp|ln|sinh|cosh|tanh|arctan|mathrm|pi|theta)$/;
    for (const text of ['exp(-x)*theta', 'x/(1+theta)', 'atan(x)', 'abs(x)^2', 'sqrt(x)/pi']) {
      const r = validateExpression(text, ['x', 'theta']);
      if (!r.ok) throw new Error(r.error);
      for (const m of r.value.latex.matchAll(/\\([A-Za-z]+)/g)) expect(m[1]).toMatch(allowed);
    }
  });

  it('are never evaluated: the modules use neither mathjs evaluate/compile nor eval/new Function', () => {
    for (const file of ['expression.ts', 'expressionCompile.ts']) {
      const src = readFileSync(new URL(`../../../src/core/library/${file}`, import.meta.url), 'utf8');
      const code = src.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code).not.toMatch(/\.evaluate\s*\(|\.compile\s*\(|\beval\s*\(|new\s+Function|\bFunction\s*\(/);
      const imports = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'mathjs[^']*'/g)].map((m) => m[1]!).join(',');
      expect(imports).not.toMatch(/\b(evaluate|compile|Parser|parser)\b/);
    }
  });
});
