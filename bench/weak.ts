/**
 * Weak SINDy fit speed next to plain SINDy on the same data: Lorenz, x0 = (−8, 8, 27),
 * t ∈ [0, 10], dt = 0.002 (5,001 samples), 5 % noise, degree-2 library, STLSQ 0.5.
 * Weak: Θ once (n × p), then K = 400 test functions × L support samples, then the optimizer.
 * Plain: finite differences + Θ + normal equations + optimizer. `npx tsx bench/weak.ts`
 */
import { pathToFileURL } from 'node:url';
import { sampleSystem } from '../src/core/data/generate';
import { addNoise } from '../src/core/data/noise';
import { defaultFitSettings, fitDataset } from '../src/core/pipeline/fit';
import { defaultParams, getSystem } from '../src/core/systems/registry';
import { fitWeak } from '../src/core/weak/fitWeak';
import { defaultWeakSettings } from '../src/core/weak/settings';
import { printRows, time, type BenchRow } from './stats';

export async function benchWeak(): Promise<BenchRow[]> {
  const sys = getSystem('lorenz')!;
  const clean = sampleSystem(sys, { params: defaultParams(sys), x0: [-8, 8, 27], tEnd: 10, dt: 0.002 });
  if (!clean.ok) throw new Error(clean.error);
  const ds = addNoise(clean.value, 0.05, 1);
  const s = defaultFitSettings();
  s.optimizer = { method: 'stlsq', threshold: 0.5, alpha: 0.05, maxIter: 20 };
  const must = (ok: boolean) => { if (!ok) throw new Error('fit failed'); };
  return [
    time('plain SINDy (FD + Θ + STLSQ), Lorenz 5,001 samples', () => must(fitDataset(ds, s).ok), 15, 3),
    time('weak SINDy (auto support, K = 400, OLS)', () => must(fitWeak(ds, s, defaultWeakSettings()).ok), 15, 3),
    time('weak SINDy (support 100 samples, K = 400, OLS)', () => must(fitWeak(ds, s, { ...defaultWeakSettings(), support: 100 }).ok), 15, 3),
    time('weak SINDy (auto support, K = 400, GLS)', () => must(fitWeak(ds, s, { ...defaultWeakSettings(), gls: true }).ok), 7, 2),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchWeak());
