/**
 * The export menu's worker files: the data as the fit saw it (every sample, after noise, every
 * trajectory) and the shown fit's model simulated at every sample time — as CSV that the
 * playground's own reader reads back exactly.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { dataKey } from '../../src/core/data/spec';
import { defaultSettings, type Settings } from '../../src/state/settings';
import { fitSpec } from '../../src/state/spec';
import { FitEngine } from '../../src/worker/engine';
import type { ExportedCsv, ExportKind, FromWorker } from '../../src/worker/protocol';
import { buildData } from '../../src/worker/dataLayer';

const lorenz = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings('lorenz'), tEnd: 4, dt: 0.004, ...patch });

async function fit(e: FitEngine, s: Settings, runId = 1, uploadId: number | null = null): Promise<FromWorker[]> {
  const out: FromWorker[] = [];
  await e.run({ runId, spec: fitSpec(s, uploadId), known: { data: '', derivatives: '' }, animate: false },
    { post: (m) => out.push(m), isStale: () => false, pause: async () => undefined });
  return out;
}

function exported(e: FitEngine, what: ExportKind, s: Settings, runId: number, timeName = 't', uploadId: number | null = null): ExportedCsv {
  const m = e.exportCsv({ type: 'export', requestId: 9, what, spec: fitSpec(s, uploadId), runId, timeName });
  if (m.type !== 'exported') throw new Error(m.type);
  expect(m.requestId).toBe(9);
  if (!m.result.ok) throw new Error(m.result.error);
  return m.result.value;
}

function parsed(csv: string) {
  const r = parseCsv(csv);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('data export', () => {
  it('every sample the fit used, with the noise, bit-exactly; built when the worker has not made it yet', () => {
    const s = lorenz({ noise: 5, seed: 3 });
    const e = new FitEngine();
    const out = exported(e, 'data', s, 0);
    const built = buildData(fitSpec(s, null).data, undefined);
    if (!built.ok) throw new Error(built.error);
    const obs = built.value.observed.trajectories[0]!;
    expect(out.rows).toBe(obs.t.length);
    expect(out.trajectories).toBe(1);
    const back = parsed(out.csv);
    expect(back.columns).toEqual(['t', 'x', 'y', 'z']);
    const tr = back.dataset.trajectories[0]!;
    expect(tr.t).toEqual(obs.t);
    expect(tr.y).toEqual(obs.y);
    expect(e.computed.data).toBe(1);
  });

  it('an upload: its chosen states under its time column name, one block per trajectory', () => {
    const e = new FitEngine();
    const rows = ['trajectory,time,a,b,c'];
    for (const k of [1, 2]) for (let i = 0; i < 50; i++) rows.push(`run${k},${i * 0.1},${k + Math.sin(i / 10)},${Math.cos(i / 7)},${i}`);
    const loaded = e.loadCsv({ type: 'loadCsv', uploadId: 1, text: rows.join('\n'), timeColumn: '' });
    expect(loaded.type === 'csv' && loaded.result.ok).toBe(true);
    const s: Settings = { ...defaultSettings(), source: 'upload', file: 'runs.csv', timeColumn: 'time', stateColumns: ['a', 'c'] };
    const out = exported(e, 'data', s, 0, 'time', 1);
    expect(out).toMatchObject({ rows: 100, trajectories: 2 });
    const back = parsed(out.csv);
    expect(back.columns).toEqual(['trajectory', 'time', 'a', 'c']);
    expect(back.dataset.trajectories.map((tr) => tr.t.length)).toEqual([50, 50]);
    expect(back.dataset.trajectories[1]!.y[2 * 7 + 1]).toBe(7);
  });

  it('an upload the worker does not have is a message, not a file', () => {
    const e = new FitEngine();
    const s: Settings = { ...defaultSettings(), source: 'upload', file: 'gone.csv', stateColumns: ['x'] };
    const m = e.exportCsv({ type: 'export', requestId: 1, what: 'data', spec: fitSpec(s, null), runId: 0, timeName: 't' });
    expect(m.type === 'exported' && !m.result.ok && m.result.error).toMatch(/Load the file 'gone\.csv'/);
  });
});

describe('simulation export', () => {
  it('the shown fit\'s model from x₀ at every sample time, close to the true trajectory early on', async () => {
    const s = lorenz();
    const e = new FitEngine();
    const msgs = await fit(e, s, 4);
    expect(msgs.some((m) => m.type === 'fit')).toBe(true);
    const data = parsed(exported(e, 'data', s, 4).csv).dataset.trajectories[0]!;
    const out = exported(e, 'simulation', s, 4);
    expect(out.ended).toEqual([]);
    const sim = parsed(out.csv).dataset.trajectories[0]!;
    expect(sim.t).toEqual(data.t);
    expect(Array.from(sim.y.subarray(0, 3))).toEqual(s.x0);
    // The recovered Lorenz model tracks the clean data for the first time unit (chaos parts them later).
    const m = 3;
    const n1 = data.t.findIndex((t) => t >= 1);
    let worst = 0;
    for (let i = 0; i < n1 * m; i++) worst = Math.max(worst, Math.abs(sim.y[i]! - data.y[i]!));
    expect(worst).toBeLessThan(0.05);
  });

  it('only for the fit that was shown on this data: another run id, or other data since, is a message', async () => {
    const s = lorenz();
    const e = new FitEngine();
    await fit(e, s, 4);
    const stale = e.exportCsv({ type: 'export', requestId: 2, what: 'simulation', spec: fitSpec(s, null), runId: 3, timeName: 't' });
    expect(stale.type === 'exported' && !stale.result.ok && stale.result.error).toMatch(/The fit has changed since it was shown/);
    const other = lorenz({ noise: 1 });
    expect(dataKey(fitSpec(other, null).data)).not.toBe(dataKey(fitSpec(s, null).data));
    const moved = e.exportCsv({ type: 'export', requestId: 3, what: 'simulation', spec: fitSpec(other, null), runId: 4, timeName: 't' });
    expect(moved.type === 'exported' && !moved.result.ok).toBe(true);
  });

  it('a model that diverges: its rows end at the failure and the file says which trajectory ended', async () => {
    // Degree 3 with no threshold on very noisy data: spurious cubic terms that blow up (the plot says diverged too).
    const s = lorenz({ noise: 50, seed: 1, degree: 3, threshold: 0, tEnd: 10 });
    const e = new FitEngine();
    const msgs = await fit(e, s, 1);
    const sim = msgs.find((m): m is Extract<FromWorker, { type: 'simulation' }> => m.type === 'simulation')!.sim;
    expect(sim.status).toBe('diverged');
    const out = exported(e, 'simulation', s, 1);
    expect(out.ended).toEqual([{ trajectory: 1, tFail: expect.any(Number), status: 'diverged' }]);
    const tr = parsed(out.csv).dataset.trajectories[0]!;
    expect(tr.t.length).toBe(out.rows);
    expect(out.rows).toBeLessThan(Math.round(10 / 0.004) + 1);
    expect(tr.t[out.rows - 1]!).toBeLessThanOrEqual(out.ended[0]!.tFail!);
    expect(Math.abs(out.ended[0]!.tFail! - sim.tFail!)).toBeLessThan(0.1);
    expect(out.csv).not.toMatch(/NaN|Infinity/);
  });
});
