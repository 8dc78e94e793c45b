/**
 * The results as text: equations (LaTeX block, plain mathjs lines), the coefficient table and
 * the simulation as CSV that the playground's own reader reads back exactly.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/data/csv';
import { coefficientsCsv, equationsCsv, equationsLatex, equationsPlain, simulationCsv } from '../../../src/core/export/tables';
import { integrate } from '../../../src/core/integrate/integrate';
import { parse } from 'mathjs/number';

describe('equations', () => {
  it('plain text: one dx/dt line per state whose right-hand side mathjs evaluates', () => {
    const text = equationsPlain(['x', 'prey'], ['-0.5*x + 2*prey', '1.5*x*prey - 3']);
    expect(text).toBe('dx/dt = -0.5*x + 2*prey\ndprey/dt = 1.5*x*prey - 3\n');
    const rhs = text.trimEnd().split('\n').map((l) => l.split(' = ')[1]!);
    const scope = { x: 2, prey: 0.5 };
    expect(rhs.map((e) => parse(e).evaluate(scope) as number)).toEqual([-0.5 * 2 + 2 * 0.5, 1.5 * 2 * 0.5 - 3]);
  });

  it('LaTeX: one aligned block, a row per state, the dot notation of the page', () => {
    const tex = equationsLatex(['x', 'prey'], ['-0.5\\,x', '2\\,x\\,\\mathrm{prey}']);
    expect(tex).toBe('\\begin{aligned}\n  \\dot{x} &= -0.5\\,x \\\\\n  \\tfrac{d}{dt}\\mathrm{prey} &= 2\\,x\\,\\mathrm{prey}\n\\end{aligned}\n');
  });
});

describe('coefficientsCsv', () => {
  it('state × feature with every digit; the reader reads the numbers back exactly', () => {
    const features = ['1', 'x', 'y', 'x^2', 'x*y', 'sin(x)'];
    const coef = Float64Array.from([0, -10.000000000000002, 9.99999999999, 0, 0, 1e-12, 0.1, 0, -1, 0, -1 / 3, 0]);
    const text = coefficientsCsv(['x', 'y'], features, coef);
    const [head, ...rows] = text.trimEnd().split('\n');
    expect(head).toBe('state,1,x,y,x^2,x*y,sin(x)');
    expect(rows.map((r) => r.split(',')[0])).toEqual(['x', 'y']);
    const values = rows.flatMap((r) => r.split(',').slice(1).map(Number));
    expect(values).toEqual(Array.from(coef));
  });

  it('a feature with a comma or quote is quoted', () => {
    const text = coefficientsCsv(['x'], ['f(x, 1)', 'say "hi"'], [1, 2]);
    expect(text.split('\n')[0]).toBe('state,"f(x, 1)","say ""hi"""');
  });
});

describe('equationsCsv', () => {
  it('an expression model: state, equation; formulas with commas stay one field', () => {
    expect(equationsCsv(['x', 'y'], ['9.99*(y - x)', 'max(x, y)'])).toBe('state,equation\nx,9.99*(y - x)\ny,"max(x, y)"\n');
  });
});

describe('simulationCsv', () => {
  const decay = (_t: number, y: Float64Array, dy: Float64Array) => { dy[0] = -y[0]!; dy[1] = -2 * y[1]!; };
  const times = (n: number, dt: number) => Float64Array.from({ length: n }, (_, i) => i * dt);

  it('one trajectory: t and the states at every time, as parseCsv reads them', () => {
    const t = times(101, 0.01);
    const r = integrate(decay, [1, 1], t, { method: 'dopri5', rtol: 1e-10, atol: 1e-12 });
    const out = simulationCsv([t], [r], ['x', 'y'], 'time');
    expect(out.rows).toBe(101);
    expect(out.ended).toEqual([]);
    const back = parseCsv(out.csv);
    if (!back.ok) throw new Error(back.error);
    expect(back.value.timeName).toBe('time');
    expect(back.value.trajectoryColumn).toBeNull();
    const tr = back.value.dataset.trajectories[0]!;
    expect(Array.from(tr.t)).toEqual(Array.from(t));
    expect(Array.from(tr.y)).toEqual(Array.from(r.y));
    expect(tr.y[100 * 2]!).toBeCloseTo(Math.exp(-1), 8);
  });

  it('several trajectories get a trajectory column; one that diverged ends at its last valid row', () => {
    const grow = (_t: number, y: Float64Array, dy: Float64Array) => { dy[0] = y[0]! * y[0]!; dy[1] = 0; };
    const t = times(300, 0.01);
    const ok = integrate(decay, [1, 2], t, { method: 'dopri5' });
    const blown = integrate(grow, [1, 0], t, { method: 'dopri5', blowUp: 1e6 });
    expect(blown.status).toBe('diverged');
    const out = simulationCsv([t, t], [ok, blown], ['x', 'y']);
    expect(out.ended).toEqual([{ trajectory: 2, tFail: blown.tFail, status: 'diverged' }]);
    expect(out.rows).toBe(300 + blown.nOk);
    const back = parseCsv(out.csv);
    if (!back.ok) throw new Error(back.error);
    expect(back.value.trajectoryColumn).toBe('trajectory');
    expect(back.value.dataset.trajectories.map((x) => x.t.length)).toEqual([300, blown.nOk]);
    expect(out.csv).not.toMatch(/NaN|Infinity/);
  });
});
