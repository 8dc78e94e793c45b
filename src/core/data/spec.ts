/**
 * Where a fit's data comes from, as plain data (crosses the worker boundary): a built-in
 * system sampled with noise and a seed, or an uploaded file (held by the worker under its
 * upload id) with the chosen state columns. Noise σ_j is `noise`% of state j's std.
 */
export type DataSpec =
  | {
    source: 'system'; system: string; params: Record<string, number>; x0: number[];
    tEnd: number; dt: number; irregular: boolean; noise: number; seed: number;
  }
  | {
    source: 'upload'; uploadId: number | null; file: string; stateColumns: string[]; timeColumn: string;
    noise: number; seed: number;
  };

/** The cache key of the data layer: everything that produces the data. */
export function dataKey(d: DataSpec): string {
  const source = d.source === 'upload'
    ? ['upload', d.uploadId, d.stateColumns, d.timeColumn]
    : ['system', d.system, d.params, d.x0, d.tEnd, d.dt, d.irregular];
  return JSON.stringify([...source, d.noise, d.seed]);
}
