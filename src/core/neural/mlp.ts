/**
 * The neural vector field of a neural ODE (Chen et al., NeurIPS 2018; Kidger, "On Neural
 * Differential Equations", 2021, §2): a multilayer perceptron f(y; θ) with inputs and outputs
 * scaled to the data, as a ParamVectorField with a hand-written reverse mode.
 *
 *   z₀ = (y − μ) / σ                                  input standardised by the data
 *   a_l = φ(W_l a_{l−1} + b_l),  l = 1 … depth        hidden layers of `width`, a₀ = z₀
 *   o = W_out a_depth + b_out,  o ← tanh(o) if finalTanh
 *   f_j = r_j · s_j · o_j                             r: the data's rate (fixed), s: learned
 *
 * The learned output scale s (initialised to 1) is diffrax's neural-ODE example's
 * `out_scale · tanh(mlp(y))`; measuring s in units of the data's rate r keeps every parameter
 * O(1), so one Adam learning rate suits them all.
 *
 * θ layout (one Float64Array): per dense layer W (nOut × nIn, row-major) then b (nOut), the
 * layers in order, then s (nStates). Initialisation: W and b uniform on ±1/√nIn (the default
 * of PyTorch and Equinox), seeded.
 *
 * Reverse mode (`vjp`): a forward pass that keeps every activation in scratch, then the chain
 * rule layer by layer: for a dense layer with output gradient g, gW += g a_inᵀ, gb += g,
 * g_in = Wᵀ g; through φ: g ← g ⊙ φ′(pre) (tanh′ = 1 − a², softplus′ = logistic(pre)).
 * Allocation-free per call; the weights are walked row by row.
 */
import { createRng } from '../data/rng';
import type { DataScales } from './scaling';
import type { ParamVectorField } from './vectorField';

export type Activation = 'tanh' | 'softplus';

export interface MlpOptions {
  /** neurons per hidden layer */
  width: number;
  /** hidden layers (≥ 1) */
  depth: number;
  activation: Activation;
  /** squash the output with tanh before the learned scale (diffrax's example does) */
  finalTanh: boolean;
}

export interface Mlp extends ParamVectorField {
  readonly options: Readonly<MlpOptions>;
  /** layer sizes: [nStates, width × depth, nStates] */
  readonly sizes: readonly number[];
  /** offset in θ of the learned output scale s (nStates entries) */
  readonly scaleOffset: number;
  /** a fresh θ, seeded */
  init(seed: number): Float64Array;
}

/** Number of parameters of an MLP with these sizes (weights, biases, output scale). */
export function mlpParamCount(nStates: number, o: Pick<MlpOptions, 'width' | 'depth'>): number {
  const sizes = layerSizes(nStates, o);
  let n = 0;
  for (let l = 1; l < sizes.length; l++) n += sizes[l]! * (sizes[l - 1]! + 1);
  return n + nStates;
}

function layerSizes(nStates: number, o: Pick<MlpOptions, 'width' | 'depth'>): number[] {
  return [nStates, ...Array.from({ length: o.depth }, () => o.width), nStates];
}

/** softplus(x) = ln(1 + eˣ), computed without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * An MLP field for data with these scales (mean, std, rate: nStates each; copied). The
 * options are assumed valid (see validateNeuralOptions).
 */
