import { describe, expect, it } from 'vitest';
import { systems } from '../../src/core/systems/registry';
import { defaultSettings, MAX_TERMS, type Settings } from '../../src/state/settings';
import { decodeUrl, encodeUrl, migrate, URL_VERSION, type Migration, type RawParams } from '../../src/state/url';

const roundTrip = (s: Settings): Settings => decodeUrl(encodeUrl(s)).settings;

describe('URL codec', () => {
  it('round-trips the defaults of every system without notes', () => {
    for (const sys of systems) {
      const s = defaultSettings(sys.id);
      const d = decodeUrl(encodeUrl(s));
      expect(d.notes).toEqual([]);
      expect(d.settings).toEqual(s);
    }
  });

  it('round-trips edited settings bit-exactly', () => {
    const s: Settings = {
      ...defaultSettings('lorenz'), params: { sigma: 10.123456789, rho: 28, beta: 8 / 3 }, x0: [-8.5, 7, 27.25],
      noise: 2.5, seed: 42, irregular: true, deriv: 'savgol', sgWindow: 21, sgOrder: 4, degree: 3, bias: false, fourier: 2,
      terms: ['sin(x)*y', 'exp(-x)'], opt: 'sr3', threshold: 0.0123, alpha: 0, nu: 2.5, regularizer: 'l1', maxIter: 50, normalize: true,
    };
    expect(roundTrip(s)).toEqual(s);
  });

  it('writes readable keys and the version', () => {
    const q = new URLSearchParams(encodeUrl(defaultSettings('lorenz')));
    expect(q.get('v')).toBe(String(URL_VERSION));
    expect(q.get('sys')).toBe('lorenz');
    expect(q.get('p.sigma')).toBe('10');
    expect(q.get('thr')).toBe('0.1');
  });

  it('never puts uploaded data in the link, only the file name and columns', () => {
    const s: Settings = { ...defaultSettings(), source: 'upload', file: 'run 1.csv', timeColumn: 'time', stateColumns: ['a', 'b'] };
    const q = new URLSearchParams(encodeUrl(s));
    expect(q.get('src')).toBe('upload');
    expect(q.get('file')).toBe('run 1.csv');
    expect(roundTrip(s)).toEqual(s);
  });
});

