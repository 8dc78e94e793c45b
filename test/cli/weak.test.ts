/**
 * The "Must show" for weak SINDy, with a user's exact arguments: Lorenz and Van der
 * Pol at 5 % noise with `--method weak` print the same JSON as plain SINDy, with exactly the
 * true terms and every coefficient within 5 %; and `--optimizer mstls` at 10 % noise.
 * The Lorenz case runs the spawned CLI (`npm run -s cli` is `tsx src/cli.ts`); the others
 * call its entry function runCli in-process, which is everything but the process start-up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliInProcess, LORENZ, maxRelativeError, report, supportOf, truthSupport, VAN_DER_POL, writeNoisyCsv, type Report } from './helpers';

/** Shape of a value as JSON types (numbers, strings, nulls, arrays and objects by key). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return ['array', ...(v.length ? [shape(v[0])] : [])];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v === null ? 'null-or-string' : typeof v === 'string' ? 'null-or-string' : typeof v;
}

let lorenzWeak: Report;
let lorenzPlain: Report;
let vdpWeak: Report;
let lorenz10: Report;

beforeAll(async () => {
  const lorenz = writeNoisyCsv(LORENZ, 0.05, 1);
  const vdp = writeNoisyCsv(VAN_DER_POL, 0.05, 1);
  const noisy = writeNoisyCsv(LORENZ, 0.1, 2);
  const spawned = cliAsync('fit', lorenz, '--method', 'weak', '--degree', '2', '--threshold', '0.5', '--json');
  lorenzPlain = report(cliInProcess('fit', lorenz, '--degree', '2', '--threshold', '0.5', '--json'));
  vdpWeak = report(cliInProcess('fit', vdp, '--method', 'weak', '--degree', '3', '--threshold', '0.1', '--json'));
  lorenz10 = report(cliInProcess('fit', noisy, '--method', 'weak', '--degree', '2', '--optimizer', 'mstls', '--json'));
  lorenzWeak = report(await spawned);
}, 60_000);

describe('cli fit --method weak', () => {
  it('prints the same JSON fields, of the same types, as plain SINDy', () => {
    expect(shape(lorenzWeak)).toEqual(shape(lorenzPlain));
    expect(Object.keys(lorenzWeak)).toEqual(expect.arrayContaining(['states', 'features', 'coefficients', 'equations', 'timings']));
    expect(lorenzWeak.method).toBe('weak');
    expect(lorenzPlain.method).toBe('sindy');
    expect(lorenzWeak.features).toEqual(lorenzPlain.features);
    expect(lorenzWeak.timings.fitMsAll).toHaveLength(1);
  });

  it('recovers Lorenz at 5 % noise: exactly the seven true terms, every coefficient within 5 %', () => {
    expect(supportOf(lorenzWeak)).toEqual(truthSupport(LORENZ));
    expect(maxRelativeError(lorenzWeak, LORENZ)).toBeLessThan(0.05);
    expect(lorenzWeak.equations.z).toMatch(/z.*x\*y/);
  });

  it('recovers Van der Pol (μ = 0.5) at 5 % noise with a degree-3 library, within 5 %', () => {
    expect(vdpWeak.features).toContain('x^2*y');
    expect(supportOf(vdpWeak)).toEqual(truthSupport(VAN_DER_POL));
    expect(maxRelativeError(vdpWeak, VAN_DER_POL)).toBeLessThan(0.05);
  });

  it('--optimizer mstls chooses the thresholds itself and recovers Lorenz at 10 % noise', () => {
    expect(shape(lorenz10)).toEqual(shape(lorenzPlain));
    expect(supportOf(lorenz10)).toEqual(truthSupport(LORENZ));
    expect(maxRelativeError(lorenz10, LORENZ)).toBeLessThan(0.2);
  });
});
