/** Timing helpers for benchmarks: warm up, repeat, report the median (robust to the noise of a shared 2-core machine). */
import { median } from '../src/core/stats';

export interface BenchRow { name: string; medianMs: number; runs: number[]; reference?: { label: string; ms: number } }

export { median };

/** Run fn `warmup` times untimed, then `repeats` times timed. */
export function time(name: string, fn: () => void, repeats = 31, warmup = 5): BenchRow {
  for (let k = 0; k < warmup; k++) fn();
  const runs: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return { name, medianMs: median(runs), runs };
}

export function printRows(rows: readonly BenchRow[]): void {
  for (const r of rows) {
    const ref = r.reference ? `   ${r.reference.label}: ${r.reference.ms.toFixed(2)} ms  → ${(r.reference.ms / r.medianMs).toFixed(1)}× faster` : '';
    console.log(`${r.name.padEnd(58)} median ${r.medianMs.toFixed(3).padStart(9)} ms  (n=${r.runs.length})${ref}`);
  }
}
