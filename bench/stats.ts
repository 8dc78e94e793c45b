/** Timing helpers for benchmarks: warm up, repeat, report the median (robust to the noise of a shared 2-core machine). */
import { median } from '../src/core/stats';

export interface BenchRow {
  name: string;
  medianMs: number;
  runs: number[];
  /** a peer's figure for the same work, e.g. PySINDy's median: printed with the speed-up */
  reference?: { label: string; ms: number };
  /** a time budget the median must stay under, e.g. one frame (16 ms) */
  budgetMs?: number;
}

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

/** The q-quantile (0…1) of the runs, nearest rank. */
export function quantile(runs: readonly number[], q: number): number {
  const s = [...runs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function note(r: BenchRow): string {
  if (r.reference) return `${r.reference.label} ${fmtMs(r.reference.ms)} ms → ${(r.reference.ms / r.medianMs).toFixed(1)}× faster`;
  if (r.budgetMs !== undefined) return `bar ${r.budgetMs} ms: ${r.medianMs <= r.budgetMs ? 'met' : 'MISSED'}`;
  return '';
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** Rows as an aligned Markdown table (readable in a terminal, pasteable into the README). */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['benchmark', 'median ms', 'p90 ms', 'runs', 'compared with'];
  const body = rows.map((r) => [r.name, fmtMs(r.medianMs), fmtMs(quantile(r.runs, 0.9)), String(r.runs.length), note(r)]);
  const width = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const right = [false, true, true, true, false];
  const cell = (s: string, c: number) => (right[c] ? s.padStart(width[c]!) : s.padEnd(width[c]!));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${width.map((w, c) => (right[c] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

export function printRows(rows: readonly BenchRow[]): void {
  console.log(formatTable(rows));
}
