import { getMethod } from '../../src/core/methods/registry';
/**
 * `--method neural`: a neural ODE trained on the trajectories (no derivatives), equations read
 * off it, their constants fine-tuned through the solver — issue 10's must-show cases, through
 * the CLI's own entry function with a user's arguments, fixed seeds and step counts (no time
 * budgets), so the results do not depend on the machine's speed:
 * - Kidger's rational oscillator from 8 trajectories of 101 samples: y/(1 + y), −x/(1 + x);
 * - a damped pendulum with sin among the operators: −sin(x) − c·y;
 * - Lotka–Volterra from 60 irregular samples with 1 % noise: neural ODE → SINDy finds exactly
 *   the four true terms at the default threshold, SINDy with finite differences does not.
 */
import { evaluate, parse, type MathNode } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { cliPipelineSpec } from '../../src/cli/run';
import { sampleFromStarts, sampleSystem } from '../../src/core/data/generate';
import { addNoise } from '../../src/core/data/noise';
import { defaultDerivative } from '../../src/core/derivative/registry';
import { defaultFitSettings } from '../../src/core/pipeline/fit';
import { defaultWeakSettings } from '../../src/core/weak/settings';
import { defaultParams, getSystem } from '../../src/core/systems/registry';
import { cliInProcess, report, supportOf, writeCsv, type Report } from './helpers';

const SLOW = 600_000;

/** Nodes of a mathjs formula, parentheses not counted (as the search counts complexity). */
function complexity(text: string): number {
  let n = 0;
  parse(text).traverse((node: MathNode) => { if (node.type !== 'ParenthesisNode') n++; });
  return n;
}

/** max |found − truth| / max |truth| over a grid of [lo, hi]². */
function gridError(text: string, truth: (x: number, y: number) => number, lo: number, hi: number): number {
  let err = 0, scale = 0;
  for (let a = 0; a <= 20; a++) {
    for (let b = 0; b <= 20; b++) {
      const x = lo + ((hi - lo) * a) / 20, y = lo + ((hi - lo) * b) / 20;
      const t = truth(x, y);
      err = Math.max(err, Math.abs((evaluate(text, { x, y }) as number) - t));
      scale = Math.max(scale, Math.abs(t));
    }
  }
  return err / scale;
}

function kidgerFile(): string {
  const sys = getSystem('rational_oscillator')!;
  const ds = sampleFromStarts(sys, { params: defaultParams(sys), count: 8, box: [[-0.5, 0.5], [-0.5, 0.5]], tEnd: 10, dt: 0.1, seed: 42 });
  if (!ds.ok) throw new Error(ds.error);
  expect(ds.value.trajectories.map((t) => t.t.length)).toEqual(Array(8).fill(101));
  return writeCsv(ds.value, 'kidger-8x101');
}

