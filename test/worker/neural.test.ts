/**
 * The neural method in the fit worker's engine, with no code of its own there: the loss curve
 * (training, then fine-tuning) and learned-vs-observed trajectories stream as step payloads,
 * and the expression model arrives as the fit, simulated like any other.
 */
import { describe, expect, it } from 'vitest';
import type { FitSpec, LivePayload } from '../../src/core/methods/types';
import { defaultSettings } from '../../src/state/settings';
import { fitSpec } from '../../src/state/spec';
import { FitEngine } from '../../src/worker/engine';
import type { FromWorker } from '../../src/worker/protocol';

describe('FitEngine runs the neural method', () => {
  it('streams its stages and posts the fit and its simulation', async () => {
    const s = fitSpec({ ...defaultSettings('rational_oscillator'), tEnd: 10, dt: 0.1 }, null);
    const spec: FitSpec = { ...s, pipeline: { ...s.pipeline, method: { id: 'neural', settings: { symbolic: 'rational', steps: 60, polishSteps: 20 } } } };
    const out: FromWorker[] = [];
    await new FitEngine().run({ runId: 1, spec, known: { data: '', derivatives: '' }, animate: false },
      { post: (m) => out.push(m), isStale: () => false, pause: async () => undefined });
    const error = out.find((m) => m.type === 'error');
    expect(error, JSON.stringify(error)).toBeUndefined();
    const live = out.flatMap((m) => (m.type === 'step' && m.live ? [m.live] : [])) as LivePayload[];
    const losses = live.filter((l): l is Extract<LivePayload, { kind: 'loss' }> => l.kind === 'loss');
    expect(new Set(losses.map((l) => l.stage))).toEqual(new Set(['training', 'fine-tuning']));
    expect(losses.some((l) => l.stage === 'training' && l.simulation?.length === 1)).toBe(true);
    const fit = out.find((m): m is Extract<FromWorker, { type: 'fit' }> => m.type === 'fit')!.fit;
    expect(fit.status).toBe('ok');
    expect(fit.equations).toHaveLength(2);
    expect(fit.equations.every((e) => /[xy]/.test(e))).toBe(true);
    expect(out.some((m) => m.type === 'simulation')).toBe(true);
    expect(out.filter((m) => m.type === 'done')).toHaveLength(1);
  }, 600_000);
});
