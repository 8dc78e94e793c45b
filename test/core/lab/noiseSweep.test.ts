import { describe, expect, it } from 'vitest';
import { noiseSweep, type NoiseSweepSettings } from '../../../src/core/lab/noiseSweep';

const base: NoiseSweepSettings = {
  systemId: 'lorenz', x0: [-8, 8, 27], tEnd: 10, dt: 0.002,
  noiseLevels: [0.05], methods: ['fd', 'weak'], seeds: [1, 2],
  library: { degree: 2, bias: true, fourier: 0, custom: [] },
  optimizer: { method: 'stlsq', threshold: 0.5, alpha: 0.05, maxIter: 20 }, normalize: false,
};

describe('noise sweep', () => {
  it('runs every combination, counts progress and scores recovery', () => {
    const seen: number[] = [];
    const r = noiseSweep(base, (d, t) => { seen.push(d); expect(t).toBe(4); });
    if (!r.ok) throw new Error(r.error);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(r.value.stopped).toBe(false);
    const weak = r.value.cells.find((c) => c.method === 'weak')!;
    expect(weak.runs).toBe(2);
    expect(weak.successRate).toBe(1);
    expect(weak.medianCoefficientError).toBeLessThan(0.02);
  });

  it('stops between fits with partial results, and rejects bad grids', () => {
    let n = 0;
    const r = noiseSweep(base, () => { n++; }, () => n >= 1);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.stopped).toBe(true);
    expect(r.value.done).toBe(1);
    expect(noiseSweep({ ...base, methods: [] }).ok).toBe(false);
    expect(noiseSweep({ ...base, systemId: 'nope' }).ok).toBe(false);
  });
});
