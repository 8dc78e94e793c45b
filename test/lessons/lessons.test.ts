/**
 * The lessons (src/lessons/): the five required ones, each step's configuration valid for the
 * link codec, its LaTeX valid for KaTeX, what it points at present in the page's components —
 * and, run on the worker's engine with exactly the settings the page would use, each step
 * shows what its text claims (the seven Lorenz terms at λ = 0.1, a lost term above 1, the
 * weak form's recovery at 5 % noise, sin x from a Fourier library, …).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { LESSONS, loadLesson, MAX_LESSON_STEPS, type Lesson } from '../../src/lessons/catalog';
import { STEPS } from '../../src/lessons/content';
import { splitTex } from '../../src/lessons/richText';
import { KATEX_OPTIONS } from '../../src/ui/katexOptions';
import { decodeUrl, URL_VERSION } from '../../src/state/url';
import { fitSpec } from '../../src/state/spec';
import type { Settings } from '../../src/state/settings';
import { FitEngine } from '../../src/worker/engine';
import type { FitPayload, FromWorker, SimPayload, SweepPayload } from '../../src/worker/protocol';
import { readFixture } from '../fixtures/paths';

const lessons: Lesson[] = LESSONS.map((l) => ({ ...l, steps: STEPS[l.id] }));
const stepSettings = (lesson: string, k: number) => {
  const step = lessons.find((l) => l.id === lesson)!.steps[k - 1]!;
  return decodeUrl(`v=${URL_VERSION}&${step.link}`);
};

/** Every .tsx file under src/ui, as text (to find the test ids the steps point at). */
function uiSources(dir = 'src/ui'): string {
  return readdirSync(dir, { withFileTypes: true }).map((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? uiSources(p) : p.endsWith('.tsx') ? readFileSync(p, 'utf8') : '';
  }).join('\n');
}

describe('the lessons', () => {
  it('are the five the issue names, with steps; loadLesson gives each its own', async () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['sparsity', 'noise', 'library', 'beyond-sindy', 'real-data']);
    expect(Object.keys(STEPS).sort()).toEqual(LESSONS.map((l) => l.id).sort());
    for (const l of lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(MAX_LESSON_STEPS);
      expect(await loadLesson(l.id)).toEqual(l);
    }
    expect(await loadLesson('nope')).toBeUndefined();
  });

  it('every step\'s configuration opens through the link codec without a note', () => {
    for (const l of lessons) {
      l.steps.forEach((s, k) => {
        const d = decodeUrl(`v=${URL_VERSION}&${s.link}`);
        expect(d.notes, `${l.id} step ${k + 1}: ${s.link}`).toEqual([]);
        // Only fit settings and the view: a step never changes a teacher's show/lock or present mode.
        for (const key of new URLSearchParams(s.link).keys()) expect(['lesson', 'step', 'show', 'lock', 'embed', 'present'], key).not.toContain(key);
      });
    }
  });

  it('every piece of LaTeX in a step typesets with the page\'s KaTeX options', () => {
    for (const l of lessons) {
      for (const s of l.steps) {
        for (const text of [...s.text, s.question]) {
          const parts = splitTex(text);
          expect(parts.length % 2, `unbalanced $ in ${l.id}: ${text}`).toBe(1);
          parts.forEach((p, k) => { if (k % 2) expect(() => katex.renderToString(p, KATEX_OPTIONS), p).not.toThrow(); });
        }
        expect(s.question.length).toBeGreaterThan(20);
      }
    }
  });

  it('every step points at an element the page has', () => {
    const ui = uiSources();
    for (const l of lessons) {
      for (const s of l.steps) {
        const id = s.look.testId;
        expect(ui.includes(`data-testid="${id}"`) || ui.includes(`testId="${id}"`), `${l.id}: ${id}`).toBe(true);
      }
    }
  });
});

interface Outcome { fit: FitPayload; sim: SimPayload; sweep: SweepPayload | undefined }

const lynxText = readFixture('data', 'lynx_hare.csv');

