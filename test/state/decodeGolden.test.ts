/**
 * Golden links: frozen v1 and v2 link strings, as the playground wrote them or as a user may
 * have edited them, and the complete settings, view, lab grid and notes each must open. The
 * expected objects are written by hand from the schema's meaning (docs in src/state/url.ts and
 * schema.ts), not from running the decoder: a link in a slide deck must keep opening the same.
 */
import { describe, expect, it } from 'vitest';
import { defaultLabSettings, defaultSettings, type LabSettings, type Settings, type View } from '../../src/state/settings';
import { decodeUrl } from '../../src/state/url';

/** Playground defaults that do not depend on the system. */
const COMMON = {
  source: 'system', irregular: false, noise: 0, seed: 0,
  deriv: 'fd', sgWindow: 11, sgOrder: 3, tvAlpha: 1, tvIter: 20, terms: [],
  form: 'strong', weakK: 400, weakSupport: 0, weakOrder: 4, gls: false,
  opt: 'stlsq', mlam: 0, alpha: 0.05, nu: 1, regularizer: 'l0', maxIter: 20, normalize: false,
  ens: 0, ensInc: 0.5, ensLib: false, method: 'sindy', file: '', timeColumn: '', stateColumns: [],
} as const satisfies Partial<Settings>;

/** Each system's own defaults: parameters, initial state, span, step and suggested library. */
const LORENZ: Settings = {
  ...COMMON, terms: [], stateColumns: [], methodSettings: {}, pick: [], system: 'lorenz', params: { sigma: 10, rho: 28, beta: 8 / 3 }, x0: [-8, 8, 27],
  tEnd: 10, dt: 0.002, degree: 2, bias: true, fourier: 0, threshold: 0.1,
};
const VAN_DER_POL: Settings = {
  ...COMMON, terms: [], stateColumns: [], methodSettings: {}, pick: [], system: 'van_der_pol', params: { mu: 0.5 }, x0: [2, 0],
  tEnd: 20, dt: 0.005, degree: 3, bias: true, fourier: 0, threshold: 0.1,
};
const DUFFING: Settings = {
  ...COMMON, terms: [], stateColumns: [], methodSettings: {}, pick: [], system: 'duffing', params: { delta: 0.1, alpha: 1, beta: 5 }, x0: [1, 0],
  tEnd: 25, dt: 0.01, degree: 3, bias: true, fourier: 0, threshold: 0.05,
};
const HOPF: Settings = {
  ...COMMON, terms: [], stateColumns: [], methodSettings: {}, pick: [], system: 'hopf', params: { mu: 0.5, omega: 1, A: 1 }, x0: [0.1, 0],
  tEnd: 20, dt: 0.01, degree: 3, bias: true, fourier: 0, threshold: 0.1,
};
const PENDULUM: Settings = {
  ...COMMON, terms: [], stateColumns: [], methodSettings: {}, pick: [], system: 'pendulum', params: { omega2: 1 }, x0: [2, 0],
  tEnd: 20, dt: 0.01, degree: 1, bias: false, fourier: 1, threshold: 0.1,
};

const LAB: LabSettings = { levels: [0, 1, 2, 5, 10, 20], methods: ['fd', 'savgol', 'weak', 'ensemble'], seeds: 4 };

interface Golden { name: string; url: string; settings: Settings; view?: View; lab?: LabSettings; notes?: string[] }

const LORENZ_V1 = 'src=system&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002';