export function createMlp(scales: Pick<DataScales, 'mean' | 'std' | 'rate'>, options: MlpOptions): Mlp {
  const m = scales.mean.length;
  const sizes = layerSizes(m, options);
  const nLayers = sizes.length - 1;
  const mean = Float64Array.from(scales.mean);
  const invStd = Float64Array.from(scales.std, (s) => 1 / s);
  const rate = Float64Array.from(scales.rate);
  const wOff = new Int32Array(nLayers);
  const bOff = new Int32Array(nLayers);
  let off = 0;
  for (let l = 0; l < nLayers; l++) {
    wOff[l] = off; off += sizes[l + 1]! * sizes[l]!;
    bOff[l] = off; off += sizes[l + 1]!;
  }
  const scaleOffset = off;
  const nParams = off + m;
  // acts[l]: the input of layer l (acts[0] = z₀) and, for l = nLayers, the output o.
  const acts = sizes.map((s) => new Float64Array(s));
  // pre[l]: pre-activation of hidden layer l + 1 (softplus′ needs it)
  const pre = sizes.map((s) => new Float64Array(s));
  const gA = sizes.map((s) => new Float64Array(s));
  const tanhAct = options.activation === 'tanh';
  const finalTanh = options.finalTanh;

  /** Forward pass into acts (acts[nLayers] = o, after the final tanh if any). */
  function forward(y: Float64Array, theta: Float64Array): void {
    const a0 = acts[0]!;
    for (let j = 0; j < m; j++) a0[j] = (y[j]! - mean[j]!) * invStd[j]!;
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l]!, nOut = sizes[l + 1]!;
      const aIn = acts[l]!, aOut = acts[l + 1]!, p = pre[l + 1]!;
      const hidden = l < nLayers - 1;
      let w = wOff[l]!;
      const b = bOff[l]!;
      for (let i = 0; i < nOut; i++) {
        let s = theta[b + i]!;
        for (let k = 0; k < nIn; k++) s += theta[w + k]! * aIn[k]!;
        w += nIn;
        p[i] = s;
        aOut[i] = hidden ? (tanhAct ? Math.tanh(s) : softplus(s)) : (finalTanh ? Math.tanh(s) : s);
      }
    }
  }

  const mlp: Mlp = {
    nStates: m,
    nParams,
    options: Object.freeze({ ...options }),
    sizes,
    scaleOffset,
    init(seed) {
      const rng = createRng(seed);
      const theta = new Float64Array(nParams);
      for (let l = 0; l < nLayers; l++) {
        const bound = 1 / Math.sqrt(sizes[l]!);
        const end = bOff[l]! + sizes[l + 1]!;
        for (let q = wOff[l]!; q < end; q++) theta[q] = bound * (2 * rng() - 1);
      }
      theta.fill(1, scaleOffset);
      return theta;
    },
    eval(y, theta, out) {
      forward(y, theta);
      const o = acts[nLayers]!;
      for (let j = 0; j < m; j++) out[j] = rate[j]! * theta[scaleOffset + j]! * o[j]!;
    },
    vjp(y, theta, gOut, gY, gTheta) {
      forward(y, theta);
      const o = acts[nLayers]!;
      // g at the last pre-activation
      let g = gA[nLayers]!;
      for (let j = 0; j < m; j++) {
        const gr = gOut[j]! * rate[j]!;
        gTheta[scaleOffset + j]! += gr * o[j]!;
        const go = gr * theta[scaleOffset + j]!;
        g[j] = finalTanh ? go * (1 - o[j]! * o[j]!) : go;
      }
      for (let l = nLayers - 1; l >= 0; l--) {
        const nIn = sizes[l]!, nOut = sizes[l + 1]!;
        const aIn = acts[l]!, gIn = gA[l]!;
        gIn.fill(0);
        let w = wOff[l]!;
        const b = bOff[l]!;
        for (let i = 0; i < nOut; i++) {
          const gi = g[i]!;
          gTheta[b + i]! += gi;
          if (gi !== 0) {
            for (let k = 0; k < nIn; k++) {
              gTheta[w + k]! += gi * aIn[k]!;
              gIn[k]! += theta[w + k]! * gi;
            }
          }
          w += nIn;
        }
        if (l > 0) {
          // through the activation of hidden layer l: gIn ← gIn ⊙ φ′
          if (tanhAct) {
            for (let k = 0; k < nIn; k++) gIn[k] = gIn[k]! * (1 - aIn[k]! * aIn[k]!);
          } else {
            const p = pre[l]!;
            for (let k = 0; k < nIn; k++) gIn[k] = gIn[k]! / (1 + Math.exp(-p[k]!));
          }
        }
        g = gIn;
      }
      for (let j = 0; j < m; j++) gY[j]! += g[j]! * invStd[j]!;
    },
  };
  return mlp;
}
