/**
 * Training a neural ODE by multiple shooting — steppable, so the playground can draw the loss
 * curve live and stop at any step.
 *
 *   const r = createTrainer(ds, { steps: 1500 }, seed);   // Result<NeuralTrainer>
 *   while (!trainStep(trainer, 20).done) { draw(lossHistory(trainer)); }
 *   const { field, theta, rhs } = trainedField(trainer);   // simulate, distil, compare
 *
 * One step: draw batchSize segments at random (a trajectory and a start sample, uniformly over
 * the valid starts; the segment length follows the schedule short → long), evaluate the
 * shooting loss and its exact gradient (`shooting.ts`, `rk4Adjoint.ts`), clip the gradient's
 * norm, and take an Adam step at the scheduled learning rate (`options.ts`). After `steps` Adam
 * steps come `polishSteps` L-BFGS iterations on all segments of segmentEnd samples at once
 * (consecutive, sharing end samples): full-batch and deterministic, they take the fit from
 * "close" to the noise floor in a fraction of the time more Adam steps would. Everything random
 * comes from one seeded generator: the same data, options and seed give a bit-identical loss
 * history. A step in which a segment's solve blows up is skipped (loss NaN in the history);
 * 20 such steps in a row stop the training with status 'diverged' and advice.
 *
 * Cost of a step ≈ batchSize × (segment samples − 1) × RK4 sub-steps per interval × 4 stages ×
 * (one forward + one reverse pass of the MLP), e.g. 2-64-64-2, batch 32, 10 samples: see
 * bench/neural.ts.
 */
import { createRng, type Rng } from '../data/rng';
import { err, ok, type Dataset, type Result, type Rhs } from '../types';
import { adamStep, createAdam, type AdamState } from './adam';
import { checkShootingData } from './datasetCheck';
import { lbfgsInit, lbfgsStep, type LbfgsState, type Objective } from './lbfgs';
import { createMlp, type Mlp } from './mlp';
import { learningRateAt, segmentLengthAt, validateNeuralOptions, type NeuralOptions } from './options';
import { dataScales, type DataScales } from './scaling';
import { consecutiveSegments, ShootingLoss, standardisedWeights } from './shooting';
import type { FittedField } from './vectorField';

/** Consecutive skipped steps after which training stops as diverged. */
const MAX_FAILED_STEPS = 20;

export type TrainStatus = 'running' | 'done' | 'diverged';

export interface NeuralTrainer {
  readonly options: Readonly<NeuralOptions>;
  readonly seed: number;
  readonly scales: DataScales;
  readonly mlp: Mlp;
  /** θ: mlp.nParams, updated in place by every step */
  readonly theta: Float64Array;
  /**
   * loss of every step taken: the minibatch loss of the Adam steps (NaN for a skipped step),
   * then the full-batch loss of the polish; steps + polishSteps entries, filled up to `step`
   */
  readonly history: Float64Array;
  step: number;
  status: TrainStatus;
  message: string;
  failedInARow: number;
  // private to train.ts
  readonly ds: Dataset;
  readonly adam: AdamState;
  readonly rng: Rng;
  readonly shooting: ShootingLoss;
  readonly grad: Float64Array;
  readonly segs: Int32Array;
  polish: LbfgsState | null;
  polishObjective: Objective | null;
}

export interface TrainProgress {
  done: boolean;
  status: TrainStatus;
  /** steps taken so far */
  step: number;
  /** step / (options.steps + options.polishSteps) */
  fraction: number;
  /** 'adam' while on minibatches, 'polish' during the L-BFGS iterations */
  phase: 'adam' | 'polish';
  /** minibatch loss of the last step (NaN if it was skipped) */
  loss: number;
  /** samples per segment and learning rate of the last step */
  segmentLength: number;
  learningRate: number;
  /** advice when diverged */
  message: string;
}

/** A trainer for ds (checked) with options (defaults filled in, checked) and a seed. */
export function createTrainer(ds: Dataset, options: Partial<NeuralOptions> = {}, seed = 0): Result<NeuralTrainer> {
  const o = validateNeuralOptions(options);
  if (!o.ok) return o;
  const d = checkShootingData(ds);
  if (!d.ok) return d;
  if (!Number.isFinite(seed)) return err(`The seed must be a finite number (got ${seed}).`);
  const scales = dataScales(ds);
  const mlp = createMlp(scales, o.value);
  const hMax = scales.medianSpacing / o.value.stepsPerSpacing;
  return ok({
    options: Object.freeze({ ...o.value }),
    seed,
    scales,
    mlp,
    theta: mlp.init(seed),
    history: new Float64Array(o.value.steps + o.value.polishSteps).fill(NaN),
    step: 0,
    status: 'running',
    message: '',
    failedInARow: 0,
    ds,
    adam: createAdam(mlp.nParams),
    rng: createRng(seed, 1),
    shooting: new ShootingLoss(mlp, ds, standardisedWeights(scales.std), hMax),
    grad: new Float64Array(mlp.nParams),
    segs: new Int32Array(3 * o.value.batchSize),
    polish: null,
    polishObjective: null,
  });
}

