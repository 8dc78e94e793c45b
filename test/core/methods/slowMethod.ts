/**
 * A test double of a fitting method: `steps` steps of `stepMs` of busy work each, reading Θ
 * through the layer cache (so tests can see that caches survive Stop and stale drops),
 * streaming a loss curve, and returning least squares on the full library when finished (or
 * the fraction of the way it got when stopped, in its message).
 */
import { ok, err } from '../../../src/core/types';
import { libraryModel } from '../../../src/core/methods/model';
import type { FittingMethod, MethodInput } from '../../../src/core/methods/types';

export interface SlowSettings { steps: number; stepMs: number }
interface SlowState { input: MethodInput; s: SlowSettings; done: number; p: number }

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* spin: a step of real work */ }
}

export const slowMethod: FittingMethod<SlowSettings, SlowState> = {
  id: 'slow-test',
  label: 'Slow test method',
  description: 'A test double: many short steps.',
  defaults: Object.freeze({ steps: 200, stepMs: 10 }),
  validate(given) {
    const steps = given.steps ?? 200;
    const stepMs = given.stepMs ?? 10;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1) return err('steps must be a whole number ≥ 1.');
    if (typeof stepMs !== 'number' || stepMs < 0) return err('stepMs must be ≥ 0.');
    return ok({ steps, stepMs });
  },
  needs: () => ['theta'],
  init(input, s) {
    const th = input.layers.theta();
    if (!th.ok) return th;
    return ok({ input, s, done: 0, p: th.value.p });
  },
  step(st) {
    busy(st.s.stepMs);
    st.done++;
    const steps = Float64Array.from({ length: st.done }, (_, k) => k + 1);
    return { done: st.done >= st.s.steps, fraction: st.done / st.s.steps, label: `step ${st.done} of ${st.s.steps}`, live: { kind: 'loss', steps, loss: steps.map((k) => 1 / k) } };
  },
  finish(st, reason) {
    const th = st.input.layers.theta();
    if (!th.ok) return th;
    const m = st.input.data.stateNames.length;
    return ok({
      model: libraryModel(st.input.data.stateNames, th.value.library, new Float64Array(m * th.value.p)),
      status: 'ok', message: reason === 'done' ? null : `reached ${st.done} of ${st.s.steps}`, warnings: [],
    });
  },
};
