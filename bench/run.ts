/** `npm run bench`: every benchmark, medians printed. Figures go into the README. */
import { benchFit } from './fit';
import { printRows } from './stats';

const suites: [string, () => Promise<import('./stats').BenchRow[]>][] = [['SINDy fit (CLI engine, in-process)', benchFit]];

console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const [title, run] of suites) {
  console.log(`\n## ${title}`);
  printRows(await run());
}
