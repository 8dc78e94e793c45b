/**
 * A whole fit in one call through the generic loop: a fresh layer cache, the method run to
 * the end. What the CLI, the noise lab and tests use; the worker keeps its cache across runs.
 * `fitWithSpecAsync` is the same with threads lent to the method (the CLI's worker threads).
 */
import type { ParallelHost } from '../symbolic/executor';
import type { Dataset, Result } from '../types';
import { err, ok } from '../types';
import { LayerCache, pipelineLayers } from './layers';
import { runMethod, runMethodSync, type LoopHooks, type LoopResult } from './run';
import type { MethodOutcome, PipelineSpec } from './types';

export interface SpecFit { outcome: MethodOutcome; ms: number; steps: number }

export function fitWithSpec(ds: Dataset, spec: PipelineSpec, hooks: LoopHooks = {}): Result<SpecFit> {
  const layers = pipelineLayers(ds, 'data', spec, new LayerCache());
  return specFit(runMethodSync({ data: ds, spec, layers }, hooks));
}

export async function fitWithSpecAsync(ds: Dataset, spec: PipelineSpec, hooks: LoopHooks = {}, parallel?: ParallelHost): Promise<Result<SpecFit>> {
  const layers = pipelineLayers(ds, 'data', spec, new LayerCache());
  return specFit(await runMethod({ data: ds, spec, layers, ...(parallel ? { parallel } : {}) }, hooks));
}

function specFit(r: LoopResult): Result<SpecFit> {
  if (r.kind === 'dropped') return err('The fit was cancelled.');
  return r.outcome.ok ? ok({ outcome: r.outcome.value, ms: r.ms, steps: r.steps }) : r.outcome;
}
