import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/state/settings';
import { FitEngine } from '../../src/worker/engine';
import { layerKeys, weakKey } from '../../src/core/methods/layers';
import { dataKey } from '../../src/core/data/spec';
import { fitSpec, pipelineSpec, weakSettings } from '../../src/state/spec';
import type { FromWorker } from '../../src/worker/protocol';
import type { FitSpec } from '../../src/core/methods/types';
import { registerMethod } from '../../src/core/methods/registry';
import { slowMethod } from '../core/methods/slowMethod';

const base = (): Settings => ({ ...defaultSettings('lorenz'), tEnd: 5, dt: 0.005 });

async function run(engine: FitEngine, s: Settings, opts: { runId?: number; known?: { data: string; derivatives: string }; staleAfter?: FromWorker['type']; uploadId?: number | null } = {}): Promise<FromWorker[]> {
  const out: FromWorker[] = [];
  let stale = false;
  await engine.run(
    { runId: opts.runId ?? 1, spec: fitSpec(s, opts.uploadId ?? null), known: opts.known ?? { data: '', derivatives: '' }, animate: true },
    { post: (m) => { out.push(m); if (m.type === opts.staleAfter) stale = true; }, isStale: () => stale, pause: async () => undefined },
  );
  return out;
}
const keysOf = (s: Settings) => layerKeys(dataKey(fitSpec(s, null).data), pipelineSpec(s));
const of = <T extends FromWorker['type']>(msgs: FromWorker[], type: T) => msgs.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);

