/**
 * Sparsity: the threshold of STLSQ (Brunton, Proctor & Kutz 2016) turns least squares over a
 * library into a short equation. Lorenz with 1 % noise: nothing pruned, the true seven terms,
 * too far, and the Pareto plot's knee as the way to choose without knowing the truth.
 */
import type { LessonStep } from './types';

const LORENZ = 'sys=lorenz&noise=1&seed=0&deg=2&bias=1';

export const sparsitySteps: readonly LessonStep[] = [
  {
    title: 'Least squares keeps every term',
    text: [
      'SINDy writes each time derivative as a combination of candidate terms, $\\dot{X} = \\Theta(X)\\,\\Xi$: '
        + 'the library $\\Theta$ holds $1, x, y, z, x^2, xy, \\dots, z^2$ (ten columns for three states at degree 2) and '
        + 'the coefficients $\\Xi$ are fitted to the data.',
      'The Lorenz system uses only seven of those thirty coefficients. With the threshold $\\lambda$ almost zero '
        + 'nothing is removed: every equation carries all ten terms, most of them small and fitted to the 1 % noise.',
    ],
    link: `${LORENZ}&thr=0.001`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Which of these thirty terms would you trust, and what makes a term believable?',
  },
  {
    title: 'Raise the threshold',
    text: [
      'STLSQ (sequentially thresholded least squares) sets every coefficient with $|\\xi| < \\lambda$ to zero, refits the '
        + 'terms that are left and repeats until the set of terms stops changing.',
      'At $\\lambda = 0.1$ exactly the seven true terms remain: $\\dot x = \\sigma (y - x)$, $\\dot y = x(\\rho - z) - y$, '
        + '$\\dot z = xy - \\beta z$, each coefficient within a few per cent. Drag the threshold slider and watch terms vanish.',
    ],
    link: `${LORENZ}&thr=0.1`,
    look: { testId: 'threshold', label: 'the threshold slider' },
    question: 'Between which values of λ does the model keep exactly the seven true terms? What sets the upper end?',
  },
  {
    title: 'Too far',
    text: [
      'Three true terms, $-y$, $-xz$ and $xy$, have coefficients of size 1. A threshold above 1 removes them; refitted '
        + 'without them, the other coefficients change too, and $\\dot z$ loses every term. The model left says $\\dot z = 0$: '
        + 'in its simulation (dashed) z never moves, and there is no butterfly.',
    ],
    link: `${LORENZ}&thr=1.5`,
    look: { testId: 'trajectory-plot', label: 'the simulated trajectories' },
    question: 'A threshold compares coefficients with each other. What would happen if z were measured in millimetres instead of metres?',
  },
  {
    title: 'The knee of the Pareto plot',
    text: [
      'Without the true equations, how do you choose $\\lambda$? The Pareto plot sweeps it: the number of terms against '
        + 'the fit error. Removing noise terms costs almost nothing, down to seven terms; below seven the error jumps.',
      'That knee is the sparsest model that still fits. Click a point of the plot to use its threshold.',
    ],
    link: `${LORENZ}&thr=0.1`,
    look: { testId: 'pareto-plot', label: 'the Pareto plot' },
    question: 'Where is the knee here? How would you choose if the plot had no sharp knee?',
  },
];
