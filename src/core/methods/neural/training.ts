/**
 * The neural method's first stage: train f_θ on the trajectories (core/neural/train.ts), in
 * chunks of steps that each take a few tens of ms, streaming the loss curve and, every
 * SIM_EVERY steps, the current field's trajectories from each observed start (learned vs
 * observed).
 *
 * The chunk size is set from the work a step does (segments × sub-steps × parameters), never
 * from the clock, so the same settings always cut the run at the same steps (a step budget
 * stops it at the same place on any machine).
 *
 * A finished training is remembered per dataset object (one entry, keyed by the training
 * settings and seed): changing only the distillation (SINDy's threshold, rational or symbolic,
 * the search's operators) re-reads the same network instead of training it again — the
 * method's "hot" settings. The page's worker keeps its dataset object while the data settings
 * do not change; a new dataset (CLI, tests) never meets an old entry.
 */
import { mlpParamCount } from '../../neural/mlp';
import { createTrainer, lossHistory, trainedField, trainStep, type NeuralTrainer } from '../../neural/train';
import type { FittedField } from '../../neural/vectorField';
import { simulateRhs } from '../../model/simulate';
import type { Dataset, Result, Rhs } from '../../types';
import { ok } from '../../types';
import type { LivePayload } from '../types';
import { trainerOptions, type NeuralMethodSettings } from './settings';

/** Work units (segment intervals × RK4 sub-steps × parameters) per chunk: ~20 ms on a laptop core. */
const CHUNK_WORK = 1_000_000;
/** A simulation of the current field for the live view every this many training steps. */
export const SIM_EVERY = 50;

export type Trained = FittedField & { rhs: Rhs };

export interface TrainingStage {
  /** null when the network came from the memo */
  trainer: NeuralTrainer | null;
  /** the finished network (set at the end, or at once from the memo) */
  result: Trained | null;
  /** loss per step so far (a copy once finished) */
  history: Float64Array;
  total: number;
  /** steps per chunk in the Adam phase and in the polish */
  adamChunk: number;
  polishChunk: number;
  lastSimulated: number;
  ms: number;
  fromMemo: boolean;
  /** 'diverged' advice */
  failure: string | null;
}

interface MemoEntry { key: string; result: Trained; history: Float64Array; ms: number }
const memo = new WeakMap<Dataset, MemoEntry>();

const memoKey = (s: NeuralMethodSettings) => JSON.stringify([trainerOptions(s), s.seed]);

export function startTraining(ds: Dataset, s: NeuralMethodSettings): Result<TrainingStage> {
  const hit = memo.get(ds);
  if (hit && hit.key === memoKey(s)) {
    return ok({
      trainer: null, result: hit.result, history: hit.history, total: hit.history.length, adamChunk: 1, polishChunk: 1,
      lastSimulated: hit.history.length, ms: hit.ms, fromMemo: true, failure: null,
    });
  }
  const tr = createTrainer(ds, trainerOptions(s), s.seed);
  if (!tr.ok) return tr;
  const o = tr.value.options;
  const params = mlpParamCount(ds.stateNames.length, o);
  const samples = ds.trajectories.reduce((a, t) => a + t.t.length, 0);
  const adamWork = o.batchSize * Math.max(1, o.segmentEnd - 1) * o.stepsPerSpacing * params;
  const polishWork = 2 * samples * o.stepsPerSpacing * params;
  return ok({
    trainer: tr.value, result: null, history: new Float64Array(0), total: o.steps + o.polishSteps,
    adamChunk: Math.max(1, Math.floor(CHUNK_WORK / adamWork)), polishChunk: Math.max(1, Math.floor(CHUNK_WORK / polishWork)),
    lastSimulated: 0, ms: 0, fromMemo: false, failure: null,
  });
}

/** One chunk of training; done when the trainer is (or diverged). */
export function stepTraining(st: TrainingStage, ds: Dataset, s: NeuralMethodSettings): { done: boolean; fraction: number; label: string; live: LivePayload } {
  const tr = st.trainer;
  if (!tr || st.result) return { done: true, fraction: 1, label: 'network trained', live: lossPayload(st, ds, true) };
  const t0 = performance.now();
  const o = tr.options;
  const chunk = tr.step < o.steps ? Math.min(st.adamChunk, o.steps - tr.step) : st.polishChunk;
  const p = trainStep(tr, chunk);
  st.ms += performance.now() - t0;
  st.history = lossHistory(tr);
  if (p.status === 'diverged') st.failure = p.message;
  if (p.done && p.status === 'done') {
    st.result = trainedField(tr);
    st.history = st.history.slice();
    memo.set(ds, { key: memoKey(s), result: st.result, history: st.history, ms: st.ms });
  }
  const label = p.phase === 'adam' ? `training step ${p.step} of ${o.steps}` : `polishing ${p.step - o.steps} of ${o.polishSteps}`;
  return { done: p.done, fraction: p.fraction, label, live: lossPayload(st, ds, p.done) };
}

/** The field as it is now (the finished one, or the trainer's current θ). */
export function currentField(st: TrainingStage): Trained | null {
  return st.result ?? (st.trainer ? trainedField(st.trainer) : null);
}

/** Steps taken so far. */
export function stepsTaken(st: TrainingStage): number {
  return st.trainer ? st.trainer.step : st.total;
}

/** The loss curve; with the current field's trajectories every SIM_EVERY steps and at the end. */
function lossPayload(st: TrainingStage, ds: Dataset, last: boolean): LivePayload {
  const n = st.history.length;
  const steps = Float64Array.from({ length: n }, (_, k) => k + 1);
  const live: LivePayload = { kind: 'loss', stage: 'training', steps, loss: st.history.slice() };
  if (last || n - st.lastSimulated >= SIM_EVERY) {
    st.lastSimulated = n;
    const f = currentField(st);
    if (f) live.simulation = simulation(f.rhs, ds, st.trainer?.scales.medianSpacing);
  }
  return live;
}

/** A right-hand side simulated from each trajectory's first state at its own times (RK4; NaN after a blow-up). */
export function simulation(rhs: Rhs, ds: Dataset, spacing?: number): { t: Float64Array; y: Float64Array }[] {
  const sims = simulateRhs(rhs, ds, { method: 'rk4', ...(spacing ? { h: spacing } : {}), maxSteps: 1_000_000, blowUp: 1e6 });
  return ds.trajectories.map((tr, k) => ({ t: tr.t, y: sims[k]!.y }));
}
