/**
 * Conformance with PySINDy 1.7.5 on the reference data in test/fixtures/conformance (copied from
 * the project's shared conformance set; its README gives the settings): the same settings must
 * give the same features, the same support and coefficients within 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { defaultFitSettings, fitDataset } from '../../src/core/pipeline/fit';
import { conformanceCases, conformanceCsv, conformanceReference, listFixtures, nonEmpty } from '../fixtures/paths';

describe('PySINDy conformance', () => {
  const cases = conformanceCases();

  it('has a case for every PySINDy reference in the fixtures, and no case without one', () => {
    const references = listFixtures('conformance', '.pysindy.json').map((f) => f.replace('.pysindy.json', ''));
    expect(references.length).toBeGreaterThan(0);
    expect(Object.keys(cases).sort()).toEqual(references);
  });

  it.each(nonEmpty(Object.entries(cases), 'conformance cases'))('%s: same support and coefficients within 1e-6', (name, c) => {
    expect(c.fit.derivative).toBe('fd');
    const ref = conformanceReference(name);
    const parsed = parseCsv(conformanceCsv(name));
    if (!parsed.ok) throw new Error(parsed.error);
    const s = defaultFitSettings();
    s.library.degree = c.fit.degree;
    s.optimizer = { method: 'stlsq', threshold: c.fit.threshold, alpha: 0.05, maxIter: 20 };
    const fit = fitDataset(parsed.value.dataset, s);
    if (!fit.ok) throw new Error(fit.error);
    const f = fit.value;
    expect(f.stateNames).toEqual(ref.states);
    expect(f.features).toEqual(ref.features);
    expect(f.optimizer.status).toBe('ok');
    const p = f.features.length;
    ref.coefficients.forEach((row, j) => {
      row.forEach((rc, a) => {
        const c2 = f.coefficients[j * p + a]!;
        expect(c2 !== 0, `support of d${ref.states[j]}/dt, term ${ref.features[a]}`).toBe(rc !== 0);
        expect(Math.abs(c2 - rc), `d${ref.states[j]}/dt, term ${ref.features[a]}: ${c2} vs PySINDy ${rc}`).toBeLessThan(1e-6);
      });
    });
  });
});
