import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/data/rng';
import { sampleSystem } from '../../../src/core/data/generate';
import { evalExpr, exprToString, type Expr } from '../../../src/core/model/expr';
import { createMultiSearch, multiSearchResult, multiSearchStep, outputSeed } from '../../../src/core/symbolic/multiSearch';
import type { SymbolicOptions } from '../../../src/core/symbolic/options';
import { evolveIsland, type IslandContext } from '../../../src/core/symbolic/island';
import {
  createFitWork, createSearch, finishIteration, islandRng, runSearch, searchResult, searchStep, type SymbolicResult,
} from '../../../src/core/symbolic/search';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import { columns, row } from './helpers';

/** A small, quick search: budgets by iterations, never by time. */
const quick: Partial<SymbolicOptions> = { populations: 6, ncyclesPerIteration: 100, niterations: 20 };

function runMulti(X: Float64Array[], Y: Float64Array[], names: string[], options: Partial<SymbolicOptions>, seed: number): SymbolicResult[] {
  const ms = createMultiSearch(X, Y, names, options, seed);
  if (!ms.ok) throw new Error(ms.error);
  while (!multiSearchStep(ms.value).done);
  return multiSearchResult(ms.value);
}

/**
 * max |found − truth| / max |truth| over fresh points: the found formula is equivalent to the truth
 * (constants included) when this is small.
 */
function relativeError(found: Expr, truth: (v: number[]) => number, X: Float64Array[]): number {
  let err = 0, scale = 0;
  for (let i = 0; i < X[0]!.length; i++) {
    const v = row(X, i);
    const t = truth(v);
    err = Math.max(err, Math.abs(evalExpr(found, v) - t));
    scale = Math.max(scale, Math.abs(t));
  }
  return err / scale;
}

function chosen(r: SymbolicResult) {
  expect(r.best).toBeGreaterThanOrEqual(0);
  return r.front[r.best]!;
}

describe('createSearch: bad input is a value with advice', () => {
  const x = Float64Array.of(1, 2, 3);
  it.each([
    [{ X: [x], y: Float64Array.of(1, 2), varNames: ['x'] }, /Column x has 3 values but y has 2/],
    [{ X: [x], y: Float64Array.of(1, NaN, 3), varNames: ['x'] }, /target is not finite at point 1/],
    [{ X: [x], y: x, varNames: [] }, /X has 1 columns but 0 variable names/],
    [{ X: [x], y: x, varNames: ['x'], weights: Float64Array.of(0, 0, 0) }, /Every weight is 0/],
    [{ X: [Float64Array.of(1)], y: Float64Array.of(1), varNames: ['x'] }, /at least 2/],
  ])('%#', (data, message) => {
    const s = createSearch(data, {}, 1);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error).toMatch(message);
  });

  it('passes on option errors', () => {
    const s = createSearch({ X: [x], y: x, varNames: ['x'] }, { unaryOperators: ['tan' as 'sin'] }, 1);
    expect(!s.ok && s.error).toMatch(/Unknown operator "tan"/);
  });
});

