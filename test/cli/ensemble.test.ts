/**
 * `fit --ensemble N` (E-SINDy, Fasel et al. 2022) with a user's exact arguments: the JSON of
 * plain SINDy plus an `ensemble` object, inclusion probabilities that separate the true Lorenz
 * terms from the rest, reproducible per seed, and bad N refused in one line with exit code 2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliInProcess, LORENZ, report, type CliRun, supportOf, truthOf, truthSupport, writeNoisyCsv, type Report } from './helpers';

const ensembleArgs = ['--degree', '2', '--threshold', '0.5', '--ensemble', '20'];

/** Every field but the timings (which are wall-clock). */
const withoutTimings = (r: Report) => ({ ...r, timings: null });

let weak5: Report;
let badN: CliRun;
let file5 = '';

beforeAll(async () => {
  file5 = writeNoisyCsv(LORENZ, 0.05, 1);
  // the two spawned runs (real process, real exit code) share the cores
  const [a, b] = await Promise.all([
    cliAsync('fit', file5, '--method', 'weak', ...ensembleArgs, '--seed', '1', '--json'),
    cliAsync('fit', file5, '--ensemble', 'abc'),
  ]);
  weak5 = report(a);
  badN = b;
}, 60_000);

/** True terms included in ≥ 90 % of the models, every other term below the inclusion threshold. */
function expectLorenzInclusion(r: Report): void {
  const e = r.ensemble!;
  const truth = truthOf(LORENZ);
  r.states.forEach((s, j) => r.features.forEach((f, a) => {
    const inc = e.inclusion[j]![a]!;
    if (truth[s]?.[f] !== undefined) expect(inc, `${s}:${f}`).toBeGreaterThanOrEqual(0.9);
    else expect(inc, `${s}:${f}`).toBeLessThan(e.inclusionThreshold);
  }));
  expect(supportOf(r)).toEqual(truthSupport(LORENZ));
}

describe('cli fit --ensemble', () => {
  it('bags the weak form of noisy Lorenz (5 %): the 7 true terms at inclusion ≥ 0.9, the rest below the threshold', () => {
    expectLorenzInclusion(weak5);
    const e = weak5.ensemble!;
    expect(e.models).toBe(20);
    expect(e.inclusionThreshold).toBe(0.5);
    expect(e.seed).toBe(1);
    expect(weak5.method).toBe('weak');
    for (const g of [e.inclusion, e.mean, e.std, e.median, e.p05, e.p95]) {
      expect(g).toHaveLength(3);
      for (const row of g) expect(row).toHaveLength(weak5.features.length);
    }
    e.std.flat().forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    e.median.flat().forEach((v, c) => {
      // no library bagging: every term was offered to every model, so no statistic is null
      expect(v).not.toBeNull();
      expect(e.p05.flat()[c]!).toBeLessThanOrEqual(v!);
      expect(v).toBeLessThanOrEqual(e.p95.flat()[c]!);
    });
    // x equation: σ = 10 lies inside the bagged 5–95 % range of the y coefficient
    const y = weak5.features.indexOf('y');
    expect(e.p05[0]![y]!).toBeLessThan(10.3);
    expect(e.p95[0]![y]!).toBeGreaterThan(9.7);
  });

  it('prints the JSON fields of a single fit, plus ensemble', () => {
    const single = report(cliInProcess('fit', file5, '--method', 'weak', '--degree', '2', '--threshold', '0.5', '--json'));
    expect(Object.keys(weak5).filter((k) => k !== 'ensemble').sort()).toEqual(Object.keys(single).sort());
    expect(Object.keys(weak5.ensemble!).sort()).toEqual(['inclusion', 'inclusionThreshold', 'mean', 'median', 'models', 'p05', 'p95', 'sampleFraction', 'seed', 'std']);
    expect(weak5.timings.fitMsAll).toHaveLength(1);
  });

  it('gives identical output for the same seed and different bagging for another', () => {
    const again = report(cliInProcess('fit', file5, '--method', 'weak', ...ensembleArgs, '--seed', '1', '--json'));
    expect(withoutTimings(again)).toEqual(withoutTimings(weak5));
    const other = report(cliInProcess('fit', file5, '--method', 'weak', ...ensembleArgs, '--seed', '2', '--json'));
    expect(other.ensemble!.std).not.toEqual(weak5.ensemble!.std);
  });

  it('bags plain SINDy rows too (Savitzky–Golay derivatives, 1 % noise)', () => {
    const file = writeNoisyCsv(LORENZ, 0.01, 1);
    const r = report(cliInProcess('fit', file, ...ensembleArgs, '--derivative', 'savgol', '--window', '21', '--seed', '1', '--json'));
    expect(r.method).toBe('sindy');
    expectLorenzInclusion(r);
  });

  it('prints inclusion probabilities in the text output', () => {
    const r = cliInProcess('fit', file5, '--method', 'weak', ...ensembleArgs, '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/weak ensemble of 20 models/);
    expect(r.stdout).toMatch(/dy\/dt: x 1\.00, y \d\.\d\d, x\*z 1\.00/);
  });

  it.each(['0', '-1', 'abc', '10001', '1e9', '2.5'])('refuses --ensemble %s: exit 2, one line naming the option', (n) => {
    const r = cliInProcess('fit', file5, '--ensemble', n, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`--ensemble ${n.replace('.', '\\.')}: expected a whole number from 2 to 10000`));
  });

  it('refuses a bad N from the spawned CLI with exit code 2', () => {
    expect(badN.code).toBe(2);
    expect(badN.stdout).toBe('');
    expect(badN.stderr.trim().split('\n')).toHaveLength(1);
    expect(badN.stderr).toMatch(/--ensemble abc/);
  });

  it('refuses --inclusion outside (0, 1] and --gls with --ensemble', () => {
    expect(cliInProcess('fit', file5, '--ensemble', '5', '--inclusion', '0').stderr).toMatch(/--inclusion 0/);
    expect(cliInProcess('fit', file5, '--ensemble', '5', '--inclusion', '1.5').code).toBe(2);
    const g = cliInProcess('fit', file5, '--method', 'weak', '--ensemble', '5', '--gls');
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/--gls cannot be combined with --ensemble/);
  });
});