/** Runs a step's settings on the fit worker's engine, as the page does; uploaded data is the bundled lynx–hare file. */
async function runStep(lesson: string, k: number, patch: Partial<Settings> = {}): Promise<Outcome> {
  const d = stepSettings(lesson, k);
  Object.assign(d.settings, patch);
  const engine = new FitEngine();
  if (d.settings.source === 'upload') {
    const r = engine.loadCsv({ type: 'loadCsv', uploadId: 1, text: lynxText, timeColumn: d.settings.timeColumn });
    expect(r.type === 'csv' && r.result.ok).toBe(true);
  }
  const out: FromWorker[] = [];
  await engine.run({ runId: 1, spec: fitSpec(d.settings, 1), known: { data: '', derivatives: '' }, animate: false },
    { post: (m) => out.push(m), isStale: () => false, pause: async () => undefined });
  const fit = out.find((m): m is Extract<FromWorker, { type: 'fit' }> => m.type === 'fit')?.fit;
  const sim = out.find((m): m is Extract<FromWorker, { type: 'simulation' }> => m.type === 'simulation')?.sim;
  const sweep = out.find((m): m is Extract<FromWorker, { type: 'sweep' }> => m.type === 'sweep')?.sweep;
  expect(fit, `${lesson} ${k}: no fit`).toBeDefined();
  return { fit: fit!, sim: sim!, sweep };
}

const nonzero = (f: FitPayload): number => f.coefficients.filter((c) => c !== 0).length;
/** ξ of `feature` in the equation of `state`. */
const coef = (f: FitPayload, state: string, feature: string): number => {
  const j = f.stateNames.indexOf(state);
  const p = f.features.indexOf(feature);
  expect(j >= 0 && p >= 0, `${state}/${feature} in ${f.features.join(' ')}`).toBe(true);
  return f.coefficients[j * f.features.length + p]!;
};
const maxSimError = (o: Outcome): number => Math.max(...o.sim.error);

