/**
 * A QR code as one SVG path (no HTML strings): qrcode-generator (MIT) computes the modules,
 * each dark run of a row becomes one rectangle of the path. Loaded with the share dialog only.
 */
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** modules per side (without the quiet zone) */
  size: number;
  /** SVG path in module units, drawn inside a viewBox of size + 2·margin */
  path: string;
}

/** Links longer than this are not drawn as a QR code (a phone camera cannot read so dense a one from a projector). */
export const QR_MAX_LENGTH = 1200;

/** The QR code of `text` (error correction M: a projected code survives glare), or null when too long. */
export function qrPath(text: string, margin = 4): QrPath | null {
  if (text.length > QR_MAX_LENGTH) return null;
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let path = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.isDark(r, c)) { c++; continue; }
      const start = c;
      while (c < n && qr.isDark(r, c)) c++;
      path += `M${start + margin} ${r + margin}h${c - start}v1h${start - c}z`;
    }
  }
  return { size: n, path };
}