describe('FitEngine layer cache', () => {
  it('recovers Lorenz and posts every layer once on a cold run', async () => {
    const e = new FitEngine();
    const msgs = await run(e, base());
    const fit = of(msgs, 'fit')[0]!.fit;
    expect(fit.support?.recovered).toBe(true);
    expect(of(msgs, 'data')).toHaveLength(1);
    expect(of(msgs, 'derivatives')).toHaveLength(1);
    expect(of(msgs, 'simulation')[0]!.sim.status).toBe('ok');
    expect(of(msgs, 'sweep')[0]!.sweep.points.length).toBeGreaterThan(5);
    expect(of(msgs, 'done')).toHaveLength(1);
    expect(of(msgs, 'step').filter((m) => m.live?.kind === 'iterate').length).toBeGreaterThan(0);
    expect(e.computed).toMatchObject({ data: 1, derivatives: 1, theta: 1, regression: 1, fit: 1, sweep: 1 });
  });

  it('a threshold change re-runs only the optimizer (and simulation)', async () => {
    const e = new FitEngine();
    const s = base();
    const first = await run(e, s);
    const known = { data: of(first, 'data')[0]!.data.key, derivatives: of(first, 'derivatives')[0]!.derivatives.key };
    const msgs = await run(e, { ...s, threshold: 0.5 }, { runId: 2, known });
    expect(e.computed).toMatchObject({ data: 1, derivatives: 1, theta: 1, regression: 1, fit: 2, simulation: 2, sweep: 1 });
    expect(of(msgs, 'data')).toHaveLength(0);
    expect(of(msgs, 'derivatives')).toHaveLength(0);
    expect(of(msgs, 'fit')[0]!.fit.recomputed).toMatchObject({ data: false, derivatives: false, theta: false });
  });

  it('a library change rebuilds Θ but keeps data and derivatives', async () => {
    const e = new FitEngine();
    await run(e, base());
    await run(e, { ...base(), degree: 3 }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 1, derivatives: 1, theta: 2, regression: 2 });
  });

  it('a derivative change keeps data and Θ', async () => {
    const e = new FitEngine();
    await run(e, base());
    await run(e, { ...base(), deriv: 'savgol' }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 1, derivatives: 2, theta: 1, regression: 2 });
  });

  it('noise or seed regenerate everything, and the same seed gives identical data', async () => {
    const e = new FitEngine();
    const a = of(await run(e, { ...base(), noise: 1, seed: 3 }), 'data')[0]!.data;
    await run(e, { ...base(), noise: 1, seed: 4 }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 2, derivatives: 2, theta: 2 });
    const b = of(await run(new FitEngine(), { ...base(), noise: 1, seed: 3 }), 'data')[0]!.data;
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
  });

  it('a superseded run stops at the next layer boundary', async () => {
    const e = new FitEngine();
    const msgs = await run(e, base(), { staleAfter: 'data' });
    expect(of(msgs, 'fit')).toHaveLength(0);
    expect(of(msgs, 'done')).toHaveLength(0);
    // The layers computed so far stay cached for the next request.
    await run(e, base(), { runId: 2 });
    expect(e.computed.data).toBe(1);
  });

  it('reports user errors as values with the layer', async () => {
    const e = new FitEngine();
    const msgs = await run(e, { ...base(), tEnd: 0.01, degree: 5 });
    const err = of(msgs, 'error')[0];
    expect(err?.layer).toBe('theta');
    expect(err?.message).toMatch(/samples/);
  });

  it('fits an uploaded CSV and rejects a broken one without losing it', async () => {
    const e = new FitEngine();
    const rows = ['t,x,y'];
    for (let i = 0; i < 300; i++) { const t = i * 0.01; const d = Math.exp(-0.5 * t); rows.push(`${t},${2 * d * Math.cos(2 * t)},${-2 * d * Math.sin(2 * t)}`); }
    const ok = e.loadCsv({ type: 'loadCsv', uploadId: 1, text: rows.join('\n'), timeColumn: '' });
    expect(ok.type === 'csv' && ok.result.ok).toBe(true);
    const bad = e.loadCsv({ type: 'loadCsv', uploadId: 2, text: 't,x\n0,1\n1,zz\n', timeColumn: '' });
    expect(bad.type === 'csv' && !bad.result.ok && bad.result.error).toMatch(/row 3/i);
    const s: Settings = { ...base(), source: 'upload', file: 'a.csv', timeColumn: 't', stateColumns: ['x', 'y'], degree: 1 };
    const fit = of(await run(e, s, { uploadId: 1 }), 'fit')[0]!.fit;
    expect(fit.truthRow).toBeNull();
    expect(fit.stateNames).toEqual(['x', 'y']);
    const x = fit.coefficients.subarray(0, fit.features.length);
    expect(x[fit.features.indexOf('y')]).toBeCloseTo(2, 2);
  });

  it('layer keys: optimizer settings change no layer key; library and derivative settings change only theirs', () => {
    const a = keysOf(base());
    expect(keysOf({ ...base(), threshold: 0.3, alpha: 0.1, opt: 'sr3' })).toEqual(a);
    const lib = keysOf({ ...base(), degree: 3 });
    expect([lib.data === a.data, lib.derivatives === a.derivatives, lib.theta === a.theta]).toEqual([true, true, false]);
    const der = keysOf({ ...base(), deriv: 'savgol' });
    expect([der.data === a.data, der.derivatives === a.derivatives, der.theta === a.theta]).toEqual([true, false, true]);
    expect(keysOf({ ...base(), seed: 5, noise: 1 }).data).not.toBe(a.data);
  });

  it('the sweep is cached across threshold changes and redone when ridge α changes', async () => {
    const e = new FitEngine();
    await run(e, base());
    await run(e, { ...base(), threshold: 0.3 }, { runId: 2 });
    expect(e.computed.sweep).toBe(1);
    await run(e, { ...base(), threshold: 0.3, alpha: 0.1 }, { runId: 3 });
    expect(e.computed.sweep).toBe(2);
  });
});

