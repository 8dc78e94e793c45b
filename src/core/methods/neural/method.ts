/**
 * Neural ODE → equations (Kidger, "On Neural Differential Equations", 2021, §6.1; Cranmer et
 * al. 2020): fit a neural vector field f_θ to the trajectories themselves — no derivative
 * estimates, sparse and irregular samples welcome — then read equations off it, then refit
 * their constants through the ODE solver. Three stages, each stepped in chunks of a few tens
 * of ms by the generic loop (run.ts):
 *   training (training.ts)    loss curve streamed, learned vs observed trajectories every 50 steps
 *   distillation (distill.ts) SINDy, rational SINDy or a symbolic search on pairs (y, f_θ(y))
 *   fine-tuning (tune.ts)     the equations' constants fitted to the trajectories, reported as fitted
 * Stop or a time budget finishes from where it is: in training, the network so far is read off
 * (by rational SINDy when the search had not started) and the message says where it stopped;
 * in the search, the best formulas so far; in fine-tuning, the constants so far.
 */
import { err, ok, type Result } from '../../types';
import type { EndReason, FittingMethod, MethodInput, MethodOutcome, StepReport } from '../types';
import { sparseOutcome } from '../sparseDetails';
import { distilled, pairsOf, rationalModel, startDistill, stepDistill, type Distilled, type DistillStage } from './distill';
import { neuralInfo } from './info';
import { validateNeuralSettings, type NeuralMethodSettings } from './settings';
import { currentField, startTraining, stepTraining, stepsTaken, type TrainingStage } from './training';
import { startTune, stepTune, type TuneStage } from './tune';

/** Fewer training steps than this read nothing worth reporting off the network. */
const MIN_STEPS = 20;

type Stage = 'training' | 'distilling' | 'fine-tuning' | 'done';

export interface NeuralRun {
  input: MethodInput;
  s: NeuralMethodSettings;
  stage: Stage;
  training: TrainingStage;
  distill: DistillStage | null;
  tune: TuneStage | null;
  /** the model when the stage that made it is over */
  result: Distilled | null;
  searchMs: number;
  warnings: string[];
  /** why the run cannot give a model (training diverged, distillation failed) */
  failure: string | null;
}

/** Share of the progress bar per stage (training dominates the time). */
const SHARE = { training: 0.6, distilling: 0.3, 'fine-tuning': 0.1 } as const;

export const neuralMethod: FittingMethod<NeuralMethodSettings, NeuralRun> = {
  ...neuralInfo,
  validate: (given) => validateNeuralSettings(given),
  needs: () => [],
  init(input, s) {
    const training = startTraining(input.data, s);
    if (!training.ok) return training;
    return ok({ input, s, stage: 'training', training: training.value, distill: null, tune: null, result: null, searchMs: 0, warnings: [], failure: null });
  },
  step(run) {
    switch (run.stage) {
      case 'training': return trainingStep(run);
      case 'distilling': return distillStep(run);
      case 'fine-tuning': return tuneStep(run);
      case 'done': return { done: true, fraction: 1, label: 'done' };
    }
  },
  finish(run, reason) {
    if (run.failure) return err(run.failure);
    return reason === 'done' || run.stage === 'done' ? outcome(run, run.result!, null) : early(run, reason);
  },
};

function trainingStep(run: NeuralRun): StepReport {
  const r = stepTraining(run.training, run.input.data, run.s);
  const report: StepReport = { done: false, fraction: SHARE.training * r.fraction, label: r.label, live: r.live };
  if (!r.done) return report;
  if (run.training.failure || !run.training.result) return end(run, run.training.failure ?? 'The neural ODE did not finish training.');
  const t0 = performance.now();
  const d = startDistill(run.training.result, run.input, run.s, problemKey(run));
  run.searchMs += performance.now() - t0;
  if (!d.ok) return end(run, d.error);
  run.distill = d.value;
  run.stage = 'distilling';
  return report;
}

function distillStep(run: NeuralRun): StepReport {
  const t0 = performance.now();
  const d = run.distill!;
  const r = stepDistill(d, run.input.data.stateNames);
  let report: StepReport = { ...r, done: false, fraction: SHARE.training + SHARE.distilling * r.fraction };
  if (r.done) {
    const model = distilled(d, run.input.data.stateNames);
    if (!model.ok) { run.searchMs += performance.now() - t0; return end(run, model.error); }
    report = startTuning(run, model.value, report);
  }
  run.searchMs += performance.now() - t0;
  return report;
}