const v1: Golden[] = [
  {
    name: 'Lorenz as the first playground opened it',
    url: `v=1&${LORENZ_V1}&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0`,
    settings: LORENZ,
  },
  {
    name: 'noisy, irregular Lorenz with Savitzky–Golay (its old default window 15, written out), custom terms, normalised',
    url: `v=1&${LORENZ_V1}&irr=1&noise=5&seed=3&deriv=savgol&sgw=15&sgo=3&deg=2&bias=1&fourier=0&term=sin(x)&term=x*y%5E2`
      + '&opt=stlsq&thr=0.5&alpha=0.05&iter=20&norm=1',
    settings: { ...LORENZ, irregular: true, noise: 5, seed: 3, deriv: 'savgol', sgWindow: 15, sgOrder: 3, terms: ['sin(x)', 'x*y^2'], threshold: 0.5, normalize: true },
  },
  {
    name: 'Duffing with total variation (its old default α 0.01, written out) and SR3 with l1',
    url: 'v=1&src=system&sys=duffing&p.delta=0.2&p.alpha=-1&p.beta=1&x0=1,0&T=25&dt=0.01&irr=0&noise=1&seed=0'
      + '&deriv=tv&tva=0.01&tvi=20&deg=3&bias=1&fourier=0&opt=sr3&thr=0.05&alpha=0.05&nu=0.5&reg=l1&iter=100&norm=0',
    settings: {
      ...DUFFING, params: { delta: 0.2, alpha: -1, beta: 1 }, noise: 1, deriv: 'tv', tvAlpha: 0.01, tvIter: 20,
      opt: 'sr3', threshold: 0.05, nu: 0.5, regularizer: 'l1', maxIter: 100,
    },
  },
  {
    name: 'uploaded file with LASSO',
    url: `v=1&src=upload&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002&irr=0&noise=0&seed=0`
      + '&deriv=savgol&sgw=11&sgo=2&deg=3&bias=0&fourier=0&opt=lasso&alpha=0.01&iter=20&norm=1&file=pendulum+run.csv&time=t&states=theta,omega',
    settings: {
      ...LORENZ, source: 'upload', deriv: 'savgol', sgWindow: 11, sgOrder: 2, degree: 3, bias: false, opt: 'lasso', alpha: 0.01, normalize: true,
      file: 'pendulum run.csv', timeColumn: 't', stateColumns: ['theta', 'omega'],
    },
  },
  {
    name: 'a v1 link carrying keys v1 never had: they are ignored, weak form, ensemble and lab stay off',
    url: 'v=1&sys=lorenz&form=weak&wk=200&ens=20&view=lab&lab.seeds=3&thr=0.2',
    settings: { ...LORENZ, threshold: 0.2 },
    notes: [
      "Ignored the setting 'form': links of version 1 do not have it.",
      "Ignored the setting 'wk': links of version 1 do not have it.",
      "Ignored the setting 'ens': links of version 1 do not have it.",
      "Ignored the setting 'view': links of version 1 do not have it.",
      "Ignored the setting 'lab.seeds': links of version 1 do not have it.",
    ],
  },
];

const LORENZ_V2 = `v=2&${LORENZ_V1}`;

