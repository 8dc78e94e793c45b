/**
 * `--method gp`: symbolic regression on the derivative estimates, a registered fitting method
 * run by the CLI through the generic loop. Formulas instead of a coefficient table, a Pareto
 * front per state, the seed in control, and a time budget that stops with the best so far.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from 'mathjs';
import { getSystem, defaultParams } from '../../src/core/systems/registry';
import { cliInProcess, report, writeNoisyCsv, type Report, type SystemCase } from './helpers';
import { fixturePath } from '../fixtures/paths';

const OSC: SystemCase = { id: 'linear_oscillator', x0: [2, 0], tEnd: 10, dt: 0.02 };
let file: string;
let fit: Report;

beforeAll(() => {
  file = writeNoisyCsv(OSC, 0, 0);
  fit = report(cliInProcess('fit', file, '--method', 'gp', '--iterations', '4', '--seed', '3', '--json'));
});

describe('--method gp', () => {
  it('returns formulas that reproduce the true field on the data, with no coefficient table', () => {
    expect(fit.method).toBe('gp');
    expect(fit.features).toEqual([]);
    const sys = getSystem(OSC.id)!;
    const rhs = sys.rhs(defaultParams(sys));
    const dy = new Float64Array(2);
    let num = 0;
    let den = 0;
    for (let k = 0; k <= 40; k++) {
      const x = 2 * Math.cos(k / 7) * Math.exp(-k / 60);
      const y = -2 * Math.sin(k / 7) * Math.exp(-k / 60);
      rhs(0, Float64Array.of(x, y), dy);
      const fx = evaluate(fit.equations.x!, { x, y }) as number;
      const fy = evaluate(fit.equations.y!, { x, y }) as number;
      num += (fx - dy[0]!) ** 2 + (fy - dy[1]!) ** 2;
      den += dy[0]! ** 2 + dy[1]! ** 2;
    }
    expect(Math.sqrt(num / den)).toBeLessThan(0.02);
  });

  it('reports a Pareto front per state: complexity up, loss down', () => {
    for (const s of ['x', 'y']) {
      const front = fit.pareto![s]!;
      expect(front.length).toBeGreaterThan(1);
      for (let k = 1; k < front.length; k++) {
        expect(front[k]!.complexity).toBeGreaterThan(front[k - 1]!.complexity);
        expect(front[k]!.loss).toBeLessThan(front[k - 1]!.loss);
      }
      expect(front.map((e) => e.equation)).toContain(fit.equations[s]);
    }
  });

  it('the same seed gives the same formulas', () => {
    const again = report(cliInProcess('fit', file, '--method', 'gp', '--iterations', '4', '--seed', '3', '--json'));
    expect(again.equations).toEqual(fit.equations);
  });

  it('a time budget stops the search with the best formulas so far, marked stopped', () => {
    const r = report(cliInProcess('fit', file, '--method', 'gp', '--iterations', '10000', '--budget-s', '0.3', '--json'));
    expect(r.status).toBe('stopped');
    expect(r.warnings[0]).toMatch(/time budget of 0\.3 s ran out/);
    expect(Object.keys(r.equations)).toEqual(['x', 'y']);
  });

  it('refuses unknown operators and out-of-range sizes with one line', () => {
    const bad = cliInProcess('fit', file, '--method', 'gp', '--operators', '+,tanh');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown operator 'tanh'/);
    expect(cliInProcess('fit', file, '--method', 'gp', '--maxsize', '2').code).toBe(2);
  });
});

describe('--method gp on clean Lorenz (the conformance file, finite differences)', () => {
  it('recovers the three Lorenz equations as small formulas, constants within 1 % (finite differences leave −0.9985·y, as in the PySINDy fit)', () => {
    const r = report(cliInProcess('fit', fixturePath('conformance', 'lorenz_clean.csv'), '--method', 'gp', '--iterations', '10', '--json'));
    const truth = (x: number, y: number, z: number): number[] => [10 * (y - x), x * (28 - z) - y, x * y - (8 / 3) * z];
    let worst = 0;
    for (let k = 0; k < 50; k++) {
      const [x, y, z] = [20 * Math.sin(k), 25 * Math.cos(1.3 * k), 25 + 20 * Math.sin(0.7 * k)];
      const want = truth(x, y, z);
      ['x', 'y', 'z'].forEach((s, j) => {
        const got = evaluate(r.equations[s]!, { x, y, z }) as number;
        worst = Math.max(worst, Math.abs(got - want[j]!) / (Math.abs(want[j]!) + 1));
      });
    }
    expect(worst).toBeLessThan(1e-2);
    // small: each chosen formula is on its front at complexity ≤ 9 (x·(28 − z) − y needs 9 nodes)
    for (const s of ['x', 'y', 'z']) {
      const entry = r.pareto![s]!.find((e) => e.equation === r.equations[s]);
      expect(entry!.complexity).toBeLessThanOrEqual(9);
    }
  });
});
