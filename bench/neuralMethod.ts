/**
 * Time to solution of the neural method (`npx tsx bench/neuralMethod.ts`), one worker, the CLI's
 * path (fitWithSpec through the generic loop), default settings unless named:
 * - Kidger's rational oscillator, 8 trajectories × 101 samples: --method neural (symbolic
 *   regression, the default) and --symbolic rational; the row says whether the formulas are
 *   the truth (max error on a grid of [−0.45, 0.45]² below 0.1 %) and how the time splits;
 * - Lotka–Volterra, 60 irregular samples with 1 % noise: --symbolic sindy, whether exactly the
 *   four true terms were found.
 * Each is one run (they take seconds); wall clock and this process's CPU time are both given,
 * since on a shared machine the wall clock includes waiting for a core.
 */
import { pathToFileURL } from 'node:url';
import { sampleSystem } from '../src/core/data/generate';
import { addNoise } from '../src/core/data/noise';
import { fitWithSpec } from '../src/core/methods/fit';
import type { MethodOutcome } from '../src/core/methods/types';
import { compareWithTruth } from '../src/core/model/metrics';
import { evalExpr } from '../src/core/model/expr';
import { defaultFitSettings } from '../src/core/pipeline/fit';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import type { Dataset } from '../src/core/types';
import { rationalOscillatorData } from './neural';
import { printRows, type BenchRow } from './stats';

function solve(ds: Dataset, settings: Record<string, unknown>): { outcome: MethodOutcome; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const r = fitWithSpec(ds, { ...defaultFitSettings(), method: { id: 'neural', settings } });
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.error);
  return { outcome: r.value.outcome, ms: r.value.ms, cpuMs: (c.user + c.system) / 1000 };
}

function kidgerError(o: MethodOutcome): number {
  if (o.model.kind !== 'expressions') return Infinity;
  let err = 0;
  for (let a = 0; a <= 18; a++) {
    for (let b = 0; b <= 18; b++) {
      const v = [-0.45 + a * 0.05, -0.45 + b * 0.05];
      const truth = [v[1]! / (1 + v[1]!), -v[0]! / (1 + v[0]!)];
      o.model.exprs.forEach((e, j) => { err = Math.max(err, Math.abs(evalExpr(e, v) - truth[j]!) / 0.82); });
    }
  }
  return err;
}

function row(name: string, r: ReturnType<typeof solve>, verdict: string): BenchRow {
  const t = r.outcome.timings ?? {};
  const s = (ms?: number) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  return {
    name: `${name}: ${verdict}; CPU ${s(r.cpuMs)} (training ${s(t.trainMs)}, ${r.outcome.pareto ? 'search' : 'distillation'} ${s(t.searchMs)}, fine-tuning ${s(t.finetuneMs)} wall)`,
    medianMs: r.ms, runs: [r.ms],
  };
}

export async function benchNeuralMethod(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const symbolic of ['gp', 'rational'] as const) {
    const r = solve(rationalOscillatorData(42), { symbolic, seed: 0 });
    const e = kidgerError(r.outcome);
    rows.push(row(`Kidger 8 × 101, neural → ${symbolic === 'gp' ? 'symbolic regression' : 'rational SINDy'}, 1 worker`, r,
      e < 1e-3 ? `solved (error ${e.toExponential(0)})` : `NOT solved (error ${e.toExponential(1)})`));
  }
  const sys = getSystem('lotka_volterra')!;
  const params = defaultParams(sys);
  const clean = sampleSystem(sys, { params, x0: sys.x0, tEnd: sys.tEnd, dt: sys.tEnd / 59, irregular: true, seed: 1 });
  if (!clean.ok) throw new Error(clean.error);
  const r = solve(addNoise(clean.value, 0.01, 1), { symbolic: 'sindy', seed: 0 });
  const m = r.outcome.model;
  const exact = m.kind === 'library' && (() => {
    const cmp = compareWithTruth(sys.stateNames, m.library.names, m.coefficients, sys.truth(params)!);
    return cmp.extra.length === 0 && cmp.missing.length === 0;
  })();
  rows.push(row('Lotka–Volterra 60 irregular samples, 1 % noise, neural → SINDy, 1 worker', r, exact ? 'exactly the 4 true terms' : 'NOT the true terms'));
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchNeuralMethod());
