/** The fit message's timings: the optimizer time the status bar shows is the method's own. */
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/state/settings';
import { fitSpec } from '../../src/state/spec';
import { FitEngine } from '../../src/worker/engine';
import type { FromWorker } from '../../src/worker/protocol';

const lorenz = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings('lorenz'), tEnd: 4, dt: 0.004, ...patch });

async function fit(e: FitEngine, s: Settings): Promise<FromWorker[]> {
  const out: FromWorker[] = [];
  await e.run({ runId: 1, spec: fitSpec(s, null), known: { data: '', derivatives: '' }, animate: false },
    { post: (m) => out.push(m), isStale: () => false, pause: async () => undefined });
  return out;
}

describe('the optimizer time the status bar shows', () => {
  it('is never negative: layers computed before the method are not subtracted from it', async () => {
    for (const s of [lorenz(), lorenz({ deriv: 'tv', tEnd: 2 }), lorenz({ form: 'weak' })]) {
      const msgs = await fit(new FitEngine(), s);
      const f = msgs.find((m): m is Extract<FromWorker, { type: 'fit' }> => m.type === 'fit')!;
      expect(f.ms).toBeGreaterThanOrEqual(0);
      expect(f.fit.timings.fit!).toBeGreaterThanOrEqual(0);
    }
  });
});
