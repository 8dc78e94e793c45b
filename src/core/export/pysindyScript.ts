/**
 * A Python script that reproduces a fit of ours with PySINDy 1.7.5 (de Silva et al. 2020), so a
 * user can continue in Python. It reads the CSV it names, defines the fitted `pysindy.SINDy` as
 * the top-level variable `model`, and prints the equations and the coefficients.
 *
 * Settings map one to one where PySINDy has the same thing, and a comment says what differs
 * where it has not:
 *   fd → FiniteDifference(order=2) (ours is exactly PySINDy's)
 *   smoothed-fd → SmoothedFiniteDifference(smoother_kws={window_length, polyorder}) (exactly)
 *   savgol → x_dot from scipy's savgol_filter(deriv=1): exactly ours on equally spaced samples
 *   tv → no equivalent (FiniteDifference stands in, with a comment)
 *   library → PolynomialLibrary(degree, include_bias) + FourierLibrary(n_frequencies) +
 *     CustomLibrary, in that order: PySINDy's ConcatLibrary keeps the order, and both order
 *     polynomial terms degree by degree and Fourier terms frequency, then state, then sin/cos
 *   STLSQ(threshold, alpha, max_iter, normalize_columns): the same algorithm (our conformance tests)
 *   SR3(threshold, nu, thresholder, max_iter, tol, normalize_columns, initial_guess=0): the same
 *     iteration (ours starts from 0, PySINDy from least squares unless given initial_guess)
 *   LASSO → sklearn Lasso(alpha, fit_intercept=False): the same objective (1/(2n))‖ẏ − Θξ‖² + α‖ξ‖₁,
 *     n = all samples of all trajectories, so α carries over unchanged
 *   MSTLS, the weak form, E-SINDy → commented: PySINDy 1.7.5 has no MSTLS; its WeakPDELibrary
 *     and EnsembleOptimizer use other test functions / resampling and aggregation.
 * Every fit of ours refits the kept terms by least squares (unbias); PySINDy's `fit(unbias=…)`
 * does the same, passed explicitly.
 */
import type { DerivativeSettings } from '../derivative/registry';
import { featureNames, type LibrarySettings } from '../library/library';
import { parseTerm } from '../library/expression';
import type { SparseSettings } from '../optimize/mstls';
import { csvImports, csvReaderSection, dataComments, safeFileName, numpyExpr, pyBool, pyComment, pyNum, pyStr, type CsvSource } from './python';

export interface PysindySpec extends CsvSource {
  derivative: DerivativeSettings;
  library: LibrarySettings;
  optimizer: SparseSettings;
  /** PySINDy's normalize_columns */
  normalize: boolean;
  /** 'weak': the fit used the weak form (no derivatives); commented, the strong form stands in */
  method?: 'sindy' | 'weak';
  /** E-SINDy settings when the fit was an ensemble */
  ensemble?: { models: number; inclusion: number; seed: number } | null;
  /** how the script was made (e.g. the command line), for its header */
  generatedBy?: string;
  /** the name the script is saved under, for the run line of its header (default fit.py) */
  scriptName?: string;
  /** the coefficients the playground found (m × p), printed as comments for comparison */
  expected?: { coefficients: number[][] } | null;
}

/** PySINDy's version the script is written for (its API changed in 2.0). */
export const PYSINDY_VERSION = '1.7.5';

export function pysindyScript(spec: PysindySpec): string {
  const names = featureNames(spec.stateColumns, spec.library);
  const p = names.ok ? names.value.length : null;
  const lines = [
    ...header(spec, names.ok ? names.value : null),
    ...csvImports(spec),
    '',
    'import numpy as np',
    'import pysindy as ps',
    ...(spec.derivative.method === 'savgol' ? ['from scipy.signal import savgol_filter'] : []),
    ...(spec.optimizer.method === 'lasso' ? ['from sklearn.linear_model import Lasso'] : []),
    '',
    ...csvReaderSection(spec),
    '',
    '',
    't, x = read_trajectories(CSV_PATH)',
    '',
    ...methodNotes(spec),
    ...derivativeSection(spec.derivative),
    '',
    ...librarySection(spec),
    '',
    ...optimizerSection(spec, p),
    '',
    ...fitSection(spec),
    '',
  ];
  return lines.join('\n');
}

function header(spec: PysindySpec, features: string[] | null): string[] {
  return [
    `"""Reproduce a SINDy Playground fit with PySINDy ${PYSINDY_VERSION}.`,
    '',
    runLine(spec.scriptName),
    'It defines the fitted model as the variable `model` and prints its equations and coefficients.',
    '"""',
    ...(spec.generatedBy ? [pyComment(`Made by: ${spec.generatedBy}`)] : []),
    ...dataComments(spec),
    ...(features ? [pyComment(`Features, in the playground's order (PySINDy's is the same): ${features.join(', ')}`)] : []),
    ...expectedSection(spec),
  ];
}

function runLine(scriptName: string | undefined): string {
  const name = safeFileName(scriptName ?? '', 'fit.py');
  return `Run: pip install pysindy==${PYSINDY_VERSION}, then python ${name}${scriptName ? '' : ' (this file saved as fit.py)'}.`;
}

