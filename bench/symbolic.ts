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
  const rate = (nodes * N * reps) / (row.medianMs / 1000);
  return { ...row, name: `${label}: ${(rate / 1e9).toFixed(2)}×10⁹ node·points/s` };
}

function searchRow(): BenchRow {
  const rng = createRng(11);
  const n = 500;
  const x = Float64Array.from({ length: n }, () => rng() - 0.5);
  const y = Float64Array.from({ length: n }, () => rng() - 0.5);
  const target = y.map((v) => v / (1 + v));
  let evaluations = 0, ms = 0;
  const row = time('search iteration (8 islands × 27 members × 200 cycles, 500 points)', () => {
    const s = createSearch({ X: [x, y], y: target, varNames: ['x', 'y'] }, { niterations: 2 }, 1);
    if (!s.ok) throw new Error(s.error);
    const e0 = s.value.evaluations;
    const t0 = performance.now();
    searchStep(s.value);
    ms += performance.now() - t0;
    evaluations += s.value.evaluations - e0;
  }, 5, 1);
  return { ...row, name: `${row.name}: ${(evaluations / (ms / 1000)).toFixed(0)} expressions/s` };
}

export async function benchSymbolic(): Promise<BenchRow[]> {
  return [
    throughputRow('evaluate 200 trees of ~20 nodes (+ − × ÷), 1,000 points', []),
    throughputRow('evaluate 200 trees of ~20 nodes (+ − × ÷ sin cos exp), 1,000 points', ['sin', 'cos', 'exp']),
    searchRow(),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRows(await benchSymbolic());
