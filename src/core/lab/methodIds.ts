/**
 * The noise lab's method ids, in a module of their own with no imports, so that the
 * playground's settings and controls can name them without pulling the engine (and its
 * expression parser) into the main-thread bundle.
 */
export type LabMethod = 'fd' | 'savgol' | 'tv' | 'weak' | 'ensemble';
export const labMethods: readonly LabMethod[] = Object.freeze(['fd', 'savgol', 'tv', 'weak', 'ensemble']);
