/** KaTeX's options for every formula of the page (Equation.tsx); plain data, so tests can typeset with them too. */
export const KATEX_OPTIONS = Object.freeze({
  trust: false, maxSize: 20, maxExpand: 200, output: 'htmlAndMathml' as const, throwOnError: true, strict: 'ignore' as const,
});