describe('URL validation (untrusted input)', () => {
  it('ignores unknown keys with a note', () => {
    const d = decodeUrl('?v=1&sys=lorenz&evil=1');
    expect(d.settings).toEqual(defaultSettings('lorenz'));
    expect(d.notes.join(' ')).toMatch(/unknown setting 'evil'/);
  });

  it('falls back to the default system for an unknown id', () => {
    const d = decodeUrl('?sys=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(d.settings.system).toBe('lorenz');
    expect(d.notes[0]).toMatch(/Unknown system/);
  });

  it('rejects huge, non-finite and malformed numbers with the default', () => {
    const d = decodeUrl('?noise=1e308&seed=-5&thr=NaN&deg=Infinity&T=0x10&dt=1e999&alpha=1,5');
    const def = defaultSettings();
    expect(d.settings.noise).toBe(def.noise);
    expect(d.settings.seed).toBe(def.seed);
    expect(d.settings.threshold).toBe(def.threshold);
    expect(d.settings.degree).toBe(def.degree);
    expect(d.settings.tEnd).toBe(def.tEnd);
    expect(d.settings.dt).toBe(def.dt);
    expect(d.settings.alpha).toBe(def.alpha);
    expect(d.notes.length).toBeGreaterThanOrEqual(7);
  });

  it('rounds integer settings and keeps in-range values', () => {
    const d = decodeUrl('?seed=3.6&deg=3&noise=5');
    expect(d.settings.seed).toBe(4);
    expect(d.settings.degree).toBe(3);
    expect(d.settings.noise).toBe(5);
  });

  it('whitelists ids of enumerations', () => {
    const d = decodeUrl('?opt=eval&deriv=__proto__&reg=l2&src=remote');
    const def = defaultSettings();
    expect([d.settings.opt, d.settings.deriv, d.settings.regularizer, d.settings.source]).toEqual([def.opt, def.deriv, def.regularizer, 'system']);
    expect(d.notes).toHaveLength(4);
  });

  it('drops custom terms with characters outside the expression alphabet', () => {
    const d = decodeUrl(`?term=${encodeURIComponent('<img src=x onerror=alert(1)>')}&term=sin(x)&term=${encodeURIComponent('x;y')}`);
    expect(d.settings.terms).toEqual(['sin(x)']);
    expect(d.notes).toHaveLength(2);
  });

  it('caps the number of custom terms and the length of values', () => {
    const many = Array.from({ length: MAX_TERMS + 5 }, (_, k) => `term=x%5E${k}`).join('&');
    expect(decodeUrl(`?${many}`).settings.terms).toHaveLength(MAX_TERMS);
    const d = decodeUrl(`?file=${'a'.repeat(5000)}`);
    expect(d.settings.file).toBe('');
    expect(d.notes.length).toBe(1);
  });

  it('rejects parameters of another system and a wrong-length initial state', () => {
    const d = decodeUrl('?sys=lorenz&p.mu=3&x0=1,2');
    expect(d.settings.x0).toEqual(defaultSettings('lorenz').x0);
    expect(d.notes).toHaveLength(2);
  });

  it('rejects a file name with markup', () => {
    const d = decodeUrl(`?src=upload&file=${encodeURIComponent('<b>x</b>.csv')}`);
    expect(d.settings.file).toBe('');
    expect(d.settings.source).toBe('upload');
  });

  it('notes a link from a newer version and garbage versions', () => {
    expect(decodeUrl('?v=9').notes[0]).toMatch(/newer version/);
    expect(decodeUrl('?v=abc').notes[0]).toMatch(/Unknown link version/);
  });

  it('caps the number of notes shown', () => {
    const d = decodeUrl('?' + Array.from({ length: 30 }, (_, k) => `k${k}=1`).join('&'));
    expect(d.notes.length).toBeLessThanOrEqual(9);
  });

  it('rejects time spans that would exceed the sample budget', () => {
    const d = decodeUrl('?T=1000&dt=0.0001');
    expect(d.settings.tEnd).toBe(defaultSettings().tEnd);
    expect(d.notes[0]).toMatch(/samples/);
  });
});

describe('migration chain', () => {
  it('is the identity from the current version', () => {
    const raw: RawParams = new Map([['thr', ['0.2']]]);
    expect(migrate(raw, URL_VERSION)).toBe(raw);
  });

  it('applies every step from an old version in order', () => {
    // A hypothetical v1 → v2 → v3 chain: v2 renamed 'thr' to 'threshold', v3 renamed it back as 'lambda'.
    const chain: Record<number, Migration> = {
      1: (r) => new Map([...r].map(([k, v]) => [k === 'thr' ? 'threshold' : k, v])),
      2: (r) => new Map([...r].map(([k, v]) => [k === 'threshold' ? 'lambda' : k, v])),
    };
    const out = migrate(new Map([['thr', ['0.2']], ['sys', ['lorenz']]]), 1, chain, 3);
    expect(out.get('lambda')).toEqual(['0.2']);
    expect(out.get('sys')).toEqual(['lorenz']);
    expect(migrate(new Map([['threshold', ['0.3']]]), 2, chain, 3).get('lambda')).toEqual(['0.3']);
  });

  it('reads a v1 link (the first schema) into the same settings', () => {
    const v1 = 'v=1&src=system&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0';
    const d = decodeUrl(v1);
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(defaultSettings('lorenz'));
  });
});

describe('URL schema v2: weak form, ensembles and the noise lab', () => {
  it('round-trips weak-form, ensemble and noise-lab settings', () => {
    const s: Settings = { ...defaultSettings('van_der_pol'), noise: 5, opt: 'mstls', mlam: 0.025, form: 'weak', weakK: 300, weakSupport: 0.05, weakOrder: 6, gls: true, ens: 40, ensInc: 0.7, ensLib: true };
    const shared = { view: 'lab' as const, lab: { levels: [0, 2.5, 10, 40], methods: ['fd', 'weak', 'ensemble'] as const, seeds: 7 } };
    const d = decodeUrl(encodeUrl(s, { view: shared.view, lab: { ...shared.lab, methods: [...shared.lab.methods] } }));
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(s);
    expect(d.view).toBe('lab');
    expect(d.lab).toEqual({ levels: [0, 2.5, 10, 40], methods: ['fd', 'weak', 'ensemble'], seeds: 7 });
  });

  it('a v1 link is migrated with weak form, ensemble and lab explicitly off', () => {
    const d = decodeUrl('v=1&sys=lorenz&form=weak&ens=20&view=lab');
    // The v1 schema had no such keys: the migration writes their v1 meaning over anything else.
    expect(d.version).toBe(1);
    expect(d.settings.form).toBe('strong');
    expect(d.settings.ens).toBe(0);
    expect(d.view).toBe('fit');
  });

  it('rejects bad weak, ensemble and lab values with notes and keeps the defaults', () => {
    const d = decodeUrl('?v=2&form=strongest&wk=1e9&wo=2.5e1&ens=1&ensinc=0&view=<b>&lab.noise=1,2,abc&lab.methods=fd,eval&lab.seeds=1000');
    const def = defaultSettings('lorenz');
    expect(d.settings.form).toBe(def.form);
    expect(d.settings.weakK).toBe(def.weakK);
    expect(d.settings.weakOrder).toBe(def.weakOrder);
    expect(d.settings.ens).toBe(0);
    expect(d.settings.ensInc).toBe(def.ensInc);
    expect(d.view).toBe('fit');
    expect(d.lab.levels).toEqual([0, 1, 2, 5, 10, 20]);
    expect(d.lab.methods).toContain('fd');
    expect(d.lab.seeds).toBe(4);
    // nine bad fields: eight notes and a summary of the rest
    expect(d.notes.length).toBe(9);
    expect(d.notes[0]).toMatch(/Formulation 'strongest'/);
    expect(d.notes[8]).toMatch(/1 more ignored/);
  });

  it('sorts and de-duplicates the lab levels, keeps the methods in their canonical order', () => {
    const d = decodeUrl('?v=2&view=lab&lab.noise=10,0,5,5&lab.methods=weak,fd');
    expect(d.lab.levels).toEqual([0, 5, 10]);
    expect(d.lab.methods).toEqual(['fd', 'weak']);
  });
});
