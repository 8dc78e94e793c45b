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
 * Reverse mode (`vjp`): a forward pass that keeps every activation, then the chain rule layer
 * by layer: for a dense layer with output gradient g, gW += g a_inᵀ, gb += g, g_in = Wᵀ g;
 * through φ: g ← g ⊙ φ′, from the activation a itself (tanh′ = 1 − a², softplus′ = 1 − e^(−a)).
 * The activations of one evaluation are its tape (`tapeSize` numbers): `evalTape` writes them
 * where the caller says, `vjpTape` runs the reverse pass from them without recomputing the
 * forward pass (the RK4 adjoint uses this). Allocation-free per call; the weights are walked
 * row by row.
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
  readonly tapeSize: number;
  evalTape(y: Float64Array, theta: Float64Array, out: Float64Array, tape: Float64Array, offset: number): void;
  vjpTape(tape: Float64Array, offset: number, theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void;
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
  // Activations of one evaluation, layer after layer in one array (the "tape"): layer l's
  // input at actOff[l] (actOff[0]: z₀), the output o at actOff[nLayers].
  const actOff = new Int32Array(sizes.length);
  let tapeSize = 0;
  for (let l = 0; l < sizes.length; l++) { actOff[l] = tapeSize; tapeSize += sizes[l]!; }
  const scratch = new Float64Array(tapeSize);
  const gA = sizes.map((s) => new Float64Array(s));
  const tanhAct = options.activation === 'tanh';
  const finalTanh = options.finalTanh;

  /** Forward pass into tape[base …] (the output o, after the final tanh if any, last). */
  function forward(y: Float64Array, theta: Float64Array, tape: Float64Array, base: number): void {
    for (let j = 0; j < m; j++) tape[base + j] = (y[j]! - mean[j]!) * invStd[j]!;
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l]!, nOut = sizes[l + 1]!;
      const aIn = base + actOff[l]!, aOut = base + actOff[l + 1]!;
      const hidden = l < nLayers - 1;
      let w = wOff[l]!;
      const b = bOff[l]!;
      for (let i = 0; i < nOut; i++) {
        let s = theta[b + i]!;
        for (let k = 0; k < nIn; k++) s += theta[w + k]! * tape[aIn + k]!;
        w += nIn;
        tape[aOut + i] = hidden ? (tanhAct ? Math.tanh(s) : softplus(s)) : (finalTanh ? Math.tanh(s) : s);
      }
    }
  }

  /** out ← r ⊙ s ⊙ o from a forward pass in tape[base …]. */
  function output(theta: Float64Array, tape: Float64Array, base: number, out: Float64Array): void {
    const o = base + actOff[nLayers]!;
    for (let j = 0; j < m; j++) out[j] = rate[j]! * theta[scaleOffset + j]! * tape[o + j]!;
  }

  /** Reverse pass from the activations in tape[base …]. */
  function backward(tape: Float64Array, base: number, theta: Float64Array, gOut: Float64Array, gY: Float64Array, gTheta: Float64Array): void {
    const o = base + actOff[nLayers]!;
    // g at the last pre-activation
    let g = gA[nLayers]!;
    for (let j = 0; j < m; j++) {
      const oj = tape[o + j]!;
      const gr = gOut[j]! * rate[j]!;
      gTheta[scaleOffset + j]! += gr * oj;
      const go = gr * theta[scaleOffset + j]!;
      g[j] = finalTanh ? go * (1 - oj * oj) : go;
    }
    for (let l = nLayers - 1; l >= 0; l--) {
      const nIn = sizes[l]!, nOut = sizes[l + 1]!;
      const aIn = base + actOff[l]!, gIn = gA[l]!;
      gIn.fill(0);
      let w = wOff[l]!;
      const b = bOff[l]!;
      for (let i = 0; i < nOut; i++) {
        const gi = g[i]!;
        gTheta[b + i]! += gi;
        if (gi !== 0) {
          for (let k = 0; k < nIn; k++) {
            gTheta[w + k]! += gi * tape[aIn + k]!;
            gIn[k]! += theta[w + k]! * gi;
          }
        }
        w += nIn;
      }
      if (l > 0) {
        // through the activation a of hidden layer l: tanh′ = 1 − a², softplus′ = logistic(pre) = 1 − e^(−a)
        if (tanhAct) {
          for (let k = 0; k < nIn; k++) { const a = tape[aIn + k]!; gIn[k] = gIn[k]! * (1 - a * a); }
        } else {
          for (let k = 0; k < nIn; k++) gIn[k] = gIn[k]! * -Math.expm1(-tape[aIn + k]!);
        }
      }
      g = gIn;
    }
    for (let j = 0; j < m; j++) gY[j]! += g[j]! * invStd[j]!;
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
    tapeSize,
    eval(y, theta, out) {
      forward(y, theta, scratch, 0);
      output(theta, scratch, 0, out);
    },
    vjp(y, theta, gOut, gY, gTheta) {
      forward(y, theta, scratch, 0);
      backward(scratch, 0, theta, gOut, gY, gTheta);
    },
    evalTape(y, theta, out, tape, offset) {
      forward(y, theta, tape, offset);
      output(theta, tape, offset, out);
    },
    vjpTape(tape, offset, theta, gOut, gY, gTheta) {
      backward(tape, offset, theta, gOut, gY, gTheta);
    },
  };
  return mlp;
}
