/**
 * Links that choose a fitting method: `method` (the SINDy family when absent), the method's own
 * settings as m.<key> (read and checked against its declared fields, only non-defaults written)
 * and pick=… (formulas picked on the Pareto front). Expected values are written from the
 * schema's meaning (src/state/schema.ts), not copied from the decoder's output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMethod } from '../../src/core/methods/registry';
import { methodChoices } from '../../src/state/methods';
import { defaultLabSettings, defaultSettings, type Settings } from '../../src/state/settings';
import { decodeUrl, encodeUrl } from '../../src/state/url';
import { slowMethod } from '../core/methods/slowMethod';

const LORENZ = 'v=2&src=system&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002'
  + '&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0';
const lorenz = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings('lorenz'), ...patch });

describe('method links', () => {
  it('a link without `method` is the SINDy family, and the SINDy family writes no method keys', () => {
    expect(decodeUrl('v=2&sys=lorenz').settings).toMatchObject({ method: 'sindy', methodSettings: {}, pick: [] });
    expect(encodeUrl(lorenz())).toBe(`${LORENZ}&view=fit`);
  });

  it('method=gp&m.maxsize=30 opens symbolic regression with a largest formula of 30, and is written back the same', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=gp&m.maxsize=30');
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(lorenz({ method: 'gp', methodSettings: { maxsize: 30 } }));
    expect(encodeUrl(d.settings)).toBe(`${LORENZ}&method=gp&m.maxsize=30&view=fit`);
  });

  it('writes the settings in the method\'s declared order, text escaped, and reads them back', () => {
    const s = lorenz({ method: 'gp', methodSettings: { seed: 7, operators: '+,-,*,/,sin', iterations: 5 }, pick: [5, 0, 7] });
    const url = encodeUrl(s);
    expect(url).toBe(`${LORENZ}&method=gp&m.operators=%2B,-,*,%2F,sin&m.iterations=5&m.seed=7&pick=5,0,7&view=fit`);
    const d = decodeUrl(url);
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(s);
  });

  it('a value equal to the method\'s default is not kept (the link carries only what was changed)', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=gp&m.maxsize=20&m.iterations=40');
    expect(d.settings.methodSettings).toEqual({});
    expect(encodeUrl(d.settings)).toBe(`${LORENZ}&method=gp&view=fit`);
  });

  it('an unknown method is a note, and the SINDy family opens', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=alchemy&thr=0.2');
    expect(d.settings).toMatchObject({ method: 'sindy', threshold: 0.2 });
    expect(d.notes).toEqual([`Unknown fitting method 'alchemy': use one of ${methodChoices().map((c) => c.id).join(', ')}; using SINDy.`]);
  });

  it('a bad value is a note naming the setting and its range, and the default stays', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=gp&m.maxsize=2&m.iterations=1e9&m.populations=four&m.operators=%2B,tanh&m.seed=3');
    expect(d.settings.methodSettings).toEqual({ seed: 3 });
    expect(d.notes).toEqual([
      'Largest formula 2 is out of range: use a whole number from 3 to 60; using the default 20.',
      'Iterations 1000000000 is out of range: use a whole number from 1 to 10000; using the default 40.',
      "Populations 'four' is not a number: use a whole number from 1 to 100; using the default 8.",
      "Operators: Unknown operator 'tanh'. Use any of +, -, *, /, neg, square, cube, sqrt, exp, log, sin, cos, separated by commas; using the default +,-,*,/.",
    ]);
  });

  it('a setting of no method, or of the SINDy family, is a note', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=gp&m.colour=red');
    expect(d.notes).toEqual(["Symbolic regression on ẏ has no setting 'colour'; ignored."]);
    const family = decodeUrl('v=2&sys=lorenz&m.maxsize=30');
    expect(family.settings.methodSettings).toEqual({});
    expect(family.notes).toEqual(["The setting 'm.maxsize' belongs to Symbolic regression on ẏ, not to SINDy; ignored."]);
  });

  it('a pick must be one whole complexity per state', () => {
    expect(decodeUrl('v=2&sys=lorenz&method=gp&pick=3,0,11').settings.pick).toEqual([3, 0, 11]);
    for (const bad of ['3,x', '-1', '3.5', '1,,2', '99999']) {
      const d = decodeUrl(`v=2&sys=lorenz&method=gp&pick=${bad}`);
      expect(d.settings.pick, bad).toEqual([]);
      expect(d.notes[0], bad).toMatch(/^Picked formulas '.*' must be one complexity per state/);
    }
    // no pick is written for the SINDy family, nor when nothing is picked
    expect(encodeUrl(lorenz({ pick: [3, 0, 0] }))).not.toContain('pick=');
    expect(encodeUrl(lorenz({ method: 'gp', pick: [0, 0, 0] }))).not.toContain('pick=');
  });
});

describe('a method registered at run time (a test double with every kind of field)', () => {
  beforeAll(() => registerMethod(slowMethod));

  it('is a link choice, and its settings round-trip: numbers, a choice, text, a bool', () => {
    const s = lorenz({ method: 'slow-test', methodSettings: { steps: 12, stepMs: 0.5, shape: 'flat', tag: 'abc', verbose: true } });
    const url = encodeUrl(s, { view: 'fit', lab: defaultLabSettings() });
    expect(url).toBe(`${LORENZ}&method=slow-test&m.steps=12&m.stepMs=0.5&m.shape=flat&m.tag=abc&m.verbose=1&view=fit`);
    const d = decodeUrl(url);
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(s);
  });

  it('a field that does not apply (`when`) is not written', () => {
    const url = encodeUrl(lorenz({ method: 'slow-test', methodSettings: { shape: 'flat', rate: 3 } }));
    expect(url).toContain('m.shape=flat');
    expect(url).not.toContain('m.rate');
    expect(encodeUrl(lorenz({ method: 'slow-test', methodSettings: { rate: 3 } }))).toContain('m.rate=3');
  });

  it('its own checks and types apply; another method\'s key is named as theirs', () => {
    const d = decodeUrl('v=2&sys=lorenz&method=slow-test&m.tag=a1&m.verbose=yes&m.shape=round&m.maxsize=30&m.steps=0');
    expect(d.settings.methodSettings).toEqual({});
    expect(d.notes).toEqual([
      "Tag: Use letters only; using the default run.",
      "Verbose 'yes' must be 1 or 0; using the default false.",
      "Loss shape 'round' is not one of decay, flat; using the default decay.",
      "The setting 'm.maxsize' belongs to Symbolic regression on ẏ, not to Slow test method; ignored.",
      'Steps 0 is out of range: use a whole number from 1 to 100000; using the default 200.',
    ]);
  });
});
