/**
 * The library is the hypothesis: the large-swing pendulum, ẏ = −ω₀² sin x, is found by a
 * Fourier library and only imitated by polynomials, whose coefficients then depend on the
 * orbit they were fitted on.
 */
import type { LessonStep } from './types';

const PENDULUM = 'sys=pendulum&bias=0&thr=0.1';

export const librarySteps: readonly LessonStep[] = [
  {
    title: 'The small-angle guess',
    text: [
      'A pendulum released at 2 rad (115°). The textbook small-angle law is $\\dot y = -\\omega_0^2 x$, and a library of '
        + 'linear terms can only find a law of that form.',
      'The true law is $\\dot y = -\\omega_0^2 \\sin x$ (here $\\omega_0^2 = 1$). The best linear fit has the wrong '
        + 'coefficient and the wrong period: its simulation drifts away from the data.',
    ],
    link: `${PENDULUM}&deg=1&fourier=0`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Why does the approximation sin x ≈ x fail at 115°, and where would it be good enough?',
  },
  {
    title: 'More polynomial terms',
    text: [
      'With cubic terms the fit becomes excellent: the simulated trajectory lies on the data. But the model has a term '
        + 'in $x y^2$ that the physics of the pendulum does not have.',
    ],
    link: `${PENDULUM}&deg=3&fourier=0`,
    look: { testId: 'trajectory-plot', label: 'the simulated trajectories' },
    question: 'If the simulation matches the data, in what sense is this model wrong?',
  },
  {
    title: 'Release it higher',
    text: [
      'A law should not depend on where the pendulum starts. Released at 2.8 rad, the same library gives other '
        + 'coefficients: the polynomial fitted one orbit, not gravity.',
    ],
    link: `${PENDULUM}&deg=3&fourier=0&x0=2.8,0`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Which coefficient changed most? Why would a polynomial need more and more terms as the swing grows?',
  },
  {
    title: 'Give the library a sine',
    text: [
      'A Fourier library adds $\\sin x, \\cos x, \\sin y, \\cos y$. SINDy now selects $\\dot y = -\\sin x$ exactly, at any '
        + 'amplitude: the law, not an imitation.',
      'The library is the hypothesis: SINDy can only find what it is allowed to look for.',
    ],
    link: `${PENDULUM}&deg=1&fourier=1&x0=2.8,0`,
    look: { testId: 'fourier', label: 'the Fourier frequencies' },
    question: 'What would you put in the library for a system you know nothing about? What does each extra term cost?',
  },
];
