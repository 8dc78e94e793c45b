/**
 * The field table (src/state/schema.ts) and the codec url.ts generates from it: versioned
 * parsing with a made-up v3 that renames a key, and a round trip over random settings drawn
 * from the table's own ranges and choices.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/data/rng';
import { systems } from '../../src/core/systems/registry';
import { getAt, num, setAt, type Field, type FieldOf, type LinkState, type Path, type RawParams } from '../../src/state/fields';
import { FIELDS, keysOf, LINK_KEYS } from '../../src/state/schema';
import { getMethodInfo } from '../../src/core/methods/catalog';
import { applicableFields, withSetting } from '../../src/state/methods';
import { capSamples, defaultLabSettings, defaultSettings, labMethods, MAX_TERMS, type Range } from '../../src/state/settings';
import { decodeUrl, decodeWith, encodeWith, linkDefaults, linkState, MIGRATIONS, parseQuery, SCHEMA, URL_VERSION, type LinkSchema, type Migration } from '../../src/state/url';
import { STEPS } from '../../src/lessons/content';

describe('the field table', () => {
  it('has one field per key and path, and the current version reads exactly its keys', () => {
    const keys = FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(FIELDS.map((f) => f.path)).size).toBe(FIELDS.length);
    expect(keysOf(FIELDS)).toEqual(['v', ...keys]);
  });

  it('has a field for every setting, the view and every part of the lab grid', () => {
    const paths = new Set<string>(FIELDS.map((f) => f.path));
    for (const k of Object.keys(defaultSettings())) expect(paths, k).toContain(k);
    expect(paths).toContain('view');
    for (const k of Object.keys(defaultLabSettings())) expect(paths, k).toContain(`lab.${k}`);
  });

  it('v1\'s keys are a subset of v2\'s (v2 only added keys, so no v1 → v2 renames)', () => {
    const current = new Set(keysOf(FIELDS));
    for (const k of LINK_KEYS[1]!) expect(current, k).toContain(k);
  });

  it('labels every field and gives numbers a range, choices their ids', () => {
    for (const f of FIELDS) {
      expect(f.label.length, f.key).toBeGreaterThan(0);
      if (f.kind === 'number' || f.kind === 'integer') expect(f.range, f.key).toBeDefined();
      if (f.kind === 'integer') expect(f.range?.integer, f.key).toBe(true);
      if (f.kind === 'choice') expect(f.choices?.length, f.key).toBeGreaterThan(1);
    }
  });
});

/** A made-up v3 in which 'thr' is renamed 'lambda': one table entry and one migration step. */
function schemaV3(): LinkSchema {
  const fields = FIELDS.map((f): Field => (f.key === 'thr' ? num('lambda', 'threshold', f.label, f.range!, f.when) : f));
  const rename: Migration = (raw) => new Map([...raw].map(([k, v]) => [k === 'thr' ? 'lambda' : k, v]));
  return { version: 3, fields, keys: { ...LINK_KEYS, 2: keysOf(FIELDS) }, migrations: { ...MIGRATIONS, 2: rename } };
}

describe('versioned parsing: a key renamed in a later version', () => {
  const v3 = schemaV3();
  const v2Link = 'v=2&sys=lorenz&opt=stlsq&thr=0.3&deg=3';

  it('a v2 link\'s old key is read with v2\'s keys and migrated to the new one', () => {
    const d = decodeWith(v2Link, v3);
    expect(d.notes).toEqual([]);
    expect(d.version).toBe(2);
    expect(d.settings.threshold).toBe(0.3);
    expect(d.settings.degree).toBe(3);
  });

  it('a v1 link goes through both steps (v1 → v2 → v3) and keeps its threshold', () => {
    const d = decodeWith('v=1&sys=lorenz&thr=0.4', v3);
    expect(d.notes).toEqual([]);
    expect(d.settings.threshold).toBe(0.4);
    expect(d.settings.form).toBe('strong');
  });

  it('parsing with the current version\'s keys first (the old order) would have lost it', () => {
    const notes: string[] = [];
    const raw: RawParams = parseQuery(v2Link, notes, keysOf(v3.fields));
    expect(raw.has('thr')).toBe(false);
    expect(notes).toEqual(["Ignored the unknown setting 'thr'."]);
  });

  it('v3 links use the new key; the new key in a v2 link and the old one in a v3 link are notes', () => {
    expect(decodeWith('v=3&lambda=0.25', v3).settings.threshold).toBe(0.25);
    const early = decodeWith('v=2&lambda=0.25', v3);
    expect(early.settings.threshold).toBe(0.1);
    expect(early.notes).toEqual(["Ignored the setting 'lambda': links of version 2 do not have it."]);
    const late = decodeWith('v=3&thr=0.25', v3);
    expect(late.settings.threshold).toBe(0.1);
    expect(late.notes).toEqual(["Ignored the unknown setting 'thr'."]);
  });

  it('the v3 encoder writes the new key and its own version, and reads it back', () => {
    const st: LinkState = { ...linkDefaults('lorenz'), settings: { ...defaultSettings('lorenz'), threshold: 0.7 } };
    const q = new URLSearchParams(encodeWith(st, v3));
    expect(q.get('v')).toBe('3');
    expect(q.get('lambda')).toBe('0.7');
    expect(q.has('thr')).toBe(false);
    expect(decodeWith(q.toString(), v3).settings).toEqual(st.settings);
  });

  it('the real schema is the current version', () => {
    expect(SCHEMA.version).toBe(URL_VERSION);
    expect(decodeWith(v2Link, SCHEMA)).toEqual(decodeUrl(v2Link));
  });
});

