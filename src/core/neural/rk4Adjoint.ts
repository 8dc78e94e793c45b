/**
 * RK4 through a segment of observation times, and its exact reverse mode (the discrete
 * adjoint: the gradient of the computation actually done, not of the ODE it approximates —
 * "discretise-then-optimise", Kidger 2021 §5.1; Gholami, Keutzer & Biros 2019).
 *
 * Forward: from y(t₀) = y0, each interval [t_i, t_{i+1}] (irregular widths allowed) is split
 * into the fewest equal sub-steps h ≤ hMax (as `integrate/rk4.ts`), each a classic RK4 step
 *   u1 = y,           k1 = f(u1)
 *   u2 = y + h/2 k1,  k2 = f(u2)
 *   u3 = y + h/2 k2,  k3 = f(u3)
 *   u4 = y + h k3,    k4 = f(u4)
 *   y' = y + h/6 (k1 + 2 k2 + 2 k3 + k4).
 * The stage inputs u1…u4 of every sub-step are stored (4·nStates numbers per sub-step).
 *
 * Backward, per sub-step from the last, with ȳ' the gradient of the loss w.r.t. y':
 *   ȳ = ȳ',  k̄1 = k̄4 = h/6 ȳ',  k̄2 = k̄3 = h/3 ȳ'
 *   stage 4: (ū, θ̄) += vjp(u4, k̄4);  ȳ += ū;  k̄3 += h ū
 *   stage 3: (ū, θ̄) += vjp(u3, k̄3);  ȳ += ū;  k̄2 += h/2 ū
 *   stage 2: (ū, θ̄) += vjp(u2, k̄2);  ȳ += ū;  k̄1 += h/2 ū
 *   stage 1: (ū, θ̄) += vjp(u1, k̄1);  ȳ += ū
 * and at each observation time the loss's gradient w.r.t. that prediction is added to ȳ.
 * Cost: a field with a tape (the MLP) records its activations at every stage of the forward
 * solve and runs only its reverse pass in the backward one (a gradient ≈ three forward
 * solves); a field without one recomputes its forward pass inside vjp. Memory is linear in the
 * number of sub-steps (4 · (nStates + tapeSize) numbers each).
 *
 * `Rk4Segment` owns its buffers; they grow to the longest segment seen and are then reused
 * (no allocation per call). One instance per field (the field's scratch is not re-entrant).
 */
import type { ParamVectorField } from './vectorField';

/** Relative slack so an interval of exactly k·hMax (up to rounding) takes k steps, not k + 1. */
const SLACK = 1e-9;

export class Rk4Segment {
  readonly m: number;
  /** stage inputs u1…u4 of every sub-step: nSub × 4 × m */
  private stages = new Float64Array(0);
  /** the field's tape of every stage: nSub × 4 × tapeSize (empty for a field without tape) */
  private tapes = new Float64Array(0);
  private readonly tapeSize: number;
  /** step size of every sub-step */
  private steps = new Float64Array(0);
  /** first sub-step of interval i (nObs entries; the last is nSub) */
  private firstSub = new Int32Array(0);
  private nObs = 0;
  private readonly y: Float64Array;
  /** the stage being evaluated (forward) or differentiated (backward) */
  private readonly u: Float64Array;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly yBar: Float64Array;
  /** k̄1…k̄4 */
  private readonly kBar: { k1: Float64Array; k2: Float64Array; k3: Float64Array; k4: Float64Array };
  private readonly uBar: Float64Array;

  constructor(readonly field: ParamVectorField) {
    const m = field.nStates;
    this.m = m;
    this.tapeSize = field.evalTape && field.vjpTape && field.tapeSize ? field.tapeSize : 0;
    const mk = () => new Float64Array(m);
    this.y = mk(); this.u = mk();
    this.k1 = mk(); this.k2 = mk(); this.k3 = mk(); this.k4 = mk();
    this.yBar = mk(); this.uBar = mk();
    this.kBar = { k1: mk(), k2: mk(), k3: mk(), k4: mk() };
  }

  /** out ← f(y) at stage number q (0-based over the segment), recording its tape if any. */
  private evalStage(theta: Float64Array, y: Float64Array, out: Float64Array, q: number): void {
    if (this.tapeSize > 0) this.field.evalTape!(y, theta, out, this.tapes, q * this.tapeSize);
    else this.field.eval(y, theta, out);
  }