describe('FitEngine: weak form and ensembles', () => {
  // Lorenz at 10 % noise: the strong form with finite differences adds a spurious term, the weak form does not.
  const noisy = (): Settings => ({ ...defaultSettings('lorenz'), noise: 10, seed: 1, threshold: 0.5 });

  it('the weak form recovers noisy Lorenz where finite differences fail', async () => {
    const strong = of(await run(new FitEngine(), noisy()), 'fit')[0]!.fit;
    expect(strong.support?.recovered).toBe(false);
    expect(strong.support?.extra.length).toBeGreaterThan(0);
    expect(strong.weak).toBeNull();
    const msgs = await run(new FitEngine(), { ...noisy(), form: 'weak' });
    const fit = of(msgs, 'fit')[0]!.fit;
    expect(fit.support?.recovered).toBe(true);
    expect(fit.support!.coefficientError).toBeLessThan(0.05);
    expect(fit.weak?.testFunctions).toBe(400);
    expect(fit.weak?.automatic).toBe(true);
    const sim = of(msgs, 'simulation')[0]!.sim;
    expect(sim.status).toBe('ok');
    // The recovered right-hand side along the true trajectory matches the exact f(y) (what the derivative plot shows).
    const exact = of(msgs, 'data')[0]!.data.dydtTrue!;
    let num = 0;
    let den = 0;
    exact.forEach((v, i) => { num += (sim.rate[i]! - v) ** 2; den += v * v; });
    expect(sim.rate.length).toBe(exact.length);
    expect(Math.sqrt(num / den)).toBeLessThan(0.03);
    expect(of(msgs, 'sweep')[0]!.sweep.points.length).toBeGreaterThan(3);
  });

  it('weak form: the threshold is hot, test-function settings rebuild the weak system only, derivatives are not its input', async () => {
    const e = new FitEngine();
    const s: Settings = { ...noisy(), form: 'weak' };
    await run(e, s);
    await run(e, { ...s, threshold: 0.3 }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 1, regression: 1, fit: 2 });
    expect(e.computed.derivatives).toBe(0);
    await run(e, { ...s, weakK: 200 }, { runId: 3 });
    expect(e.computed).toMatchObject({ data: 1, regression: 2, fit: 3 });
    await run(e, { ...s, weakK: 200, deriv: 'savgol', gls: true }, { runId: 4 });
    expect(e.computed).toMatchObject({ data: 1, derivatives: 0, regression: 2, fit: 4 });
    // the weak system's key ignores GLS (a reweighting of the same system) and the derivative method
    const k = keysOf(s).theta;
    expect(weakKey(k, weakSettings({ ...s, gls: true }))).toBe(weakKey(k, weakSettings(s)));
  });

  it('GLS refines the weak fit (different coefficients, same support)', async () => {
    const ols = of(await run(new FitEngine(), { ...noisy(), form: 'weak' }), 'fit')[0]!.fit;
    const gls = of(await run(new FitEngine(), { ...noisy(), form: 'weak', gls: true }), 'fit')[0]!.fit;
    expect(gls.support?.recovered).toBe(true);
    expect(Array.from(gls.coefficients)).not.toEqual(Array.from(ols.coefficients));
  });

  it('an ensemble reports inclusion probabilities and quantiles, with progress, and is seeded', async () => {
    const s: Settings = { ...base(), noise: 1, seed: 2, ens: 20 };
    const msgs = await run(new FitEngine(), s);
    const fit = of(msgs, 'fit')[0]!.fit;
    const ens = fit.ensemble!;
    expect(ens.models).toBe(20);
    const p = fit.features.length;
    const at = (state: number, name: string): number => state * p + fit.features.indexOf(name);
    // every true Lorenz term is in (almost) every model; the constant term in ẋ rarely
    expect(ens.inclusion[at(0, 'x')]).toBeGreaterThanOrEqual(0.9);
    expect(ens.inclusion[at(2, 'x*y')]).toBeGreaterThanOrEqual(0.9);
    expect(ens.p05[at(0, 'y')]!).toBeLessThanOrEqual(ens.median[at(0, 'y')]!);
    expect(ens.p95[at(0, 'y')]!).toBeGreaterThanOrEqual(ens.median[at(0, 'y')]!);
    expect(ens.median[at(0, 'y')]).toBeCloseTo(10, 0);
    const prog = of(msgs, 'step').map((m) => m.live).filter((l) => l?.kind === 'models');
    expect(prog[prog.length - 1]).toMatchObject({ done: 20, total: 20 });
    expect(fit.history).toHaveLength(0);
    const again = of(await run(new FitEngine(), s), 'fit')[0]!.fit;
    expect(Array.from(again.ensemble!.inclusion)).toEqual(Array.from(ens.inclusion));
    expect(Array.from(again.coefficients)).toEqual(Array.from(fit.coefficients));
  });

  it('ensemble settings are hot: the regression is reused', async () => {
    const e = new FitEngine();
    await run(e, { ...base(), ens: 10 });
    await run(e, { ...base(), ens: 10, ensInc: 0.8 }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 1, derivatives: 1, theta: 1, regression: 1, fit: 2 });
  });
});

