/**
 * Noise: why derivatives are the weak point of SINDy and what the alternatives buy. Lorenz
 * with growing noise: finite differences, Savitzky–Golay smoothing, the weak form (Messenger &
 * Bortz 2021) and MSTLS; it ends in the noise lab, which repeats the comparison over seeds.
 */
import type { LessonStep } from './types';

const LORENZ = 'sys=lorenz&seed=0&deg=2&bias=1&thr=0.2';

export const noiseSteps: readonly LessonStep[] = [
  {
    title: 'A little noise',
    text: [
      'Measurements are noisy. Here noise of 2 % of each state\'s standard deviation is added to Lorenz data sampled every '
        + '$\\Delta t = 0.002$.',
      'SINDy regresses on the derivative $\\dot x$, which finite differences estimate as '
        + '$(x_{i+1} - x_{i-1}) / 2\\Delta t$: the noise is divided by $0.004$. At 2 % the seven terms are still found.',
    ],
    link: `${LORENZ}&noise=2`,
    look: { testId: 'derivative-plot', label: 'the estimated derivatives' },
    question: 'Compare the noise on the derivative plot with the noise on the trajectories. Why is it so much larger?',
  },
  {
    title: 'More noise',
    text: [
      'At 5 % the finite-difference derivatives are mostly noise: the regression explains little of them (see R² above the '
        + 'equations), extra terms appear and the coefficient of $-y$ is far off.',
    ],
    link: `${LORENZ}&noise=5`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Can a different threshold rescue this fit? Try a few before the next step.',
  },
  {
    title: 'Smooth first',
    text: [
      'A Savitzky–Golay filter fits a polynomial to 21 neighbouring samples and differentiates the polynomial: far less '
        + 'noise in $\\dot x$, so R² rises. But smoothing also rounds off the sharp turns of the attractor, a bias: '
        + 'the fit is still not the Lorenz system.',
    ],
    link: `${LORENZ}&noise=5&deriv=savgol&sgw=21&sgo=3`,
    look: { testId: 'deriv-method', label: 'the derivative method' },
    question: 'What does a wider window buy, and what does it cost? Try windows of 11 and 41.',
  },
  {
    title: 'No derivatives: the weak form',
    text: [
      'The weak form (Messenger & Bortz 2021) never estimates $\\dot x$. It multiplies the equations by smooth test '
        + 'functions $\\varphi(t)$ that vanish at both ends of a window and integrates by parts: '
        + '$-\\int \\varphi\'(t)\\, x\\, dt = \\int \\varphi(t)\\, \\Theta(x)\\, dt\\; \\xi$.',
      'Integrals average the noise out: at 5 % all seven terms come back, each coefficient within a few per cent.',
    ],
    link: `${LORENZ}&noise=5&form=weak`,
    look: { testId: 'formulation', label: 'the formulation' },
    question: 'Why does integrating against φ average the noise out, when differentiating amplifies it?',
  },
  {
    title: 'Ten per cent',
    text: [
      'At 10 % noise a fixed threshold lets a few extra terms into even the weak form. MSTLS chooses the threshold for '
        + 'each equation by balancing fit against sparsity, relative to the size of each term, and finds the seven terms again.',
    ],
    link: `${LORENZ}&noise=10&form=weak&opt=mstls`,
    look: { testId: 'optimizer', label: 'the optimizer' },
    question: 'MSTLS chose a threshold for you. What did it have to assume about the equations?',
  },
  {
    title: 'The noise lab',
    text: [
      'One fit is one draw of the noise. The noise lab repeats the fit for several noise levels and seeds, for each '
        + 'method, and plots how often exactly the true terms are found. The finite-difference curve falls first.',
    ],
    link: `${LORENZ}&noise=0&view=lab&lab.noise=0,2,5,10&lab.methods=fd,savgol,weak&lab.seeds=2`,
    look: { testId: 'noise-lab', label: 'the noise lab' },
    question: 'At which noise level does each method stop working? Would you trust a method on one lucky seed?',
  },
];
