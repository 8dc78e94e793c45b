/**
 * "A new method is its folder and one registration" (docs/ARCHITECTURE.md), shown: every
 * registered method with declared settings is in the import-light catalog the page reads, with
 * the same declaration, and its `uses` agrees with its `needs`; a test double registered at run
 * time is then a choice of the page's method control, its settings travel through the link,
 * and the CLI accepts its flags — with no line of surface code for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getMethodInfo, methodCatalog } from '../../../src/core/methods/catalog';
import { fittingMethods, registerMethod } from '../../../src/core/methods/registry';
import { parseArgs, helpText } from '../../../src/cli/args';
import { defaultFitSettings } from '../../../src/core/pipeline/fit';
import { applicableFields, controlsUsed, methodChoices } from '../../../src/state/methods';
import { defaultSettings } from '../../../src/state/settings';
import { decodeUrl, encodeUrl } from '../../../src/state/url';
import { pipelineSpec } from '../../../src/state/spec';
import { slowMethod } from './slowMethod';

describe('the catalog the page reads agrees with the registry the engine runs', () => {
  it('lists every registered method with fields, with the same declaration', () => {
    const declaring = fittingMethods().filter((m) => m.fields);
    expect(declaring.map((m) => m.id)).toEqual(methodCatalog().map((m) => m.id));
    for (const m of declaring) {
      const info = getMethodInfo(m.id)!;
      expect(info.fields, m.id).toBe(m.fields);
      expect(info.defaults, m.id).toBe(m.defaults);
      expect([info.label, info.description], m.id).toEqual([m.label, m.description]);
    }
  });

  it('a method uses the derivative controls exactly when it needs derivatives, and the library whenever it reads Θ', () => {
    for (const m of fittingMethods().filter((x) => x.fields)) {
      const settings = m.validate({}, pipelineSpec(defaultSettings()));
      expect(settings.ok, m.id).toBe(true);
      if (!settings.ok) continue;
      const needs = m.needs(settings.value);
      const uses = m.uses?.(settings.value as Record<string, unknown>) ?? [];
      expect(uses.includes('derivative'), m.id).toBe(needs.includes('derivatives'));
      // (a method may also build its own library, e.g. distilling a neural field by SINDy: uses without needing Θ)
      if (needs.includes('theta') || needs.includes('regression') || needs.includes('weak')) expect(uses, m.id).toContain('library');
    }
  });
});

describe('a method registered at run time appears on every surface', () => {
  beforeAll(() => registerMethod(slowMethod));

  it('the page: a choice with its label and description, its fields as controls, its panels', () => {
    expect(methodChoices().find((c) => c.id === 'slow-test')).toEqual({ id: 'slow-test', label: 'Slow test method', description: 'A test double: many short steps.' });
    const info = getMethodInfo('slow-test')!;
    expect(applicableFields(info, {}).map((f) => f.key)).toEqual(['steps', 'stepMs', 'shape', 'rate', 'tag', 'verbose']);
    expect(applicableFields(info, { shape: 'flat' }).map((f) => f.key)).toEqual(['steps', 'stepMs', 'shape', 'tag', 'verbose']);
    expect([...controlsUsed({ method: 'slow-test', methodSettings: {} })]).toEqual(['library']);
  });

  it('the link: method=slow-test and its m.<key> round-trip; the fit spec carries them', () => {
    const s = { ...defaultSettings('lorenz'), method: 'slow-test', methodSettings: { steps: 7, tag: 'abc' } };
    const d = decodeUrl(encodeUrl(s));
    expect(d.notes).toEqual([]);
    expect(d.settings).toEqual(s);
    expect(pipelineSpec(d.settings).method).toEqual({ id: 'slow-test', settings: { steps: 7, tag: 'abc' } });
  });

  it('the CLI: --method slow-test with its generated flags, parsed by kind, listed by --help', () => {
    const tv = { alpha: 1, iterations: 20 };
    const o = parseArgs(['fit', 'd.csv', '--method', 'slow-test', '--steps', '7', '--step-ms=0.5', '--shape', 'flat', '--tag', 'abc', '--verbose'], defaultFitSettings(), tv);
    expect(o.ok && o.value.method).toBe('slow-test');
    expect(o.ok && o.value.methodSettings).toEqual({ steps: 7, stepMs: 0.5, shape: 'flat', tag: 'abc', verbose: true });
    const bad = parseArgs(['fit', 'd.csv', '--method', 'slow-test', '--tag', 'a1'], defaultFitSettings(), tv);
    expect(!bad.ok && bad.error).toBe('--tag: Tag: Use letters only.');
    expect(helpText()).toContain('Options of --method slow-test (Slow test method):');
    expect(helpText()).toMatch(/--step-ms X +Busy work per step, in milliseconds, 0–1000 ms \(default 10\)/);
  });
});