describe('FitEngine: several trajectories', () => {
  it('plots and simulates every trajectory of an upload, each from its own initial state', async () => {
    const e = new FitEngine();
    const rows = ['t,x,y,trajectory'];
    const amps = [2, -1, 0.5];
    amps.forEach((a, k) => {
      for (let i = 0; i < 300; i++) { const t = i * 0.01; const d = a * Math.exp(-0.5 * t); rows.push(`${t},${d * Math.cos(2 * t)},${-d * Math.sin(2 * t)},${k}`); }
    });
    const ok = e.loadCsv({ type: 'loadCsv', uploadId: 1, text: rows.join('\n'), timeColumn: '' });
    expect(ok.type === 'csv' && ok.result.ok && ok.result.value.nTrajectories).toBe(3);
    const s: Settings = { ...base(), source: 'upload', file: 'a.csv', timeColumn: 't', stateColumns: ['x', 'y'], degree: 1 };
    const msgs = await run(e, s, { uploadId: 1 });
    const data = of(msgs, 'data')[0]!.data;
    expect(data.nTrajectories).toBe(3);
    expect(data.extra).toHaveLength(2);
    expect(data.extra[0]!.y[0]).toBeCloseTo(-1, 12);
    const sim = of(msgs, 'simulation')[0]!.sim;
    expect(sim.extra).toHaveLength(2);
    // derivative estimates and the model's f̂(y) for every plotted trajectory, at its times
    const der = of(msgs, 'derivatives')[0]!.derivatives;
    expect(der.extra).toHaveLength(2);
    expect(der.extra[0]!.length).toBe(data.extra[0]!.y.length);
    // trajectory 2 starts at (−1, 0): ẋ = −0.5·(−1) + 2·0 = 0.5
    expect(der.extra[0]![0]).toBeCloseTo(0.5, 2);
    expect(sim.extra[0]!.rate[0]).toBeCloseTo(0.5, 3);
    sim.extra.forEach((x, k) => {
      expect(x.status).toBe('ok');
      // the recovered model (ẋ = −0.5x + 2y, ẏ = −2x − 0.5y) reproduces each trajectory
      const tr = data.extra[k]!;
      let worst = 0;
      tr.y.forEach((v, i) => { worst = Math.max(worst, Math.abs(x.y[i]! - v)); });
      expect(worst).toBeLessThan(1e-3);
    });
  });
});

describe('FitEngine: MSTLS', () => {
  it('chooses λ per equation, reports it, sweeps fixed λ for the Pareto plot, and a fixed λ is a hot setting', async () => {
    const e = new FitEngine();
    const s: Settings = { ...defaultSettings('lorenz'), noise: 10, seed: 3, form: 'weak', opt: 'mstls', mlam: 0 };
    const msgs = await run(e, s);
    const fit = of(msgs, 'fit')[0]!.fit;
    expect(fit.support?.recovered).toBe(true);
    expect(fit.lambdas).toHaveLength(3);
    for (const l of fit.lambdas!) expect(l).toBeGreaterThan(0);
    const sweep = of(msgs, 'sweep')[0]!.sweep;
    expect(sweep.parameter).toBe('lambda');
    // a larger relative threshold never keeps more terms
    const terms = sweep.points.map((p) => p.nTerms);
    expect(terms[0]!).toBeGreaterThan(terms[terms.length - 1]!);
    await run(e, { ...s, mlam: 0.9 }, { runId: 2 });
    expect(e.computed).toMatchObject({ data: 1, regression: 1, fit: 2, sweep: 1 });
  });
});