describe('each step shows what it says (on the fit engine)', () => {
  it('sparsity: every term, then the true seven, then true terms lost; the sweep has its knee at seven terms', async () => {
    const [all, seven, far, knee] = await Promise.all([1, 2, 3, 4].map((k) => runStep('sparsity', k)));
    expect(nonzero(all!.fit)).toBe(all!.fit.features.length * 3);
    expect(seven!.fit.support!.recovered).toBe(true);
    expect(seven!.fit.support!.maxRelativeError).toBeLessThan(0.05);
    expect(far!.fit.support!.missing.map((t) => `${t.state}:${t.term}`)).toEqual(expect.arrayContaining(['y:y', 'y:x*z', 'z:x*y']));
    const z = far!.fit.stateNames.indexOf('z');
    const p = far!.fit.features.length;
    expect(Array.from(far!.fit.coefficients.subarray(z * p, (z + 1) * p)).every((c) => c === 0)).toBe(true);
    expect(far!.fit.r2[z]).toBeLessThan(0.05);
    // The knee: the sparsest sweep point with an error close to the best has seven terms, and fewer terms cost much more.
    const pts = knee!.sweep!.points;
    const best = Math.min(...pts.map((p) => p.error));
    const at7 = pts.filter((p) => p.nTerms === 7);
    expect(at7.length).toBeGreaterThan(0);
    const err7 = Math.min(...at7.map((p) => p.error));
    expect(err7).toBeLessThan(1.5 * best);
    for (const p of pts.filter((q) => q.nTerms > 0 && q.nTerms < 7)) expect(p.error, `${p.nTerms} terms`).toBeGreaterThan(3 * err7);
  });

  it('noise: 2 % fine, 5 % breaks finite differences, smoothing helps but misses, the weak form recovers, MSTLS at 10 %', async () => {
    const [little, more, smooth, weak, ten] = await Promise.all([1, 2, 3, 4, 5].map((k) => runStep('noise', k)));
    expect(little!.fit.support!.recovered).toBe(true);
    expect(more!.fit.support!.extra.length).toBeGreaterThan(0);
    expect(Math.max(...more!.fit.r2)).toBeLessThan(0.5);
    expect(Math.abs(coef(more!.fit, 'y', 'y') + 1)).toBeGreaterThan(0.2);
    expect(Math.min(...smooth!.fit.r2)).toBeGreaterThan(Math.max(...more!.fit.r2));
    expect(smooth!.fit.support!.recovered).toBe(false);
    expect(weak!.fit.support!.recovered).toBe(true);
    expect(weak!.fit.support!.maxRelativeError).toBeLessThan(0.05);
    expect(ten!.fit.support!.recovered).toBe(true);
    const lab = stepSettings('noise', 6);
    expect(lab.view).toBe('lab');
    expect(lab.lab.methods).toEqual(['fd', 'savgol', 'weak']);
  });

  it('library: linear fails, cubic imitates one orbit with orbit-dependent coefficients, Fourier finds sin x', async () => {
    const [linear, cubic, higher, fourier] = await Promise.all([1, 2, 3, 4].map((k) => runStep('library', k)));
    expect(linear!.fit.support!.recovered).toBe(false);
    expect(linear!.fit.support!.notInLibrary.map((t) => t.term)).toContain('sin(x)');
    expect(maxSimError(linear!)).toBeGreaterThan(0.05);
    expect(maxSimError(cubic!)).toBeLessThan(0.01);
    expect(cubic!.fit.support!.extra.map((t) => t.term)).toContain('x*y^2');
    const a = coef(cubic!.fit, 'y', 'x');
    const b = coef(higher!.fit, 'y', 'x');
    expect(Math.abs(a - b)).toBeGreaterThan(0.5 * Math.abs(a));
    expect(fourier!.fit.support!.recovered).toBe(true);
    expect(fourier!.fit.equations[1]).toMatch(/sin\(x\)/);
  });

  it('beyond SINDy: a dozen polynomial terms fit, a larger orbit defeats them, guessed fractions give the two-term law', async () => {
    const [poly, far, guessed] = await Promise.all([1, 2, 3].map((k) => runStep('beyond-sindy', k)));
    expect(poly!.fit.trueLatex).toBeNull();
    expect(nonzero(poly!.fit)).toBeGreaterThanOrEqual(10);
    expect(maxSimError(poly!)).toBeLessThan(0.01);
    expect(far!.sim.status === 'diverged' || maxSimError(far!) > 0.2).toBe(true);
    expect(nonzero(guessed!.fit)).toBe(2);
    expect(coef(guessed!.fit, 'x', 'y/(1+y)')).toBeCloseTo(1, 2);
    expect(coef(guessed!.fit, 'y', 'x/(1+x)')).toBeCloseTo(-1, 2);
  });

  it('real data: the Lotka–Volterra sign pattern, a better R² from a bigger library, a sign flip in the weak form, signs that survive noise', async () => {
    const [fd, , big, weak, noisy] = await Promise.all([1, 2, 3, 4, 5].map((k) => runStep('real-data', k)));
    const hl = 'hare*lynx';
    expect(coef(fd!.fit, 'hare', 'hare')).toBeGreaterThan(0);
    expect(coef(fd!.fit, 'hare', hl)).toBeLessThan(0);
    expect(coef(fd!.fit, 'lynx', hl)).toBeGreaterThan(0);
    expect(coef(fd!.fit, 'lynx', 'lynx')).toBeLessThan(0);
    expect(nonzero(big!.fit)).toBeGreaterThan(nonzero(fd!.fit));
    big!.fit.r2.forEach((r, j) => expect(r).toBeGreaterThanOrEqual(fd!.fit.r2[j]!));
    expect(Math.sign(coef(weak!.fit, 'lynx', hl))).toBe(-Math.sign(coef(fd!.fit, 'lynx', hl)));
    // New draw: other seeds of the same 5 % noise move the coefficients, not the signs of the h·l terms.
    const draws = [noisy!, ...(await Promise.all([2, 3, 4].map((seed) => runStep('real-data', 5, { seed }))))];
    for (const o of draws) {
      expect(coef(o.fit, 'hare', hl)).toBeLessThan(0);
      expect(coef(o.fit, 'lynx', hl)).toBeGreaterThan(0);
    }
    expect(new Set(draws.map((o) => coef(o.fit, 'hare', 'hare'))).size).toBe(draws.length);
  });
});
