/**
 * A whole fit in one call through the generic loop: a fresh layer cache, the method run to
 * the end. What the CLI, the noise lab and tests use; the worker keeps its cache across runs.
 */
import type { Dataset, Result } from '../types';
import { err, ok } from '../types';
import { LayerCache, pipelineLayers } from './layers';
import { runMethodSync, type LoopHooks } from './run';
import type { MethodOutcome, PipelineSpec } from './types';

export interface SpecFit { outcome: MethodOutcome; ms: number; steps: number }

export function fitWithSpec(ds: Dataset, spec: PipelineSpec, hooks: LoopHooks = {}): Result<SpecFit> {
  const layers = pipelineLayers(ds, 'data', spec, new LayerCache());
  const r = runMethodSync({ data: ds, spec, layers }, hooks);
  if (r.kind === 'dropped') return err('The fit was cancelled.');
  return r.outcome.ok ? ok({ outcome: r.outcome.value, ms: r.ms, steps: r.steps }) : r.outcome;
}