describe('determinism', () => {
  const X = columns(2, 100, 1, -1, 1);
  const y = X[0]!.map((v, i) => v * v - 0.5 * X[1]![i]!);
  const data = { X, y, varNames: ['x', 'y'] };
  const opts: Partial<SymbolicOptions> = { populations: 3, populationSize: 20, ncyclesPerIteration: 30, niterations: 3 };
  const fingerprint = (r: SymbolicResult) => r.front.map((e) => `${e.complexity} ${e.loss} ${exprToString(e.expr, ['x', 'y'])}`);

  it('the same seed gives the identical front, however the steps are cut by maxMs', () => {
    const a = createSearch(data, opts, 7), b = createSearch(data, opts, 7);
    if (!a.ok || !b.ok) throw new Error('setup');
    const ra = runSearch(a.value);
    let steps = 0;
    while (!searchStep(b.value, 0).done) steps++; // maxMs 0: one island per call
    expect(steps).toBeGreaterThan(3);
    expect(fingerprint(searchResult(b.value))).toEqual(fingerprint(ra));
    expect(ra.front.length).toBeGreaterThan(1);
  });

  it('islands spread over "workers" (own scratch, any order) give the same front as one thread', () => {
    const a = createSearch(data, opts, 9), b = createSearch(data, opts, 9);
    if (!a.ok || !b.ok) throw new Error('setup');
    const one = runSearch(a.value);
    const s = b.value;
    // two workers, each with its own buffers; they finish their islands in reverse order
    const workers: IslandContext[] = [0, 1].map(() => ({ ...s.ctx, work: createFitWork(s.ctx.problem.n) }));
    while (!s.done) {
      const freq = s.freq.slice();
      const reports = new Array(s.islands.length);
      for (let i = s.islands.length - 1; i >= 0; i--) {
        // what crosses to a worker and back is plain data: structuredClone stands for postMessage
        const island = structuredClone(s.islands[i]!);
        reports[i] = evolveIsland(island, workers[i % 2]!, freq, islandRng(s.seed, 'evolve', i, s.iteration));
        s.islands[i] = structuredClone(island);
      }
      finishIteration(s, structuredClone(reports));
    }
    expect(fingerprint(searchResult(s))).toEqual(fingerprint(one));
  });

  it('another seed gives another search', () => {
    const a = createSearch(data, opts, 7), b = createSearch(data, opts, 8);
    if (!a.ok || !b.ok) throw new Error('setup');
    const members = (s: typeof a.value) => s.islands.flatMap((i) => i.members.map((m) => exprToString(m.expr, ['x', 'y'])));
    expect(members(a.value)).not.toEqual(members(b.value));
  });

  it('each output of a multi-search equals a lone search with its seed', () => {
    const y2 = X[1]!.map((v) => 2 * v);
    const multi = runMulti(X, [y, y2], ['x', 'y'], opts, 3);
    const lone = createSearch({ X, y: y2, varNames: ['x', 'y'] }, opts, outputSeed(3, 1));
    if (!lone.ok) throw new Error(lone.error);
    expect(fingerprint(multi[1]!)).toEqual(fingerprint(runSearch(lone.value)));
  });

  it('reports progress that rises to 1', () => {
    const s = createSearch(data, opts, 1);
    if (!s.ok) throw new Error(s.error);
    const fractions: number[] = [];
    for (;;) { const r = searchStep(s.value, 0); fractions.push(r.fraction); if (r.done) break; }
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });
});

