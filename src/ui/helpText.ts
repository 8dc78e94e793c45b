/**
 * Short explanations of every number and figure on the page, in the voice of the system
 * descriptions: what it is, how to read it, what to do about it. One table, so a "?" anywhere
 * reads from the same place.
 */
export const HELP = Object.freeze({
  r2: { title: 'R²', text: 'How much of the variation of the regression target the recovered model explains: 1 is a perfect fit, 0 is no better than a constant. The target differs by method: the estimated derivatives ẏ (strong form), which noise makes rough, so R² drops even for the right model; or the integrals against test functions (weak form), which average the noise out. So R² does not compare methods: the simulation error does. A high R² with the wrong terms is still the wrong model: check the support too.' },
  simError: { title: 'simulation error', text: 'The recovered model integrated from the first sample, compared over the whole span with the noise-free trajectory (built-in systems) or the data (uploads): the RMS difference per state, as a percentage of that state\'s RMS. It means the same for every method and every noise level. Chaotic systems (Lorenz) drift apart after a while even with nearly exact coefficients, so a large value there is not by itself a wrong model.' },
  support: { title: 'support', text: 'Which library terms appear in each recovered equation. "Exact support" means the same terms as the true system, no more and no fewer. Missing terms are struck out, extra ones underlined.' },
  coefError: { title: 'coefficient error', text: 'For each true term, |recovered − true| / |true|, as a percentage; the summary gives the largest. Noise and a coarse derivative estimate raise it; the weak form and smoothing lower it.' },
  heatmap: { title: 'the coefficient heatmap', text: 'One row per library term, one column per equation; the colour is the coefficient (orange positive, blue negative, on a log scale so 0.01 and 28 both show), blank cells were pruned. Outlined cells are the true terms. After a fit the thresholding passes play back: watch terms vanish.' },
  pareto: { title: 'the sparsity sweep', text: 'Each point is a fit at one threshold: how many terms it keeps against how badly it fits (1 − R², log scale). The knee, where removing one more term makes the error jump, is usually the true model. Click a point, or pick it from the list, to use its threshold.' },
  ridge: { title: 'ridge α', text: 'A small penalty α‖ξ‖² added to each least-squares fit. It keeps the fit stable when library columns are nearly alike (high degrees, normalised or not); too large and every coefficient shrinks.' },
  nu: { title: 'ν (SR3 relaxation)', text: 'SR3 keeps two copies of the coefficients, a fitted one and a sparse one, tied together with strength 1/ν. Small ν ties them tightly (close to STLSQ); large ν lets the sparse copy move further from the least-squares fit.' },
  normalize: { title: 'normalising columns', text: 'Scales each library column to unit length before thresholding, so the threshold compares terms fairly when the states have very different sizes (x ≈ 0.01 beside z ≈ 40). The reported coefficients are scaled back.' },
  inclusion: { title: 'inclusion probability', text: 'The share of bagged models (each fitted on a bootstrap resample of the data) in which a term survived the threshold. A term kept by 95 % of them is solid; one kept by 40 % is a coin toss. Terms at or above the inclusion threshold make the reported model.' },
} satisfies Record<string, { title: string; text: string }>);

export type HelpTopic = keyof typeof HELP;
