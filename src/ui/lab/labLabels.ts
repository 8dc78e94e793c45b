/** Names of the noise lab's methods and levels as the lab's views print them. */
import type { LabMethod } from '../../core/lab/methodIds';

export const METHOD_LABEL: Readonly<Record<LabMethod, string>> = Object.freeze({
  fd: 'Finite differences', savgol: 'Savitzky–Golay', tv: 'Total variation', weak: 'Weak form', ensemble: 'Ensemble (E-SINDy)',
});

/** A noise fraction as a percentage: 0.05 → '5%'. */
export function fmtPct(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}
