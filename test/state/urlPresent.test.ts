import { describe, expect, it } from 'vitest';
import { defaultLabSettings, defaultSettings } from '../../src/state/settings';
import { decodeUrl, encodeUrl } from '../../src/state/url';

describe('projector mode in the link (present)', () => {
  it('round-trips on and off, and is written only when on', () => {
    for (const present of [true, false]) {
      const q = encodeUrl(defaultSettings('pendulum'), { view: 'fit', lab: defaultLabSettings(), present });
      expect(q.includes('present=')).toBe(present);
      const d = decodeUrl(`?${q}`);
      expect(d.present).toBe(present);
      expect(d.notes).toEqual([]);
    }
  });

  it('a bad value opens without projector mode and says so', () => {
    const d = decodeUrl('?v=2&present=yes');
    expect(d.present).toBe(false);
    expect(d.notes.join(' ')).toContain('Projector mode');
  });
});
