/**
 * Beyond SINDy: Kidger's rational oscillator (ẋ = y/(1+y), ẏ = −x/(1+x); Kidger 2021) is not a
 * finite sum of library terms. Polynomials imitate it near the data and fail away from it; a
 * guessed custom term expresses it; finding the form without guessing needs a formula search.
 * What the page offers for that is said in methodStatus.ts (one place, updated when it changes).
 */
import { richerMethodsText, SYMBOLIC_REGRESSION } from './methodStatus';
import type { LessonStep } from './types';

const RATIONAL = 'sys=rational_oscillator&thr=0.05';

export const beyondSindySteps: readonly LessonStep[] = [
  {
    title: 'A fraction, not a polynomial',
    text: [
      "Kidger's rational oscillator, $\\dot x = \\frac{y}{1+y}$, $\\dot y = -\\frac{x}{1+x}$, is not a finite sum of "
        + 'polynomial terms. A degree-3 library fits it with more than ten terms: the simulation looks perfect, but the '
        + 'equations are an imitation of the fractions near this orbit, not the law.',
    ],
    link: `${RATIONAL}&deg=3&bias=1`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Is a polynomial of more than ten terms that fits perfectly a discovery?',
  },
  {
    title: 'Leave the fitted region',
    text: [
      'Start the oscillator at $x = 3$: the orbit is larger, the fractions bend more and the polynomial no longer '
        + 'imitates them. Its simulation runs away from the data.',
    ],
    link: `${RATIONAL}&deg=3&bias=1&x0=3,0`,
    look: { testId: 'trajectory-plot', label: 'the simulated trajectories' },
    question: 'Why does a polynomial that fits one region well say nothing about another?',
  },
  {
    title: 'If you can guess the form',
    text: [
      'Custom terms put the fractions into the library: $\\frac{y}{1+y}$ and $\\frac{x}{1+x}$. SINDy then selects '
        + 'the two-term law, with coefficients $1$ and $-1$, on the large orbit too.',
      'But someone had to guess the fractions first.',
    ],
    link: `${RATIONAL}&deg=1&bias=0&x0=3,0&term=y/(1%2By)&term=x/(1%2Bx)`,
    look: { testId: 'custom-term', label: 'the custom terms' },
    question: 'How would you have guessed these terms without being told?',
  },
  {
    title: 'Finding the form without guessing',
    text: richerMethodsText(),
    link: SYMBOLIC_REGRESSION.inPage && SYMBOLIC_REGRESSION.link ? SYMBOLIC_REGRESSION.link : `${RATIONAL}&deg=3&bias=1`,
    look: { testId: 'equations-true', label: 'the true equations' },
    question: 'A formula search must be told which operations it may use. Is that not a library too?',
  },
];
