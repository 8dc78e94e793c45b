/**
 * The configuration file (Export → Configuration): the link in JSON dress. Whatever settings a
 * link carries, the file carries them too and reads back into exactly what the link decodes to;
 * its values are typed for reading; an old version is migrated by the link's migrations; what
 * is not a configuration (not JSON, another format, a newer version) is refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/data/rng';
import { systems } from '../../src/core/systems/registry';
import { CONFIG_FORMAT, configFile, configJson, readConfig } from '../../src/state/configFile';
import { num, setAt, type Field, type FieldOf, type LinkState, type Path } from '../../src/state/fields';
import { FIELDS, keysOf, LINK_KEYS } from '../../src/state/schema';
import { capSamples, defaultLabSettings, defaultSettings, labMethods, type Settings } from '../../src/state/settings';
import { decodeUrl, encodeUrl, MIGRATIONS, SCHEMA, type LinkSchema, type Migration } from '../../src/state/url';

const state = (patch: Partial<Settings> = {}, system = 'lorenz'): Pick<LinkState, 'settings' | 'view' | 'lab'> =>
  ({ settings: { ...defaultSettings(system), ...patch }, view: 'fit', lab: defaultLabSettings() });

const read = (text: string, name = 'c.json', schema?: LinkSchema) => {
  const r = readConfig(text, name, schema);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** Random settings from the table's own ranges and choices (as the link codec's round-trip test). */
function randomState(rng: Rng): Pick<LinkState, 'settings' | 'view' | 'lab'> {
  const sys = systems[Math.floor(rng() * systems.length)]!;
  const st: LinkState = { settings: defaultSettings(sys.id), view: 'fit', lab: defaultLabSettings(), present: false, lesson: '', step: 1, show: [], lock: [], embed: false, dataset: '' };
  for (const f of FIELDS) {
    const g = f as FieldOf<Path>;
    if (g.range && (g.kind === 'number' || g.kind === 'integer')) {
      const r = g.range;
      const x = r.min > 0 && r.max / r.min > 100 ? r.min * (r.max / r.min) ** rng() : r.min + (r.max - r.min) * rng();
      setAt(st, g.path, r.integer ? Math.round(x) : x);
    } else if (g.kind === 'choice' && g.path !== 'system' && g.choices) setAt(st, g.path, g.choices[Math.floor(rng() * g.choices.length)]!.id);
    else if (g.kind === 'boolean' && g.path !== 'present') setAt(st, g.path, rng() < 0.5);
  }
  const s = st.settings;
  for (const p of sys.params) s.params[p.id] = p.min + (p.max - p.min) * rng();
  s.x0 = sys.stateNames.map(() => -100 + 200 * rng());
  s.dt = capSamples(s.tEnd, s.dt);
  if (s.ens === 1) s.ens = 2;
  s.terms = ['sin(x)', 'x*y', 'exp(-x) / (1 + x^2)'].slice(0, Math.floor(rng() * 4));
  if (s.source === 'upload') { s.file = 'run 1.csv'; s.timeColumn = 'time'; s.stateColumns = ['a', 'b_2']; }
  st.lab.levels = [0, 2.5, 10].slice(0, 1 + Math.floor(rng() * 3));
  st.lab.methods = labMethods.filter(() => rng() < 0.6);
  if (st.lab.methods.length === 0) st.lab.methods = ['fd'];
  return { settings: st.settings, view: st.view, lab: st.lab };
}

describe('configFile', () => {
  it('is the format, the link schema\'s version and the link\'s keys, typed', () => {
    const st = state({ threshold: 0.25, bias: false, terms: ['sin(x)', 'x*y'] });
    const f = configFile(st);
    expect(f.format).toBe(CONFIG_FORMAT);
    expect(f.version).toBe(SCHEMA.version);
    const linkKeys = [...new URLSearchParams(encodeUrl(st.settings, { view: 'fit', lab: defaultLabSettings() })).keys()].filter((k) => k !== 'v');
    expect(Object.keys(f.settings)).toEqual([...new Set(linkKeys)]);
    expect(f.settings).toMatchObject({ src: 'system', sys: 'lorenz', thr: 0.25, bias: false, 'p.sigma': 10, x0: [-8, 8, 27], term: ['sin(x)', 'x*y'] });
    expect(f.uploadedData).toBeUndefined();
  });

  it('for uploaded data: the file name and column roles, a note naming the file to load again, never the data', () => {
    const f = configFile(state({ source: 'upload', file: 'lynx_hare.csv', timeColumn: 'year', stateColumns: ['hare', 'lynx'] }));
    expect(f.settings).toMatchObject({ src: 'upload', file: 'lynx_hare.csv', time: 'year', states: ['hare', 'lynx'] });
    expect(f.uploadedData?.file).toBe('lynx_hare.csv');
    expect(f.uploadedData?.note).toMatch(/whose contents are not saved here.*load 'lynx_hare\.csv' again/);
  });
});

