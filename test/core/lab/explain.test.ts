import { describe, expect, it } from 'vitest';
import { ensembleNote, ensembleShortfall } from '../../../src/core/lab/explain';
import type { LabMethod } from '../../../src/core/lab/methodIds';
import { noiseSweep, type NoiseSweepSettings, type SweepCell } from '../../../src/core/lab/noiseSweep';

const label = (m: LabMethod) => ({ fd: 'Finite differences', savgol: 'Savitzky–Golay', tv: 'Total variation', weak: 'Weak form', ensemble: 'Ensemble' })[m];

function cell(method: LabMethod, noise: number, successes: number, error: number, extras: Record<string, number> = {}, medianExtra = 0): SweepCell {
  return {
    method, noise, runs: 4, successes, successRate: successes / 4, medianCoefficientError: error,
    failures: 0, firstError: null, medianMs: 1, medianExtra, extras,
  };
}

describe('why the ensemble does worse than its base', () => {
  it('names the levels where it recovered fewer exact models, or erred more than 1.2×, and its most frequent extra term', () => {
    const cells = [
      cell('fd', 0, 4, 1e-4), cell('ensemble', 0, 4, 1e-4),
      cell('fd', 0.01, 3, 3e-3), cell('ensemble', 0.01, 0, 4e-3, { 'z|1': 4, 'x|1': 3 }, 2),
      cell('fd', 0.05, 0, 0.03), cell('ensemble', 0.05, 0, 0.05, { 'z|1': 2 }, 3),
      cell('fd', 0.1, 0, 0.4), cell('ensemble', 0.1, 0, 0.41, { 'y|x^2': 4 }, 1),
    ];
    const s = ensembleShortfall(cells, 'fd')!;
    expect(s.levels.map((l) => [l.noise, l.byRecovery])).toEqual([[0.01, true], [0.05, false]]);
    expect(s.extras[0]).toEqual(['z|1', 6]);
    expect(s.fits).toBe(8);
    const note = ensembleNote(cells, 'fd', label)!;
    expect(note).toContain('The ensemble did worse than its base, finite differences, at 1 % (0 of 4 exact against 3 of 4) and 5 % (coefficient error 5 % against 3 %).');
    expect(note).not.toContain('10 %');
    expect(note).toContain('the most frequent was the constant in dz/dt (6 of 8 fits at these levels)');
    expect(note).toContain('At 1 % its models kept a median of 2 extra terms per fit, against 0 for finite differences');
    expect(note).toMatch(/bootstrap resample .* cancels .* inclusion threshold/);
  });

  it('says nothing where the ensemble does as well, nothing without its base in the sweep, and explains a smoothed base differently', () => {
    const same = [cell('tv', 0.01, 3, 3e-3), cell('ensemble', 0.01, 3, 3.1e-3)];
    expect(ensembleNote(same, 'tv', label)).toBeNull();
    expect(ensembleNote([cell('ensemble', 0.01, 0, 1)], 'fd', label)).toBeNull();
    expect(ensembleNote([cell('fd', 0.01, 4, 1e-3), cell('ensemble', 0.01, 0, 1e-3)], null, label)).toBeNull();
    const weak = ensembleNote([cell('weak', 0.02, 3, 1e-3), cell('ensemble', 0.02, 1, 2e-3)], 'weak', label)!;
    expect(weak).toContain('its base, weak form, at 2 % (1 of 4 exact against 3 of 4)');
    expect(weak).toContain('63 %');
    expect(weak).not.toContain('cancels');
  });

  it('on Lorenz at 1 % noise the finite-difference ensemble keeps terms the plain fit prunes, above all constants', () => {
    const settings: NoiseSweepSettings = {
      systemId: 'lorenz', noiseLevels: [0.01], methods: ['fd', 'ensemble'], seeds: [0, 1, 2, 3],
      library: { degree: 2, bias: true, fourier: 0, custom: [] },
      optimizer: { method: 'stlsq', threshold: 0.1, alpha: 0.05, maxIter: 20 }, normalize: false,
      ensemble: { models: 20, sampleFraction: 1, libraryBagging: false, inclusionThreshold: 0.5, seed: 0 }, ensembleBase: 'fd',
    };
    const r = noiseSweep(settings);
    if (!r.ok) throw new Error(r.error);
    const fd = r.value.cells.find((c) => c.method === 'fd')!;
    const ens = r.value.cells.find((c) => c.method === 'ensemble')!;
    expect(ens.successes).toBeLessThan(fd.successes);
    expect(ens.medianExtra).toBeGreaterThan(fd.medianExtra);
    const s = ensembleShortfall(r.value.cells, 'fd')!;
    expect(s.extras[0]![0]).toMatch(/\|1$/);
    expect(ensembleNote(r.value.cells, 'fd', label)).toContain(`1 % (${ens.successes} of 4 exact against ${fd.successes} of 4)`);
  });
});
