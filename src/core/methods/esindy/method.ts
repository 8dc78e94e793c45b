/**
 * Ensemble SINDy, E-SINDy (Fasel, Kutz, Brunton & Brunton, Proc. R. Soc. A 2022): the same
 * optimizer on N bootstrap resamples of the regression rows — of the strong form (ẏ) or of the
 * weak form (test functions) — reporting inclusion probabilities and the bagged model.
 * Steps: a few models per step (each ≈ 0.4 ms on Lorenz), the count streamed.
 */
import { ensembleAdvance, ensembleAsResult, ensembleEnd, ensembleStart, type EnsembleRun } from '../../ensemble/ensemble';
import { ensembleDefaults, validateEnsemble, type EnsembleSettings } from '../../ensemble/settings';
import type { RegressionLayer } from '../../pipeline/layers';
import { err, ok, type Result } from '../../types';
import type { WeakInfo } from '../../weak/layer';
import { validateWeak, weakDefaults, type WeakSettings } from '../../weak/settings';
import { readSettings } from '../settings';
import { sparseOutcome } from '../sparseDetails';
import type { FittingMethod, MethodInput, MethodOutcome } from '../types';

export interface EsindySettings {
  models: number;
  inclusionThreshold: number;
  libraryBagging: boolean;
  sampleFraction: number;
  seed: number;
  /** whose rows are bagged: the strong form's samples or the weak form's test functions */
  form: 'strong' | 'weak';
  weak: WeakSettings;
}

export const esindyDefaults: Readonly<EsindySettings> = Object.freeze({
  models: 20, inclusionThreshold: ensembleDefaults.inclusionThreshold, libraryBagging: false, sampleFraction: 1, seed: 0,
  form: 'strong', weak: weakDefaults,
});

/** Models fitted per step: small enough that a step stays within a few ms. */
const MODELS_PER_STEP = 4;

interface EsindyState { input: MethodInput; s: EsindySettings; e: EnsembleSettings; run: EnsembleRun; reg: RegressionLayer; problemKey: string }

export const esindyMethod: FittingMethod<EsindySettings, EsindyState> = {
  id: 'esindy',
  label: 'Ensemble SINDy',
  description: 'SINDy on bootstrap resamples of the data: inclusion probabilities per term and coefficient intervals (Fasel et al. 2022).',
  defaults: esindyDefaults,
  validate(given) {
    const r = readSettings<EsindySettings>(esindyDefaults, given, 'ensemble setting');
    if (!r.ok) return r;
    if (r.value.form !== 'strong' && r.value.form !== 'weak') return err(`The ensemble's form '${String(r.value.form).slice(0, 20)}' must be strong or weak.`);
    const e = validateEnsemble(ensembleOf(r.value));
    if (!e.ok) return e;
    if (r.value.form === 'weak') { const w = validateWeak(r.value.weak); if (!w.ok) return w; }
    return r;
  },
  needs: (s) => (s.form === 'weak' ? ['theta', 'weak'] : ['derivatives', 'theta', 'regression']),
  init(input, s) {
    const weak = s.form === 'weak' ? s.weak : undefined;
    const reg = weak ? input.layers.weakRegression(weak) : input.layers.regression();
    if (!reg.ok) return reg;
    const e = ensembleOf(s);
    const run = ensembleStart(reg.value, input.spec.normalize, input.spec.optimizer, e, input.data.stateNames);
    return ok({ input, s, e, run, reg: reg.value, problemKey: input.layers.regressionKey(weak) });
  },
  step(st) {
    const done = ensembleAdvance(st.run, MODELS_PER_STEP);
    const total = st.e.models;
    return { done: done >= total, fraction: done / total, label: `model ${done} of ${total}`, live: { kind: 'models', done, total } };
  },
  finish(st): Result<MethodOutcome> {
    const result = ensembleEnd(st.run);
    const problem = st.input.layers.problem(st.reg, st.problemKey);
    const res = ensembleAsResult(result);
    const weakInfo = 'weak' in st.reg ? (st.reg as { weak: WeakInfo }).weak : null;
    const out = sparseOutcome(st.reg, problem, st.problemKey, st.input.data.stateNames, res,
      { ensemble: { settings: st.e, result }, weak: weakInfo, warnings: weakInfo?.warnings ?? [] });
    return ok(result.status === 'stopped' ? { ...out, status: 'stopped', message: result.message } : out);
  },
};

function ensembleOf(s: EsindySettings): EnsembleSettings {
  return { models: s.models, sampleFraction: s.sampleFraction, libraryBagging: s.libraryBagging, inclusionThreshold: s.inclusionThreshold, seed: s.seed };
}
