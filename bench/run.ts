/**
 * `npm run bench`: every benchmark suite, one Markdown table each (medians of repeated runs;
 * on a shared machine compare ratios within one run, not figures across runs).
 * Each suite also runs alone: npx tsx bench/fit.ts | refit.ts | weak.ts | symbolic.ts | parallel.ts
 */
import { cpus } from 'node:os';
import { benchFit } from './fit';
import { benchNeural } from './neural';
import { benchParallel } from './parallel';
import { benchNeuralMethod } from './neuralMethod';
import { benchRefit } from './refit';
import { printRows, type BenchRow } from './stats';
import { benchSymbolic } from './symbolic';
import { benchWeak } from './weak';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['SINDy fit vs PySINDy (derivatives + library + optimizer, in-process)', benchFit],
  ['Hot refit: threshold / α drag on the cached regression layer (Lorenz, degree 3)', benchRefit],
  ['Weak SINDy next to plain SINDy (Lorenz, 5 % noise, degree 2)', benchWeak],
  ['Symbolic regression: evaluator throughput and search speed', benchSymbolic],
  ['Symbolic regression on worker threads: expressions per second and time to solution, 1 and 2 workers', benchParallel],
  ['Neural ODE: gradient steps and training time (rational oscillator)', benchNeural],
  ['Neural ODE → equations: time to solution, one worker', benchNeuralMethod],
];

const t0 = performance.now();
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`);
for (const [title, run] of suites) {
  console.log(`\n## ${title}\n`);
  printRows(await run());
}
console.log(`\n(all suites: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