describe('FitEngine: any registered method in one loop (a slow test double)', () => {
  registerMethod(slowMethod);
  const slowSpec = (steps = 200): FitSpec => {
    const s = fitSpec(base(), null);
    return { ...s, pipeline: { ...s.pipeline, method: { id: 'slow-test', settings: { steps, stepMs: 10 } } } };
  };
  async function drive(e: FitEngine, spec: FitSpec, runId: number, hooks: { stopAfter?: number; staleAfter?: number } = {}): Promise<FromWorker[]> {
    const out: FromWorker[] = [];
    let steps = 0;
    await e.run({ runId, spec, known: { data: '', derivatives: '' }, animate: true }, {
      post: (m) => { out.push(m); if (m.type === 'step') steps++; },
      isStale: () => hooks.staleAfter !== undefined && steps >= hooks.staleAfter,
      isStopped: () => hooks.stopAfter !== undefined && steps >= hooks.stopAfter,
      pause: async () => undefined,
    });
    return out;
  }

  it('streams progress with its live payload, and finishes', async () => {
    const msgs = await drive(new FitEngine(), slowSpec(5), 1);
    const steps = of(msgs, 'step');
    expect(steps.map((m) => m.fraction)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(steps[4]!.live).toMatchObject({ kind: 'loss' });
    expect(of(msgs, 'fit')[0]!.fit).toMatchObject({ method: 'slow-test', status: 'ok' });
    expect(of(msgs, 'done')).toHaveLength(1);
  });

  it('Stop finishes it with the best so far, and the next fit reuses every cached layer', async () => {
    const e = new FitEngine();
    const msgs = await drive(e, slowSpec(), 1, { stopAfter: 12 });
    const steps = of(msgs, 'step');
    expect(steps).toHaveLength(12);
    const fit = of(msgs, 'fit')[0]!.fit;
    expect(fit.status).toBe('stopped');
    expect(fit.message).toBe('reached 12 of 200');
    // the best model so far is simulated too (the trajectory plot follows what the equations show)
    expect(of(msgs, 'simulation')).toHaveLength(1);
    expect(of(msgs, 'done')).toHaveLength(1);
    const again = await drive(e, slowSpec(3), 2);
    const layerStates = of(again, 'progress').filter((m) => m.layer === 'data' || m.layer === 'theta').map((m) => `${m.layer}:${m.state}`);
    expect(layerStates).toEqual(['data:cached', 'theta:cached']);
    expect(e.computed).toMatchObject({ data: 1, theta: 1 });
    expect(of(again, 'fit')[0]!.fit.status).toBe('ok');
  });

  it('a setting changed mid-run drops it between steps: no result, and the caches serve the next run', async () => {
    const e = new FitEngine();
    const msgs = await drive(e, slowSpec(), 1, { staleAfter: 7 });
    expect(of(msgs, 'step')).toHaveLength(7);
    expect(of(msgs, 'fit')).toHaveLength(0);
    expect(of(msgs, 'done')).toHaveLength(0);
    await drive(e, { ...slowSpec(2), pipeline: { ...slowSpec(2).pipeline, optimizer: { method: 'stlsq', threshold: 0.5, alpha: 0.05, maxIter: 20 } } }, 2);
    expect(e.computed).toMatchObject({ data: 1, theta: 1 });
  });

  it('a time budget ends it with the best so far, marked', async () => {
    const e = new FitEngine();
    const out: FromWorker[] = [];
    await e.run({ runId: 1, spec: slowSpec(), known: { data: '', derivatives: '' }, animate: true, budgetMs: 50 },
      { post: (m) => out.push(m), isStale: () => false, pause: async () => undefined });
    const fit = of(out, 'fit')[0]!.fit;
    expect(fit.status).toBe('stopped');
    expect(fit.warnings[0]).toMatch(/time budget/);
    expect(of(out, 'step').length).toBeLessThan(200);
  });
});

describe('one term count for the heatmap, the Pareto marker and the threshold', () => {
  // Issue 12: custom terms y/(1+y), x/(1+x) on the rational oscillator at λ = 0.05; the heatmap
  // said "10 of 24 kept" while the Pareto marker sat at 19 (the nearest grid value, 0.0436).
  const rational = (threshold: number): Settings => ({ ...defaultSettings('rational_oscillator'), terms: ['y/(1+y)', 'x/(1+x)'], threshold });

  it('the fit carries its kept terms, and its point is the sweep\'s measure of the same model', async () => {
    const e = new FitEngine();
    const msgs = await run(e, rational(0.05));
    const fit = of(msgs, 'fit')[0]!.fit;
    const sweep = of(msgs, 'sweep')[0]!.sweep;
    expect(fit.kept).toBe(Array.from(fit.coefficients).filter((c) => c !== 0).length);
    expect(fit.point).toMatchObject({ value: 0.05, nTerms: fit.kept, sweepKey: sweep.key });
    // The grid does not hold 0.05: its neighbours keep other counts, so a "nearest point" marker would disagree.
    expect(sweep.points.some((p) => p.value === 0.05)).toBe(false);
    const below = sweep.points.filter((p) => p.value < 0.05).pop()!;
    expect(below.nTerms).not.toBe(fit.kept);
  });

  it('at a value of the grid, the refit keeps exactly the point\'s terms (picking a point agrees with it)', async () => {
    const e = new FitEngine();
    const first = await run(e, rational(0.05));
    const sweep = of(first, 'sweep')[0]!.sweep;
    for (const p of sweep.points.filter((q) => q.nTerms > 0).slice(0, 6)) {
      const fit = of(await run(e, rational(p.value), { runId: 2 }), 'fit')[0]!.fit;
      expect({ value: p.value, kept: fit.kept }).toEqual({ value: p.value, kept: p.nTerms });
      expect(fit.point!.error).toBeCloseTo(p.error, 12);
    }
  });

  it('an ensemble\'s model is marked off the line (no value), with its own count', async () => {
    const msgs = await run(new FitEngine(), { ...base(), ens: 5 });
    const fit = of(msgs, 'fit')[0]!.fit;
    expect(fit.point).toMatchObject({ value: null, nTerms: fit.kept });
  });
});

describe('timings', () => {
  it('the fit time excludes only the layers computed during the fit: never negative on a cold run', async () => {
    const e = new FitEngine();
    // A slow derivative (total variation) is computed for its plot before the method starts.
    const msgs = await run(e, { ...base(), deriv: 'tv', noise: 1 });
    const t = of(msgs, 'fit')[0]!.fit.timings;
    expect(t.derivatives).toBeGreaterThan(0);
    expect(t.fit).toBeGreaterThanOrEqual(0);
  });
});

describe('FitEngine: live steps, kept outcomes and picks on the Pareto front', () => {
  registerMethod(slowMethod);
  const slow = (steps: number): FitSpec => {
    const sp = fitSpec(base(), null);
    return { ...sp, pipeline: { ...sp.pipeline, method: { id: 'slow-test', settings: { steps, stepMs: 0 } } } };
  };
  const post = (out: FromWorker[]) => ({ post: (m: FromWorker) => out.push(m), isStale: () => false, pause: async () => undefined });

  it('posts at most one step per interval, the latest kept and posted before the result', async () => {
    // A clock that advances 10 ms at each reading: about one step in ten is posted.
    let clock = 0;
    const e = new FitEngine({ stepIntervalMs: 100, now: () => (clock += 10) });
    const out: FromWorker[] = [];
    await e.run({ runId: 1, spec: slow(60), known: { data: '', derivatives: '' }, animate: true }, post(out));
    const steps = of(out, 'step');
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.length).toBeLessThan(20);
    const fractions = steps.map((m) => m.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);
    const last = steps[steps.length - 1]!.live;
    // the last step's curve: the fine-tuning stage, its 30 steps
    expect(last?.kind === 'loss' && [last.stage, last.loss.length]).toEqual(['fine-tuning', 30]);
    expect(out.findIndex((m) => m.type === 'step' && m.fraction === 1)).toBeLessThan(out.findIndex((m) => m.type === 'fit'));
  });

  it('a stopped run flushes its latest step, and "learned" trajectories are decimated copies', async () => {
    let clock = 0;
    const e = new FitEngine({ stepIntervalMs: 1000, now: () => (clock += 10) });
    const out: FromWorker[] = [];
    let n = 0;
    await e.run({ runId: 1, spec: slow(200), known: { data: '', derivatives: '' }, animate: true },
      { ...post(out), isStopped: () => ++n >= 46 }); // polled after each step: stopped after the 46th
    const steps = of(out, 'step');
    expect(steps[steps.length - 1]!.fraction).toBe(46 / 200);
    const withSim = steps.map((m) => m.live).find((l) => l?.kind === 'loss' && l.simulation);
    const sim = withSim?.kind === 'loss' ? withSim.simulation! : [];
    expect(sim).toHaveLength(1);
    expect(sim[0]!.t.length).toBeLessThanOrEqual(1000);
    expect(sim[0]!.y.length).toBe(3 * sim[0]!.t.length);
  });

  // A small symbolic search (two states, one population, two iterations): seconds, not minutes.
  const gpSpec = (): FitSpec => fitSpec({ ...defaultSettings('lotka_volterra'), tEnd: 5, method: 'gp', methodSettings: { iterations: 2, populations: 1, maxsize: 9 } }, null);

  it('a pick re-uses the kept outcome: the picked formula is shown and simulated, the search does not run again', async () => {
    const e = new FitEngine();
    const first: FromWorker[] = [];
    await e.run({ runId: 1, spec: gpSpec(), known: { data: '', derivatives: '' }, animate: true }, post(first));
    const fit = of(first, 'fit')[0]!.fit;
    const pareto = fit.pareto!;
    expect(pareto.fronts).toHaveLength(2);
    expect(pareto.shown).toEqual(pareto.chosen);
    expect(fit.equations[0]).toBe(pareto.fronts[0]!.find((x) => x.complexity === pareto.chosen[0])!.equation);
    const other = pareto.fronts[0]!.find((x) => x.complexity !== pareto.chosen[0])!;

    const again: FromWorker[] = [];
    await e.run({ runId: 2, spec: gpSpec(), known: { data: '', derivatives: '' }, animate: false, pick: [other.complexity, 0] }, post(again));
    expect(of(again, 'step')).toHaveLength(0);
    expect(e.computed.fit).toBe(1);
    const picked = of(again, 'fit')[0]!.fit;
    expect(picked.recomputed.fit).toBe(false);
    expect(picked.equations).toEqual([other.equation, fit.equations[1]]);
    expect(picked.pareto!.shown).toEqual([other.complexity, pareto.chosen[1]]);
    expect(picked.pareto!.chosen).toEqual(pareto.chosen);
    expect(of(again, 'simulation')).toHaveLength(1);

    // "Run again" asks for a fresh run of the same spec
    await e.run({ runId: 3, spec: gpSpec(), known: { data: '', derivatives: '' }, animate: false, fresh: true }, post([]));
    expect(e.computed.fit).toBe(2);
  });
});
