/**
 * Symbolic regression speed: (1) the column evaluator's throughput in node·points per second on
 * 1,000 points, for random trees of about 20 nodes (SymbolicRegression.jl's evaluator does about
 * 10⁹ per core); (2) whole candidate expressions evaluated per second during a search (mutation,
 * evaluation, constant fitting, bookkeeping: everything a search does, per loss evaluation).
 * `npx tsx bench/symbolic.ts`
 */
import { pathToFileURL } from 'node:url';
import { createRng } from '../src/core/data/rng';
import { exprComplexity, type BinaryOp, type Expr, type UnaryOp } from '../src/core/model/expr';
import { createEvaluator, evaluate } from '../src/core/symbolic/evaluate';
import { createProgram, loadProgram, type Program } from '../src/core/symbolic/program';
import { createSearch, searchStep } from '../src/core/symbolic/search';
import { appendRandomOp, randomLeaf, type Alphabet } from '../src/core/symbolic/tree';
import { printRows, time, type BenchRow } from './stats';

const N = 1000;

/**
 * Run fn (already warm) `times` times and return the CPU seconds it used (user + system). On a
 * shared machine the wall clock includes time spent waiting for a core; CPU time is the figure
 * "per second per core" means.
 */
function cpuSeconds(fn: () => void, times: number): number {
  const c0 = process.cpuUsage();
  for (let k = 0; k < times; k++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const rateText = (wallRate: number, cpuRate: number, unit: string) =>
  `${(wallRate / 1e9).toFixed(2)}×10⁹ ${unit}/s wall, ${(cpuRate / 1e9).toFixed(2)}×10⁹ per CPU-second`;

/** Random trees of exactly `size` nodes or one less (an appended binary operator adds 2). */
function treesOfSize(size: number, count: number, alphabet: Alphabet, seed: number): Expr[] {
  const rng = createRng(seed);
  const out: Expr[] = [];
  while (out.length < count) {
    let e = randomLeaf(rng, alphabet);
    while (exprComplexity(e) < size - 1) e = appendRandomOp(e, rng, alphabet);
    if (exprComplexity(e) <= size) out.push(e);
  }
  return out;
}

function throughputRow(label: string, unary: UnaryOp[]): BenchRow {
  const binary: BinaryOp[] = ['+', '-', '*', '/'];
  const alphabet: Alphabet = { nVars: 3, binary, unary };
  const rng = createRng(7);
  const X = [0, 1, 2].map(() => Float64Array.from({ length: N }, () => 0.5 + rng()));
  const trees = treesOfSize(20, 200, alphabet, 3);
  const programs: Program[] = trees.map((e) => { const p = loadProgram(createProgram(32), e); return { ...p, code: p.code.slice(), arg: p.arg.slice(), consts: p.consts.slice() }; });
  const nodes = trees.reduce((s, e) => s + exprComplexity(e), 0);
  const ev = createEvaluator(N);
  const out = new Float64Array(N);
  const reps = 20;
  const row = time(label, () => {
    for (let r = 0; r < reps; r++) for (const p of programs) evaluate(p, X, out, ev);
  }, 15, 3);
  const work = () => { for (let r = 0; r < reps; r++) for (const p of programs) evaluate(p, X, out, ev); };
  const rate = (nodes * N * reps) / (row.medianMs / 1000);
  const cpuRate = (nodes * N * reps * 5) / cpuSeconds(work, 5);
  return { ...row, name: `${label}: ${rateText(rate, cpuRate, 'node·points')}` };
}

function searchRow(): BenchRow {
  const rng = createRng(11);
  const n = 500;
  const x = Float64Array.from({ length: n }, () => rng() - 0.5);
  const y = Float64Array.from({ length: n }, () => rng() - 0.5);
  const target = y.map((v) => v / (1 + v));
  let evaluations = 0, ms = 0, cpu = 0;
  const row = time('search iteration (8 islands × 27 members × 200 cycles, 500 points)', () => {
    const s = createSearch({ X: [x, y], y: target, varNames: ['x', 'y'] }, { niterations: 2 }, 1);
    if (!s.ok) throw new Error(s.error);
    const e0 = s.value.evaluations;
    const t0 = performance.now(), c0 = process.cpuUsage();
    searchStep(s.value);
    ms += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1e6;
    evaluations += s.value.evaluations - e0;
  }, 5, 1);
  return { ...row, name: `${row.name}: ${(evaluations / (ms / 1000)).toFixed(0)} expressions/s wall, ${(evaluations / cpu).toFixed(0)} per CPU-second` };
}

/**
 * The machine's own ceiling, measured in the same run: a plain JS loop t[i] = a[i] + b[i] (then ×)
 * over 1,000 points, in op·points per second. A tree of ~20 nodes has ~10 operators and ~10
 * leaves, and our leaves cost nothing (a column reference or a scalar), so an evaluator at this
 * ceiling reaches about twice this figure in node·points per second.
 */
function plainLoopRow(): BenchRow {
  const a = new Float64Array(N).fill(1.5), b = new Float64Array(N).fill(2.5), t = new Float64Array(N);
  const reps = 4000;
  const row = time('reference: plain JS loops t = a + b, t = t × b, 1,000 points', () => {
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < N; i++) t[i] = a[i]! + b[i]!;
      for (let i = 0; i < N; i++) t[i] = t[i]! * b[i]!;
    }
  }, 15, 3);
  const work = () => {
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < N; i++) t[i] = a[i]! + b[i]!;
      for (let i = 0; i < N; i++) t[i] = t[i]! * b[i]!;
    }
  };
  const rate = (2 * reps * N) / (row.medianMs / 1000);
  const cpuRate = (2 * reps * N * 5) / cpuSeconds(work, 5);
  return { ...row, name: `${row.name}: ${rateText(rate, cpuRate, 'op·points')}` };
}

export async function benchSymbolic(): Promise<BenchRow[]> {
  return [
    plainLoopRow(),
    throughputRow('evaluate 200 trees of ~20 nodes (+ − × ÷), 1,000 points', []),
    throughputRow('evaluate 200 trees of ~20 nodes (+ − × ÷ sin cos exp), 1,000 points', ['sin', 'cos', 'exp']),
    searchRow(),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchSymbolic());
