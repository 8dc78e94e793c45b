import { describe, expect, it } from 'vitest';
import { sampleSystem } from '../../../src/core/data/generate';
import { addNoise } from '../../../src/core/data/noise';
import { fitWithSpec } from '../../../src/core/methods/fit';
import { libraryR2, POOR_R2 } from '../../../src/core/methods/poorFit';
import type { PipelineSpec } from '../../../src/core/methods/types';
import { defaultParams, getSystem } from '../../../src/core/systems/registry';
import type { Dataset } from '../../../src/core/types';

const lorenz = (() => {
  const sys = getSystem('lorenz')!;
  const r = sampleSystem(sys, { params: defaultParams(sys), x0: sys.x0, tEnd: 10, dt: 0.002 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

/** Every state multiplied by `factor` (time unchanged): the x·z terms shrink by the same factor. */
function scaled(ds: Dataset, factor: number): Dataset {
  return { ...ds, trajectories: ds.trajectories.map((tr) => ({ t: tr.t, y: tr.y.map((v) => v * factor) })) };
}

const spec = (method: PipelineSpec['method'], threshold = 0.1): PipelineSpec => ({
  derivative: { method: 'fd' }, library: { degree: 2, bias: true, fourier: 0, custom: [] },
  optimizer: { method: 'stlsq', threshold, alpha: 0.05, maxIter: 20 }, normalize: false, method,
});

function fit(ds: Dataset, s: PipelineSpec) {
  const r = fitWithSpec(ds, s);
  if (!r.ok) throw new Error(r.error);
  return r.value.outcome;
}

const poorWarning = (warnings: string[]) => warnings.filter((w) => /fitted poorly/.test(w));

describe('a poorly fitted equation is a warning, not a silent "ok"', () => {
  it('Lorenz ×1000 at degree 2, threshold 0.1: the pruned equations are named with their R² and the advice', () => {
    const out = fit(scaled(lorenz, 1000), spec({ id: 'sindy', settings: {} }));
    expect(out.status).toBe('ok');
    const r2 = out.sparse!.r2;
    // The figures: ẋ is fine, ẏ and ż lost the terms in x·z and x·y (coefficients 0.001 here).
    expect(r2[0]).toBeGreaterThan(POOR_R2);
    expect(r2[1]).toBeLessThan(POOR_R2);
    const [w, ...more] = poorWarning(out.warnings);
    expect(more).toEqual([]);
    expect(w).toContain(`dy/dt (R² ${r2[1]!.toFixed(2)}, against ≈ 1 with every library term)`);
    expect(w).toContain('dz/dt (R²');
    expect(w).not.toContain('dx/dt');
    expect(w).toMatch(/against the derivative estimates: the threshold removed terms the data need.*normalising the library columns or a smaller threshold/);
  });

  it('the same data with a threshold below the small coefficients: no warning', () => {
    const out = fit(scaled(lorenz, 1000), spec({ id: 'sindy', settings: {} }, 1e-4));
    expect(out.sparse!.r2.every((v) => v > POOR_R2)).toBe(true);
    expect(poorWarning(out.warnings)).toEqual([]);
  });

  it('clean Lorenz: no warning', () => {
    expect(poorWarning(fit(lorenz, spec({ id: 'sindy', settings: {} })).warnings)).toEqual([]);
  });

  it('noise lowers R² of the exact model, but the whole library does no better: no warning', () => {
    const out = fit(addNoise(lorenz, 0.05, 3), spec({ id: 'sindy', settings: {} }, 0.5));
    expect(Math.min(...out.sparse!.r2)).toBeLessThan(POOR_R2);
    expect(poorWarning(out.warnings)).toEqual([]);
  });

  it('weak form and ensembles warn the same way, the weak form naming its own target', () => {
    const weak = fit(scaled(lorenz, 1000), spec({ id: 'weak', settings: {} }));
    expect(poorWarning(weak.warnings)[0]).toMatch(/fitted poorly against the weak system/);
    const ens = fit(scaled(lorenz, 1000), spec({ id: 'esindy', settings: { models: 5 } }));
    expect(poorWarning(ens.warnings)[0]).toMatch(/dy\/dt \(R² .*fitted poorly against the derivative estimates/);
  });

  it('an all-pruned result keeps its own message and gets no poor-fit warning', () => {
    const out = fit(lorenz, spec({ id: 'sindy', settings: {} }, 1000));
    expect(out.status).toBe('all_pruned');
    expect(poorWarning(out.warnings)).toEqual([]);
  });

  it('the whole library\'s R² is computed once per regression problem (a threshold drag reuses it)', () => {
    const out = fit(scaled(lorenz, 1000), spec({ id: 'sindy', settings: {} }));
    const { regression, problem } = out.sparse!;
    const first = libraryR2(regression, problem);
    expect(libraryR2(regression, problem)).toBe(first);
    expect(first.every((v) => v > 0.99)).toBe(true);
  });
});
