/**
 * Data files that ship with the playground (public/data/), loaded by name: a link or a lesson
 * says `data=lynx_hare` and the page fetches that file from its own origin, then reads it like
 * an upload (the same checks, the same messages). Only the ids of this fixed list are accepted;
 * nothing else in a link becomes a request.
 */

export interface BundledData {
  id: string;
  /** the file's name as an upload would have it (the link's `file`) */
  file: string;
  /** path under the site's base (public/data/…) */
  path: string;
  label: string;
  /** where the numbers come from (shown with the data) */
  source: string;
  /** the column roles a link made with it names */
  timeColumn: string;
  stateColumns: readonly string[];
}

export const BUNDLED: readonly BundledData[] = Object.freeze([
  {
    id: 'lynx_hare', file: 'lynx_hare.csv', path: 'data/lynx_hare.csv',
    label: "Lynx and hares, Hudson's Bay Company pelts 1900–1920",
    source: 'MacLulich (1937), as published in the Stan example models (hudson-bay-lynx-hare.csv)',
    timeColumn: 'year', stateColumns: Object.freeze(['hare', 'lynx']),
  },
]);

export function getBundled(id: string): BundledData | undefined {
  return BUNDLED.find((b) => b.id === id);
}