/** Into fine-tuning (or done when it is off or cannot start: then the distilled model stands, with a warning). */
function startTuning(run: NeuralRun, model: Distilled, report: StepReport): StepReport {
  run.result = model;
  if (!run.s.finetune) { run.stage = 'done'; return { ...report, done: true, fraction: 1 }; }
  const opt = run.input.spec.optimizer;
  const threshold = run.s.symbolic === 'sindy' && (opt.method === 'stlsq' || opt.method === 'sr3') ? opt.threshold : null;
  const t = startTune(model, run.input.data, run.s.segmentLength, threshold);
  if (!t.ok) {
    run.warnings.push(`Not fine-tuned: ${t.error}`);
    run.stage = 'done';
    return { ...report, done: true, fraction: 1 };
  }
  run.tune = t.value;
  run.stage = 'fine-tuning';
  return report;
}

function tuneStep(run: NeuralRun): StepReport {
  const t = run.tune!;
  const r = stepTune(t, run.input.data);
  run.result = t.current;
  if (r.done) run.stage = 'done';
  return { ...r, fraction: r.done ? 1 : SHARE.training + SHARE.distilling + SHARE['fine-tuning'] * r.fraction };
}

function end(run: NeuralRun, failure: string): StepReport {
  run.failure = failure;
  run.stage = 'done';
  return { done: true, fraction: 1, label: 'failed' };
}

/** The outcome of a run ended by Stop or the budget, from the stage it was in. */
function early(run: NeuralRun, reason: EndReason): Result<MethodOutcome> {
  const names = run.input.data.stateNames;
  const when = reason === 'stopped' ? 'Stopped' : 'The budget ran out';
  if (run.stage === 'training') {
    const steps = stepsTaken(run.training);
    const total = run.training.total;
    if (steps < MIN_STEPS) return err(`${when} after ${steps} training step${steps === 1 ? '' : 's'} of ${total}: too early to read equations off the network. Let it train for at least ${MIN_STEPS} steps.`);
    const field = currentField(run.training)!;
    let model: Result<Distilled>;
    if (run.s.symbolic === 'sindy') {
      const d = startDistill(field, run.input, run.s, problemKey(run));
      model = d.ok ? distilled(d.value, names) : d;
    } else {
      const pairs = pairsOf(field, run.input, run.s.seed);
      model = pairs.ok ? rationalModel(pairs.value, names) : pairs;
    }
    if (!model.ok) return model;
    const how = run.s.symbolic === 'gp' ? 'read off by rational SINDy (the symbolic search had not started), not fine-tuned' : 'not fine-tuned';
    return outcome(run, model.value, `${when} during training, at step ${steps} of ${total}: these equations are the network so far, ${how}.`);
  }
  if (run.stage === 'distilling') {
    const model = distilled(run.distill!, names);
    if (!model.ok) return model;
    return outcome(run, model.value, model.value.note ?? `${when} during the ${run.s.symbolic === 'gp' ? 'symbolic search' : 'distillation'}: the best equations so far, not fine-tuned.`);
  }
  const t = run.tune!;
  return outcome(run, run.result!, `${when} during fine-tuning: the constants so far (round ${Math.min(t.round, t.schedule.length - 1) + 1} of ${t.schedule.length}).`);
}

function outcome(run: NeuralRun, d: Distilled, message: string | null): Result<MethodOutcome> {
  const timings = { trainMs: run.training.ms, searchMs: run.searchMs, finetuneMs: run.tune?.ms ?? 0 };
  const warnings = [...run.warnings, ...(run.tune?.note ? [run.tune.note] : [])];
  if (run.training.fromMemo) warnings.push('The network was trained before with these settings on these data; it was reused (its training time is the earlier one).');
  const base = d.sparse
    ? sparseOutcome(d.sparse.reg, d.sparse.problem, d.sparse.problemKey, run.input.data.stateNames, d.sparse.result)
    : { model: d.model, status: 'ok' as const, message: null, warnings: [] };
  return ok({
    ...base,
    model: d.model,
    message: message ?? d.note ?? base.message,
    warnings: [...warnings, ...base.warnings],
    ...(d.pareto ? { pareto: d.pareto } : {}),
    timings,
  });
}

/** Cache key of the pairs' regression problem: the data's layers, the library and everything that made the network. */
function problemKey(run: NeuralRun): string {
  const { s, input } = run;
  return `${input.layers.keys.theta}|neural|${JSON.stringify([s.width, s.depth, s.activation, s.steps, s.learningRate, s.segmentLength, s.batchSize, s.polishSteps, s.stepsPerSpacing, s.seed])}`;
}