/** The coefficients the playground found, as comments, to compare with model.coefficients(). */
function expectedSection(spec: PysindySpec): string[] {
  const e = spec.expected;
  if (!e) return [];
  return [
    pyComment('The playground found (one row per state, one column per feature above):'),
    ...e.coefficients.map((row, j) => pyComment(`  ${spec.stateColumns[j] ?? `x${j}`}: [${row.map(pyNum).join(', ')}]`)),
  ];
}

/** Comments on what the playground did that PySINDy 1.7.5 cannot do the same way. */
function methodNotes(spec: PysindySpec): string[] {
  const notes: string[] = [];
  if (spec.method === 'weak') {
    notes.push(
      '# NOT THE SAME: the playground fitted the weak form (integrals against test functions',
      '# φ(t) = C(t−a)^p (b−t)^p, Messenger & Bortz 2021). PySINDy 1.7.5\'s WeakPDELibrary uses other',
      '# test functions and subdomains, so the ordinary (strong) form with the same library and',
      '# optimizer stands in below; expect different coefficients on noisy data.',
    );
  }
  if (spec.ensemble) {
    notes.push(
      `# NOT THE SAME: the playground bagged ${spec.ensemble.models} models (E-SINDy, seed ${spec.ensemble.seed}) and kept the terms`,
      `# found in at least ${Math.round(spec.ensemble.inclusion * 1000) / 10} % of them, refitted. PySINDy's EnsembleOptimizer below bags as`,
      '# many bootstrap resamples, but with numpy\'s random numbers and the median of the models.',
    );
  }
  return notes.length ? [...notes, ''] : [];
}

function derivativeSection(d: DerivativeSettings): string[] {
  switch (d.method) {
    case 'fd':
      return ['differentiation_method = ps.FiniteDifference(order=2)'];
    case 'smoothed-fd':
      return [`differentiation_method = ps.SmoothedFiniteDifference(smoother_kws={"window_length": ${d.window}, "polyorder": ${d.order}})`];
    case 'savgol':
      return [
        `# The playground's Savitzky–Golay derivative is the slope of the least-squares polynomial`,
        `# (window ${d.window}, order ${d.order}) around each sample. PySINDy has no such method, but scipy's`,
        '# savgol_filter(deriv=1) is exactly it on equally spaced samples: the derivatives are computed',
        '# here and given to fit() as x_dot (on unequally spaced samples the playground refits each',
        '# window at the true times; this does not).',
        'def savgol_derivative(xi, ti):',
        '    dt = (ti[-1] - ti[0]) / (len(ti) - 1)',
        `    return savgol_filter(xi, window_length=${d.window}, polyorder=${d.order}, deriv=1, delta=dt, axis=0, mode="interp")`,
        '',
        '',
        'x_dot = [savgol_derivative(xi, ti) for xi, ti in zip(x, t)]',
        'differentiation_method = ps.FiniteDifference(order=2)  # not used: x_dot is given',
      ];
    case 'tv':
      return [
        `# NOT THE SAME: the playground used total-variation regularised differentiation (Chartrand 2011,`,
        `# alpha = ${pyNum(d.alpha)}, ${d.iterations} iterations). PySINDy 1.7.5 has no equivalent; finite differences`,
        '# stand in, so expect different coefficients on noisy data.',
        'differentiation_method = ps.FiniteDifference(order=2)',
      ];
  }
}

function librarySection(spec: PysindySpec): string[] {
  const { degree, bias, fourier, custom } = spec.library;
  const parts: string[] = [];
  const lines: string[] = [];
  if (degree > 0 || bias) parts.push(`ps.PolynomialLibrary(degree=${degree}, include_bias=${pyBool(bias)})`);
  if (fourier > 0) parts.push(`ps.FourierLibrary(n_frequencies=${fourier})`);
  if (custom.length > 0) {
    const m = spec.stateColumns.length;
    // One argument per state: with m arguments and interaction_only, CustomLibrary applies each
    // function to the single combination (state 1, …, state m), giving one column per term.
    const args = Array.from({ length: m }, (_, k) => `s${k}`);
    const functions: string[] = [];
    const fnNames: string[] = [];
    for (const text of custom) {
      const term = parseTerm(text, spec.stateColumns);
      if (!term.ok) {
        lines.push(pyComment(`custom term ${pyStr(text)} left out: ${term.error}`));
        continue;
      }
      functions.push(`    lambda ${args.join(', ')}: ${numpyExpr(term.value.expr, args)},  # ${term.value.name}`);
      fnNames.push(`    lambda *_: ${pyStr(term.value.name)},`);
    }
    if (functions.length > 0) {
      lines.push(
        pyComment(`Custom terms, each a function of all ${m} states (${spec.stateColumns.join(', ')}), so each gives one column.`),
        'custom_functions = [', ...functions, ']',
        'custom_names = [', ...fnNames, ']',
      );
      parts.push('ps.CustomLibrary(library_functions=custom_functions, function_names=custom_names, interaction_only=True)');
    }
  }
  if (parts.length === 0) parts.push('ps.PolynomialLibrary(degree=1, include_bias=False)  # the playground\'s library was empty');
  return [...lines, `feature_library = ${parts.join(' + ')}`];
}

