/**
 * Limits on what a data file may ask of the engine, shared by the CSV reader, the CLI, the
 * fit worker, the URL codec and the upload UI. Import-free, so the main thread can use it
 * without pulling in the engine.
 *
 * Why these numbers: a fit's cost and its plots grow with the number of states m (a degree-2
 * library has (m+1)(m+2)/2 terms; the trajectory plot draws one panel per state), and a 3 KB
 * file of 300 columns froze the page for seconds. Fifty states is far beyond what SINDy
 * identifies from data in practice and what a link can carry.
 */

/** Most state columns one fit takes; more must be chosen (CLI `--states`, the page's chooser). */
export const MAX_STATES = 50;

/** Longest state name, in characters (names appear in every equation and in links). */
export const MAX_NAME_LENGTH = 64;

/** Most columns a header may have: a file wider than this is refused before it is split. */
export const MAX_COLUMNS = 100_000;

/**
 * Range of a time step (between consecutive samples of one trajectory). Derivatives divide by
 * the step and the regression squares them, so a step below 1e-100 (or denormal) or above 1e100
 * (or overflowing) gives infinities and NaN instead of a fit; such a file needs its time column
 * rescaled.
 */
export const TIME_STEP_RANGE = Object.freeze({ min: 1e-100, max: 1e100 });
