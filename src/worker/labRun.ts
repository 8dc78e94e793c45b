/**
 * The noise lab's run, pure (the lab worker wraps it; Node tests call it directly): the grid
 * is swept one noise level at a time, so the plots fill in level by level; progress after
 * every fit.
 */
import { noiseSweep, validateSweep, type NoiseSweepSettings, type SweepCell } from '../core/lab/noiseSweep';
import type { FromLab } from './labProtocol';

export function runLab(runId: number, s: NoiseSweepSettings, post: (msg: FromLab) => void): void {
  const t0 = performance.now();
  const v = validateSweep(s);
  if (!v.ok) { post({ type: 'labError', runId, message: v.error }); return; }
  const total = s.noiseLevels.length * s.methods.length * s.seeds.length;
  const cells: SweepCell[] = [];
  let done = 0;
  for (const level of s.noiseLevels) {
    const r = noiseSweep({ ...s, noiseLevels: [level] }, (d) => post({ type: 'labProgress', runId, done: done + d, total }));
    if (!r.ok) { post({ type: 'labError', runId, message: r.error }); return; }
    cells.push(...r.value.cells);
    done += r.value.done;
    post({ type: 'labCells', runId, cells: [...cells], done, total });
  }
  post({ type: 'labDone', runId, ms: performance.now() - t0 });
}