  /** The vjp at stage number q, whose input is stored at stages[base …]. */
  private vjpStage(theta: Float64Array, base: number, q: number, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void {
    if (this.tapeSize > 0) {
      this.field.vjpTape!(this.tapes, q * this.tapeSize, theta, gOut, gY, gTheta);
      return;
    }
    const { m, u, stages } = this;
    for (let j = 0; j < m; j++) u[j] = stages[base + j]!;
    this.field.vjp(u, theta, gOut, gY, gTheta);
  }

  /**
   * Integrate from the state at sample `start` of a trajectory (ys: nSamples × m row-major, ts:
   * nSamples, strictly increasing) through the times ts[start … start + nObs − 1], writing the
   * state at each time into pred (nObs × m, row-major; row 0 = the start state). Only the start
   * state is read from ys — or, when y0 is given, the segment starts from y0 instead (a fitted
   * initial state). Returns false (and stops) as soon as a state is not finite or exceeds
   * blowUp in absolute value: the caller skips the segment.
   */
  forward(
    theta: Float64Array, ys: ArrayLike<number>, ts: ArrayLike<number>, start: number, nObs: number,
    hMax: number, pred: Float64Array, blowUp = 1e8, y0: ArrayLike<number> | null = null,
  ): boolean {
    const { m, y } = this;
    let nSub = 0;
    for (let i = start; i + 1 < start + nObs; i++) nSub += subSteps(ts[i + 1]! - ts[i]!, hMax);
    this.reserve(nSub, nObs);
    const { stages, steps, firstSub } = this;
    this.nObs = nObs;
    for (let j = 0; j < m; j++) { y[j] = y0 ? y0[j]! : ys[start * m + j]!; pred[j] = y[j]!; }
    const { k1, k2, k3, k4, u } = this;
    let s = 0;
    for (let i = 0; i + 1 < nObs; i++) {
      firstSub[i] = s;
      const span = ts[start + i + 1]! - ts[start + i]!;
      const n = subSteps(span, hMax);
      const h = span / n;
      for (let q = 0; q < n; q++, s++) {
        steps[s] = h;
        let base = 4 * m * s;
        this.evalStage(theta, y, k1, 4 * s);
        for (let j = 0; j < m; j++) { stages[base++] = y[j]!; u[j] = y[j]! + 0.5 * h * k1[j]!; }
        this.evalStage(theta, u, k2, 4 * s + 1);
        for (let j = 0; j < m; j++) { stages[base++] = u[j]!; u[j] = y[j]! + 0.5 * h * k2[j]!; }
        this.evalStage(theta, u, k3, 4 * s + 2);
        for (let j = 0; j < m; j++) { stages[base++] = u[j]!; u[j] = y[j]! + h * k3[j]!; }
        this.evalStage(theta, u, k4, 4 * s + 3);
        for (let j = 0; j < m; j++) stages[base++] = u[j]!;
        const h6 = h / 6;
        let fine = true;
        for (let j = 0; j < m; j++) {
          const v = y[j]! + h6 * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!);
          y[j] = v;
          if (!(Math.abs(v) <= blowUp)) fine = false;
        }
        if (!fine) return false;
      }
      for (let j = 0; j < m; j++) pred[(i + 1) * m + j] = y[j]!;
    }
    firstSub[nObs - 1] = s;
    return true;
  }

  /**
   * Reverse mode of the last successful `forward`: given gPred = ∂L/∂pred (nObs × m), adds
   * ∂L/∂θ to gTheta and ∂L/∂y0 to gY0 (both accumulated). θ must be the forward's θ.
   */
  backward(theta: Float64Array, gPred: Float64Array, gY0: Float64Array, gTheta: Float64Array): void {
    const { m, steps, firstSub, nObs, yBar, uBar } = this;
    const { k1: kb1, k2: kb2, k3: kb3, k4: kb4 } = this.kBar;
    yBar.fill(0);
    for (let i = nObs - 1; i >= 1; i--) {
      for (let j = 0; j < m; j++) yBar[j]! += gPred[i * m + j]!;
      for (let s = firstSub[i]! - 1; s >= firstSub[i - 1]!; s--) {
        const h = steps[s]!;
        const base = 4 * m * s;
        for (let j = 0; j < m; j++) {
          const g = yBar[j]!;
          kb1[j] = kb4[j] = (h / 6) * g;
          kb2[j] = kb3[j] = (h / 3) * g;
        }
        uBar.fill(0);
        this.vjpStage(theta, base + 3 * m, 4 * s + 3, kb4, uBar, gTheta);
        for (let j = 0; j < m; j++) { yBar[j]! += uBar[j]!; kb3[j]! += h * uBar[j]!; }
        uBar.fill(0);
        this.vjpStage(theta, base + 2 * m, 4 * s + 2, kb3, uBar, gTheta);
        for (let j = 0; j < m; j++) { yBar[j]! += uBar[j]!; kb2[j]! += 0.5 * h * uBar[j]!; }
        uBar.fill(0);
        this.vjpStage(theta, base + m, 4 * s + 1, kb2, uBar, gTheta);
        for (let j = 0; j < m; j++) { yBar[j]! += uBar[j]!; kb1[j]! += 0.5 * h * uBar[j]!; }
        this.vjpStage(theta, base, 4 * s, kb1, yBar, gTheta);
      }
    }
    for (let j = 0; j < m; j++) gY0[j]! += yBar[j]! + gPred[j]!;
  }

  /** Grow the buffers (only when a longer segment than any before arrives). */
  private reserve(nSub: number, nObs: number): void {
    const m = this.m;
    if (this.steps.length < nSub) {
      const cap = Math.max(nSub, 2 * this.steps.length);
      this.steps = new Float64Array(cap);
      this.stages = new Float64Array(cap * 4 * m);
      this.tapes = new Float64Array(cap * 4 * this.tapeSize);
    }
    if (this.firstSub.length < nObs) this.firstSub = new Int32Array(Math.max(nObs, 2 * this.firstSub.length));
  }
}

/** Number of equal sub-steps no longer than hMax that cover span (at least one). */
export function subSteps(span: number, hMax: number): number {
  return Math.max(1, Math.ceil(span / hMax - SLACK));
}