const v2: Golden[] = [
  {
    name: 'Lorenz defaults',
    url: `${LORENZ_V2}&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit`,
    settings: LORENZ,
  },
  {
    name: '10 % noise with Savitzky–Golay',
    url: `${LORENZ_V2}&irr=0&noise=10&seed=1&deriv=savgol&sgw=21&sgo=3&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.5&alpha=0.05&iter=20&norm=0&ens=0&view=fit`,
    settings: { ...LORENZ, noise: 10, seed: 1, deriv: 'savgol', sgWindow: 21, threshold: 0.5 },
  },
  {
    name: 'weak form with GLS and automatic MSTLS on Van der Pol',
    url: 'v=2&src=system&sys=van_der_pol&p.mu=1.5&x0=2,0&T=20&dt=0.005&irr=0&noise=5&seed=0&deriv=fd&deg=3&bias=1&fourier=0'
      + '&form=weak&wk=300&ws=0.05&wo=6&gls=1&opt=mstls&mlam=0&alpha=0&iter=20&norm=0&ens=0&view=fit',
    settings: { ...VAN_DER_POL, params: { mu: 1.5 }, noise: 5, form: 'weak', weakK: 300, weakSupport: 0.05, weakOrder: 6, gls: true, opt: 'mstls', mlam: 0, alpha: 0 },
  },
  {
    name: 'E-SINDy ensemble of 40 models with library bagging',
    url: `${LORENZ_V2}&irr=0&noise=2&seed=4&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.5&alpha=0.05&iter=20&norm=0`
      + '&ens=40&ensinc=0.6&enslib=1&view=fit',
    settings: { ...LORENZ, noise: 2, seed: 4, threshold: 0.5, ens: 40, ensInc: 0.6, ensLib: true },
  },
  {
    name: 'SR3 with l1 on the Hopf normal form, normalised columns',
    url: 'v=2&src=system&sys=hopf&p.mu=0.25&p.omega=1&p.A=1&x0=0.1,0&T=20&dt=0.01&irr=0&noise=0&seed=0&deriv=fd&deg=3&bias=1&fourier=0'
      + '&form=strong&opt=sr3&thr=0.05&alpha=0&nu=0.1&reg=l1&iter=500&norm=1&ens=0&view=fit',
    settings: { ...HOPF, params: { mu: 0.25, omega: 1, A: 1 }, opt: 'sr3', threshold: 0.05, alpha: 0, nu: 0.1, regularizer: 'l1', maxIter: 500, normalize: true },
  },
  {
    name: 'noise-lab view with its levels, methods and seeds',
    url: `${LORENZ_V2}&irr=0&noise=0&seed=7&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0`
      + '&view=lab&lab.noise=0,1,5,10,20&lab.methods=fd,savgol,weak&lab.seeds=3',
    settings: { ...LORENZ, seed: 7 },
    view: 'lab', lab: { levels: [0, 1, 5, 10, 20], methods: ['fd', 'savgol', 'weak'], seeds: 3 },
  },
  {
    name: 'uploaded file with time and state columns, total variation',
    url: 'v=2&src=upload&sys=pendulum&p.omega2=1&x0=2,0&T=20&dt=0.01&irr=0&noise=0&seed=0&deriv=tv&tva=1&tvi=20&deg=1&bias=0&fourier=1'
      + '&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit&file=swing+(2).csv&time=time&states=theta,omega',
    settings: { ...PENDULUM, source: 'upload', deriv: 'tv', file: 'swing (2).csv', timeColumn: 'time', stateColumns: ['theta', 'omega'] },
  },
  {
    name: 'hostile values: each bad field keeps its default and says so',
    url: 'v=2&sys=lorenz&p.sigma=1e400&x0=1,2,NaN&T=-1&noise=50&deriv=savgol&sgw=0x11&deg=99&term=exp(-x)&term=alert%601%60'
      + '&opt=__proto__&thr=0.2&view=lab&lab.methods=fd,fd,weak&lab.seeds=2.4&junk=%3Cscript%3E',
    settings: { ...LORENZ, noise: 50, deriv: 'savgol', terms: ['exp(-x)'], threshold: 0.2 },
    view: 'lab', lab: { ...LAB, methods: ['fd', 'weak'], seeds: 2 },
    notes: [
      "Ignored the unknown setting 'junk'.",
      "Parameter sigma = '1e400' is not a number from 0 to 50; using the default 10.",
      "Initial state '1,2,NaN' needs 3 numbers from -10000 to 10000; using the default.",
      "Time span = '-1' is not a number from 0.1 to 1000; using the default 10.",
      "Savitzky–Golay window = '0x11' is not a number from 3 to 201; using the default 11.",
      "Polynomial degree = '99' is not a number from 0 to 6; using the default 2.",
      "Ignored the custom term 'alert`1`': it may only use letters, digits, spaces and + - * / ^ ( ) . ,",
      "Optimizer '__proto__' is not one of stlsq, lasso, sr3, mstls; using stlsq.",
    ],
  },
  {
    name: 'more hostile fields than notes shown: the rest are counted',
    url: 'v=2&src=upload&sys=lorenz&irr=maybe&bias=2&form=weak&wk=3&gls=true&reg=l2&ens=1&enslib=yes'
      + '&file=..%2F..%2Fetc%2Fpasswd&time=1t&states=x,y%3Cb%3E,z',
    settings: { ...LORENZ, source: 'upload', form: 'weak', stateColumns: ['x', 'z'] },
    notes: [
      "Irregular sampling 'maybe' is not one of 0, 1; using 0.",
      "Constant term '2' is not one of 0, 1; using 1.",
      "Test functions K = '3' is not a number from 10 to 5000; using the default 400.",
      "Generalised least squares 'true' is not one of 0, 1; using 0.",
      "SR3 regulariser 'l2' is not one of l0, l1; using l0.",
      'An ensemble needs at least 2 models; the ensemble is off.',
      "Library bagging 'yes' is not one of 0, 1; using 0.",
      "File name '../../etc/passwd' is not allowed; ignored.",
      '…and 2 more ignored settings.',
    ],
  },
];

describe.each([['v1', 1, v1], ['v2', 2, v2]] as const)('golden %s links', (_label, version, links) => {
  it.each(links)('$name', (g) => {
    const d = decodeUrl(g.url);
    expect(d.version).toBe(version);
    expect(d.settings).toEqual(g.settings);
    expect(d.view).toBe(g.view ?? 'fit');
    expect(d.lab).toEqual(g.lab ?? LAB);
    expect(d.notes).toEqual(g.notes ?? []);
  });
});

describe('the hand-written defaults above', () => {
  it('are the playground\'s defaults for each system (an absent key opens these)', () => {
    for (const s of [LORENZ, VAN_DER_POL, DUFFING, HOPF, PENDULUM]) expect(defaultSettings(s.system)).toEqual(s);
    expect(defaultLabSettings()).toEqual(LAB);
  });
});
