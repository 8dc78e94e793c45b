/**
 * Real data: the Hudson's Bay Company lynx and hare pelts, 1900–1920 (MacLulich 1937; the
 * bundled copy is public/data/lynx_hare.csv, loaded by name from src/state/bundled.ts). What
 * a model fitted to 21 yearly samples can claim: a hypothesis with a sign pattern, not a law
 * with coefficients.
 */
import type { LessonStep } from './types';

const LYNX = 'src=upload&data=lynx_hare&file=lynx_hare.csv&time=year&states=hare,lynx';

export const realDataSteps: readonly LessonStep[] = [
  {
    title: 'Twenty-one years of pelts',
    text: [
      "Pelts traded by the Hudson's Bay Company, 1900–1920, in thousands (MacLulich 1937): the classic predator–prey record. "
        + 'Hares (h) multiply, lynx (l) eat them; both populations cycle with a period of about ten years.',
      'With a degree-2 library SINDy proposes, for the hares, growth and a loss in proportion to $h\\,l$; for the lynx, a gain '
        + 'in proportion to $h\\,l$ and a decay: the form of Lotka–Volterra, $\\dot h = a h - b h l$, $\\dot l = c h l - d l$, '
        + 'plus two small cross terms.',
    ],
    link: `${LYNX}&deg=2&bias=0&thr=0.01`,
    look: { testId: 'equations-recovered', label: 'the recovered equations' },
    question: 'Which terms does the ecology predict, and which would you drop?',
  },
  {
    title: 'Derivatives from yearly counts',
    text: [
      'Each derivative is a difference between two yearly counts. From 21 samples per species this library estimates '
        + '10 coefficients, and whatever disturbs the counts (trapping effort, prices, reporting) goes straight into them.',
    ],
    link: `${LYNX}&deg=2&bias=0&thr=0.01`,
    look: { testId: 'derivative-plot', label: 'the estimated derivatives' },
    question: 'How many samples do you have per coefficient? How many would you want before trusting a term?',
  },
  {
    title: 'A bigger library fits better',
    text: [
      'Degree 3 with a constant term: more terms survive and R² rises. With more coefficients it always does. '
        + 'A closer fit to 21 points is not a better model of lynx and hares.',
    ],
    link: `${LYNX}&deg=3&bias=1&thr=0.001`,
    look: { testId: 'fit-summary', label: 'R² above the equations' },
    question: 'How would you check whether the extra terms describe the animals or the noise?',
  },
  {
    title: 'Another method, another model',
    text: [
      'The weak form integrates instead of differentiating. On this short record it proposes a different lynx equation: '
        + 'its $h\\,l$ term changes sign, so the lynx would lose, not gain, from meeting hares.',
    ],
    link: `${LYNX}&deg=2&bias=0&thr=0.01&form=weak`,
    look: { testId: 'formulation', label: 'the formulation' },
    question: 'Two reasonable methods disagree. What, then, can you claim from these data?',
  },
  {
    title: 'What 21 samples support',
    text: [
      'Back to finite differences, with 5 % noise added on top of the data. Press New draw a few times: the coefficients '
        + 'move, and the signs of the $h\\,l$ terms stay.',
      'From 21 samples you may claim a hypothesis (the data are consistent with a predator–prey interaction), not a law '
        + 'and not the values of the coefficients. Testing it needs more: other decades and regions, and predictions '
        + 'checked on years the model has not seen.',
    ],
    link: `${LYNX}&deg=2&bias=0&thr=0.01&noise=5&seed=1`,
    look: { testId: 'new-draw', label: 'the New draw button' },
    question: 'Which of the model\'s statements would you defend in front of an ecologist, and which not?',
  },
];
