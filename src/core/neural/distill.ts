/**
 * Distillation (Kidger 2021's route (a) from a neural ODE to equations): read the trained field
 * off at points of the region the data visit, and hand the pairs (y, f_θ(y)) to SINDy as if they
 * were states and exact derivatives. The neural ODE has already done the hard part — it was
 * fitted to the trajectories through the solver, so noise in the samples is averaged over
 * whole segments instead of amplified by finite differences.
 *
 * Points: every observed state, each repeated `copies` times with Gaussian jitter of
 * `jitter` × std_j on state j (seeded; copy 0 is the observed state itself). A small jitter
 * fills the neighbourhood of the orbits without reaching into places the field was never
 * fitted on.
 *
 * The pairs come as a RegressionLayer (`pairsRegressionLayer`), so every optimizer of the
 * playground (STLSQ, SR3, LASSO, MSTLS, the ensemble) runs on them unchanged.
 */
import { createRng, gaussian } from '../data/rng';
import { stateStd } from '../data/noise';
import type { LibrarySettings } from '../library/library';
import { regressionLayer, thetaLayer, type RegressionLayer } from '../pipeline/layers';
import { err, ok, type Dataset, type Result } from '../types';
import type { FittedField } from './vectorField';

export interface DistillOptions {
  /** points per observed state (≥ 1; the first is the state itself) */
  copies: number;
  /** jitter standard deviation as a fraction of each state's standard deviation */
  jitter: number;
  seed: number;
}

export const distillDefaults: Readonly<DistillOptions> = Object.freeze({ copies: 4, jitter: 0.02, seed: 0 });

export interface DistillPairs {
  stateNames: string[];
  /** n points */
  n: number;
  /** Y: n × m, row-major: the points */
  Y: Float64Array;
  /** F: n × m, row-major: f_θ at the points */
  F: Float64Array;
}

/** Pairs (Y, F = f_θ(Y)) over the region ds visits. */
export function distillPairs(model: FittedField, ds: Dataset, options: Partial<DistillOptions> = {}): Result<DistillPairs> {
  const o = { ...distillDefaults, ...options };
  if (!Number.isInteger(o.copies) || o.copies < 1 || o.copies > 1000) {
    return err(`The number of copies per sample must be a whole number from 1 to 1000 (got ${o.copies}).`);
  }
  if (!(o.jitter >= 0 && o.jitter <= 1)) return err(`The jitter must be a fraction from 0 to 1 of each state's spread (got ${o.jitter}).`);
  if (!Number.isFinite(o.seed)) return err(`The seed must be a finite number (got ${o.seed}).`);
  const m = ds.stateNames.length;
  if (m !== model.field.nStates) return err(`The model has ${model.field.nStates} states but the data has ${m}. Use the data the model was trained on.`);
  const std = stateStd(ds);
  const rng = createRng(o.seed);
  let n = 0;
  for (const tr of ds.trajectories) n += tr.t.length * o.copies;
  const Y = new Float64Array(n * m);
  const F = new Float64Array(n * m);
  const y = new Float64Array(m), f = new Float64Array(m);
  let row = 0;
  for (const tr of ds.trajectories) {
    for (let i = 0; i < tr.t.length; i++) {
      for (let c = 0; c < o.copies; c++, row++) {
        for (let j = 0; j < m; j++) y[j] = tr.y[i * m + j]! + (c === 0 ? 0 : o.jitter * std[j]! * gaussian(rng));
        model.field.eval(y, model.theta, f);
        for (let j = 0; j < m; j++) {
          if (!Number.isFinite(f[j]!)) return err(`The trained field is not finite at sample ${i + 1}. Train again (lower the learning rate).`);
          Y[row * m + j] = y[j]!;
          F[row * m + j] = f[j]!;
        }
      }
    }
  }
  return ok({ stateNames: [...ds.stateNames], n, Y, F });
}

/**
 * SINDy's regression layer on the pairs: Θ(Y) for the library, F as the derivatives. The
 * optimizers (`optimize/`, `problemOf`) run on it as on any strong-form layer.
 */
export function pairsRegressionLayer(p: DistillPairs, library: LibrarySettings): Result<RegressionLayer> {
  const asData: Dataset = { stateNames: p.stateNames, trajectories: [{ t: new Float64Array(p.n), y: p.Y }] };
  const th = thetaLayer(asData, library);
  if (!th.ok) return th;
  return ok(regressionLayer(th.value, { dydt: [p.F] }, p.stateNames.length));
}
