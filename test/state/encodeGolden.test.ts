/**
 * Golden encoder output, frozen from the hand-written encoder before the URL codec was
 * generated from the field table (src/state/schema.ts): the generated encoder must write
 * exactly these strings, byte for byte, so links shared before the change and after it match.
 * Every Settings field is spelled out, so a change of a default cannot alter these cases.
 */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/state/settings';
import { encodeUrl, type Shared } from '../../src/state/url';

const lorenz: Settings = {
  source: 'system', system: 'lorenz', params: { sigma: 10, rho: 28, beta: 8 / 3 }, x0: [-8, 8, 27],
  tEnd: 10, dt: 0.002, irregular: false, noise: 0, seed: 0,
  deriv: 'fd', sgWindow: 15, sgOrder: 3, tvAlpha: 0.01, tvIter: 20,
  degree: 2, bias: true, fourier: 0, terms: [],
  form: 'strong', weakK: 400, weakSupport: 0, weakOrder: 4, gls: false,
  opt: 'stlsq', threshold: 0.1, mlam: 0, alpha: 0.05, nu: 1, regularizer: 'l0', maxIter: 20, normalize: false,
  ens: 0, ensInc: 0.5, ensLib: false, method: 'sindy', methodSettings: {}, pick: [], file: '', timeColumn: '', stateColumns: [],
};

/** The prefix every Lorenz case shares up to the seed (system, parameters, sampling). */
const LORENZ = 'v=2&src=system&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002';

const cases: { name: string; settings: Settings; shared?: Shared; url: string }[] = [
  {
    name: 'Lorenz defaults', settings: lorenz,
    url: `${LORENZ}&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit`,
  },
  {
    name: 'noisy Savitzky–Golay, irregular sampling, custom terms',
    settings: {
      ...lorenz, noise: 2.5, seed: 42, irregular: true, deriv: 'savgol', sgWindow: 21, sgOrder: 4, degree: 3, bias: false, fourier: 2,
      terms: ['sin(x)*y', 'exp(-x)', 'x^2 / (1 + y)'], x0: [-8.5, 7, 27.25], params: { sigma: 10.123456789, rho: 28, beta: 8 / 3 },
    },
    url: 'v=2&src=system&sys=lorenz&p.sigma=10.123456789&p.rho=28&p.beta=2.6666666666666665&x0=-8.5,7,27.25&T=10&dt=0.002'
      + '&irr=1&noise=2.5&seed=42&deriv=savgol&sgw=21&sgo=4&deg=3&bias=0&fourier=2&term=sin(x)*y&term=exp(-x)&term=x%5E2+%2F+(1+%2B+y)'
      + '&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit',
  },
  {
    name: 'total variation, LASSO, normalised columns',
    settings: { ...lorenz, noise: 1, deriv: 'tv', tvAlpha: 0.5, tvIter: 50, opt: 'lasso', alpha: 0.002, maxIter: 200, normalize: true },
    url: `${LORENZ}&irr=0&noise=1&seed=0&deriv=tv&tva=0.5&tvi=50&deg=2&bias=1&fourier=0&form=strong&opt=lasso&alpha=0.002&iter=200&norm=1&ens=0&view=fit`,
  },
  {
    name: 'weak form with GLS, MSTLS, ensemble with library bagging',
    settings: {
      ...lorenz, system: 'van_der_pol', params: { mu: 1.5 }, x0: [2, 0], tEnd: 20, dt: 0.01, noise: 5, degree: 3, bias: false,
      form: 'weak', weakK: 300, weakSupport: 0.05, weakOrder: 6, gls: true, opt: 'mstls', mlam: 0.025, alpha: 0, ens: 40, ensInc: 0.7, ensLib: true,
    },
    url: 'v=2&src=system&sys=van_der_pol&p.mu=1.5&x0=2,0&T=20&dt=0.01&irr=0&noise=5&seed=0&deriv=fd&deg=3&bias=0&fourier=0'
      + '&form=weak&wk=300&ws=0.05&wo=6&gls=1&opt=mstls&mlam=0.025&alpha=0&iter=20&norm=0&ens=40&ensinc=0.7&enslib=1&view=fit',
  },
  {
    name: 'SR3 with the l1 regulariser',
    settings: { ...lorenz, opt: 'sr3', threshold: 0.0123, nu: 2.5, regularizer: 'l1', maxIter: 50, alpha: 0 },
    url: `${LORENZ}&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=sr3&thr=0.0123&alpha=0&nu=2.5&reg=l1&iter=50&norm=0&ens=0&view=fit`,
  },
  {
    name: 'noise-lab view',
    settings: { ...lorenz, seed: 7 },
    shared: { view: 'lab', lab: { levels: [0, 2.5, 10, 40], methods: ['fd', 'weak', 'ensemble'], seeds: 7 } },
    url: `${LORENZ}&irr=0&noise=0&seed=7&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0`
      + '&view=lab&lab.noise=0,2.5,10,40&lab.methods=fd,weak,ensemble&lab.seeds=7',
  },
  {
    name: 'uploaded data: file name, time and state columns',
    settings: { ...lorenz, source: 'upload', file: 'run 1 (ß).csv', timeColumn: 'time', stateColumns: ['a', 'b_2'] },
    url: 'v=2&src=upload&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002'
      + '&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit'
      + '&file=run+1+(%C3%9F).csv&time=time&states=a,b_2',
  },
  {
    name: 'uploaded data before a file is chosen: no empty keys',
    settings: { ...lorenz, source: 'upload' },
    url: 'v=2&src=upload&sys=lorenz&p.sigma=10&p.rho=28&p.beta=2.6666666666666665&x0=-8,8,27&T=10&dt=0.002'
      + '&irr=0&noise=0&seed=0&deriv=fd&deg=2&bias=1&fourier=0&form=strong&opt=stlsq&thr=0.1&alpha=0.05&iter=20&norm=0&ens=0&view=fit',
  },
];

describe('encodeUrl golden output (frozen from the hand-written encoder)', () => {
  it.each(cases)('$name', ({ settings, shared, url }) => {
    expect(encodeUrl(settings, shared)).toBe(url);
  });
});
