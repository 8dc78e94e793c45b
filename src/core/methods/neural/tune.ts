/**
 * The neural method's last stage: the distilled equations' constants refitted by integrating
 * them against the trajectories (core/neural/finetune.ts: L-BFGS on the shooting loss, exact
 * gradients by the discrete adjoint of RK4) — Kidger 2021 §6's "fine-tune the constants".
 * The pairs (y, f_θ(y)) carry the network's own error; the trajectories are the data.
 *
 * Models become ParamVectorFields through `expressionField` (formulas: every constant but the
 * fixed ones; library models: their nonzero coefficients, via `libraryExprs`). SINDy's models
 * are then thresholded again with the optimizer's threshold (on the same scale STLSQ used) and
 * refitted until the support stops changing: a sequentially thresholded fit whose least-squares
 * step is the trajectory fit. On Lotka–Volterra from 60 noisy samples the pairs' regression
 * keeps 0.15·x² beside x (the network's error projects onto the correlated column); refitted
 * through the solver it falls to 0.001 and is removed (test/core/methods/neural.test.ts).
 *
 * Segments grow over rounds, each an L-BFGS fit from where the last one ended, with every
 * segment's initial state fitted too (`fitStarts`): from half the training segments, doubling
 * the intervals per segment, to whole trajectories (records of more than WHOLE samples, e.g.
 * chaotic ones, stop at 4 × the training segments). Every start of a round is a start of the
 * round before, so it begins from that round's fitted state, not from the noisy observation (on
 * Lotka–Volterra an observed predator count of −0.001 sends a segment's solution to −∞). Long solutions answer for the long-run behaviour, but fitted from a
 * slightly wrong start their loss has many minima (an orbit's period off by 2 % puts it half a
 * cycle out of phase after 25 periods): on Lotka–Volterra from 60 noisy samples a
 * whole-trajectory fit from the distilled constants ended at 0.12·x + 2.3·y² (loss 0.73),
 * while short segments first, where a small error stays small, led it to the truth
 * (x − 9.97·xy, loss 1e-4). A longer round that still ends far above the shorter one's loss
 * is dropped (the shorter fit stands, with a warning). SINDy's threshold is applied after every
 * round.
 */
import { createFinetuner, finetuneStep, fittedStarts, type Finetuner } from '../../neural/finetune';
import { expressionField } from '../../neural/expressionField';
import { coefficientsFrom, libraryExprs } from '../../model/libraryExprs';
import { err, ok, type Dataset, type Result } from '../../types';
import { expressionModel, libraryModel, modelVectorField } from '../model';
import type { LivePayload } from '../types';
import type { Distilled } from './distill';
import { simulation } from './training';

/** Trajectories up to this many samples are fitted whole in the last round. */
const WHOLE = 200;
/** rounds at the full length after SINDy's re-thresholding removed a term */
const MAX_PRUNES = 10;
/** L-BFGS iterations per round */
const ITERATIONS = 200;
/** a longer round whose loss ends more than this × the shorter one's is dropped (see endRound) */
const REJECT = 10;
const CHUNK_WORK = 1_000_000;
const SIM_EVERY = 20;

export interface TuneStage {
  /** the model as it is now (the best so far: L-BFGS only accepts decreases) */
  current: Distilled;
  ft: Finetuner | null;
  rebuild: ((theta: Float64Array) => Distilled) | null;
  /** SINDy's threshold on the working scale (null: no re-thresholding) */
  threshold: number | null;
  /** segment length of each round (0: whole trajectories); the last one is repeated after a prune */
  schedule: number[];
  /** index into schedule of the current round */
  round: number;
  prunes: number;
  steps: number[];
  losses: number[];
  chunk: number;
  lastSimulated: number;
  ms: number;
  done: boolean;
  /** entries of the current fine-tuner's history already on the curve */
  read: number;
  /** fitted initial states by 'trajectory:sample', from the rounds so far: the next round starts its segments there */
  starts: Map<string, Float64Array>;
  /** the model and final loss of the last round kept */
  kept: { model: Distilled; loss: number } | null;
  /** the previous round ended by a prune (its refit is not judged against it) */
  afterPrune: boolean;
  /** why the rounds ended early (a blow-up from the starts, a longer horizon that fitted worse), for the user */
  note: string | null;
}

