import { describe, expect, it } from 'vitest';
import { fittingMethods } from '../../../src/core/methods/registry';
import { fieldProblem, validateFields } from '../../../src/core/methods/settings';
import type { MethodField } from '../../../src/core/methods/types';

const fields: readonly MethodField[] = [
  { key: 'n', label: 'Steps', kind: 'int', min: 1, max: 10, help: '' },
  { key: 'x', label: 'Rate', kind: 'number', min: 0, max: 1, help: '' },
  { key: 'c', label: 'Kind', kind: 'choice', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], help: '' },
  { key: 't', label: 'Text', kind: 'text', maxLength: 3, help: '' },
];
const defaults = { n: 2, x: 0.5, c: 'a', t: 'ab' };

describe('declared method fields', () => {
  it('accept values within their ranges and refuse the rest with the setting named', () => {
    expect(validateFields(fields, defaults, { n: 10, x: 0, c: 'b', t: 'abc' })).toEqual({ ok: true, value: { n: 10, x: 0, c: 'b', t: 'abc' } });
    const bad = [{ n: 11 }, { n: 1.5 }, { x: -0.1 }, { c: 'z' }, { t: 'abcd' }, { n: '3' }, { q: 1 }];
    for (const given of bad) {
      const r = validateFields(fields, defaults, given);
      expect(r.ok, JSON.stringify(given)).toBe(false);
    }
    const r = validateFields(fields, defaults, { n: 11 });
    expect(!r.ok && r.error).toMatch(/Steps 11 is out of range: use a whole number from 1 to 10/);
    expect(fieldProblem(fields[2]!, 'z')).toMatch(/Kind 'z' is not one of a, b/);
  });

  it('every registered method that declares fields has defaults inside them, and one field per setting', () => {
    const declaring = fittingMethods().filter((m) => m.fields);
    expect(declaring.length).toBeGreaterThan(0);
    for (const m of declaring) {
      const keys = m.fields!.map((f) => f.key);
      expect(new Set(keys).size, m.id).toBe(keys.length);
      expect(keys.sort(), m.id).toEqual(Object.keys(m.defaults).sort());
      for (const f of m.fields!) expect(fieldProblem(f, (m.defaults as Record<string, unknown>)[f.key]), `${m.id}.${f.key}`).toBeNull();
    }
  });
});