describe('readConfig: what a link decodes to', () => {
  it('random settings over the whole table read back exactly as their link does, without notes', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 150; trial++) {
      const st = randomState(rng);
      const text = configJson(st);
      const back = read(text);
      const link = decodeUrl(encodeUrl(st.settings, { view: st.view, lab: st.lab }));
      expect(back.decoded.notes, text).toEqual([]);
      expect(back.decoded.settings, text).toEqual(link.settings);
      expect(back.decoded.view).toEqual(link.view);
      expect(back.decoded.lab).toEqual(link.lab);
      expect(back.uploadedFile).toBe(st.settings.source === 'upload' ? 'run 1.csv' : null);
    }
  });

  it('a bad value keeps its default with the link\'s note; an unknown key and a value of the wrong shape are notes', () => {
    const text = JSON.stringify({ format: CONFIG_FORMAT, version: 2, settings: { sys: 'lorenz', thr: 'lots', deg: 3, colour: 'red', alpha: { x: 1 }, noise: null } });
    const { decoded } = read(text);
    expect(decoded.settings.degree).toBe(3);
    expect(decoded.settings.threshold).toBe(defaultSettings('lorenz').threshold);
    expect(decoded.notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Threshold = 'lots' is not a number/),
      "Ignored the unknown setting 'colour'.",
      expect.stringMatching(/^Ignored the setting 'alpha': its value must be a number, text, true\/false or a list/),
      expect.stringMatching(/^Ignored the setting 'noise'/),
    ]));
  });

  it('hand-written values in link form (strings, 1/0) read the same as typed ones', () => {
    const typed = read(JSON.stringify({ format: CONFIG_FORMAT, version: 2, settings: { sys: 'van_der_pol', thr: 0.05, bias: false, x0: [1, 0] } }));
    const texts = read(JSON.stringify({ format: CONFIG_FORMAT, version: 2, settings: { sys: 'van_der_pol', thr: '0.05', bias: '0', x0: '1,0' } }));
    expect(texts.decoded.settings).toEqual(typed.decoded.settings);
    expect(typed.decoded.settings).toMatchObject({ system: 'van_der_pol', threshold: 0.05, bias: false, x0: [1, 0] });
  });

  it('a version 1 file is migrated like a version 1 link: weak form and ensemble off', () => {
    const { decoded } = read(JSON.stringify({ format: CONFIG_FORMAT, version: 1, settings: { sys: 'lorenz', thr: 0.2 } }));
    expect(decoded.version).toBe(1);
    expect(decoded.notes).toEqual([]);
    expect(decoded.settings).toMatchObject({ threshold: 0.2, form: 'strong', ens: 0 });
  });

  it('with a later schema that renames a key, today\'s file is migrated to it', () => {
    const fields = FIELDS.map((f): Field => (f.key === 'thr' ? num('lambda', 'threshold', f.label, f.range!, f.when) : f));
    const rename: Migration = (raw) => new Map([...raw].map(([k, v]) => [k === 'thr' ? 'lambda' : k, v]));
    const v3: LinkSchema = { version: 3, fields, keys: { ...LINK_KEYS, 2: keysOf(FIELDS) }, migrations: { ...MIGRATIONS, 2: rename } };
    const today = configJson(state({ threshold: 0.35 }));
    const { decoded } = read(today, 'c.json', v3);
    expect(decoded.notes).toEqual([]);
    expect(decoded.settings.threshold).toBe(0.35);
  });

  it('a key like __proto__ is only an unknown setting', () => {
    const { decoded } = read(`{"format":"${CONFIG_FORMAT}","version":2,"settings":{"__proto__":{"polluted":1},"constructor":"x"}}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decoded.notes.join(' ')).toMatch(/'__proto__'/);
    expect(decoded.settings).toEqual(defaultSettings());
  });
});

describe('readConfig: refused, naming the file and the problem', () => {
  const refuse = (text: string, name = 'mine.json', schema?: LinkSchema): string => {
    const r = readConfig(text, name, schema);
    if (r.ok) throw new Error('accepted');
    return r.error;
  };

  it('text that is not JSON', () => {
    expect(refuse('t,x\n0,1\n', 'data.csv')).toMatch(/^'data\.csv' is not a configuration: it is not valid JSON \(.+\)\. Choose a file saved by Export → Configuration\.$/);
  });

  it('JSON of another kind: not an object, no format, another format', () => {
    expect(refuse('[1,2]')).toMatch(/not a SINDy Playground configuration: it is JSON but not an object/);
    expect(refuse('{"version":2,"settings":{}}')).toMatch(/not a SINDy Playground configuration: it has no "format" field/);
    expect(refuse('{"format":"plotly-figure","version":2}')).toMatch(/its format is "plotly-figure" \(expected "format": "sindy-playground-config"\)/);
  });

  it('a newer version: says so and what to do; a version that is not a whole number ≥ 1', () => {
    expect(refuse(`{"format":"${CONFIG_FORMAT}","version":${SCHEMA.version + 1},"settings":{}}`))
      .toBe(`'mine.json' was saved by a newer version of the playground (configuration version ${SCHEMA.version + 1}; this page reads versions 1 to ${SCHEMA.version}). Reload the page to get the newer version, then load it again.`);
    for (const v of ['0', '1.5', '"2"', 'null', '-3']) expect(refuse(`{"format":"${CONFIG_FORMAT}","version":${v},"settings":{}}`)).toMatch(/has no valid "version"/);
  });

  it('no settings object', () => {
    expect(refuse(`{"format":"${CONFIG_FORMAT}","version":2,"settings":[1]}`)).toMatch(/has no "settings" object/);
  });

  it('a huge file, without parsing it', () => {
    expect(refuse(' '.repeat(2_000_001))).toMatch(/too large for a configuration \(2\.0 MB/);
  });

  it('a hostile file name is quoted as a printable excerpt', () => {
    const msg = refuse('nope', 'evil\n\u0007name<script>.json');
    expect(msg.includes('\n') || msg.includes('\u0007')).toBe(false);
  });
});