/** A random value within a range: log-uniform over wide positive ranges, so small values occur. */
function inRange(rng: Rng, r: Range): number {
  const x = r.min > 0 && r.max / r.min > 100
    ? r.min * (r.max / r.min) ** rng()
    : r.min + (r.max - r.min) * rng();
  return r.integer ? Math.round(x) : x;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Random link state: every field drawn from the table's own range or choices. */
function randomState(rng: Rng): LinkState {
  const sys = pick(rng, systems);
  const s = defaultSettings(sys.id);
  const st: LinkState = { ...linkDefaults(sys.id), settings: s };
  for (const f of FIELDS) {
    const g = f as FieldOf<Path>;
    if (g.range && (g.kind === 'number' || g.kind === 'integer')) setAt(st, g.path, inRange(rng, g.range));
    else if (g.kind === 'choice' && g.path !== 'system' && g.choices) setAt(st, g.path, pick(rng, g.choices).id);
    else if (g.kind === 'boolean') setAt(st, g.path, rng() < 0.5);
  }
  for (const p of sys.params) s.params[p.id] = inRange(rng, p);
  s.x0 = sys.stateNames.map(() => inRange(rng, { min: -100, max: 100 }));
  s.dt = capSamples(s.tEnd, s.dt);
  if (s.ens === 1) s.ens = 2;
  s.terms = ['sin(x)', 'x*y', 'exp(-x) / (1 + x^2)', 'cos(2*x)'].slice(0, Math.floor(rng() * 5));
  if (s.source === 'upload') { s.file = 'data 1.csv'; s.timeColumn = 't'; s.stateColumns = ['a', 'b_2']; }
  // A lesson's step is one of its own steps (the table's range is the longest lesson's).
  if (st.lesson) st.step = 1 + Math.floor(rng() * STEPS[st.lesson as keyof typeof STEPS].length);
  // A registered method's own settings (m.<key>), each drawn from its declared field; a pick per state.
  const info = getMethodInfo(s.method);
  if (info) {
    for (const f of info.fields ?? []) {
      if (rng() < 0.4) continue;
      const v = f.kind === 'int' || f.kind === 'number' ? inRange(rng, { min: f.min, max: f.max, integer: f.kind === 'int' })
        : f.kind === 'choice' ? pick(rng, f.choices).id : f.kind === 'bool' ? rng() < 0.5 : pick(rng, ['+,-,*,/', '+,*,sin', '+,-,/,exp,cos']);
      s.methodSettings = withSetting(info, s.methodSettings, f.key, v);
    }
    // a field that does not apply to the others (its `when`) is not written: it comes back as its default
    const applies = new Set(applicableFields(info, s.methodSettings).map((f) => f.key));
    s.methodSettings = Object.fromEntries(Object.entries(s.methodSettings).filter(([k]) => applies.has(k)));
    s.pick = rng() < 0.5 ? sys.stateNames.map(() => Math.floor(rng() * 3) * 4) : [];
  }
  st.lab.levels = [0, 2.5, 10].slice(0, 1 + Math.floor(rng() * 3));
  st.lab.methods = labMethods.filter(() => rng() < 0.6);
  if (st.lab.methods.length === 0) st.lab.methods = ['fd'];
  return st;
}

describe('round trip over random settings drawn from the table', () => {
  it('every applicable field comes back bit-exactly, every other one as its default, without notes', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 150; trial++) {
      const st = randomState(rng);
      const url = encodeWith(st, SCHEMA);
      const d = decodeUrl(url);
      expect(d.notes, url).toEqual([]);
      const defaults: LinkState = linkDefaults(st.settings.system);
      for (const f of FIELDS) {
        const g = f as FieldOf<Path>;
        const written = !g.when || g.when(st);
        const expected = written ? getAt(st, g.path) : getAt(defaults, g.path);
        expect(getAt(linkState(d.settings, d), g.path), `${g.key} in ${url}`).toEqual(expected);
      }
    }
  });

  it('writes a field\'s key exactly when the field applies', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 100; trial++) {
      const st = randomState(rng);
      const q = new URLSearchParams(encodeWith(st, SCHEMA));
      for (const f of FIELDS) {
        if (f.kind === 'params' || f.kind === 'repeated' || f.kind === 'methodSettings') continue;
        expect(q.has(f.key), f.key).toBe(!f.when || f.when(st));
      }
      // m.<key> exactly for the method's settings that differ from its defaults
      const written = [...q.keys()].filter((k) => k.startsWith('m.')).map((k) => k.slice(2)).sort();
      expect(written).toEqual(st.settings.method === 'sindy' ? [] : Object.keys(st.settings.methodSettings).sort());
    }
  });

  it('caps repeated custom terms at MAX_TERMS', () => {
    const st: LinkState = { ...linkDefaults(undefined), settings: { ...defaultSettings(), terms: Array.from({ length: MAX_TERMS + 3 }, (_, k) => `x^${k + 3}`) } };
    const d = decodeUrl(encodeWith(st, SCHEMA));
    expect(d.settings.terms).toEqual(st.settings.terms.slice(0, MAX_TERMS));
    expect(d.notes).toEqual([`Only ${MAX_TERMS} custom terms are allowed; ignored the rest.`]);
  });
});
