/**
 * The PySINDy script generator: for each conformance case the script carries exactly the
 * settings PySINDy needs to give our coefficients (read back from the constructor calls), reads
 * the CSV it names, and is valid Python. PySINDy itself cannot run here; README says how to run
 * the scripts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pysindyScript, type PysindySpec } from '../../../src/core/export/pysindyScript';
import { numpyExpr } from '../../../src/core/export/python';
import { parseTerm } from '../../../src/core/library/expression';
import { compileExpr } from '../../../src/core/library/expressionCompile';
import { callArgs, HAS_PYTHON, kwargs, pythonSyntaxErrors } from './pythonText';
import { fixturePath, conformanceCases } from '../../fixtures/paths';

const CONFORMANCE_DIR = fixturePath('conformance');
interface Case { fit: { degree: number; threshold: number; derivative: string }; truth: Record<string, Record<string, number>> }
const cases: Record<string, Case> = conformanceCases() as unknown as Record<string, Case>;

function base(over: Partial<PysindySpec> = {}): PysindySpec {
  return {
    csvPath: '/data/lorenz.csv', timeColumn: 't', stateColumns: ['x', 'y', 'z'], trajectoryColumn: null,
    derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
    optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
    ...over,
  };
}

const strLiteral = (s: string) => JSON.parse(s) as string;

describe('pysindyScript on the conformance cases', () => {
  it('finds the cases', () => expect(Object.keys(cases).length).toBeGreaterThan(0));

  it.each(Object.entries(cases))('%s: the constructor arguments are exactly the case\'s settings', (name, c) => {
    const csvPath = resolve(CONFORMANCE_DIR, `${name}.csv`);
    const states = Object.keys(c.truth);
    const script = pysindyScript(base({
      csvPath, stateColumns: states,
      library: { degree: c.fit.degree, bias: true, fourier: 0, custom: [] },
      optimizer: { method: 'stlsq', threshold: c.fit.threshold, alpha: 0.05, maxIter: 20 },
    }));
    expect(c.fit.derivative).toBe('fd');
    expect(kwargs(script, 'ps.FiniteDifference(')).toEqual({ order: '2' });
    expect(kwargs(script, 'ps.PolynomialLibrary(')).toEqual({ degree: String(c.fit.degree), include_bias: 'True' });
    const stlsq = kwargs(script, 'ps.STLSQ(');
    expect(Number(stlsq.threshold)).toBe(c.fit.threshold);
    expect(Number(stlsq.alpha)).toBe(0.05);
    expect(stlsq.max_iter).toBe('20');
    expect(stlsq.normalize_columns).toBe('False');
    // It reads the CSV it names, with the case's columns.
    expect(strLiteral(/^CSV_PATH = (.*)$/m.exec(script)![1]!)).toBe(csvPath);
    expect(/^STATE_COLUMNS = (.*)$/m.exec(script)![1]).toBe(JSON.stringify(states).replaceAll(',', ', '));
    expect(script).toMatch(/^t, x = read_trajectories\(CSV_PATH\)$/m);
    expect(kwargs(script, 'model.fit(')).toEqual({ '#0': 'x[0]', t: 't[0]', unbias: 'True' });
    expect(script).toMatch(/^model = ps\.SINDy\($/m);
    expect(script).toContain('model.print(');
  });
});

describe('pysindyScript: derivatives', () => {
  it('smoothed-fd → SmoothedFiniteDifference with the window and order as smoother_kws', () => {
    const script = pysindyScript(base({ derivative: { method: 'smoothed-fd', window: 21, order: 2 } }));
    expect(callArgs(script, 'ps.SmoothedFiniteDifference(')).toBe('smoother_kws={"window_length": 21, "polyorder": 2}');
  });

  it("savgol → scipy's savgol_filter(deriv=1) passed as x_dot, with the difference on irregular grids said", () => {
    const script = pysindyScript(base({ derivative: { method: 'savgol', window: 15, order: 4 } }));
    expect(script).toContain('from scipy.signal import savgol_filter');
    expect(kwargs(script, 'return savgol_filter(')).toMatchObject({ window_length: '15', polyorder: '4', deriv: '1', delta: 'dt', axis: '0', mode: '"interp"' });
    expect(kwargs(script, 'model.fit(')).toMatchObject({ x_dot: 'x_dot[0]' });
    expect(script).toMatch(/unequally spaced samples the playground refits/);
  });

  it('tv → finite differences, with a comment that it is not the same', () => {
    const script = pysindyScript(base({ derivative: { method: 'tv', alpha: 2.5, iterations: 30 } }));
    expect(script).toMatch(/# NOT THE SAME: the playground used total-variation.*\n# alpha = 2\.5, 30 iterations/);
    expect(kwargs(script, 'ps.FiniteDifference(')).toEqual({ order: '2' });
  });
});

describe('pysindyScript: libraries', () => {
  it('concatenates polynomial, Fourier and custom libraries in our feature order', () => {
    const script = pysindyScript(base({ library: { degree: 3, bias: false, fourier: 2, custom: ['exp(-x)', 'x/(1+y^2)'] } }));
    const line = /^feature_library = (.*)$/m.exec(script)![1]!;
    expect(line.split(' + ').map((s) => s.slice(0, s.indexOf('(')))).toEqual(['ps.PolynomialLibrary', 'ps.FourierLibrary', 'ps.CustomLibrary']);
    expect(kwargs(script, 'ps.PolynomialLibrary(')).toEqual({ degree: '3', include_bias: 'False' });
    expect(kwargs(script, 'ps.FourierLibrary(')).toEqual({ n_frequencies: '2' });
    expect(kwargs(script, 'ps.CustomLibrary(')).toMatchObject({ interaction_only: 'True' });
    // One function of all three states per term, so CustomLibrary makes exactly one column each.
    expect(script.match(/^ {4}lambda s0, s1, s2: /gm)).toHaveLength(2);
    expect(script).toContain('lambda *_: "x/(1+y^2)"');
    expect(script).toMatch(/^# Features, in the playground's order.*: x, y, z, x\^2, .*, sin\(x\), cos\(x\), .*, cos\(2\*z\), exp\(-x\), x\/\(1\+y\^2\)$/m);
  });

  it('leaves the polynomial library out when it would be empty (degree 0, no bias)', () => {
    const script = pysindyScript(base({ library: { degree: 0, bias: false, fourier: 1, custom: [] } }));
    expect(/^feature_library = (.*)$/m.exec(script)![1]).toBe('ps.FourierLibrary(n_frequencies=1)');
  });

  it.each(['exp(-x^2)', 'x/(1+y)', 'sin(2*pi*x) - cos(z)^3', 'sqrt(abs(y)) * atan(x)', 'log(1 + x^2) / tanh(z + 1e-3)', '-x^2', '2^-y', 'e^x * sinh(y) + cosh(z)'])(
    'the numpy expression of %s computes what our library computes', (text) => {
      const term = parseTerm(text, ['x', 'y', 'z']);
      if (!term.ok) throw new Error(term.error);
      const py = numpyExpr(term.value.expr, ['s0', 's1', 's2']);
      // numpy → JavaScript: the same functions under Math; ** is the same operator.
      const js = py.replace(/np\.arctan/g, 'Math.atan').replace(/np\.pi/g, 'Math.PI').replace(/np\.e\b/g, 'Math.E').replace(/np\./g, 'Math.');
      const f = new Function('s0', 's1', 's2', `return ${js};`) as (a: number, b: number, c: number) => number;
      const ours = compileExpr(term.value.expr, 3);
      for (const s of [[0.3, -0.7, 1.1], [1.5, 0.2, -0.4], [-2, 3, 0.5]]) {
        const want = ours.scalar(Float64Array.from(s));
        expect(f(s[0]!, s[1]!, s[2]!)).toBeCloseTo(want, 12);
      }
    });
});

describe('pysindyScript: optimizers', () => {
  it('SR3 → ps.SR3 with threshold, ν, thresholder, iterations, tolerance and a zero initial guess of the right shape', () => {
    const script = pysindyScript(base({
      optimizer: { method: 'sr3', threshold: 0.3, nu: 0.5, regularizer: 'l1', maxIter: 500, tol: 1e-7, unbias: false }, normalize: true,
    }));
    expect(kwargs(script, 'ps.SR3(')).toEqual({
      threshold: '0.3', nu: '0.5', thresholder: '"l1"', max_iter: '500', tol: '1e-7', normalize_columns: 'True', initial_guess: 'np.zeros((3, 10))',
    });
    expect(kwargs(script, 'model.fit(')).toMatchObject({ unbias: 'False' });
    expect(script).toMatch(/^optimizer\.unbias = False {2}#/m);
    expect(pysindyScript(base())).toMatch(/^optimizer\.unbias = True {2}#/m);
  });

  it("LASSO → scikit-learn's Lasso with the same α (the same 1/(2n) objective) and no intercept", () => {
    const script = pysindyScript(base({ optimizer: { method: 'lasso', alpha: 0.02, maxIter: 1000, tol: 1e-8, unbias: true } }));
    expect(script).toContain('from sklearn.linear_model import Lasso');
    expect(kwargs(script, 'optimizer = Lasso(')).toMatchObject({ alpha: '0.02', fit_intercept: 'False' });
    expect(script).not.toMatch(/NOT THE SAME/);
    const normalized = pysindyScript(base({ optimizer: { method: 'lasso', alpha: 0.02, maxIter: 1000, tol: 1e-8, unbias: true }, normalize: true }));
    expect(normalized).toMatch(/# NOT THE SAME: the playground normalised the library columns/);
  });

  it('MSTLS, the weak form and E-SINDy say what differs', () => {
    const mstls = pysindyScript(base({ optimizer: { method: 'mstls', threshold: 0, alpha: 0, maxIter: 20 } }));
    expect(mstls).toMatch(/# NOT THE SAME: the playground used MSTLS/);
    expect(pysindyScript(base({ method: 'weak' }))).toMatch(/# NOT THE SAME: the playground fitted the weak form/);
    const ens = pysindyScript(base({ ensemble: { models: 40, inclusion: 0.6, seed: 7 } }));
    expect(ens).toMatch(/# NOT THE SAME: the playground bagged 40 models \(E-SINDy, seed 7\)/);
    expect(kwargs(ens, 'ps.EnsembleOptimizer(')).toEqual({ opt: 'optimizer', bagging: 'True', n_models: '40', n_subset: 'n_samples', replace: 'True' });
  });
});

describe('pysindyScript: data', () => {
  it('several trajectories: split by the trajectory column, fitted with multiple_trajectories=True', () => {
    const script = pysindyScript(base({ trajectoryColumn: 'run', timeColumn: 'time' }));
    expect(script).toMatch(/^TRAJECTORY_COLUMN = "run"$/m);
    expect(script).toMatch(/^TIME_COLUMN = "time"$/m);
    expect(kwargs(script, 'model.fit(')).toEqual({ '#0': 'x', t: 't', multiple_trajectories: 'True', unbias: 'True' });
  });

  it('a hostile path stays a string: quotes, backslashes and line breaks cannot become code', () => {
    const path = 'C:\\Users\\N"ame\n__import__("os").system("x")\r\n"""#.csv';
    const script = pysindyScript(base({ csvPath: path, generatedBy: `cli export pysindy ${path}` }));
    expect(strLiteral(/^CSV_PATH = (.*)$/m.exec(script)![1]!)).toBe(path);
    expect(script.split('\n').filter((l) => l.includes('__import__')).every((l) => l.startsWith('#') || l.startsWith('CSV_PATH = '))).toBe(true);
    if (HAS_PYTHON) expect(pythonSyntaxErrors([script])).toEqual([null]);
  });

  it.runIf(HAS_PYTHON)('every variant is valid Python', () => {
    const variants: Partial<PysindySpec>[] = [
      {}, { trajectoryColumn: 'trajectory' }, { derivative: { method: 'savgol', window: 11, order: 3 }, trajectoryColumn: 'k' },
      { derivative: { method: 'smoothed-fd', window: 11, order: 3 } }, { derivative: { method: 'tv', alpha: 1, iterations: 20 } },
      { library: { degree: 2, bias: false, fourier: 3, custom: ['exp(-x)', 'y^-2'] } },
      { optimizer: { method: 'sr3', threshold: 0.1, nu: 1, regularizer: 'l0', maxIter: 1000, tol: 1e-8, unbias: true } },
      { optimizer: { method: 'lasso', alpha: 0.05, maxIter: 1000, tol: 1e-8, unbias: true }, normalize: true },
      { optimizer: { method: 'mstls', threshold: 0.05, alpha: 0, maxIter: 20 }, method: 'weak', ensemble: { models: 20, inclusion: 0.5, seed: 0 } },
    ];
    expect(pythonSyntaxErrors(variants.map((v) => pysindyScript(base(v))))).toEqual(variants.map(() => null));
  });
});
