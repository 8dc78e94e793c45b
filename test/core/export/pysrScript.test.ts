/**
 * The PySR script generator: the search's options reach PySRRegressor by PySR's names, PySR's
 * defaults fill what we do not set, the search is deterministic, operator names are only PySR's
 * built-ins (any other string would be compiled as Julia code), and the derivative estimate is ours.
 */
import { describe, expect, it } from 'vitest';
import { pysrDefaults, pysrScript, validatePysrOptions, type PysrSpec } from '../../../src/core/export/pysrScript';
import { callArgs, HAS_PYTHON, kwargs, pythonSyntaxErrors } from './pythonText';

function spec(over: Partial<PysrSpec> = {}): PysrSpec {
  return {
    csvPath: '/data/vdp.csv', timeColumn: 't', stateColumns: ['x', 'y'], trajectoryColumn: null,
    derivative: { method: 'fd' }, options: { ...pysrDefaults }, ...over,
  };
}

describe('pysrScript', () => {
  it('passes operators, size limit, populations, iterations and seed, deterministically', () => {
    const script = pysrScript(spec({ options: { binaryOperators: ['+', '*'], unaryOperators: ['sin', 'exp'], maxsize: 17, populations: 8, niterations: 12, seed: 42 } }));
    expect(kwargs(script, 'OPTIONS = dict(')).toEqual({
      binary_operators: '["+", "*"]', unary_operators: '["sin", "exp"]', maxsize: '17', populations: '8', niterations: '12',
      random_state: '42', deterministic: 'True', procs: '0',
    });
    expect(script).toContain('model = PySRRegressor(**OPTIONS)');
    expect(callArgs(script, 'model.fit(')).toBe('X, Y[:, j], variable_names=STATE_COLUMNS');
  });

  it("uses PySR's defaults where the playground sets nothing", () => {
    expect(pysrDefaults).toMatchObject({ binaryOperators: ['+', '-', '*', '/'], unaryOperators: [], maxsize: 30, populations: 31, niterations: 100 });
    expect(kwargs(pysrScript(spec()), 'OPTIONS = dict(')).toMatchObject({ binary_operators: '["+", "-", "*", "/"]', unary_operators: '[]' });
  });

  it.each([
    ['fd', /return np\.gradient\(x, t, axis=0, edge_order=2\)/],
    ['smoothed-fd', /x = savgol_filter\(x, window_length=11, polyorder=3, axis=0, mode="interp"\)\n {4}return np\.gradient/],
    ['savgol', /return savgol_filter\(x, window_length=11, polyorder=3, deriv=1, delta=dt/],
    ['tv', /# NOT THE SAME: the playground used total-variation/],
  ] as const)('estimates derivatives as %s does', (method, pattern) => {
    const derivative = method === 'fd' ? { method } : method === 'tv' ? { method, alpha: 1, iterations: 20 } : { method, window: 11, order: 3 };
    const script = pysrScript(spec({ derivative }));
    expect(script).toMatch(pattern);
    expect(script.includes('from scipy.signal import savgol_filter')).toBe(method === 'savgol' || method === 'smoothed-fd');
  });

  it.runIf(HAS_PYTHON)('is valid Python', () => {
    const scripts = [pysrScript(spec()), pysrScript(spec({ trajectoryColumn: 'trajectory', derivative: { method: 'savgol', window: 9, order: 2 } }))];
    expect(pythonSyntaxErrors(scripts)).toEqual([null, null]);
  });
});

describe('validatePysrOptions', () => {
  it('accepts the defaults', () => expect(validatePysrOptions({ ...pysrDefaults }).ok).toBe(true));

  it.each([
    [{ binaryOperators: ['+', 'special(x, y) = run(`ls`)'] }, /Binary operator 'special\(x, y\) = run\(`ls`\)' is not one of PySR's built-in operators: use \+ - \* \//],
    [{ unaryOperators: ['sin', 'my_op'] }, /Unary operator 'my_op' is not one of PySR's built-in operators/],
    [{ binaryOperators: [] }, /at least one binary operator/],
    [{ maxsize: 5 }, /maxsize = 5 is out of range: use a whole number from 7 to 1000/],
    [{ populations: 0 }, /populations = 0/],
    [{ niterations: 2.5 }, /niterations = 2\.5/],
    [{ seed: -1 }, /seed = -1/],
  ])('refuses %j with what to use', (over, pattern) => {
    const r = validatePysrOptions({ ...pysrDefaults, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(pattern);
  });
});