/** Segment lengths of the rounds (see the header). */
export function segmentSchedule(longest: number, trainingSegment: number): number[] {
  const whole = longest <= WHOLE;
  const top = whole ? longest : Math.min(longest, 4 * trainingSegment);
  const out: number[] = [];
  // L − 1 intervals doubling: every segment start of a round is one of the round before
  for (let L = Math.max(3, Math.floor(trainingSegment / 2)); L < top; L = 2 * L - 1) out.push(L);
  out.push(whole ? 0 : top);
  return out;
}

export function startTune(base: Distilled, ds: Dataset, trainingSegment: number, threshold: number | null): Result<TuneStage> {
  const longest = Math.max(...ds.trajectories.map((t) => t.t.length));
  const t: TuneStage = {
    current: base, ft: null, rebuild: null, threshold, schedule: segmentSchedule(longest, trainingSegment), round: -1, prunes: 0,
    steps: [], losses: [], chunk: 1, lastSimulated: -SIM_EVERY, ms: 0, done: false, read: 0, kept: null, afterPrune: false, note: null, starts: new Map(),
  };
  const first = startRound(t, ds, t.schedule[0]!);
  if (!first.ok) return first;
  t.round = 0;
  if (t.ft) record(t);
  return ok(t);
}

/** Start the next round; the rounds end (keeping the model so far) when it cannot start. */
function nextRound(t: TuneStage, ds: Dataset): void {
  if (++t.round >= t.schedule.length) { t.done = true; return; }
  const r = startRound(t, ds, t.schedule[t.round]!);
  if (r.ok) { if (t.ft) record(t); return; }
  t.note = `Fine-tuning stopped before ${lengthText(t.schedule[t.round]!)}: ${r.error}`;
  t.done = true;
}

const lengthText = (length: number) => (length === 0 ? 'whole trajectories' : `segments of ${length} samples`);

/** A fine-tuner for the current model (its parameters as θ) on segments of `length` samples. */
function startRound(t: TuneStage, ds: Dataset, length: number): Result<true> {
  const d = t.current;
  const m = d.model.stateNames.length;
  let built: { field: ReturnType<typeof expressionField>; rebuild: (theta: Float64Array) => Distilled };
  if (d.model.kind === 'expressions') {
    const model = d.model;
    const ef = expressionField(model.exprs, m, d.fixed);
    built = { field: ef, rebuild: (theta) => ({ ...d, model: expressionModel(model.stateNames, ef.rebuild(theta), model.latexNames) }) };
  } else {
    const model = d.model;
    const le = libraryExprs(model.library, model.coefficients, model.stateNames);
    if (!le.ok) return err(`The term ${le.term} cannot be differentiated here, so the coefficients were not fine-tuned.`);
    const ef = expressionField(le.value.exprs, m, le.value.frozen);
    built = {
      field: ef,
      rebuild: (theta) => {
        const coefficients = coefficientsFrom(model.coefficients, le.value.positions, theta);
        return { ...d, model: libraryModel(model.stateNames, model.library, coefficients), sparse: d.sparse && { ...d.sparse, result: { ...d.sparse.result, coefficients } } };
      },
    };
  }
  if (built.field.theta.length === 0) { t.ft = null; t.round = t.schedule.length; return ok(true); }
  const ft = createFinetuner({ field: built.field.field, theta: built.field.theta }, ds, { steps: ITERATIONS, segmentLength: length, fitStarts: true },
    (k, i) => t.starts.get(`${k}:${i}`));
  if (!ft.ok) return ft;
  const samples = ds.trajectories.reduce((a, tr) => a + tr.t.length, 0);
  t.ft = ft.value;
  t.rebuild = built.rebuild;
  t.chunk = Math.max(1, Math.floor(CHUNK_WORK / (8 * samples * ft.value.options.stepsPerSpacing * Math.max(1, built.field.field.tapeSize ?? 1))));
  t.read = 0;
  return ok(true);
}

