/**
 * Conformance with PySINDy 1.7.5 on the reference data in ../shared/conformance: the same
 * settings must give the same features, the same support and coefficients within 1e-6.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { defaultFitSettings, fitDataset } from '../../src/core/pipeline/fit';

export const CONFORMANCE_DIR = process.env.SINDY_CONFORMANCE_DIR ?? resolve(__dirname, '../../../shared/conformance');

interface Case { fit: { degree: number; threshold: number; derivative: string } }
interface Reference { states: string[]; features: string[]; coefficients: number[][]; fit_ms_median: number }

describe('PySINDy conformance', () => {
  it('finds the conformance data beside the repository', () => {
    expect(existsSync(resolve(CONFORMANCE_DIR, 'cases.json')), `expected ${CONFORMANCE_DIR}/cases.json`).toBe(true);
  });

  const cases = existsSync(resolve(CONFORMANCE_DIR, 'cases.json'))
    ? (JSON.parse(readFileSync(resolve(CONFORMANCE_DIR, 'cases.json'), 'utf8')) as Record<string, Case>)
    : {};

  it.each(Object.entries(cases))('%s: same support and coefficients within 1e-6', (name, c) => {
    expect(c.fit.derivative).toBe('fd');
    const ref = JSON.parse(readFileSync(resolve(CONFORMANCE_DIR, `${name}.pysindy.json`), 'utf8')) as Reference;
    const parsed = parseCsv(readFileSync(resolve(CONFORMANCE_DIR, `${name}.csv`), 'utf8'));
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
