/**
 * What the surfaces know of symbolic regression on ẏ without its engine (STYLE §14: the page's
 * main thread never loads the search): id, label, settings with their ranges and help, and the
 * operators' grammar. Imports only the operator names of model/expr (no code runs on import).
 */
import { BINARY_OPS, UNARY_OPS, type BinaryOp, type UnaryOp } from '../../model/expr';
import { err, ok, type Result } from '../../types';
import type { MethodField, MethodInfo } from '../types';

export interface GpSettings {
  /** comma-separated operators: any of + - * / and neg square cube sqrt exp log sin cos */
  operators: string;
  maxsize: number;
  populations: number;
  iterations: number;
  seed: number;
  /**
   * Which formula of the front to report: the simplest whose RMS error is within `tolerance` ×
   * std(ẏ_j) of the best one's. Derivative estimates are rarely better than 0.1 %, and below
   * that the longer formulas fit the estimate's error (finite differences on clean Lorenz: the
   * exact 10(y − x) at complexity 5, then 17-node formulas 0.01 % better). 0: PySR's "best" rule.
   */
  tolerance: number;
  /** threads the islands are spread over (0: automatic, one per core up to 4); the result does not depend on it */
  workers: number;
}

export const gpDefaults: Readonly<GpSettings> = Object.freeze({ operators: '+,-,*,/', maxsize: 20, populations: 8, iterations: 40, seed: 0, tolerance: 1e-3, workers: 0 });

/** Most workers one may ask for (more threads than islands would idle). */
export const MAX_WORKERS = 16;

/** Operators text → binary and unary lists, or a message naming the unknown one. */
export function parseOperators(text: string): Result<{ binary: BinaryOp[]; unary: UnaryOp[] }> {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const binary: BinaryOp[] = [];
  const unary: UnaryOp[] = [];
  for (const n of names) {
    if ((BINARY_OPS as readonly string[]).includes(n)) binary.push(n as BinaryOp);
    else if ((UNARY_OPS as readonly string[]).includes(n)) unary.push(n as UnaryOp);
    else return err(`Unknown operator '${n.slice(0, 20)}'. Use any of ${[...BINARY_OPS, ...UNARY_OPS].join(', ')}, separated by commas.`);
  }
  if (binary.length === 0) return err('Give at least one binary operator (+, -, *, /).');
  return ok({ binary, unary });
}

/** The settings a user can change (page, URL `m.<key>`, CLI `--<key>`), with their ranges. */
export const gpFields: readonly MethodField[] = Object.freeze([
  { key: 'operators', label: 'Operators', kind: 'text', maxLength: 200, placeholder: '+,-,*,/,sin',
    help: `The operators formulas may use, comma-separated: any of ${[...BINARY_OPS, ...UNARY_OPS].join(' ')}.`,
    check: (text: string) => { const r = parseOperators(text); return r.ok ? null : r.error; } },
  { key: 'maxsize', label: 'Largest formula', kind: 'int', min: 3, max: 60, unit: 'nodes', help: 'The largest formula the search considers, counted in tree nodes (20 is typical).' },
  { key: 'populations', label: 'Populations', kind: 'int', min: 1, max: 100, advanced: true, help: 'Independent populations (islands) evolving side by side, exchanging their best formulas.' },
  { key: 'iterations', label: 'Iterations', kind: 'int', min: 1, max: 10000, help: 'Rounds of evolution of every population; more finds more, slower.' },
  { key: 'seed', label: 'Search seed', kind: 'int', min: 0, max: 2 ** 31 - 1, advanced: true, help: 'The random seed of the search: the same seed and settings give the same formulas.' },
  { key: 'tolerance', label: 'Selection tolerance', kind: 'number', min: 0, max: 0.5, log: false, advanced: true,
    help: 'Report the simplest formula whose error is within this fraction of std(ẏ) of the best one (0: PySR\'s score).' },
  { key: 'workers', label: 'Workers', kind: 'int', min: 0, max: MAX_WORKERS, advanced: true,
    help: 'Threads the populations are spread over (0: automatic, one per core up to 4). Any number gives the same formulas; more are faster up to the number of cores.' },
] satisfies MethodField[]);

export const gpInfo: MethodInfo<GpSettings> = {
  id: 'gp',
  label: 'Symbolic regression on ẏ',
  description: 'A genetic-programming search for a formula per state, over the operators you allow (as PySR does), on the derivative estimates.',
  defaults: gpDefaults,
  fields: gpFields,
  // No library, no optimizer: the search composes the operators; it regresses on the derivative estimates.
  uses: () => ['derivative'],
};
