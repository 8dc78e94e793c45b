/**
 * The multiple-shooting loss (Bock & Plitt 1984; for neural ODEs e.g. Turan & Jäschke 2022):
 * the trajectories are cut into segments that each start AT AN OBSERVED STATE, the model is
 * integrated across each segment (RK4, `rk4Adjoint.ts`) and compared with the observations
 * there. Errors cannot compound over more than one segment, so long or chaotic records do not
 * make the loss explode, and the segments can be drawn at random as minibatches.
 *
 *   L(θ) = (1 / N) Σ_segments Σ_{i=1}^{len−1} Σ_j w_j (ŷ_ij(θ) − y_ij)²,    w_j = 1 / std_j²
 *
 * (N: number of terms; the error in the data's standardised scale). A segment whose solve
 * blows up is left out of L and counted in `failed`: the caller decides (skip the step, or
 * report that the model diverges).
 *
 * A segment is a triple (trajectory, start sample, length in samples) in an Int32Array.
 */
import type { Dataset } from '../types';
import { Rk4Segment } from './rk4Adjoint';
import type { ParamVectorField } from './vectorField';

export interface ShootingValue {
  /** L(θ) over the segments that solved; NaN if none did */
  loss: number;
  /** segments whose solve blew up (left out of loss and gradient) */
  failed: number;
  /** first failed segment (index into the list), −1 if none */
  firstFailed: number;
}

export class ShootingLoss {
  private readonly seg: Rk4Segment;
  private pred = new Float64Array(0);
  private gPred = new Float64Array(0);
  private readonly gY0: Float64Array;

  /**
   * weights: w_j per state (nStates); hMax: the largest RK4 sub-step. ds must have the field's
   * number of states; its arrays are read, never copied or modified.
   */
  constructor(readonly field: ParamVectorField, readonly ds: Dataset, readonly weights: Float64Array, readonly hMax: number) {
    this.seg = new Rk4Segment(field);
    this.gY0 = new Float64Array(field.nStates);
  }

  /**
   * L(θ) over segs[0 … 3·nSeg − 1]; with grad (nParams), also ∂L/∂θ written into it
   * (overwritten, not accumulated).
   *
   * With `starts` (nSeg × nStates), segment s starts from starts[s] instead of its observed
   * state, which then counts in L like every other observation (a fitted initial state, for a
   * fit whose observed starts are noisy), and ∂L/∂starts is written into gStarts.
   */
  evaluate(
    theta: Float64Array, segs: Int32Array, nSeg: number, grad: Float64Array | null,
    starts: Float64Array | null = null, gStarts: Float64Array | null = null,
  ): ShootingValue {
    const m = this.field.nStates;
    const w = this.weights;
    if (grad) grad.fill(0);
    if (gStarts) gStarts.fill(0);
    const first = starts ? 0 : 1;
    let sum = 0, count = 0, failed = 0, firstFailed = -1;
    for (let s = 0; s < nSeg; s++) {
      const tr = this.ds.trajectories[segs[3 * s]!]!;
      const start = segs[3 * s + 1]!, len = segs[3 * s + 2]!;
      this.reserve(len * m);
      const { pred, gPred } = this;
      const y0 = starts ? starts.subarray(s * m, s * m + m) : null;
      if (!this.seg.forward(theta, tr.y, tr.t, start, len, this.hMax, pred, 1e8, y0)) {
        failed++;
        if (firstFailed < 0) firstFailed = s;
        continue;
      }
      gPred.fill(0, 0, m);
      for (let i = first; i < len; i++) {
        const row = (start + i) * m;
        for (let j = 0; j < m; j++) {
          const r = pred[i * m + j]! - tr.y[row + j]!;
          sum += w[j]! * r * r;
          gPred[i * m + j] = 2 * w[j]! * r;
        }
      }
      count += (len - first) * m;
      if (grad) {
        this.gY0.fill(0);
        this.seg.backward(theta, gPred, this.gY0, grad);
        if (gStarts) for (let j = 0; j < m; j++) gStarts[s * m + j] = this.gY0[j]!;
      }
    }
    if (count > 0) {
      if (grad) for (let q = 0; q < grad.length; q++) grad[q] = grad[q]! / count;
      if (gStarts) for (let q = 0; q < gStarts.length; q++) gStarts[q] = gStarts[q]! / count;
    }
    return { loss: count > 0 ? sum / count : NaN, failed, firstFailed };
  }

  private reserve(size: number): void {
    if (this.pred.length < size) {
      this.pred = new Float64Array(size);
      this.gPred = new Float64Array(size);
    }
  }
}

/** Weights 1 / std_j² (the loss in the data's standardised scale). */
export function standardisedWeights(std: Float64Array): Float64Array {
  return Float64Array.from(std, (s) => 1 / (s * s));
}

/** Consecutive segments of len samples (sharing end points) covering every trajectory: triples (k, start, length). */
export function consecutiveSegments(ds: Dataset, len: number): Int32Array {
  const out: number[] = [];
  ds.trajectories.forEach((tr, k) => {
    const n = tr.t.length;
    if (n < 2) return;
    const L = len === 0 ? n : Math.min(len, n);
    for (let start = 0; start < n - 1; start += L - 1) out.push(k, start, Math.min(L, n - start));
  });
  return Int32Array.from(out);
}
