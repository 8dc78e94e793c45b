/**
 * Export file names: `<stem>-<what>.<ext>`, the stem from the system's id or the uploaded
 * file's name; untrusted names lose everything but letters, digits, '.', '-' and '_'.
 */
import { describe, expect, it } from 'vitest';
import { exportNames, exportStem, MAX_STEM, PLOT_FILES, type PlotId } from '../../../src/core/export/names';
import { systems } from '../../../src/core/systems/registry';

describe('exportStem', () => {
  it('a system: its id with hyphens (lotka_volterra → lotka-volterra)', () => {
    expect(exportStem({ source: 'system', system: 'lorenz' })).toBe('lorenz');
    expect(exportStem({ source: 'system', system: 'lotka_volterra' })).toBe('lotka-volterra');
  });

  it('every built-in system gives a distinct, safe stem', () => {
    const stems = systems.map((s) => exportStem({ source: 'system', system: s.id }));
    expect(new Set(stems).size).toBe(systems.length);
    for (const s of stems) expect(s).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('an upload: the file name without its extension, spaces and accents made safe', () => {
    expect(exportStem({ source: 'upload', file: 'lynx_hare.csv' })).toBe('lynx_hare');
    expect(exportStem({ source: 'upload', file: 'two runs.csv' })).toBe('two-runs');
    expect(exportStem({ source: 'upload', file: 'Messdaten Größe.tsv' })).toBe('Messdaten-Grosse');
    expect(exportStem({ source: 'upload', file: 'data.v2.csv' })).toBe('data.v2');
    expect(exportStem({ source: 'upload', file: 'noext' })).toBe('noext');
  });

  it('hostile or empty names cannot make a path, markup or control characters', () => {
    for (const file of ['../../etc/passwd', '..\\..\\x.csv', '<script>alert(1)</script>.csv', 'a\nb\u0000c.csv', '', '.csv', '....', '/', 'x'.repeat(500) + '.csv']) {
      const stem = exportStem({ source: 'upload', file });
      expect(stem, file).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(stem.length).toBeLessThanOrEqual(MAX_STEM);
      expect(stem).not.toContain('..');
    }
    expect(exportStem({ source: 'upload', file: '' })).toBe('data');
    expect(exportStem({ source: 'upload', file: '<>.csv' })).toBe('data');
  });
});

describe('exportNames', () => {
  const n = exportNames({ source: 'system', system: 'lorenz' });
  it('names each file after the data and what it holds', () => {
    expect([n.data, n.coefficients, n.simulation, n.config, n.pysr]).toEqual([
      'lorenz-data.csv', 'lorenz-coefficients.csv', 'lorenz-simulation.csv', 'lorenz-config.json', 'lorenz-pysr-search.py',
    ]);
  });

  it('the PySINDy script: the optimizer, prefixed by the method unless plain SINDy', () => {
    expect(n.pysindy({ method: 'sindy', optimizer: 'stlsq' })).toBe('lorenz-stlsq-fit.py');
    expect(n.pysindy({ method: 'weak', optimizer: 'mstls' })).toBe('lorenz-weak-mstls-fit.py');
    expect(n.pysindy({ method: 'esindy', optimizer: 'sr3' })).toBe('lorenz-esindy-sr3-fit.py');
  });

  it('one distinct image name per plot, without the extension Plotly adds', () => {
    const ids = Object.keys(PLOT_FILES) as PlotId[];
    const names = ids.map((id) => n.plot(id));
    expect(new Set(names).size).toBe(ids.length);
    expect(n.plot('trajectory-plot')).toBe('lorenz-trajectory');
    for (const name of names) expect(name).toMatch(/^lorenz-[a-z-]+$/);
  });
});
