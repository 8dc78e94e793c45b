/**
 * The one loop that runs any registered method (worker, CLI, noise lab, tests):
 *   validate → init → step … (progress after each; between steps: yield, drop when stale,
 *   stop when asked, end at the time budget) → finish.
 * A run that is dropped returns no result (a newer request supersedes it); a run that is
 * stopped or out of time is finished from where it is: the best model so far, marked.
 */
import { err, type Result } from '../types';
import { getMethod } from './registry';
import type { AnyMethod, EndReason, MethodInput, MethodOutcome, StepReport } from './types';

export interface LoopHooks {
  /** after every step, with the step's report */
  onStep?(report: StepReport, steps: number): void;
  /** polled between steps: 'stale' drops the run, 'stop' finishes it with the best so far */
  interrupt?(): 'stale' | 'stop' | null;
  /** give the event loop a turn (async loop only), so Stop and newer requests are seen */
  pause?(): Promise<void>;
  /** time budget in ms (wall clock of this run); the method is finished when it is spent */
  budgetMs?: number;
  /** most steps (a hard budget, as diffrax's max_steps) */
  maxSteps?: number;
}

export type LoopResult =
  | { kind: 'dropped' }
  | { kind: 'finished'; outcome: Result<MethodOutcome>; reason: EndReason; steps: number; ms: number };

/** Default hard step budget: far above any method's real need. */
export const MAX_STEPS = 1_000_000;

/** The registered method and its validated settings for an input, or a message. */
export function resolveMethod(input: MethodInput): Result<{ method: AnyMethod; settings: object }> {
  const method = getMethod(input.spec.method.id);
  if (!method) return err(`Unknown fitting method '${input.spec.method.id.slice(0, 40)}'.`);
  const settings = method.validate(input.spec.method.settings, input.spec);
  if (!settings.ok) return settings;
  return { ok: true, value: { method, settings: settings.value } };
}

/** Shared end of both loops: finish, marking a run that did not end by itself. */
function end(method: AnyMethod, state: unknown, reason: EndReason, steps: number, t0: number, budgetMs?: number): LoopResult {
  let outcome = method.finish(state, reason);
  if (outcome.ok && reason !== 'done') {
    const why = reason === 'stopped'
      ? `Stopped after ${steps} step${steps === 1 ? '' : 's'}: this is the best model so far.`
      : `The time budget of ${((budgetMs ?? 0) / 1000).toFixed(1)} s ran out after ${steps} step${steps === 1 ? '' : 's'}: this is the best model so far. Allow more time for a finished run.`;
    outcome = { ok: true, value: { ...outcome.value, status: 'stopped', message: outcome.value.message ?? why, warnings: [why, ...outcome.value.warnings.filter((w) => w !== why)] } };
  }
  return { kind: 'finished', outcome, reason, steps, ms: performance.now() - t0 };
}

function failed(error: string, t0: number): LoopResult {
  return { kind: 'finished', outcome: err(error), reason: 'done', steps: 0, ms: performance.now() - t0 };
}

/**
 * The loop, written once: a generator that yields between steps (undefined) and, in the async
 * loop, the promise of a method's `stepAsync` (resumed with its report). The sync driver resumes
 * it at once; the async driver awaits the step and gives the event loop a turn between steps
 * (so Stop and newer requests arrive). The method's `dispose` runs however the loop ends.
 */
function* loop(input: MethodInput, hooks: LoopHooks, canWait: boolean): Generator<Promise<StepReport> | undefined, LoopResult, StepReport | undefined> {
  const t0 = performance.now();
  const r = resolveMethod(input);
  if (!r.ok) return failed(r.error, t0);
  const { method, settings } = r.value;
  const st = method.init(input, settings);
  if (!st.ok) return failed(st.error, t0);
  const maxSteps = hooks.maxSteps ?? MAX_STEPS;
  const overBudget = () => hooks.budgetMs !== undefined && performance.now() - t0 > hooks.budgetMs;
  const interrupted = () => hooks.interrupt?.() != null || overBudget();
  try {
    for (let steps = 1; ; steps++) {
      const rep = canWait && method.stepAsync ? yield method.stepAsync(st.value, interrupted) : method.step(st.value);
      if (!rep) throw new Error('run: an async step was resumed without its report.');
      hooks.onStep?.(rep, steps);
      if (rep.done) return end(method, st.value, 'done', steps, t0);
      yield;
      const i = hooks.interrupt?.();
      if (i === 'stale') return { kind: 'dropped' };
      if (i === 'stop') return end(method, st.value, 'stopped', steps, t0);
      if (overBudget() || steps >= maxSteps) return end(method, st.value, 'budget', steps, t0, hooks.budgetMs);
    }
  } finally {
    method.dispose?.(st.value);
  }
}

/** Run to the end in one call (CLI, lab, tests); `interrupt` and the budget still apply. */
export function runMethodSync(input: MethodInput, hooks: LoopHooks = {}): LoopResult {
  const g = loop(input, hooks, false);
  for (;;) { const n = g.next(); if (n.done) return n.value; }
}

/**
 * The same loop, waiting where it must: a method's async steps (work in other threads) are
 * awaited, and the event loop gets a turn between steps (the worker's, the CLI's).
 */
export async function runMethod(input: MethodInput, hooks: LoopHooks = {}): Promise<LoopResult> {
  const g = loop(input, hooks, true);
  let n = g.next();
  for (;;) {
    if (n.done) return n.value;
    if (n.value) {
      let rep: StepReport;
      try {
        rep = await n.value;
      } catch (e) {
        n = g.throw(e);
        continue;
      }
      n = g.next(rep);
      continue;
    }
    if (hooks.pause) await hooks.pause();
    n = g.next();
  }
}
