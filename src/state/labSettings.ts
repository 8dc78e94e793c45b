/**
 * The noise lab's sweep settings from the playground's: the current system (parameters,
 * initial state, span, step), library, optimizer, derivative settings, weak-form and
 * ensemble settings, with the lab's grid of noise levels × methods × seeds. Seeds start at
 * the playground's seed, so a link reproduces the sweep exactly.
 */
import type { NoiseSweepSettings } from '../core/lab/noiseSweep';
import { ensembleLimits } from '../core/ensemble/settings';
import { err, ok, type Result } from '../core/types';
import { getSystem } from '../core/systems/registry';
import { derivativeSettings, ensembleSettings, librarySettings, optimizerSettings, weakSettings } from './spec';
import type { LabSettings, Settings } from './settings';

/** Models per ensemble fit in the lab when the playground's ensemble is off: the registry's default. */
export const LAB_ENSEMBLE_MODELS = ensembleLimits.models.default;

export function labSweepSettings(s: Settings, lab: LabSettings): Result<NoiseSweepSettings> {
  if (s.source === 'upload') {
    return err('The noise lab needs a built-in system with known equations to score recovery; uploaded data has none. Choose "Built-in system".');
  }
  const sys = getSystem(s.system);
  if (!sys) return err(`Unknown system '${s.system}'. Pick one from the list.`);
  if (!sys.truth(s.params)) return err(`${sys.label} is not a finite sum of library terms, so recovery cannot be scored. Pick another system.`);
  if (lab.levels.length === 0) return err('Enter at least one noise level (in % of each state\'s standard deviation).');
  if (lab.methods.length === 0) return err('Tick at least one method.');
  return ok({
    systemId: sys.id, params: { ...s.params }, x0: [...s.x0], tEnd: s.tEnd, dt: s.dt,
    noiseLevels: lab.levels.map((l) => l / 100),
    methods: [...lab.methods],
    seeds: Array.from({ length: lab.seeds }, (_, k) => s.seed + k),
    library: librarySettings(s), optimizer: optimizerSettings(s), normalize: s.normalize,
    derivatives: { fd: { method: 'fd' }, savgol: derivativeSettings({ ...s, deriv: 'savgol' }), tv: derivativeSettings({ ...s, deriv: 'tv' }) },
    weak: weakSettings(s),
    ensemble: ensembleSettings(s) ?? { models: LAB_ENSEMBLE_MODELS, sampleFraction: 1, libraryBagging: s.ensLib, inclusionThreshold: s.ensInc, seed: s.seed },
    ensembleBase: s.form === 'weak' ? 'weak' : s.deriv,
  });
}
