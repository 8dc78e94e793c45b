/**
 * Why the ensemble does worse than its own base method, where it does, said from the sweep's
 * results. E-SINDy (Fasel et al. 2022) fits each bagged model to a bootstrap resample of the
 * regression rows and keeps the terms found by at least the inclusion threshold of the models.
 *
 * With a derivative filter (finite differences, Savitzky–Golay) the noise of ẏ alternates from
 * one sample to the next: in a least-squares fit over all consecutive rows, Θᵀ(D e) = (DᵀΘ)ᵀe
 * sums by parts to a small term (the very reason the weak form works). A resample repeats some
 * rows and drops others, so the sum no longer telescopes and each bagged model sees the
 * derivative's noise at full strength. Measured on Lorenz at 1 % noise (least squares on the
 * degree-2 library): the coefficient of the constant in ż scatters 3.1× (finite differences)
 * and 2.0× (Savitzky–Golay) more across 200 resamples of one dataset than the full fit does
 * across 30 noise draws. Small terms the full fit prunes then cross λ in most bagged models,
 * with either sign (inclusion 0.7–1.0 at a median of 0), and the refit keeps them: 0 of 4
 * exact at 1 % against 3 of 4 for finite differences. With total variation or the weak form as
 * the base the ensemble did as well as its base in the same sweep. Type-only and import-free
 * modules only: the playground's main thread reads this.
 */
import type { LabMethod } from './methodIds';
import type { SweepCell } from './noiseSweep';

/** A median coefficient error this much above the base's counts as worse. */
const WORSE_ERROR = 1.2;

/** The ensemble's base as a lab method, when the lab compares it ('smoothed-fd' is not a lab method). */
export type EnsembleBase = Exclude<LabMethod, 'ensemble'> | null;

export interface EnsembleShortfall {
  /** noise levels where the ensemble recovered fewer exact models, or erred clearly more */
  levels: { noise: number; ensemble: SweepCell; base: SweepCell; byRecovery: boolean }[];
  /** extra terms of the ensemble's fits at those levels, most frequent first: 'z|1' → fits */
  extras: [string, number][];
  fits: number;
}

/** Where the ensemble did worse than its base in this sweep (null: nowhere, or no base to compare). */
export function ensembleShortfall(cells: readonly SweepCell[], base: EnsembleBase): EnsembleShortfall | null {
  if (!base) return null;
  const levels: EnsembleShortfall['levels'] = [];
  for (const e of cells) {
    if (e.method !== 'ensemble' || e.noise === 0) continue;
    const b = cells.find((c) => c.method === base && c.noise === e.noise);
    if (!b || b.runs === 0 || e.runs === 0) continue;
    const byRecovery = e.successes < b.successes;
    const byError = e.successes === b.successes && e.medianCoefficientError > WORSE_ERROR * b.medianCoefficientError;
    if (byRecovery || byError) levels.push({ noise: e.noise, ensemble: e, base: b, byRecovery });
  }
  if (levels.length === 0) return null;
  const tally = new Map<string, number>();
  for (const l of levels) for (const [k, n] of Object.entries(l.ensemble.extras)) tally.set(k, (tally.get(k) ?? 0) + n);
  const extras = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { levels, extras, fits: levels.reduce((s, l) => s + l.ensemble.runs, 0) };
}

const pct = (fraction: number) => `${Number((fraction * 100).toPrecision(3))} %`;
const errPct = (e: number) => (Number.isFinite(e) ? `${Number((100 * e).toPrecision(2))} %` : 'no fit');

/** 'z|1' → 'the constant in dz/dt', 'y|x^2' → 'x^2 in dy/dt' */
function termIn(key: string): string {
  const [state, term] = key.split('|');
  return `${term === '1' ? 'the constant' : term} in d${state}/dt`;
}

/**
 * The explanation the lab prints under its plots, or null when the ensemble did not do worse.
 * `label` names a lab method as the page does.
 */
export function ensembleNote(cells: readonly SweepCell[], base: EnsembleBase, label: (m: LabMethod) => string): string | null {
  const s = ensembleShortfall(cells, base);
  if (!s || !base) return null;
  const what = s.levels.map((l) => (l.byRecovery
    ? `${pct(l.noise)} (${l.ensemble.successes} of ${l.ensemble.runs} exact against ${l.base.successes} of ${l.base.runs})`
    : `${pct(l.noise)} (coefficient error ${errPct(l.ensemble.medianCoefficientError)} against ${errPct(l.base.medianCoefficientError)})`));
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}` : what[0]!;
  const extra = s.extras[0];
  const first = s.levels[0]!;
  const extraText = extra
    ? ` At ${pct(first.noise)} its models kept a median of ${fmtCount(first.ensemble.medianExtra)} extra term${first.ensemble.medianExtra === 1 ? '' : 's'} per fit, against ${fmtCount(first.base.medianExtra)} for ${label(base).toLowerCase()}; the most frequent was ${termIn(extra[0])} (${extra[1]} of ${s.fits} fits at these levels).`
    : '';
  const head = `The ensemble did worse than its base, ${label(base).toLowerCase()}, at ${list}.${extraText} Why:`;
  const why = base === 'fd' || base === 'savgol'
    ? ' each bagged model is fitted to a bootstrap resample of the rows. The noise of a derivative estimated by a filter alternates from one sample to the next and largely cancels in a fit over all consecutive rows; a resample repeats some rows and drops others, so the cancellation is lost and every bagged model sees the derivative noise at full strength. Small terms that the full fit prunes then cross λ in most bagged models, with either sign, and pass the inclusion threshold. On Lorenz the ensemble does as well as its base when that base is total variation (Derivatives) or the weak form (Formulation).'
    : ' each bagged model sees about 63 % of the distinct rows, so its coefficients scatter more than the full fit\'s: terms near λ are kept by enough bagged models to pass the inclusion threshold. A higher inclusion threshold or λ keeps fewer of them.';
  return head + why;
}

const fmtCount = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(2))) : '—');
