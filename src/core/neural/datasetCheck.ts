/**
 * What the neural ODE and fine-tuning need of a dataset, checked before training: states to
 * learn, finite values, strictly increasing times and at least one interval to shoot across.
 * Each problem is a message that names it and says what to do.
 */
import { err, ok, type Dataset, type Result } from '../types';

export function checkShootingData(ds: Dataset, nStates?: number): Result<Dataset> {
  const m = ds.stateNames.length;
  if (m === 0) return err('The data has no state columns. Load data with at least one state.');
  if (nStates !== undefined && nStates !== m) {
    return err(`The model has ${nStates} states but the data has ${m} (${ds.stateNames.join(', ')}). Use data with the model's states.`);
  }
  let intervals = 0;
  for (let k = 0; k < ds.trajectories.length; k++) {
    const tr = ds.trajectories[k]!;
    const n = tr.t.length;
    const where = ds.trajectories.length > 1 ? `Trajectory ${k + 1}: ` : '';
    if (tr.y.length !== n * m) return err(`${where}${n} times but ${tr.y.length} state values (expected ${n * m}). Give one row of ${m} states per time.`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(tr.t[i]!)) return err(`${where}the time at sample ${i + 1} is not a finite number. Remove or fix that row.`);
      if (i > 0 && !(tr.t[i]! > tr.t[i - 1]!)) return err(`${where}the times are not strictly increasing at sample ${i + 1}. Sort the rows and remove repeated times.`);
      for (let j = 0; j < m; j++) {
        if (!Number.isFinite(tr.y[i * m + j]!)) return err(`${where}${ds.stateNames[j]} at sample ${i + 1} is not a finite number. Remove or fix that row.`);
      }
    }
    intervals += Math.max(0, n - 1);
  }
  if (intervals === 0) return err('The data has no trajectory with two or more samples. Load at least two samples per trajectory.');
  return ok(ds);
}
