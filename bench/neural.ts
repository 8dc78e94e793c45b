/**
 * Neural ODE speed (`npx tsx bench/neural.ts`):
 * - one gradient step of the trainer (minibatch of segments, RK4 forward, discrete adjoint,
 *   Adam) for a 2-64-64-2 tanh MLP, batch 32, 10 observations per segment, 1 and 2 RK4
 *   sub-steps per sample spacing, on Kidger's rational oscillator data;
 * - the whole training of the rational-oscillator test (8 trajectories × 101 samples on
 *   [0, 10], starts in [−0.5, 0.5]²) to a field accurate within a few % over the visited
 *   region: the time and the accuracy reached (in the row's name).
 */
import { pathToFileURL } from 'node:url';
import { sampleFromStarts } from '../src/core/data/generate';
import { createTrainer, trainedField, trainStep, type NeuralTrainer } from '../src/core/neural/train';
import type { NeuralOptions } from '../src/core/neural/options';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import type { Dataset } from '../src/core/types';
import { printRows, time, type BenchRow } from './stats';

const sys = getSystem('rational_oscillator')!;
const params = defaultParams(sys);

/** The data: 8 trajectories of 101 samples on [0, 10], starts uniform in [−0.5, 0.5]². */
export function rationalOscillatorData(seed: number): Dataset {
  const r = sampleFromStarts(sys, { params, count: 8, box: [[-0.5, 0.5], [-0.5, 0.5]], tEnd: 10, dt: 0.1, seed });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Relative RMS error ‖f_θ − f‖ / ‖f‖ over every sample of ds (the visited region). */
export function fieldError(tr: NeuralTrainer, ds: Dataset): number {
  const { field, theta } = trainedField(tr);
  const rhs = sys.rhs(params);
  const f = new Float64Array(2), g = new Float64Array(2), y = new Float64Array(2);
  let num = 0, den = 0;
  for (const t of ds.trajectories) {
    for (let i = 0; i < t.t.length; i++) {
      y[0] = t.y[2 * i]!; y[1] = t.y[2 * i + 1]!;
      field.eval(y, theta, f);
      rhs(0, y, g);
      num += (f[0]! - g[0]!) ** 2 + (f[1]! - g[1]!) ** 2;
      den += g[0]! ** 2 + g[1]! ** 2;
    }
  }
  return Math.sqrt(num / den);
}

/** The options of the rational-oscillator test (test/core/neural/rationalOscillator.test.ts). */
export const rationalOscillatorOptions: Partial<NeuralOptions> = Object.freeze({
  width: 32, batchSize: 16, steps: 150, stepsPerSpacing: 1, polishSteps: 100,
});

export async function benchNeural(): Promise<BenchRow[]> {
  const ds = rationalOscillatorData(42);
  const rows: BenchRow[] = [];
  for (const stepsPerSpacing of [1, 2]) {
    const r = createTrainer(ds, {
      width: 64, depth: 2, activation: 'tanh', batchSize: 32, segmentStart: 10, segmentEnd: 10,
      steps: 1_000_000, polishSteps: 0, stepsPerSpacing,
    }, 1);
    if (!r.ok) throw new Error(r.error);
    const row = time(`gradient step, 2-64-64-2 tanh, batch 32, 10 obs/segment, ${stepsPerSpacing} RK4 step(s)/spacing`,
      () => { trainStep(r.value, 1); }, 15, 3);
    row.name += ` → ${(1000 / row.medianMs).toFixed(1)} steps/s`;
    rows.push(row);
  }
  {
    // the defaults (options.ts): 2-32-32-2, batch 16, 10 observations per segment, 1 RK4 step per spacing
    const r = createTrainer(ds, { segmentStart: 10, segmentEnd: 10, steps: 1_000_000, polishSteps: 0 }, 1);
    if (!r.ok) throw new Error(r.error);
    const row = time('gradient step, the defaults: 2-32-32-2 tanh, batch 16, 10 obs/segment, 1 RK4 step/spacing', () => { trainStep(r.value, 1); }, 31, 5);
    row.name += ` → ${(1000 / row.medianMs).toFixed(1)} steps/s`;
    rows.push(row);
  }
  let err = NaN;
  const full = time('rational oscillator: whole training (150 Adam + ≤ 100 L-BFGS, width 32)', () => {
    const r = createTrainer(ds, rationalOscillatorOptions, 1);
    if (!r.ok) throw new Error(r.error);
    while (!trainStep(r.value, 50).done) { /* train */ }
    err = fieldError(r.value, ds);
  }, 1, 0);
  full.name += ` → field error ${(100 * err).toFixed(2)} %`;
  rows.push(full);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchNeural());