describe('recovery', () => {
  it('finds the three Lorenz equations from exact derivative samples', () => {
    const sys = getSystem('lorenz')!;
    const params = defaultParams(sys);
    const ds = sampleSystem(sys, { params, x0: sys.x0, tEnd: 10, dt: 0.02 });
    if (!ds.ok) throw new Error(ds.error);
    const tr = ds.value.trajectories[0]!;
    const n = 200, stride = Math.floor(tr.t.length / n);
    const rhs = sys.rhs(params);
    const state = new Float64Array(3), d = new Float64Array(3);
    const X = [0, 1, 2].map(() => new Float64Array(n)), Y = [0, 1, 2].map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 3; j++) state[j] = tr.y[i * stride * 3 + j]!;
      rhs(0, state, d);
      for (let j = 0; j < 3; j++) { X[j]![i] = state[j]!; Y[j]![i] = d[j]!; }
    }
    const results = runMulti(X, Y, ['x', 'y', 'z'], quick, 1);
    const truths = [(v: number[]) => 10 * (v[1]! - v[0]!), (v: number[]) => v[0]! * (28 - v[2]!) - v[1]!, (v: number[]) => v[0]! * v[1]! - (8 / 3) * v[2]!];
    const fresh = [columns(1, 300, 2, -20, 20)[0]!, columns(1, 300, 3, -25, 25)[0]!, columns(1, 300, 4, 5, 45)[0]!];
    results.forEach((r, j) => {
      const e = chosen(r);
      const text = exprToString(e.expr, ['x', 'y', 'z']);
      expect(relativeError(e.expr, truths[j]!, fresh), text).toBeLessThan(1e-6);
      // the true formulas have 5, 7 and 7 nodes
      expect(e.complexity, text).toBeLessThanOrEqual(9);
    });
  });

  it('finds Kidger\'s rational oscillator y/(1 + y), −x/(1 + x) from field samples on [−0.5, 0.5]²', () => {
    const rng = createRng(11);
    const X = [0, 1].map(() => Float64Array.from({ length: 200 }, () => rng() - 0.5));
    const Y = [X[1]!.map((v) => v / (1 + v)), X[0]!.map((v) => -v / (1 + v))];
    const results = runMulti(X, Y, ['x', 'y'], quick, 4);
    const truths = [(v: number[]) => v[1]! / (1 + v[1]!), (v: number[]) => -v[0]! / (1 + v[0]!)];
    const fresh = columns(2, 300, 5, -0.5, 0.5);
    results.forEach((r, j) => {
      const e = chosen(r);
      const text = exprToString(e.expr, ['x', 'y']);
      expect(relativeError(e.expr, truths[j]!, fresh), text).toBeLessThan(0.01);
      // y / (1 + y) has 5 nodes, x / (-1 - x) 5
      expect(e.complexity, text).toBeLessThanOrEqual(7);
    });
  });

  it('finds the damped pendulum −sin(x) − 0.25·y with sin among the operators', () => {
    const rng = createRng(12);
    const X = [Float64Array.from({ length: 200 }, () => (2 * rng() - 1) * 3), Float64Array.from({ length: 200 }, () => (2 * rng() - 1) * 2)];
    const y = X[0]!.map((v, i) => -Math.sin(v) - 0.25 * X[1]![i]!);
    const s = createSearch({ X, y, varNames: ['x', 'y'] }, { ...quick, unaryOperators: ['sin', 'cos'] }, 5);
    if (!s.ok) throw new Error(s.error);
    const e = chosen(runSearch(s.value));
    const text = exprToString(e.expr, ['x', 'y']);
    const fresh = [columns(1, 300, 6, -3, 3)[0]!, columns(1, 300, 7, -2, 2)[0]!];
    expect(relativeError(e.expr, (v) => -Math.sin(v[0]!) - 0.25 * v[1]!, fresh), text).toBeLessThan(0.01);
    expect(text).toMatch(/sin\(x\)/);
    // -0.25 * y - sin(x) has 6 nodes
    expect(e.complexity, text).toBeLessThanOrEqual(8);
  });
});

describe('search options', () => {
  const X = columns(1, 80, 21, -1, 1);
  const small: Partial<SymbolicOptions> = { populations: 3, populationSize: 20, ncyclesPerIteration: 30, niterations: 8 };

  it('stops early once the best loss reaches earlyStopLoss', () => {
    const y = X[0]!.map((v) => 3 * v);
    const s = createSearch({ X, y, varNames: ['x'] }, { ...small, earlyStopLoss: 1e-12 }, 2);
    if (!s.ok) throw new Error(s.error);
    const r = runSearch(s.value);
    expect(r.iterations).toBeLessThan(8);
    expect(r.front[r.front.length - 1]!.loss).toBeLessThanOrEqual(1e-12);
  });

  it('weights: points of weight 0 do not count (corrupted samples are ignored)', () => {
    const y = X[0]!.map((v) => 3 * v);
    const weights = new Float64Array(80).fill(1);
    for (let i = 0; i < 80; i += 10) { y[i] = 50; weights[i] = 0; }
    const s = createSearch({ X, y, varNames: ['x'], weights }, small, 3);
    if (!s.ok) throw new Error(s.error);
    const r = runSearch(s.value);
    const e = r.front[r.best]!;
    expect(e.loss).toBeLessThan(1e-20);
    expect(exprToString(e.expr, ['x'])).toBe('3 * x');
  });
});