/** Take up to nSteps steps (fewer when training ends); returns where it stands. */
export function trainStep(tr: NeuralTrainer, nSteps = 1): TrainProgress {
  const o = tr.options;
  const total = o.steps + o.polishSteps;
  let loss = NaN;
  for (let q = 0; q < nSteps && tr.status === 'running'; q++) {
    loss = tr.step < o.steps ? adamPhaseStep(tr) : polishStep(tr);
    if (tr.step >= total && tr.status === 'running') tr.status = 'done';
  }
  const last = Math.max(0, tr.step - 1);
  return {
    done: tr.status !== 'running', status: tr.status, step: tr.step, fraction: tr.status === 'done' ? 1 : tr.step / total,
    phase: last < o.steps ? 'adam' : 'polish', loss,
    segmentLength: segmentLengthAt(o, Math.min(last, o.steps)), learningRate: learningRateAt(o, Math.min(last, o.steps - 1)),
    message: tr.message,
  };
}

/** One Adam step on a random minibatch; returns its loss (NaN if skipped). */
function adamPhaseStep(tr: NeuralTrainer): number {
  const o = tr.options;
  const k = tr.step;
  drawSegments(tr, segmentLengthAt(o, k));
  const v = tr.shooting.evaluate(tr.theta, tr.segs, o.batchSize, tr.grad);
  const loss = v.failed === 0 ? v.loss : NaN;
  tr.history[k] = loss;
  tr.step++;
  if (v.failed === 0 && Number.isFinite(v.loss) && allFinite(tr.grad)) {
    clip(tr.grad, o.clipNorm);
    adamStep(tr.adam, tr.theta, tr.grad, learningRateAt(o, k));
    tr.failedInARow = 0;
  } else if (++tr.failedInARow >= MAX_FAILED_STEPS) {
    tr.status = 'diverged';
    tr.message = `The neural ODE diverged: its solves blew up in ${MAX_FAILED_STEPS} steps in a row (step ${tr.step}). `
      + 'Lower the learning rate, shorten the segments or use more RK4 steps per sample spacing.';
  }
  return loss;
}

/** One L-BFGS iteration on every segment of segmentEnd samples; returns the full-batch loss. */
function polishStep(tr: NeuralTrainer): number {
  if (!tr.polish) {
    const segs = consecutiveSegments(tr.ds, tr.options.segmentEnd);
    const nSeg = segs.length / 3;
    const f: Objective = (theta, grad) => {
      const v = tr.shooting.evaluate(theta, segs, nSeg, grad);
      return v.failed > 0 ? NaN : v.loss;
    };
    tr.polishObjective = f;
    tr.polish = lbfgsInit(f, tr.theta);
  }
  const st = lbfgsStep(tr.polishObjective!, tr.polish);
  tr.theta.set(st.theta);
  tr.history[tr.step] = st.loss;
  tr.step++;
  // converged or no further decrease: the polish is over (the model is as good as it gets)
  if (st.stopped && tr.status === 'running') tr.status = 'done';
  return st.loss;
}

/** The loss of every step taken so far (a view, not a copy: read it before the next step). */
export function lossHistory(tr: NeuralTrainer): Float64Array {
  return tr.history.subarray(0, tr.step);
}

/**
 * The trained model, independent of the trainer (a fresh MLP and a copy of θ): the field, its
 * parameters and an allocation-free right-hand side for `integrate`.
 */
export function trainedField(tr: NeuralTrainer): FittedField & { rhs: Rhs } {
  const field = createMlp(tr.scales, tr.options);
  const theta = Float64Array.from(tr.theta);
  return { field, theta, rhs: (_t, y, dy) => field.eval(y, theta, dy) };
}

/**
 * batchSize segments of len samples (shorter trajectories: their whole length), each a
 * uniformly drawn valid start over all trajectories.
 */
function drawSegments(tr: NeuralTrainer, len: number): void {
  const trajs = tr.ds.trajectories;
  let total = 0;
  for (const t of trajs) total += startsOf(t.t.length, len);
  for (let b = 0; b < tr.options.batchSize; b++) {
    let u = Math.floor(tr.rng() * total);
    let k = 0;
    for (; k < trajs.length - 1; k++) {
      const c = startsOf(trajs[k]!.t.length, len);
      if (u < c) break;
      u -= c;
    }
    tr.segs[3 * b] = k;
    tr.segs[3 * b + 1] = u;
    tr.segs[3 * b + 2] = Math.min(len, trajs[k]!.t.length);
  }
}

/** Valid starts of a segment of len samples in a trajectory of n samples (0 if n < 2). */
function startsOf(n: number, len: number): number {
  if (n < 2) return 0;
  return n >= len ? n - len + 1 : 1;
}

function allFinite(g: Float64Array): boolean {
  for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i]!)) return false;
  return true;
}

/** Scale g down to Euclidean norm maxNorm if longer (maxNorm 0: unchanged). */
function clip(g: Float64Array, maxNorm: number): void {
  if (!(maxNorm > 0)) return;
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  const norm = Math.sqrt(s);
  if (norm > maxNorm) for (let i = 0; i < g.length; i++) g[i] = (g[i]! * maxNorm) / norm;
}