describe('--method neural (issue 10 must-show)', () => {
  it('Kidger\'s rational oscillator from 8 trajectories: y/(1 + y) and −x/(1 + x), small, constants as fitted', () => {
    const file = kidgerFile();
    const r: Report = report(cliInProcess('fit', file, '--method', 'neural', '--symbolic', 'gp', '--seed', '0', '--json'));
    expect(r.method).toBe('neural');
    expect(r.features).toEqual([]);
    const { x: fx, y: fy } = r.equations;
    // equivalent to the truth on a grid over the visited region (and a little beyond)
    expect(gridError(fx!, (_x, y) => y / (1 + y), -0.45, 0.45), fx).toBeLessThan(1e-3);
    expect(gridError(fy!, (x) => -x / (1 + x), -0.45, 0.45), fy).toBeLessThan(1e-3);
    // small formulas (y / (1 + y) has 5 nodes), not a long polynomial that only approximates the field
    expect(complexity(fx!), fx).toBeLessThanOrEqual(9);
    expect(complexity(fy!), fy).toBeLessThanOrEqual(9);
    // the Pareto fronts, and the stages' timings
    for (const s of ['x', 'y']) expect(r.pareto![s]!.length).toBeGreaterThan(2);
    expect(r.timings.trainMs).toBeGreaterThan(0);
    expect(r.timings.searchMs).toBeGreaterThan(0);
    expect(r.timings.finetuneMs).toBeGreaterThan(0);
    expect(r.status).toBe('ok');
  }, SLOW);

  it('the defaults are that run: --method neural alone means --symbolic gp --seed 0', () => {
    const tv = defaultDerivative.tv;
    const spec = (argv: string[]) => {
      const o = parseArgs(argv, defaultFitSettings(), { alpha: tv.alpha, iterations: tv.iterations });
      if (!o.ok) throw new Error(o.error);
      const p = cliPipelineSpec(o.value, defaultWeakSettings());
      // compared as the method reads them: its defaults filled in
      const v = getMethod('neural')!.validate(p.method.settings, p);
      if (!v.ok) throw new Error(v.error);
      return { ...p, method: { id: p.method.id, settings: v.value } };
    };
    expect(spec(['fit', 'k.csv', '--method', 'neural'])).toEqual(spec(['fit', 'k.csv', '--method', 'neural', '--symbolic', 'gp', '--seed', '0']));
  });

  it('a damped pendulum from 4 trajectories, with sin among the operators: −sin(x) − 0.25·y', () => {
    const sys = getSystem('damped_pendulum')!;
    const params = defaultParams(sys);
    const ds = sampleFromStarts(sys, { params, count: 4, box: [[-2.5, 2.5], [-1, 1]], tEnd: 10, dt: 0.1, seed: 1 });
    if (!ds.ok) throw new Error(ds.error);
    const r = report(cliInProcess('fit', writeCsv(ds.value, 'damped-pendulum'), '--method', 'neural', '--operators', '+,-,*,/,sin', '--seed', '0', '--json'));
    const { x: fx, y: fy } = r.equations;
    expect(fy).toMatch(/sin\(x\)/);
    expect(gridError(fx!, (_x, y) => y, -2.5, 2.5), fx).toBeLessThan(1e-3);
    expect(gridError(fy!, (x, y) => -Math.sin(x) - params.c! * y, -2.5, 2.5), fy).toBeLessThan(1e-3);
    expect(complexity(fy!), fy).toBeLessThanOrEqual(9);
  }, SLOW);

  it('Lotka–Volterra from 60 irregular samples with 1 % noise: neural → SINDy finds exactly the four true terms; finite differences do not', () => {
    const sys = getSystem('lotka_volterra')!;
    const clean = sampleSystem(sys, { params: defaultParams(sys), x0: sys.x0, tEnd: sys.tEnd, dt: sys.tEnd / 59, irregular: true, seed: 1 });
    if (!clean.ok) throw new Error(clean.error);
    const file = writeCsv(addNoise(clean.value, 0.01, 1), 'lv-60-irregular-1pc');
    const truth = ['x:x', 'x:x*y', 'y:x*y', 'y:y'];
    // the default library (degree 2) and threshold (0.1) in both
    const fd = report(cliInProcess('fit', file, '--json'));
    expect(fd.features.length).toBe(6);
    expect(supportOf(fd)).not.toEqual(truth);
    expect(supportOf(fd).filter((t) => !truth.includes(t)).length).toBeGreaterThan(0);
    const nn = report(cliInProcess('fit', file, '--method', 'neural', '--symbolic', 'sindy', '--seed', '0', '--json'));
    expect(supportOf(nn)).toEqual(truth);
    const coef = (s: number, f: string) => nn.coefficients[s]![nn.features.indexOf(f)]!;
    expect(Math.abs(coef(0, 'x') - 1)).toBeLessThan(0.05);
    expect(Math.abs(coef(0, 'x*y') + 10) / 10).toBeLessThan(0.05);
    expect(Math.abs(coef(1, 'y') + 2) / 2).toBeLessThan(0.05);
    expect(Math.abs(coef(1, 'x*y') - 10) / 10).toBeLessThan(0.05);
  }, SLOW);
});

describe('--method neural options', () => {
  it.each([
    [['--symbolic', 'gp'], /--symbolic is a setting of --method neural .*add --method neural, or drop --symbolic/],
    [['--method', 'neural', '--symbolic', 'cubic'], /--symbolic: .*'cubic' is not one of gp, rational, sindy/],
    // the distillation's search runs in the method's thread: --workers is gp's alone for now
    [['--method', 'neural', '--workers', '2'], /--workers is a setting of --method gp/],
    [['--method', 'neural', '--symbolic', 'rational', '--operators', '+,*'], /--operators \(Operators\) does not apply with the other settings of --method neural given/],
    [['--method', 'neural', '--derivative', 'savgol'], /--derivative has no effect with --method neural/],
  ])('%j is refused with a message', (flags, message) => {
    const r = cliInProcess('fit', 'no-such-file.csv', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the search flags with --symbolic gp (the default) are accepted', () => {
    const r = cliInProcess('fit', 'no-such-file.csv', '--method', 'neural', '--operators', '+,-,*,/,sin', '--maxsize', '15', '--iterations', '5');
    expect(r.stderr).toMatch(/no such file/);
  });
});
