import { describe, expect, it } from 'vitest';
import { integrate } from '../../../src/core/integrate/integrate';
import { defaultParams, getSystem, systems, type DynamicalSystem } from '../../../src/core/systems/registry';
import { createRng } from '../../../src/core/data/rng';
import { conformanceCsv } from '../../fixtures/paths';


/**
 * Value of one canonical feature name at a state: '1', 'x', 'x^2*y', 'sin(x)', 'cos(2*y)'.
 * Written independently of the library code, from the naming convention in ARCHITECTURE.md.
 */
function feature(name: string, names: string[], y: Float64Array): number {
  if (name === '1') return 1;
  const trig = /^(sin|cos)\((?:(\d+)\*)?([a-z]\w*)\)$/.exec(name);
  if (trig) {
    const v = y[names.indexOf(trig[3]!)]! * Number(trig[2] ?? 1);
    return trig[1] === 'sin' ? Math.sin(v) : Math.cos(v);
  }
  return name.split('*').reduce((acc, factor) => {
    const [base, exp] = factor.split('^');
    const j = names.indexOf(base!);
    if (j < 0) throw new Error(`unknown variable in ${name}`);
    return acc * y[j]! ** Number(exp ?? 1);
  }, 1);
}

/** Random parameters inside each range (not the defaults, so truth must follow the params). */
function randomParams(sys: DynamicalSystem, rng: () => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of sys.params) out[p.id] = p.min + (p.max - p.min) * rng();
  return out;
}

describe('systems registry', () => {
  it('has unique ids that getSystem finds', () => {
    const ids = systems.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of systems) expect(getSystem(s.id)).toBe(s);
    expect(getSystem('nope')).toBeUndefined();
    expect(ids).toEqual(expect.arrayContaining(['lorenz', 'lotka_volterra', 'linear_oscillator', 'cubic_oscillator',
      'van_der_pol', 'duffing', 'rossler', 'hopf', 'pendulum', 'damped_pendulum', 'rational_oscillator']));
  });

  describe.each(systems.map((s) => [s.id, s] as const))('%s', (_id, sys) => {
    it('is internally consistent: defaults in range, one x0, equation and LaTeX per state', () => {
      const m = sys.stateNames.length;
      expect(sys.x0).toHaveLength(m);
      expect(sys.equations).toHaveLength(m);
      expect(sys.latex).toHaveLength(m);
      expect(sys.tEnd).toBeGreaterThan(0);
      expect(sys.dt).toBeGreaterThan(0);
      expect(sys.description.length).toBeGreaterThan(40);
      for (const p of sys.params) {
        expect(p.min).toBeLessThanOrEqual(p.value);
        expect(p.value).toBeLessThanOrEqual(p.max);
        expect(p.step).toBeGreaterThan(0);
        expect(sys.equations.some((e) => new RegExp(`\\b${p.id}\\b`).test(e)), `${p.id} used in equations`).toBe(true);
        expect(sys.latex.some((e) => e.includes(p.latex)), `${p.latex} used in LaTeX`).toBe(true);
      }
      expect(new Set(sys.params.map((p) => p.id)).size).toBe(sys.params.length);
      expect(defaultParams(sys)).toEqual(Object.fromEntries(sys.params.map((p) => [p.id, p.value])));
    });

    it('has a right-hand side equal to its truth at random states and parameters', () => {
      const rng = createRng(7);
      const m = sys.stateNames.length;
      const y = new Float64Array(m);
      const dy = new Float64Array(m);
      for (let trial = 0; trial < 20; trial++) {
        const params = trial === 0 ? defaultParams(sys) : randomParams(sys, rng);
        const truth = sys.truth(params);
        if (truth === null) {
          expect(sys.id).toBe('rational_oscillator');
          return;
        }
        expect(Object.keys(truth).sort()).toEqual([...sys.stateNames].sort());
        for (let j = 0; j < m; j++) y[j] = -0.9 + 2 * rng(); // stays clear of poles and overflow
        sys.rhs(params)(0, y, dy);
        sys.stateNames.forEach((s, j) => {
          let expected = 0;
          for (const [name, c] of Object.entries(truth[s]!)) {
            expect(c).not.toBe(0);
            expected += c * feature(name, sys.stateNames, y);
          }
          expect(dy[j]!).toBeCloseTo(expected, 10);
        });
      }
    });

    it('integrates from its default start to tEnd without diverging', () => {
      const times = Float64Array.from({ length: 201 }, (_, i) => (i * sys.tEnd) / 200);
      const r = integrate(sys.rhs(defaultParams(sys)), sys.x0, times, { rtol: 1e-9, atol: 1e-11 });
      expect(r.status, r.message).toBe('ok');
    });
  });

  it('hopf truth expands x(x² + y²) into the cubic monomials', () => {
    const truth = getSystem('hopf')!.truth({ mu: 0.3, omega: 2, A: 1.5 })!;
    expect(truth.x).toEqual({ x: 0.3, y: -2, 'x^3': -1.5, 'x*y^2': -1.5 });
    expect(truth.y).toEqual({ x: 2, y: 0.3, 'x^2*y': -1.5, 'y^3': -1.5 });
  });

  it('drops terms whose parameter is set to 0 and falls back to defaults for missing params', () => {
    const lorenz = getSystem('lorenz')!;
    expect(lorenz.truth({ sigma: 10, rho: 0, beta: 8 / 3 })!.y).toEqual({ y: -1, 'x*z': -1 });
    expect(lorenz.truth({})).toEqual(lorenz.truth(defaultParams(lorenz)));
  });

  it('rational oscillator stays away from its poles at x = −1 and y = −1 and conserves H', () => {
    const sys = getSystem('rational_oscillator')!;
    const times = Float64Array.from({ length: 2001 }, (_, i) => (i * sys.tEnd) / 2000);
    const r = integrate(sys.rhs(defaultParams(sys)), sys.x0, times, { rtol: 1e-10, atol: 1e-12 });
    const H = (x: number, y: number) => x - Math.log1p(x) + y - Math.log1p(y);
    const h0 = H(sys.x0[0]!, sys.x0[1]!);
    for (let i = 0; i < times.length; i++) {
      expect(Math.min(r.y[2 * i]!, r.y[2 * i + 1]!)).toBeGreaterThan(-0.5);
      expect(Math.abs(H(r.y[2 * i]!, r.y[2 * i + 1]!) - h0)).toBeLessThan(1e-8);
    }
  });

  it('lorenz with dopri5 at rtol 1e-10 matches the conformance trajectory within 1e-5 for t ≤ 2', () => {
    const rows = conformanceCsv('lorenz_clean').trim().split('\n').slice(1)
      .map((l) => l.split(',').map(Number)).filter((r) => r[0]! <= 2);
    expect(rows.length).toBeGreaterThan(900);
    const sys = getSystem('lorenz')!;
    const times = Float64Array.from(rows, (r) => r[0]!);
    const res = integrate(sys.rhs(defaultParams(sys)), sys.x0, times, { rtol: 1e-10, atol: 1e-12 });
    expect(res.status).toBe('ok');
    let worst = 0;
    rows.forEach((r, i) => { for (let j = 0; j < 3; j++) worst = Math.max(worst, Math.abs(res.y[3 * i + j]! - r[j + 1]!)); });
    expect(worst).toBeLessThan(1e-5);
  });
});
