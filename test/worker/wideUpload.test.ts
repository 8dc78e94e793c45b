/** The data layer refuses more uploaded states than a fit takes (issue 13: a wide file froze the page). */
import { describe, expect, it } from 'vitest';
import { MAX_STATES } from '../../src/core/data/csvLimits';
import type { DataSpec } from '../../src/core/data/spec';
import type { Dataset } from '../../src/core/types';
import { defaultSettings } from '../../src/state/settings';
import { dataSpec } from '../../src/state/spec';
import { buildData } from '../../src/worker/dataLayer';

function wide(m: number, n = 20): Dataset {
  const y = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) y[i * m + j] = Math.sin(0.1 * i + j);
  return { stateNames: Array.from({ length: m }, (_, j) => `x${j}`), trajectories: [{ t: Float64Array.from({ length: n }, (_, i) => 0.1 * i), y }] };
}

describe('uploaded data with many state columns', () => {
  const upload = (stateColumns: string[]): DataSpec => dataSpec({ ...defaultSettings(), source: 'upload', file: 'wide.csv', timeColumn: 't', stateColumns }, 1);

  it('is not plotted or fitted until at most MAX_STATES columns are chosen, and says where to choose', () => {
    const r = buildData(upload([]), wide(300));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(new RegExp(`^The file has 300 state columns .*one fit takes at most ${MAX_STATES}\\. Choose at most ${MAX_STATES} columns to fit under 'States'`));
      expect(r.error.length).toBeLessThan(300);
    }
  });

  it('builds the chosen columns', () => {
    const r = buildData(upload(['x7', 'x299']), wide(300));
    expect(r.ok && r.value.observed.stateNames).toEqual(['x7', 'x299']);
  });

  it('takes every column of a file within the cap', () => {
    const r = buildData(upload([]), wide(MAX_STATES));
    expect(r.ok && r.value.observed.stateNames.length).toBe(MAX_STATES);
  });
});
