/**
 * The symbolic search's islands on nested Web Workers, in the production build and a real
 * browser: the page's own fit worker (its URL as the page loads it) is sent a `--method gp`
 * request, as the page will send one once a method can be chosen there, with 1 and with 2
 * workers. The island workers start, the formulas and fronts are the same, and Stop during a
 * search on workers answers with the best formulas so far.
 */
import type { Page } from '@playwright/test';
import type { FitSpec } from '../src/core/methods/types';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import { expect, test, watchErrors } from './helpers';

const osc = getSystem('linear_oscillator')!;

function gpSpec(settings: Record<string, unknown>): FitSpec {
  return {
    data: { source: 'system', system: osc.id, params: defaultParams(osc), x0: [2, 0], tEnd: 10, dt: 0.02, irregular: false, noise: 0, seed: 0 },
    pipeline: {
      derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
      optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
      method: { id: 'gp', settings: { iterations: 4, seed: 3, ...settings } },
    },
  };
}

interface Outcome { labels: string[]; equations: string[]; status: string; warnings: string[]; error: string | null }

/** A fresh fit worker from the page's own script runs the spec; Stop is sent after `stopAfterSteps` steps (0: never). */
function runInFitWorker(page: Page, url: string, spec: FitSpec, stopAfterSteps = 0): Promise<Outcome> {
  return page.evaluate(({ url, spec, stopAfterSteps }) => new Promise<Outcome>((resolve) => {
    const w = new Worker(url, { type: 'module' });
    const labels: string[] = [];
    let fit: { equations: string[]; status: string; warnings: string[] } | null = null;
    let steps = 0;
    w.onmessage = (e: MessageEvent) => {
      const m = e.data as { type: string; label?: string; fit?: typeof fit; message?: string };
      if (m.type === 'step') {
        if (!labels.includes(m.label!)) labels.push(m.label!);
        if (++steps === stopAfterSteps) w.postMessage({ type: 'stop', runId: 1 });
      }
      if (m.type === 'fit') fit = m.fit!;
      if (m.type === 'done' || m.type === 'error') {
        w.terminate();
        resolve({ labels, equations: fit?.equations ?? [], status: fit?.status ?? '', warnings: fit?.warnings ?? [], error: m.type === 'error' ? m.message ?? '' : null });
      }
    };
    w.postMessage({ type: 'fit', runId: 1, spec, known: { data: '', derivatives: '' }, animate: false });
  }), { url, spec, stopAfterSteps });
}

test('the gp search spreads its islands over nested workers: the same formulas as in one thread; Stop answers with the best so far', async ({ page }) => {
  const errors = watchErrors(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  test.skip(cores < 2, 'the page uses at most one worker per core: this device has one');
  await expect.poll(() => workers.find((u) => u.includes('fitWorker'))).toBeTruthy();
  const fitUrl = workers.find((u) => u.includes('fitWorker'))!;

  const one = await runInFitWorker(page, fitUrl, gpSpec({ workers: 1 }));
  expect(one.error).toBeNull();
  expect(one.labels).toEqual(['symbolic search']);
  expect(one.equations).toHaveLength(2);

  const two = await runInFitWorker(page, fitUrl, gpSpec({ workers: 2 }));
  expect(two.error).toBeNull();
  expect(two.labels).toEqual(['symbolic search on 2 workers']);
  expect(two.warnings).toEqual([]);
  expect(two.equations).toEqual(one.equations);
  await expect.poll(() => workers.filter((u) => u.includes('islandWorker')).length).toBeGreaterThanOrEqual(2);

  const stopped = await runInFitWorker(page, fitUrl, gpSpec({ workers: 2, iterations: 10000 }), 2);
  expect(stopped.error).toBeNull();
  expect(stopped.status).toBe('stopped');
  expect(stopped.warnings[0]).toMatch(/Stopped after \d+ steps?/);
  expect(stopped.equations).toHaveLength(2);
  expect(errors).toEqual([]);
});
