/**
 * The classroom part of a link (lesson, step, show, lock, embed, data): golden links and the
 * notes a bad value gets, the encoder writing them only when used, and the rules behind
 * teacher links (state/classroom.ts) — including that every control name is gated in the UI.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, getBundled } from '../../src/state/bundled';
import { CONTROL_NAMES, CONTROLS, controlMode, readControlNames, sectionVisible, unlockedPatch } from '../../src/state/classroom';
import { FIELDS } from '../../src/state/schema';
import { defaultLabSettings, defaultSettings } from '../../src/state/settings';
import { decodeUrl, encodeUrl, hasSettings } from '../../src/state/url';
import { parseCsv } from '../../src/core/data/csv';

const lab = defaultLabSettings();

describe('lesson and step in a link', () => {
  it('opens a lesson at a step', () => {
    const d = decodeUrl('?lesson=noise&step=3');
    expect(d).toMatchObject({ lesson: 'noise', step: 3, notes: [] });
  });

  it('an unknown lesson opens without one and names the lessons', () => {
    const d = decodeUrl('?lesson=calculus&step=2');
    expect(d.lesson).toBe('');
    expect(d.step).toBe(1);
    expect(d.notes[0]).toBe("There is no lesson 'calculus'; the lessons are sparsity, noise, library, beyond-sindy, real-data (menu Lessons). Opened without a lesson.");
    expect(d.notes[1]).toBe('Step 2 needs a lesson (lesson=…); ignored it.');
  });

  it('a step that is not a step opens the first one with a note (past the lesson\'s end: the controller says so once loaded)', () => {
    for (const bad of ['0', '-1', '2.5e9', 'two', '', '21']) {
      const d = decodeUrl(`?lesson=sparsity&step=${bad}`);
      expect(d.step, bad).toBe(1);
      expect(d.notes.length, bad).toBe(1);
      expect(d.notes[0], bad).toContain('Lesson step');
    }
  });

  it('is written only in a lesson, lesson before step, after projector mode', () => {
    const s = defaultSettings('lorenz');
    expect(encodeUrl(s, { view: 'fit', lab })).not.toMatch(/lesson=|step=|show=|lock=|embed=|data=/);
    const q = encodeUrl(s, { view: 'fit', lab, present: true, lesson: 'library', step: 4 });
    expect(q).toMatch(/&present=1&lesson=library&step=4&lab|&present=1&lesson=library&step=4$/);
    expect(decodeUrl(q)).toMatchObject({ lesson: 'library', step: 4, present: true, notes: [] });
  });
});

describe('teacher links: show and lock', () => {
  it('reads setting names in panel order, without repeats', () => {
    const d = decodeUrl('?show=noise,threshold,noise&lock=threshold');
    expect(d.show).toEqual(['noise', 'threshold']);
    expect(d.lock).toEqual(['threshold']);
    expect(d.notes).toEqual([]);
  });

  it('names what it does not know and keeps the rest', () => {
    const d = decodeUrl('?show=threshold,thr,<b>x</b>&lock=everything');
    expect(d.show).toEqual(['threshold']);
    expect(d.lock).toEqual([]);
    expect(d.notes).toHaveLength(2);
    expect(d.notes[0]).toContain("Shown controls: ignored 'thr', '<b>x</b>': not the name of a control.");
    expect(d.notes[1]).toContain("Locked controls: ignored 'everything'");
  });

  it('round-trips and writes each list only when it has names', () => {
    const s = defaultSettings('pendulum');
    const q = encodeUrl(s, { view: 'fit', lab, show: ['noise', 'threshold'], lock: ['degree'], embed: true });
    expect(new URLSearchParams(q).get('show')).toBe('noise,threshold');
    expect(q).toContain('&show=noise,threshold&lock=degree&embed=1');
    const d = decodeUrl(q);
    expect(d).toMatchObject({ show: ['noise', 'threshold'], lock: ['degree'], embed: true, notes: [] });
    expect(d.settings).toEqual(s);
  });

  it('embed must be 0 or 1', () => {
    const d = decodeUrl('?embed=yes');
    expect(d.embed).toBe(false);
    expect(d.notes[0]).toContain('Embed mode');
  });

  it('a control is hidden when the link shows others, and locked ones are shown read-only', () => {
    const c = { show: ['noise'], lock: ['threshold'] };
    expect(controlMode('noise', c)).toBe('shown');
    expect(controlMode('threshold', c)).toBe('locked');
    expect(controlMode('degree', c)).toBe('hidden');
    expect(controlMode('degree', { show: [], lock: [] })).toBe('shown');
    expect(sectionVisible('opt', c)).toBe(true);
    expect(sectionVisible('library', c)).toBe(false);
    expect(sectionVisible('library', { show: [], lock: ['threshold'] })).toBe(true);
  });

  it('a locked setting cannot change through a settings patch', () => {
    expect(unlockedPatch({ threshold: 3, noise: 2 }, ['threshold'])).toEqual({ noise: 2 });
    const patch = { degree: 4 };
    expect(unlockedPatch(patch, [])).toBe(patch);
  });

  it('control names are settings of the link table, and each has a gated control in the settings panel', () => {
    const paths = new Set<string>(FIELDS.map((f) => f.path));
    const settings = new Set(Object.keys(defaultSettings()));
    const ui = uiSources('src/ui');
    for (const name of CONTROL_NAMES) {
      expect(paths, name).toContain(name);
      expect(settings, name).toContain(name);
      expect(ui.includes(`<Gate name="${name}">`), name).toBe(true);
    }
    expect(new Set(CONTROL_NAMES).size).toBe(CONTROLS.length);
    expect(readControlNames(' threshold , noise ,,')).toEqual({ names: ['noise', 'threshold'], unknown: [] });
  });
});

describe('bundled data', () => {
  it('a link names it with data=, only with uploaded data, and only from the fixed list', () => {
    const s = { ...defaultSettings(), source: 'upload' as const, file: 'lynx_hare.csv', timeColumn: 'year', stateColumns: ['hare', 'lynx'] };
    const q = encodeUrl(s, { view: 'fit', lab, dataset: 'lynx_hare' });
    expect(q).toContain('&data=lynx_hare&file=lynx_hare.csv&time=year&states=hare,lynx');
    expect(decodeUrl(q)).toMatchObject({ dataset: 'lynx_hare', notes: [] });
    expect(encodeUrl(defaultSettings(), { view: 'fit', lab, dataset: 'lynx_hare' })).not.toContain('data=');
    const bad = decodeUrl('?src=upload&data=../../secrets&file=x.csv');
    expect(bad.dataset).toBe('');
    expect(bad.notes[0]).toContain("There is no bundled data set '../../secrets'");
  });

  it('every bundled file is in public/, parses with its named columns, and is the tested fixture', () => {
    for (const b of BUNDLED) {
      const path = join('public', b.path);
      expect(existsSync(path), path).toBe(true);
      const r = parseCsv(readFileSync(path, 'utf8'), { timeColumn: b.timeColumn });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.dataset.stateNames).toEqual(b.stateColumns);
      expect(getBundled(b.id)).toBe(b);
    }
    expect(readFileSync('public/data/lynx_hare.csv', 'utf8')).toBe(readFileSync('test/fixtures/data/lynx_hare.csv', 'utf8'));
  });
});

describe('hasSettings', () => {
  it('tells a bare lesson or teacher link from one that carries settings', () => {
    expect(hasSettings('?lesson=noise&step=2')).toBe(false);
    expect(hasSettings('?v=2&lesson=noise&show=threshold&lock=noise&embed=1&present=1&view=lab')).toBe(false);
    expect(hasSettings('?lesson=noise&thr=0.3')).toBe(true);
    expect(hasSettings('?sys=lorenz')).toBe(true);
    expect(hasSettings('')).toBe(false);
  });
});

function uiSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true }).map((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? uiSources(p) : p.endsWith('.tsx') ? readFileSync(p, 'utf8') : '';
  }).join('\n');
}
