/**
 * Fine-tuning through the solver: the constants of a model (any ParamVectorField — a symbolic
 * model found by SINDy or symbolic regression, through the lead's adapter) refitted so that
 * its solutions match the trajectories, not just its derivatives. Same loss as the neural
 * ODE (`shooting.ts`: squared error in the data's standardised scale, exact gradient by the
 * discrete adjoint of RK4), but deterministic: every trajectory is cut into consecutive
 * segments of `segmentLength` samples (0: whole trajectories) and all are used every step.
 * Kidger 2021 §6 calls this the final "fine-tune the constants" step of neural ODE +
 * symbolic regression.
 *
 *   const r = createFinetuner({ field, theta }, ds, { method: 'lbfgs' });
 *   while (!finetuneStep(ft, 5).done) { … }
 *   fittedParams(ft)   // θ as fitted (no rounding)
 *
 * L-BFGS (default) suits a handful of constants; Adam (with the same warm-up/cosine schedule
 * as the trainer) is there for many parameters or a rough start.
 *
 * `fitStarts`: each segment's initial state is fitted too (it starts from a free state, and its
 * observed start counts in the loss like the other samples), as in trajectory fitting with
 * unknown initial conditions. Without it, a noisy start pins every solution: on
 * Lotka–Volterra from 60 samples with 1 % noise, whole-trajectory fits from the observed
 * start wandered from a near-true start to x² and y² terms of 0.3–1.9 (the predators' 5 %
 * start error grows along the orbit, and wrong constants buy it back); with fitted starts
 * they stay at the truth.
 */
import { err, ok, type Dataset, type Result } from '../types';
import { adamStep, createAdam, type AdamState } from './adam';
import { checkShootingData } from './datasetCheck';
import { lbfgsInit, lbfgsStep, type LbfgsState, type Objective } from './lbfgs';
import { dataScales } from './scaling';
import { consecutiveSegments, ShootingLoss, standardisedWeights } from './shooting';
import type { FittedField, ParamVectorField } from './vectorField';

export interface FinetuneOptions {
  method: 'lbfgs' | 'adam';
  /** iterations (L-BFGS) or gradient steps (Adam) */
  steps: number;
  /** samples per segment; 0 = each trajectory whole */
  segmentLength: number;
  /** RK4 sub-steps per median sample spacing */
  stepsPerSpacing: number;
  /** Adam's peak learning rate (cosine decay to a tenth, after a warm-up of 5 % of the steps) */
  learningRate: number;
  /** fit each segment's initial state as well (see the header) */
  fitStarts: boolean;
}

export const finetuneDefaults: Readonly<FinetuneOptions> = Object.freeze({
  method: 'lbfgs', steps: 100, segmentLength: 0, stepsPerSpacing: 4, learningRate: 1e-2, fitStarts: false,
});

export type FinetuneStatus = 'running' | 'done' | 'failed';

export interface Finetuner {
  readonly options: Readonly<FinetuneOptions>;
  readonly field: ParamVectorField;
  /** θ being fitted (updated in place; a view of the first field.nParams entries of `x`) */
  readonly theta: Float64Array;
  /** everything fitted: θ, then (fitStarts) each segment's initial state */
  readonly x: Float64Array;
  /** the segments, (trajectory, start sample, length) triples */
  readonly segs: Int32Array;
  /** loss before each step and after the last: up to steps + 1 entries */
  readonly history: number[];
  step: number;
  status: FinetuneStatus;
  message: string;
  // private to finetune.ts
  readonly objective: Objective;
  readonly grad: Float64Array;
  readonly adam: AdamState | null;
  lbfgs: LbfgsState | null;
}

export interface FinetuneProgress {
  done: boolean;
  status: FinetuneStatus;
  step: number;
  fraction: number;
  loss: number;
  message: string;
}

export function validateFinetuneOptions(o: Partial<FinetuneOptions> = {}): Result<FinetuneOptions> {
  const f: FinetuneOptions = { ...finetuneDefaults, ...o };
  if (f.method !== 'lbfgs' && f.method !== 'adam') return err(`Unknown fine-tuning method '${String(f.method)}'. Choose lbfgs or adam.`);
  const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(f.steps, 1, 100_000)) return err(`The fine-tuning steps must be a whole number from 1 to 100000 (got ${f.steps}).`);
  if (!(f.segmentLength === 0 || whole(f.segmentLength, 2, 1_000_000))) {
    return err(`The segment length must be 0 (whole trajectories) or a whole number of samples ≥ 2 (got ${f.segmentLength}).`);
  }
  if (!whole(f.stepsPerSpacing, 1, 100)) return err(`The RK4 steps per sample spacing must be a whole number from 1 to 100 (got ${f.stepsPerSpacing}).`);
  if (!(f.learningRate > 0 && f.learningRate <= 1)) return err(`The learning rate must be in (0, 1] (got ${f.learningRate}).`);
  if (typeof f.fitStarts !== 'boolean') return err('fitStarts must be true or false.');
  return ok(f);
}

/**
 * A fine-tuner of model on ds. With fitStarts, `startFrom(trajectory, sample)` may give the
 * initial state to start a segment from (e.g. one fitted in an earlier fit on other segments);
 * otherwise it starts from the observed state.
 */
