/**
 * The share dialog's QR code (src/ui/classroom/qr.ts): the SVG path must draw exactly the
 * modules qrcode-generator computes, with the quiet zone, and a link too long to scan is refused.
 */
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { QR_MAX_LENGTH, qrPath } from '../../../src/ui/classroom/qr';

/** The dark modules the path draws (rows of h-runs: M x y h w v1 h-w z), in module coordinates without the margin. */
function modulesOf(path: string, size: number, margin: number): boolean[][] {
  const grid = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w, back] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    expect(back).toBe(w);
    for (let c = x; c < x + w; c++) grid[y - margin]![c - margin] = true;
  }
  return grid;
}

const LINK = 'http://localhost:4173/?v=2&src=system&sys=lorenz&noise=1&thr=0.1&present=1&show=noise,threshold&lock=noise';

describe('qrPath', () => {
  it('draws exactly the modules of the QR code, inside a quiet zone', () => {
    const qr = qrPath(LINK, 4)!;
    const ref = qrcode(0, 'M');
    ref.addData(LINK, 'Byte');
    ref.make();
    expect(qr.size).toBe(ref.getModuleCount());
    expect((qr.size - 17) % 4).toBe(0);
    const grid = modulesOf(qr.path, qr.size, 4);
    for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) expect(grid[r]![c], `${r},${c}`).toBe(ref.isDark(r, c));
    // Nothing is drawn in the margin.
    for (const m of qr.path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(4);
      expect(Number(m[2])).toBeGreaterThanOrEqual(4);
      expect(Number(m[1]) + Number(m[3])).toBeLessThanOrEqual(4 + qr.size);
    }
  });

  it('has the three finder patterns a scanner looks for', () => {
    const qr = qrPath(LINK, 0)!;
    const g = modulesOf(qr.path, qr.size, 0);
    const n = qr.size;
    for (const [r0, c0] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      for (let i = 0; i < 7; i++) {
        for (let j = 0; j < 7; j++) {
          const ring = Math.max(Math.abs(i - 3), Math.abs(j - 3));
          expect(g[r0 + i]![c0 + j], `${r0 + i},${c0 + j}`).toBe(ring !== 2);
        }
      }
    }
  });

  it('grows with the text and refuses a link too long to scan from a projector', () => {
    const short = qrPath('http://a.b/?v=2')!;
    const long = qrPath(`${LINK}&x=${'a'.repeat(600)}`)!;
    expect(long.size).toBeGreaterThan(short.size);
    expect(qrPath('x'.repeat(QR_MAX_LENGTH))).not.toBeNull();
    expect(qrPath('x'.repeat(QR_MAX_LENGTH + 1))).toBeNull();
  });
});
