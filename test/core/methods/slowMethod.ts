/**
 * A test double of a fitting method: `steps` steps of `stepMs` of busy work each, reading Θ
 * through the layer cache (so tests can see that caches survive Stop and stale drops),
 * streaming a loss curve (every 20th step with "learned" trajectories that approach the data),
 * and returning least squares on the full library when finished (or the fraction of the way it
 * got when stopped, in its message).
 *
 * It declares its settings as fields of every kind (int with a wide range, number, log number
 * applying only `when` the shape is 'decay', choice, text with its own check, bool), so the
 * tests can show that a method registered at run time gets a page control, link keys and CLI
 * flags without a line of surface code.
 */
import { ok } from '../../../src/core/types';
import { libraryModel } from '../../../src/core/methods/model';
import { validateFields } from '../../../src/core/methods/settings';
import type { FittingMethod, MethodField, MethodInput } from '../../../src/core/methods/types';

export interface SlowSettings { steps: number; stepMs: number; shape: 'decay' | 'flat'; rate: number; tag: string; verbose: boolean }
interface SlowState { input: MethodInput; s: SlowSettings; done: number; p: number }

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* spin: a step of real work */ }
}

export const slowDefaults: Readonly<SlowSettings> = Object.freeze({ steps: 200, stepMs: 10, shape: 'decay', rate: 1, tag: 'run', verbose: false });

export const slowFields: readonly MethodField[] = Object.freeze([
  { key: 'steps', label: 'Steps', kind: 'int', min: 1, max: 100000, help: 'How many steps the double takes.' },
  { key: 'stepMs', label: 'Step time', kind: 'number', min: 0, max: 1000, unit: 'ms', cli: 'step-ms', help: 'Busy work per step, in milliseconds.' },
  { key: 'shape', label: 'Loss shape', kind: 'choice', choices: [{ id: 'decay', label: 'Decay' }, { id: 'flat', label: 'Flat' }], help: 'How the streamed loss falls.' },
  { key: 'rate', label: 'Decay rate', kind: 'number', min: 0.01, max: 10, log: true, help: 'How fast the loss decays.', when: (s) => s.shape === 'decay' },
  { key: 'tag', label: 'Tag', kind: 'text', maxLength: 12, help: 'A name of letters only.', check: (t) => (/^[a-z]*$/i.test(t) ? null : 'Use letters only.') },
  { key: 'verbose', label: 'Verbose', kind: 'bool', advanced: true, help: 'Say more.' },
] satisfies MethodField[]);

export const slowMethod: FittingMethod<SlowSettings, SlowState> = {
  id: 'slow-test',
  label: 'Slow test method',
  description: 'A test double: many short steps.',
  defaults: slowDefaults,
  fields: slowFields,
  uses: () => ['library'],
  validate: (given) => validateFields<SlowSettings>(slowFields, slowDefaults, given, 'slow-test setting'),
  needs: () => ['theta'],
  init(input, s) {
    const th = input.layers.theta();
    if (!th.ok) return th;
    return ok({ input, s, done: 0, p: th.value.p });
  },
  step(st) {
    busy(st.s.stepMs);
    st.done++;
    // The loss curve of the current stage (training for the first half of the steps, then fine-tuning, counted anew)
    const half = Math.ceil(st.s.steps / 2);
    const fine = st.done > half;
    const steps = Float64Array.from({ length: fine ? st.done - half : st.done }, (_, k) => k + 1);
    const loss = steps.map((k) => (st.s.shape === 'flat' ? 1 : Math.exp(-st.s.rate * (fine ? k + half : k) / st.s.steps)));
    const simulation = st.done % 20 === 0
      ? st.input.data.trajectories.map((tr) => ({ t: tr.t, y: tr.y.map((v) => v * (1 - 1 / st.done)) }))
      : undefined;
    return {
      done: st.done >= st.s.steps, fraction: st.done / st.s.steps, label: `step ${st.done} of ${st.s.steps}`,
      live: { kind: 'loss', stage: fine ? 'fine-tuning' : 'training', steps, loss, ...(simulation ? { simulation } : {}) },
    };
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
