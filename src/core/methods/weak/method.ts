/**
 * Weak SINDy (Messenger & Bortz, J. Comput. Phys. 2021): Θ(y) and y integrated against K test
 * functions replace Θ and ẏ, so no pointwise derivative is estimated. Layers: Θ, weak system.
 * Steps: the optimizer (STLSQ pass by pass), then — with GLS — one reweighting step.
 */
import { ok, type Result } from '../../types';
import { weakGlsRefine } from '../../weak/irls';
import type { WeakRegressionLayer } from '../../weak/layer';
import { validateWeak, weakDefaults, type WeakSettings } from '../../weak/settings';
import { readSettings } from '../settings';
import { sparseOutcome, sparseResult, sparseStart, sparseStep, type SparseRun } from '../sparseDetails';
import type { FittingMethod, MethodInput, MethodOutcome } from '../types';

interface WeakState { input: MethodInput; w: WeakSettings; run: SparseRun; reg: WeakRegressionLayer; problemKey: string; glsDone: boolean; glsWarnings: string[] }

export const weakMethod: FittingMethod<WeakSettings, WeakState> = {
  id: 'weak',
  label: 'Weak SINDy',
  description: 'SINDy on integrals against test functions: no derivatives are estimated, so it tolerates far more noise (Messenger & Bortz 2021).',
  defaults: weakDefaults,
  validate(given) {
    const r = readSettings<WeakSettings>(weakDefaults, given, 'weak-form setting');
    return r.ok ? validateWeak(r.value) : r;
  },
  needs: () => ['theta', 'weak'],
  init(input, w) {
    const reg = input.layers.weakRegression(w);
    if (!reg.ok) return reg;
    const problemKey = input.layers.regressionKey(w);
    const problem = input.layers.problem(reg.value, problemKey);
    return ok({ input, w, run: sparseStart(problem, input.spec.optimizer, input.data.stateNames), reg: reg.value, problemKey, glsDone: !w.gls, glsWarnings: [] });
  },
  step(st) {
    if (!st.run.result) {
      const r = sparseStep(st.run);
      return st.w.gls ? { ...r, done: false, fraction: r.fraction * 0.5 } : r;
    }
    const res = st.run.result;
    if (!st.glsDone && res.status !== 'all_pruned') {
      const g = weakGlsRefine(st.input.data, st.reg, res.coefficients, st.input.spec.optimizer, st.input.spec.normalize);
      st.run.result = { ...res, coefficients: g.coefficients };
      st.glsWarnings = g.warnings;
    }
    st.glsDone = true;
    return { done: true, fraction: 1, label: 'GLS reweighting done' };
  },
  finish(st): Result<MethodOutcome> {
    const res = sparseResult(st.run);
    return ok(sparseOutcome(st.reg, st.run.problem, st.problemKey, st.input.data.stateNames, { ...res, warnings: [...res.warnings, ...st.glsWarnings] },
      { weak: st.reg.weak, warnings: st.reg.weak.warnings }));
  },
};
