/**
 * A fit's PipelineSpec (what the worker, the CLI and the lab run) → the settings of the PySINDy
 * script that continues it, for the SINDy family (strong, weak, E-SINDy); the symbolic search
 * (gp) has no PySINDy equivalent (its PySR options: pysrScript.ts, pysrOptionsOf). The one
 * mapping the playground's export menu and the CLI's `export` command share, so the two cannot
 * drift apart. Import-light (types only), so the page decides what its menu offers without
 * loading the generators.
 */
import type { EsindySettings } from '../methods/esindy/method';
import type { PipelineSpec } from '../methods/types';
import { err, ok, type Result } from '../types';
import type { PysindySpec } from './pysindyScript';

/** The part of a PySINDy script's spec that the fit decides (the data's part is CsvSource). */
export type PysindyFit = Pick<PysindySpec, 'derivative' | 'library' | 'optimizer' | 'normalize' | 'method' | 'ensemble'>;

/** Method ids whose fit PySINDy can reproduce (with comments where it differs). */
export const PYSINDY_METHODS: readonly string[] = Object.freeze(['sindy', 'weak', 'esindy']);

/** The PySINDy settings of a SINDy-family fit, or why there are none. */
export function pysindyFitOf(p: PipelineSpec): Result<PysindyFit> {
  const base = { derivative: p.derivative, library: p.library, optimizer: p.optimizer, normalize: p.normalize };
  switch (p.method.id) {
    case 'sindy': return ok({ ...base, method: 'sindy', ensemble: null });
    case 'weak': return ok({ ...base, method: 'weak', ensemble: null });
    case 'esindy': {
      const e = p.method.settings as Partial<EsindySettings>;
      return ok({
        ...base, method: e.form === 'weak' ? 'weak' : 'sindy',
        ensemble: { models: e.models ?? 0, inclusion: e.inclusionThreshold ?? 0, seed: e.seed ?? 0 },
      });
    }
    case 'gp': return err('The symbolic search (gp) has no PySINDy equivalent: export the PySR script, which runs the same kind of search.');
    default: return err(`The method '${p.method.id.slice(0, 40)}' has no PySINDy equivalent.`);
  }
}
