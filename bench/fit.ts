/**
 * SINDy fit speed: what PySINDy's `model.fit` covers (derivatives, library, optimizer), on
 * (1) the conformance Lorenz data (5,001 samples, degree 2) next to PySINDy 1.7.5's own
 * median from the fixture, and (2) 20,001 samples of Lorenz with a degree-3 library.
 * The floor is forming ΘᵀΘ: n·p²/2 multiply-adds, also timed alone for scale.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/core/data/csv';
import { sampleSystem } from '../src/core/data/generate';
import { gram } from '../src/core/linalg/dense';
import { defaultFitSettings, fitDataset } from '../src/core/pipeline/fit';
import { thetaLayer } from '../src/core/pipeline/layers';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import type { Dataset } from '../src/core/types';
import { printRows, time, type BenchRow } from './stats';

const here = fileURLToPath(new URL('.', import.meta.url));
const CONF = process.env.SINDY_CONFORMANCE_DIR ?? resolve(here, '../../shared/conformance');

function mustFit(ds: Dataset, degree: number): () => void {
  const s = defaultFitSettings();
  s.library.degree = degree;
  return () => {
    const r = fitDataset(ds, s);
    if (!r.ok) throw new Error(r.error);
  };
}

export async function benchFit(): Promise<BenchRow[]> {
  const parsed = parseCsv(readFileSync(resolve(CONF, 'lorenz_clean.csv'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const ref = JSON.parse(readFileSync(resolve(CONF, 'lorenz_clean.pysindy.json'), 'utf8')) as { fit_ms_median: number };
  const lorenz = getSystem('lorenz')!;
  const big = sampleSystem(lorenz, { params: defaultParams(lorenz), x0: lorenz.x0, tEnd: 40, dt: 0.002 });
  if (!big.ok) throw new Error(big.error);
  const bigTheta = thetaLayer(big.value, { degree: 3, bias: true, fourier: 0, custom: [] });
  if (!bigTheta.ok) throw new Error(bigTheta.error);
  const { theta, n, p } = bigTheta.value;
  const rows: BenchRow[] = [
    { ...time('Lorenz 5,001 samples, degree 2 (conformance data)', mustFit(parsed.value.dataset, 2), 201, 20), reference: { label: 'PySINDy 1.7.5 fit_ms_median', ms: ref.fit_ms_median } },
    time(`Lorenz ${n.toLocaleString('en')} samples, degree 3 (${p} terms)`, mustFit(big.value, 3), 51, 5),
    time(`  of which ΘᵀΘ alone (n·p²/2 = ${((n * p * p) / 2 / 1e6).toFixed(1)}M multiply-adds)`, () => gram(theta, n, p), 51, 5),
  ];
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) printRows(await benchFit());
