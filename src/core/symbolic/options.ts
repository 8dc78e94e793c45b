/**
 * Every setting of a symbolic-regression search, in one frozen defaults object (as
 * SymbolicRegression.jl's `Options`). Defaults follow PySR where they suit a browser:
 * - mutation weights, tournament (12, p = 0.86), adaptive parsimony scaling 20, crossover 0.066,
 *   migration fractions and perturbation factor are PySR's long-standing (pre-0.17) defaults. Its
 *   later tuned set (rotate 4.26, insert 0.011, scaling 1040) belongs with other changes of that
 *   release; alone here it found Kidger's y/(1 + y) less often, so it is not the default;
 * - parsimony 0 and constant fitting (probability 0.14, 8 iterations, 2 restarts) as current PySR;
 * - fewer populations and cycles per iteration than PySR (31 × 380): 8 × 200, so an iteration of
 *   the default search takes a fraction of a second on 1,000 points and the page can show progress.
 * `validateSymbolicOptions(partial)` fills in defaults and rejects bad values with a message that
 * names the option and its allowed range.
 */
import { BINARY_OPS, UNARY_OPS, type BinaryOp, type UnaryOp } from '../model/expr';
import { err, ok, type Result } from '../types';

/** Relative weights of the mutations (PySR's `weight_*`; 0 disables one). */
export interface MutationWeights {
  mutateConstant: number;
  mutateOperator: number;
  swapOperands: number;
  rotateTree: number;
  addNode: number;
  insertNode: number;
  deleteNode: number;
  simplify: number;
  randomize: number;
  doNothing: number;
  optimize: number;
}

export interface SymbolicOptions {
  binaryOperators: readonly BinaryOp[];
  unaryOperators: readonly UnaryOp[];
  /** islands evolved independently between migrations */
  populations: number;
  populationSize: number;
  /** iterations of the whole search (evolve, optimise, simplify, migrate, hall of fame) */
  niterations: number;
  /** regularised-evolution cycles per island per iteration */
  ncyclesPerIteration: number;
  /** largest tree (node count) and deepest tree allowed */
  maxsize: number;
  maxdepth: number;
  /**
   * cost = loss / baseline loss + parsimony × complexity. 0 by default, as in PySR ≥ 0.17: a fixed
   * penalty outweighs the loss once the fit is within a few per mille, and adaptive parsimony
   * already keeps small trees in play (with 0.0032 Kidger's y/(1 + y) was found less often).
   */
  parsimony: number;
  /** tournament cost × exp(scaling × frequency of the candidate's complexity) (PySR's adaptive parsimony) */
  adaptiveParsimonyScaling: number;
  tournamentSelectionN: number;
  tournamentSelectionP: number;
  mutationWeights: Readonly<MutationWeights>;
  crossoverProbability: number;
  /** a mutated constant is scaled by up to 1 + perturbationFactor + 0.1 (either way) */
  perturbationFactor: number;
  probabilityNegateConstant: number;
  /** mean fraction of each island replaced by the best of other islands / of the hall of fame, per iteration */
  fractionReplaced: number;
  fractionReplacedHof: number;
  /** best members per island offered to the others at migration */
  topn: number;
  /** probability per member per iteration that its constants are optimised */
  optimizerProbability: number;
  optimizerIterations: number;
  optimizerNrestarts: number;
  /** stop early once the best loss is ≤ this (0: run every iteration) */
  earlyStopLoss: number;
}

export const defaultMutationWeights: Readonly<MutationWeights> = Object.freeze({
  mutateConstant: 0.048,
  mutateOperator: 0.47,
  swapOperands: 0.1,
  rotateTree: 0.3,
  addNode: 0.79,
  insertNode: 5.1,
  deleteNode: 1.7,
  simplify: 0.002,
  randomize: 0.00023,
  doNothing: 0.21,
  optimize: 0,
});

