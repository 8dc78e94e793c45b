/**
 * SINDy fit speed: what PySINDy's `model.fit` covers (derivatives, library, optimizer), on
 * (1) the conformance Lorenz data (5,001 samples, degree 2) next to PySINDy 1.7.5's own
 * median from the fixture, and (2) 20,001 samples of Lorenz with a degree-3 library.
 * `fitDataset` also formats the equations and computes R²; its per-stage timings from the same
 * runs show where the time goes. The floor is forming the normal equations: n·q²/2
 * multiply-adds for the q = p + m columns of [Θ | Ẏ], also timed alone for scale.
 *   npx tsx bench/fit.ts
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/core/data/csv';
import { sampleSystem } from '../src/core/data/generate';
import { normalEquations } from '../src/core/optimize/problem';
import { defaultFitSettings, fitDataset, type FitResult } from '../src/core/pipeline/fit';
import { derivativeLayer, regressionLayer, thetaLayer } from '../src/core/pipeline/layers';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import type { Dataset } from '../src/core/types';
import { conformanceCsv, conformanceReference } from '../test/fixtures/paths';
import { median, printRows, time, type BenchRow } from './stats';


type Stage = keyof FitResult['timings'];
const STAGES: [Stage, string][] = [
  ['derivativesMs', 'derivatives (finite differences)'],
  ['libraryMs', 'library Θ'],
  ['regressionMs', 'normal equations ΘᵀΘ, ΘᵀẎ'],
  ['optimizerMs', 'optimizer (STLSQ passes + unbias)'],
];

/** The whole fit timed from outside, plus the median of each stage's own timing over the same runs. */
function fitRows(label: string, ds: Dataset, degree: number, repeats: number, warmup: number): BenchRow[] {
  const s = defaultFitSettings();
  s.library.degree = degree;
  const stages: Record<Stage, number[]> = { derivativesMs: [], libraryMs: [], regressionMs: [], optimizerMs: [], totalMs: [] };
  const row = time(label, () => {
    const r = fitDataset(ds, s);
    if (!r.ok) throw new Error(r.error);
    for (const k of Object.keys(stages) as Stage[]) stages[k].push(r.value.timings[k]);
  }, repeats, warmup);
  const rest = stages.totalMs.slice(warmup).map((t, k) => row.runs[k]! - t);
  return [
    row,
    ...STAGES.map(([k, name]) => ({ name: `  ${name}`, medianMs: median(stages[k].slice(warmup)), runs: stages[k].slice(warmup) })),
    { name: '  equations, R² (the rest)', medianMs: median(rest), runs: rest },
  ];
}

export async function benchFit(): Promise<BenchRow[]> {
  const parsed = parseCsv(conformanceCsv('lorenz_clean'));
  if (!parsed.ok) throw new Error(parsed.error);
  const ref = conformanceReference('lorenz_clean');
  const lorenz = getSystem('lorenz')!;
  const big = sampleSystem(lorenz, { params: defaultParams(lorenz), x0: lorenz.x0, tEnd: 40, dt: 0.002 });
  if (!big.ok) throw new Error(big.error);
  const bigTheta = thetaLayer(big.value, { degree: 3, bias: true, fourier: 0, custom: [] });
  const bigDeriv = derivativeLayer(big.value, { method: 'fd' });
  if (!bigTheta.ok || !bigDeriv.ok) throw new Error('layer failed');
  const { theta, n, p } = bigTheta.value;
  const m = big.value.stateNames.length;
  const { target } = regressionLayer(bigTheta.value, bigDeriv.value, m);
  const q = p + m;
  const [conf, ...confStages] = fitRows('Lorenz 5,001 samples, degree 2 (conformance data)', parsed.value.dataset, 2, 201, 20);
  return [
    { ...conf!, reference: { label: 'PySINDy 1.7.5 fit_ms_median', ms: ref.fit_ms_median } },
    ...confStages,
    ...fitRows(`Lorenz ${n.toLocaleString('en')} samples, degree 3 (${p} terms)`, big.value, 3, 51, 5),
    time(`normal equations alone (n·q²/2 = ${((n * q * q) / 2 / 1e6).toFixed(1)}M multiply-adds)`, () => normalEquations(theta, target, n, p, m), 51, 5),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) printRows(await benchFit());
