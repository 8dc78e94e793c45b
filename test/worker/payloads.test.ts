import { describe, expect, it } from 'vitest';
import { decimationIndex, nameToLatex, pickRows, selectStates, truthLatex } from '../../src/worker/payloads';
import { transferables } from '../../src/worker/protocol';

describe('plot payloads', () => {
  it('decimation keeps the first and last rows and at most max rows', () => {
    expect(Array.from(decimationIndex(5, 10))).toEqual([0, 1, 2, 3, 4]);
    const idx = decimationIndex(10_001, 1000);
    expect(idx.length).toBe(1000);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(10_000);
    for (let k = 1; k < idx.length; k++) expect(idx[k]!).toBeGreaterThan(idx[k - 1]!);
  });

  it('picks rows of a row-major matrix into a new array', () => {
    const a = Float64Array.from([0, 1, 10, 11, 20, 21]);
    const out = pickRows(a, 2, Int32Array.from([0, 2]));
    expect(Array.from(out)).toEqual([0, 1, 20, 21]);
    expect(out.buffer).not.toBe(a.buffer);
  });

  it('selects state columns of an upload', () => {
    const ds = { stateNames: ['a', 'b', 'c'], trajectories: [{ t: Float64Array.from([0, 1]), y: Float64Array.from([1, 2, 3, 4, 5, 6]) }] };
    const sel = selectStates(ds, ['c', 'a']);
    expect(sel.stateNames).toEqual(['a', 'c']);
    expect(Array.from(sel.trajectories[0]!.y)).toEqual([1, 3, 4, 6]);
    expect(selectStates(ds, [])).toBe(ds);
  });

  it('writes the true equations in library order, terms outside the library last', () => {
    const tex = truthLatex({ x: { y: 10, x: -10 }, y: { 'x*z': -1, x: 28 } }, ['x', 'y'], ['1', 'x', 'y'], ['1', 'x', 'y']);
    expect(tex).toEqual(['-10\\,x + 10\\,y', '28\\,x - x z']);
    expect(nameToLatex('x^2*sin(y)')).toBe('x^{2} \\sin(y)');
  });

  it('collects every typed-array buffer of a message once, for transfer', () => {
    const a = new Float64Array(3);
    const msg = { type: 'fit', fit: { c: a, d: a.subarray(1), h: [new Float64Array(2)] } };
    expect(transferables(msg)).toHaveLength(2);
  });
});