function optimizerSection(spec: PysindySpec, p: number | null): string[] {
  const o = spec.optimizer;
  const norm = pyBool(spec.normalize);
  let lines: string[];
  switch (o.method) {
    case 'stlsq':
      lines = [`optimizer = ps.STLSQ(threshold=${pyNum(o.threshold)}, alpha=${pyNum(o.alpha)}, max_iter=${o.maxIter}, normalize_columns=${norm})`];
      break;
    case 'sr3': {
      const guess = p === null ? '' : `, initial_guess=np.zeros((${spec.stateColumns.length}, ${p}))`;
      lines = [
        '# The playground starts SR3 from zero coefficients; PySINDy starts from least squares unless',
        '# given initial_guess. Its stopping rule is ‖Δw‖/ν < tol (ours: largest change ≤ tol · largest w).',
        `optimizer = ps.SR3(threshold=${pyNum(o.threshold)}, nu=${pyNum(o.nu)}, thresholder=${pyStr(o.regularizer)}, max_iter=${o.maxIter}, tol=${pyNum(o.tol)}, normalize_columns=${norm}${guess})`,
      ];
      break;
    }
    case 'lasso':
      lines = [
        '# scikit-learn\'s Lasso minimises (1/(2n))‖ẏ − Θξ‖² + α‖ξ‖₁ over all n samples, as the playground',
        '# does, so α is the same number. The playground reaches the exact optimum with an active-set',
        '# step; plain coordinate descent needs more sweeps on correlated columns, hence the generous max_iter.',
        ...(spec.normalize ? ['# NOT THE SAME: the playground normalised the library columns; PySINDy cannot for a scikit-learn optimizer.'] : []),
        `optimizer = Lasso(alpha=${pyNum(o.alpha)}, fit_intercept=False, max_iter=${Math.max(o.maxIter, 100000)}, tol=${pyNum(Math.min(o.tol, 1e-10))})`,
      ];
      break;
    case 'mstls':
      lines = [
        '# NOT THE SAME: the playground used MSTLS (Messenger & Bortz 2021): a relative threshold',
        `# λ ${o.threshold > 0 ? `= ${pyNum(o.threshold)}` : 'chosen per equation by its loss'} on each term's share |ξ_a|·‖Θ_a‖/‖ẏ‖. PySINDy ${PYSINDY_VERSION} has no MSTLS;`,
        '# plain STLSQ with the same ridge α stands in: choose its (absolute) threshold yourself.',
        `optimizer = ps.STLSQ(threshold=0.1, alpha=${pyNum(o.alpha)}, max_iter=${o.maxIter}, normalize_columns=${norm})`,
      ];
      break;
  }
  // PySINDy reads `optimizer.unbias` where the optimizer has it (it then overrides fit's
  // unbias=…); setting it makes both PySINDy 1.7 variants refit as we do.
  lines.push(`optimizer.unbias = ${pyBool(unbiasOf(o))}  # refit the kept terms by least squares${unbiasOf(o) ? ', as the playground does' : ': the playground did not'}`);
  if (spec.ensemble) {
    lines.push(
      'n_samples = sum(len(ti) for ti in t)',
      `optimizer = ps.EnsembleOptimizer(opt=optimizer, bagging=True, n_models=${spec.ensemble.models}, n_subset=n_samples, replace=True)`,
    );
  }
  return lines;
}

function unbiasOf(o: SparseSettings): boolean {
  return o.method === 'lasso' || o.method === 'sr3' ? o.unbias : true;
}

function fitSection(spec: PysindySpec): string[] {
  const several = Boolean(spec.trajectoryColumn);
  const xArg = several ? 'x' : 'x[0]';
  const tArg = several ? 't' : 't[0]';
  const xDot = spec.derivative.method === 'savgol' ? `, x_dot=${several ? 'x_dot' : 'x_dot[0]'}` : '';
  return [
    'model = ps.SINDy(',
    '    optimizer=optimizer,',
    '    feature_library=feature_library,',
    '    differentiation_method=differentiation_method,',
    '    feature_names=STATE_COLUMNS,',
    ')',
    `model.fit(${xArg}, t=${tArg}${xDot}${several ? ', multiple_trajectories=True' : ''}, unbias=${pyBool(unbiasOf(spec.optimizer))})`,
    '',
    'if __name__ == "__main__":',
    '    model.print(precision=6)',
    '    np.set_printoptions(precision=12, linewidth=160)',
    '    print("features:", model.get_feature_names())',
    '    print("coefficients (one row per state, one column per feature):")',
    '    print(model.coefficients())',
    ...(spec.ensemble ? [
      '    models = np.array(optimizer.coef_list)',
      '    print("inclusion probabilities (fraction of bagged models with the term):")',
      '    print(np.mean(models != 0, axis=0))',
    ] : []),
  ];
}