/** One chunk of L-BFGS iterations; at a round's end the next round (after the last: SINDy's re-thresholding, and a refit when it removed a term). */
export function stepTune(t: TuneStage, ds: Dataset): { done: boolean; fraction: number; label: string; live: LivePayload } {
  const t0 = performance.now();
  if (!t.done && t.ft && t.rebuild) {
    const p = finetuneStep(t.ft, t.chunk);
    record(t);
    t.current = t.rebuild(t.ft.theta);
    if (p.done) endRound(t, ds, p.loss);
  } else t.done = true;
  t.ms += performance.now() - t0;
  const n = t.schedule.length;
  const within = t.ft ? Math.min(1, t.ft.step / ITERATIONS) : 1;
  const fraction = t.done ? 1 : Math.min(0.99, (Math.min(t.round, n - 1) + within) / n);
  return { done: t.done, fraction, label: `fine-tuning the constants through the solver on ${lengthText(t.schedule[Math.min(t.round, n - 1)]!)}`, live: payload(t, ds) };
}

/**
 * A round is over. A longer horizon whose fit ends far above the shorter one's (REJECT ×) has
 * slid into another minimum (the model was not yet accurate enough for it): its result is
 * dropped and the rounds end with the shorter one's. Otherwise SINDy's threshold is applied,
 * and a round that removed a term is fitted again at the same length.
 */
function endRound(t: TuneStage, ds: Dataset, loss: number): void {
  if (t.kept && !t.afterPrune && !(loss <= REJECT * t.kept.loss)) {
    t.note = `Fine-tuning kept the fit on ${lengthText(t.schedule[t.round - 1]!)}: on ${lengthText(t.schedule[t.round]!)} the loss ended ${(loss / t.kept.loss).toPrecision(2)} × higher, a sign of another minimum.`;
    t.current = t.kept.model;
    t.done = true;
    return;
  }
  t.kept = { model: t.current, loss };
  for (const st of fittedStarts(t.ft!)) t.starts.set(`${st.trajectory}:${st.sample}`, st.y);
  t.afterPrune = t.threshold !== null && t.prunes < MAX_PRUNES && prune(t);
  if (t.afterPrune) { t.prunes++; t.round--; }
  nextRound(t, ds);
}

/** Append the current fine-tuner's losses not yet on the curve. */
function record(t: TuneStage): void {
  const h = t.ft!.history;
  for (; t.read < h.length; t.read++) { t.steps.push(t.steps.length); t.losses.push(h[t.read]!); }
}

/**
 * SINDy's threshold applied to the fitted coefficients on STLSQ's working scale (|ξ|·scale);
 * true if it removed a term (the model is then the pruned one).
 */
function prune(t: TuneStage): boolean {
  const d = t.current;
  if (d.model.kind !== 'library' || !d.sparse || t.threshold === null) return false;
  const { p, scale } = d.sparse.problem;
  const coefficients = Float64Array.from(d.model.coefficients);
  let removed = false;
  for (let q = 0; q < coefficients.length; q++) {
    const c = coefficients[q]!;
    if (c !== 0 && Math.abs(c * scale[q % p]!) < t.threshold) { coefficients[q] = 0; removed = true; }
  }
  if (!removed) return false;
  t.current = { ...d, model: libraryModel(d.model.stateNames, d.model.library, coefficients), sparse: { ...d.sparse, result: { ...d.sparse.result, coefficients } } };
  return true;
}

/** The fine-tuning loss curve, with the current model's trajectories now and then. */
function payload(t: TuneStage, ds: Dataset): LivePayload {
  const live: LivePayload = { kind: 'loss', stage: 'fine-tuning', steps: Float64Array.from(t.steps), loss: Float64Array.from(t.losses) };
  if (t.done || t.steps.length - t.lastSimulated >= SIM_EVERY) {
    t.lastSimulated = t.steps.length;
    live.simulation = simulation(modelVectorField(t.current.model), ds);
  }
  return live;
}
