/**
 * SINDy (Brunton, Proctor & Kutz, PNAS 2016) in the strong form: estimate ẏ pointwise, build
 * Θ(y), solve Ẏ ≈ Θ Ξᵀ with the sparse optimizer. Layers: derivatives, Θ, regression.
 * Steps: one per STLSQ thresholding pass (each iterate streamed for the animation); the other
 * optimizers in one step.
 */
import { ok, type Result } from '../../types';
import { readSettings } from '../settings';
import { sparseOutcome, sparseResult, sparseStart, sparseStep, type SparseRun } from '../sparseDetails';
import type { FittingMethod, MethodOutcome } from '../types';
import type { RegressionLayer } from '../../pipeline/layers';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type SindySettings = {};
interface SindyState { run: SparseRun; reg: RegressionLayer; problemKey: string; stateNames: string[] }

export const sindyMethod: FittingMethod<SindySettings, SindyState> = {
  id: 'sindy',
  label: 'SINDy',
  description: 'Sparse regression of estimated derivatives on a library of candidate terms (Brunton, Proctor & Kutz 2016).',
  defaults: Object.freeze({}),
  validate: (given) => readSettings<SindySettings>({}, given, 'SINDy setting'),
  needs: () => ['derivatives', 'theta', 'regression'],
  init(input) {
    const reg = input.layers.regression();
    if (!reg.ok) return reg;
    const problemKey = input.layers.regressionKey();
    const problem = input.layers.problem(reg.value, problemKey);
    return ok({ run: sparseStart(problem, input.spec.optimizer, input.data.stateNames), reg: reg.value, problemKey, stateNames: input.data.stateNames });
  },
  step: (st) => sparseStep(st.run),
  finish(st): Result<MethodOutcome> {
    return ok(sparseOutcome(st.reg, st.run.problem, st.problemKey, st.stateNames, sparseResult(st.run)));
  },
};