export function createFinetuner(
  model: FittedField, ds: Dataset, options: Partial<FinetuneOptions> = {},
  startFrom?: (trajectory: number, sample: number) => ArrayLike<number> | undefined,
): Result<Finetuner> {
  const o = validateFinetuneOptions(options);
  if (!o.ok) return o;
  const d = checkShootingData(ds, model.field.nStates);
  if (!d.ok) return d;
  if (model.theta.length !== model.field.nParams) return err(`The model has ${model.field.nParams} parameters but ${model.theta.length} values were given.`);
  const scales = dataScales(ds);
  const shooting = new ShootingLoss(model.field, ds, standardisedWeights(scales.std), scales.medianSpacing / o.value.stepsPerSpacing);
  const segs = consecutiveSegments(ds, o.value.segmentLength);
  const nSeg = segs.length / 3;
  const P = model.field.nParams, m = model.field.nStates;
  const x = new Float64Array(P + (o.value.fitStarts ? nSeg * m : 0));
  x.set(model.theta);
  if (o.value.fitStarts) {
    for (let s = 0; s < nSeg; s++) {
      const k = segs[3 * s]!, i = segs[3 * s + 1]!;
      x.set(startFrom?.(k, i) ?? ds.trajectories[k]!.y.subarray(i * m, i * m + m), P + s * m);
    }
  }
  const objective: Objective = o.value.fitStarts
    ? (v, grad) => {
      const r = shooting.evaluate(v.subarray(0, P), segs, nSeg, grad && grad.subarray(0, P), v.subarray(P), grad && grad.subarray(P));
      return r.failed > 0 ? NaN : r.loss;
    }
    : (v, grad) => {
      const r = shooting.evaluate(v, segs, nSeg, grad);
      return r.failed > 0 ? NaN : r.loss;
    };
  const theta = x.subarray(0, P);
  const grad = new Float64Array(x.length);
  const ft: Finetuner = {
    options: Object.freeze(o.value), field: model.field, theta, x, segs, history: [], step: 0, status: 'running', message: '',
    objective, grad, adam: o.value.method === 'adam' ? createAdam(x.length) : null, lbfgs: null,
  };
  // the first evaluation also leaves the gradient at the start in ft.grad (Adam's first step reads it)
  const starts = o.value.fitStarts ? x.subarray(P) : null;
  const check = shooting.evaluate(theta, segs, nSeg, grad.subarray(0, P), starts, starts && grad.subarray(P));
  if (check.failed > 0) {
    const k = segs[3 * check.firstFailed]!, start = segs[3 * check.firstFailed + 1]!;
    const where = ds.trajectories.length > 1 ? ` of trajectory ${k + 1}` : '';
    return err(`The model's solution blows up on the segment from sample ${start + 1}${where}, before any fine-tuning. `
      + 'Start from other constants, or change the segment length (a segment that starts at a noisy sample near a '
      + 'singular or unstable state can blow up: whole trajectories are the safest).');
  }
  ft.history.push(check.loss);
  if (ft.adam === null) ft.lbfgs = lbfgsInit(objective, x);
  return ok(ft);
}

/** Up to nSteps steps; returns where the fit stands. */
export function finetuneStep(ft: Finetuner, nSteps = 1): FinetuneProgress {
  const o = ft.options;
  for (let q = 0; q < nSteps && ft.status === 'running'; q++) {
    if (ft.lbfgs) {
      lbfgsStep(ft.objective, ft.lbfgs);
      ft.x.set(ft.lbfgs.theta);
      ft.history.push(ft.lbfgs.loss);
      if (ft.lbfgs.stopped) {
        ft.status = 'done';
        if (ft.lbfgs.stopped === 'line_search_failed') ft.message = 'Stopped early: no step along the search direction lowered the loss further (the fit is as close as it gets).';
      }
    } else {
      // the gradient at θ is in ft.grad (from the last evaluation)
      adamStep(ft.adam!, ft.x, ft.grad, adamRate(o, ft.step));
      const loss = ft.objective(ft.x, ft.grad);
      if (!Number.isFinite(loss)) {
        ft.status = 'failed';
        ft.message = `Fine-tuning diverged at step ${ft.step + 1}: the model's solution blew up. Lower the learning rate or shorten the segments.`;
        break;
      }
      ft.history.push(loss);
    }
    ft.step++;
    if (ft.step >= o.steps && ft.status === 'running') ft.status = 'done';
  }
  return {
    done: ft.status !== 'running', status: ft.status, step: ft.step, fraction: Math.min(1, ft.step / o.steps),
    loss: ft.history[ft.history.length - 1] ?? NaN, message: ft.message,
  };
}

/** With fitStarts: each segment's fitted initial state, by trajectory and start sample. */
export function fittedStarts(ft: Finetuner): { trajectory: number; sample: number; y: Float64Array }[] {
  if (!ft.options.fitStarts) return [];
  const P = ft.field.nParams, m = ft.field.nStates;
  return Array.from({ length: ft.segs.length / 3 }, (_, s) => ({
    trajectory: ft.segs[3 * s]!, sample: ft.segs[3 * s + 1]!, y: ft.x.slice(P + s * m, P + s * m + m),
  }));
}

/** The fitted θ (a copy, no rounding). */
export function fittedParams(ft: Finetuner): Float64Array {
  return Float64Array.from(ft.theta);
}

/** Adam's rate at step k: warm-up over 5 % of the steps, then cosine to a tenth. */
function adamRate(o: FinetuneOptions, k: number): number {
  const warm = Math.max(1, Math.round(0.05 * o.steps));
  if (k < warm) return (o.learningRate * (k + 1)) / warm;
  const f = Math.min(1, (k - warm) / Math.max(1, o.steps - warm));
  return o.learningRate * (0.1 + 0.45 * (1 + Math.cos(Math.PI * f)));
}
