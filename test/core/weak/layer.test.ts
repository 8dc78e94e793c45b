import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { getSystem, defaultParams } from '../../../src/core/systems/registry';
import { weakRegressionLayer } from '../../../src/core/weak/layer';

const lorenz = getSystem('lorenz')!;
const lib = { degree: 2, bias: true, fourier: 0, custom: [] };

describe('weak regression layer: bounded work', () => {
  it('refuses an assembly that would take minutes, with advice, before doing it', () => {
    // 100,001 samples, 20,000 test functions each half the span wide: ~10¹¹ multiply-adds.
    const ds = sampleSystem(lorenz, { params: defaultParams(lorenz), x0: lorenz.x0, tEnd: 200, dt: 0.002 });
    if (!ds.ok) throw new Error(ds.error);
    const r = weakRegressionLayer(ds.value, lib, { testFunctions: 20000, support: 0.49, order: 4, gls: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/billion multiply-adds.*fewer test functions, a narrower support, or a larger sample step/);
  });

  it('accepts the usual sizes', () => {
    const ds = sampleSystem(lorenz, { params: defaultParams(lorenz), x0: lorenz.x0, tEnd: 10, dt: 0.002 });
    if (!ds.ok) throw new Error(ds.error);
    const r = weakRegressionLayer(ds.value, lib, { testFunctions: 400, support: 0, order: 4, gls: false });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.theta.n).toBe(400);
  });
});