export const defaultSymbolicOptions: Readonly<SymbolicOptions> = Object.freeze({
  binaryOperators: Object.freeze(['+', '-', '*', '/'] as BinaryOp[]),
  unaryOperators: Object.freeze([] as UnaryOp[]),
  populations: 8,
  populationSize: 27,
  niterations: 40,
  ncyclesPerIteration: 200,
  maxsize: 20,
  maxdepth: 20,
  parsimony: 0,
  adaptiveParsimonyScaling: 20,
  tournamentSelectionN: 12,
  tournamentSelectionP: 0.86,
  mutationWeights: defaultMutationWeights,
  crossoverProbability: 0.066,
  perturbationFactor: 0.076,
  probabilityNegateConstant: 0.01,
  fractionReplaced: 0.000364,
  fractionReplacedHof: 0.035,
  topn: 12,
  optimizerProbability: 0.14,
  optimizerIterations: 8,
  optimizerNrestarts: 2,
  earlyStopLoss: 0,
});

type NumericKey = { [K in keyof SymbolicOptions]: SymbolicOptions[K] extends number ? K : never }[keyof SymbolicOptions];

/** [min, max, integer?] for each numeric option */
const RANGES: Record<NumericKey, [number, number, boolean]> = {
  populations: [1, 256, true],
  populationSize: [4, 1000, true],
  niterations: [1, 65535, true],
  ncyclesPerIteration: [1, 100000, true],
  maxsize: [3, 60, true],
  maxdepth: [2, 60, true],
  parsimony: [0, 10, false],
  adaptiveParsimonyScaling: [0, 10000, false],
  tournamentSelectionN: [2, 1000, true],
  tournamentSelectionP: [0, 1, false],
  crossoverProbability: [0, 1, false],
  perturbationFactor: [0, 100, false],
  probabilityNegateConstant: [0, 1, false],
  fractionReplaced: [0, 1, false],
  fractionReplacedHof: [0, 1, false],
  topn: [1, 1000, true],
  optimizerProbability: [0, 1, false],
  optimizerIterations: [0, 1000, true],
  optimizerNrestarts: [0, 100, true],
  earlyStopLoss: [0, Number.MAX_VALUE, false],
};

/** Defaults completed by `partial`, or the first problem found, naming the option and what to do. */
export function validateSymbolicOptions(partial: Partial<SymbolicOptions> = {}): Result<SymbolicOptions> {
  const known = new Set(Object.keys(defaultSymbolicOptions));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) return err(`Unknown symbolic-regression option "${key}". Known options: ${[...known].join(', ')}.`);
  }
  const o: SymbolicOptions = { ...defaultSymbolicOptions, ...partial, mutationWeights: { ...defaultMutationWeights, ...partial.mutationWeights } };
  for (const [key, [min, max, integer]] of Object.entries(RANGES) as [NumericKey, [number, number, boolean]][]) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      return err(`Option ${key} is ${String(v)}: it must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
    }
  }
  const ops = checkOperators(o.binaryOperators, BINARY_OPS, 'binaryOperators');
  if (ops) return err(ops);
  const uops = checkOperators(o.unaryOperators, UNARY_OPS, 'unaryOperators');
  if (uops) return err(uops);
  if (o.binaryOperators.length === 0) return err('binaryOperators is empty: give at least one of + - * / (a tree without binary operators cannot combine variables).');
  let total = 0;
  for (const [name, w] of Object.entries(o.mutationWeights)) {
    if (!Object.prototype.hasOwnProperty.call(defaultMutationWeights, name)) return err(`Unknown mutation weight "${name}". Known: ${Object.keys(defaultMutationWeights).join(', ')}.`);
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) return err(`Mutation weight ${name} is ${String(w)}: weights must be finite and ≥ 0.`);
    total += w;
  }
  if (!(total > 0)) return err('Every mutation weight is 0: give at least one mutation a positive weight.');
  if (o.tournamentSelectionN > o.populationSize) return err(`tournamentSelectionN (${o.tournamentSelectionN}) exceeds populationSize (${o.populationSize}): lower it or grow the populations.`);
  return ok({ ...o, binaryOperators: [...new Set(o.binaryOperators)], unaryOperators: [...new Set(o.unaryOperators)] });
}

function checkOperators(list: unknown, allowed: readonly string[], name: string): string | null {
  if (!Array.isArray(list)) return `${name} must be a list of operator names (${allowed.join(', ')}).`;
  for (const op of list) {
    if (typeof op !== 'string' || !allowed.includes(op)) return `Unknown operator "${String(op)}" in ${name}: use ${allowed.join(', ')}.`;
  }
  return null;
}
