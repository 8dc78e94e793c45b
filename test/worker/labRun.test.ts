import { describe, expect, it } from 'vitest';
import { labSweepSettings } from '../../src/state/labSettings';
import { defaultLabSettings, defaultSettings } from '../../src/state/settings';
import type { FromLab } from '../../src/worker/labProtocol';
import { runLab } from '../../src/worker/labRun';

const settings = () => ({ ...defaultSettings('lorenz'), tEnd: 5, threshold: 0.5 });

describe('noise-lab run (what the lab worker executes)', () => {
  it('sweeps level by level with progress after every fit, and the weak form beats finite differences at 10 % noise', () => {
    const s = labSweepSettings(settings(), { levels: [0, 10], methods: ['fd', 'weak'], seeds: 3 });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const msgs: FromLab[] = [];
    runLab(7, s.value, (m) => msgs.push(m));
    expect(msgs.every((m) => m.runId === 7)).toBe(true);
    const progress = msgs.filter((m) => m.type === 'labProgress');
    expect(progress.map((m) => m.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const cells = msgs.filter((m) => m.type === 'labCells');
    // one batch of cells per noise level, each batch with all cells so far
    expect(cells.map((m) => m.cells.length)).toEqual([2, 4]);
    expect(msgs[msgs.length - 1]!.type).toBe('labDone');
    const last = cells[1]!.cells;
    const at = (method: string, noise: number) => last.find((c) => c.method === method && c.noise === noise)!;
    expect(at('fd', 0).successRate).toBe(1);
    expect(at('weak', 0).successRate).toBe(1);
    expect(at('weak', 0.1).successRate).toBeGreaterThan(at('fd', 0.1).successRate);
    expect(at('weak', 0.1).medianCoefficientError).toBeLessThan(at('fd', 0.1).medianCoefficientError);
  });

  it('reports an invalid grid as an error message, not an exception', () => {
    const s = labSweepSettings(settings(), { levels: [5], methods: ['fd'], seeds: 1 });
    if (!s.ok) throw new Error(s.error);
    const msgs: FromLab[] = [];
    runLab(1, { ...s.value, noiseLevels: [5] }, (m) => msgs.push(m));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type === 'labError' && msgs[0]!.message).toMatch(/Noise level 5 is out of range/);
  });
});

describe('noise-lab settings from the playground', () => {
  it('uses the system, library, optimizer and seed of the playground', () => {
    const s = labSweepSettings({ ...settings(), seed: 5, degree: 3, form: 'weak', weakK: 250, ens: 30 }, { levels: [1, 20], methods: ['ensemble'], seeds: 3 });
    if (!s.ok) throw new Error(s.error);
    expect(s.value).toMatchObject({ systemId: 'lorenz', tEnd: 5, noiseLevels: [0.01, 0.2], seeds: [5, 6, 7], ensembleBase: 'weak' });
    expect(s.value.library.degree).toBe(3);
    expect(s.value.weak?.testFunctions).toBe(250);
    expect(s.value.ensemble?.models).toBe(30);
    expect(s.value.optimizer).toMatchObject({ method: 'stlsq', threshold: 0.5 });
  });

  it('refuses uploaded data, systems without a library truth and an empty grid, with advice', () => {
    const lab = defaultLabSettings();
    const up = labSweepSettings({ ...settings(), source: 'upload' }, lab);
    expect(!up.ok && up.error).toMatch(/built-in system/);
    const rational = labSweepSettings(defaultSettings('rational_oscillator'), lab);
    expect(!rational.ok && rational.error).toMatch(/not a finite sum of library terms/);
    expect(labSweepSettings(settings(), { ...lab, methods: [] }).ok).toBe(false);
    expect(labSweepSettings(settings(), { ...lab, levels: [] }).ok).toBe(false);
  });
});

describe('noise lab with MSTLS', () => {
  it('fits every method with the playground\'s MSTLS optimizer', () => {
    const s = labSweepSettings({ ...settings(), opt: 'mstls', mlam: 0 }, { levels: [0.5], methods: ['fd', 'savgol', 'weak'], seeds: 1 });
    if (!s.ok) throw new Error(s.error);
    expect(s.value.optimizer.method).toBe('mstls');
    const msgs: FromLab[] = [];
    runLab(1, s.value, (m) => msgs.push(m));
    const cells = msgs.filter((m) => m.type === 'labCells').pop()!.cells;
    expect(cells.map((c) => c.failures)).toEqual([0, 0, 0]);
    expect(cells.find((c) => c.method === 'weak')!.successRate).toBe(1);
  });
});
