/**
 * The neural ODE's settings: one frozen defaults object and one table of limits, from which
 * `validateNeuralOptions` (and, later, the playground's controls and URL codec) read.
 *
 * Defaults follow diffrax's neural-ODE example in spirit (depth 2, a learned output scale, Adam
 * with a short warm-up, segments that grow from short to long) and were tuned on Lotka–Volterra
 * and the rational oscillator (test/core/neural): no final tanh by default — with it, the field
 * saturates where the data move fastest (the rational oscillator's field error stayed at 11 %
 * with it, 1.8 % without, same budget); no gradient clipping; learning rate 1e-2 (3e-3 learned
 * slower on both); an L-BFGS polish after Adam (see `polishSteps`). Width 32, batches of 16
 * segments, 300 Adam steps, one RK4 step per sample spacing and 200 polish iterations learn
 * Kidger's field to 0.8 % (Lotka–Volterra from 60 noisy samples: 4 %) in about 7 s of one core;
 * the earlier width 64, batch 32, 2,000 steps and two RK4 steps per spacing reached 0.4 % in
 * 124 s — 18 × the time for a field the distillation and fine-tuning do not need (the
 * equations' constants are refitted to the trajectories afterwards).
 */
import { err, ok, type Result } from '../types';
import type { Activation } from './mlp';

export interface NeuralOptions {
  /** neurons per hidden layer */
  width: number;
  /** hidden layers */
  depth: number;
  activation: Activation;
  /** tanh on the output before the learned scale */
  finalTanh: boolean;
  /** gradient steps (the training budget) */
  steps: number;
  /** segments per minibatch */
  batchSize: number;
  /** samples per segment at the start of training (≥ 2: the start and one target) */
  segmentStart: number;
  /** samples per segment at the end of the ramp */
  segmentEnd: number;
  /** fraction of the steps over which the segment length grows linearly from start to end */
  segmentRamp: number;
  /** peak learning rate (Adam) */
  learningRate: number;
  /** linear warm-up from 0 over this many steps */
  warmupSteps: number;
  /** the cosine decay ends at learningRate × this */
  finalLearningRate: number;
  /** RK4 sub-steps per median sample spacing: h ≤ median spacing / stepsPerSpacing */
  stepsPerSpacing: number;
  /** the minibatch gradient is scaled down to this Euclidean norm when longer (0: off) */
  clipNorm: number;
  /**
   * L-BFGS iterations after the Adam steps, on every segment of segmentEnd samples at once
   * (full batch, deterministic). Adam gets near a good fit; the polish takes it to the noise
   * floor far faster than more Adam steps would (0: off).
   */
  polishSteps: number;
}

export const neuralDefaults: Readonly<NeuralOptions> = Object.freeze({
  width: 32,
  depth: 2,
  activation: 'tanh',
  finalTanh: false,
  steps: 300,
  batchSize: 16,
  segmentStart: 3,
  segmentEnd: 10,
  segmentRamp: 0.5,
  learningRate: 1e-2,
  warmupSteps: 50,
  finalLearningRate: 0.05,
  stepsPerSpacing: 1,
  clipNorm: 0,
  polishSteps: 200,
});

type NumericKey = { [K in keyof NeuralOptions]: NeuralOptions[K] extends number ? K : never }[keyof NeuralOptions];

/** Limits of every numeric option: [min, max, integer?, label]. */
export const neuralLimits: Readonly<Record<NumericKey, readonly [number, number, boolean, string]>> = Object.freeze({
  width: [1, 512, true, 'The width (neurons per layer)'],
  depth: [1, 8, true, 'The depth (hidden layers)'],
  steps: [1, 1_000_000, true, 'The number of training steps'],
  batchSize: [1, 4096, true, 'The batch size'],
  segmentStart: [2, 10_000, true, 'The starting segment length'],
  segmentEnd: [2, 10_000, true, 'The final segment length'],
  segmentRamp: [0, 1, false, 'The segment ramp fraction'],
  learningRate: [1e-6, 1, false, 'The learning rate'],
  warmupSteps: [0, 1_000_000, true, 'The warm-up'],
  finalLearningRate: [0, 1, false, 'The final learning-rate fraction'],
  stepsPerSpacing: [1, 100, true, 'The RK4 steps per sample spacing'],
  clipNorm: [0, 1e6, false, 'The gradient clipping norm'],
  polishSteps: [0, 100_000, true, 'The number of L-BFGS polishing steps'],
});

/** The defaults overridden by o, checked: each problem named with the range to choose from. */
export function validateNeuralOptions(o: Partial<NeuralOptions> = {}): Result<NeuralOptions> {
  const full: NeuralOptions = { ...neuralDefaults, ...o };
  for (const key of Object.keys(neuralLimits) as NumericKey[]) {
    const [min, max, integer, label] = neuralLimits[key];
    const v = full[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      return err(`${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${String(v)}). Choose a value in that range.`);
    }
  }
  if (full.activation !== 'tanh' && full.activation !== 'softplus') {
    return err(`Unknown activation '${String(full.activation)}'. Choose tanh or softplus.`);
  }
  if (full.segmentEnd < full.segmentStart) {
    return err(`The final segment length (${full.segmentEnd}) is shorter than the starting one (${full.segmentStart}). Make it at least as long.`);
  }
  return ok(full);
}

/** Learning rate at step k (0-based): linear warm-up, then cosine decay to lr × finalLearningRate. */
export function learningRateAt(o: NeuralOptions, k: number): number {
  if (k < o.warmupSteps) return (o.learningRate * (k + 1)) / (o.warmupSteps + 1);
  const span = Math.max(1, o.steps - o.warmupSteps);
  const progress = Math.min(1, (k - o.warmupSteps) / span);
  const low = o.learningRate * o.finalLearningRate;
  return low + 0.5 * (o.learningRate - low) * (1 + Math.cos(Math.PI * progress));
}

/** Samples per segment at step k: linear from segmentStart to segmentEnd over segmentRamp · steps. */
export function segmentLengthAt(o: NeuralOptions, k: number): number {
  const ramp = o.segmentRamp * o.steps;
  const f = ramp > 0 ? Math.min(1, k / ramp) : 1;
  return Math.round(o.segmentStart + f * (o.segmentEnd - o.segmentStart));
}
