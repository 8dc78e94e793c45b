/**
 * Turning the 3D phase portrait's camera from the keyboard. Plotly's camera looks from `eye`
 * (scene units) at the centre; the keys move the eye on a sphere around it:
 *   ← →  azimuth ∓15° (about the vertical axis),   ↑ ↓  elevation ±10° (held within ±80°),
 *   + −  closer / further (×1.2),                    0 or Home  the starting view.
 */
export interface Eye { x: number; y: number; z: number }

/** The portrait's starting view (from the front right, a little above). */
export const DEFAULT_EYE: Readonly<Eye> = Object.freeze({ x: 1.6, y: -1.6, z: 0.9 });

const DEG = Math.PI / 180;
const TURN = 15 * DEG;
const TILT = 10 * DEG;
const MAX_ELEVATION = 80 * DEG;
const ZOOM = 1.2;
const MIN_R = 0.4;
const MAX_R = 8;

/** The keys turnEye answers (for aria-keyshortcuts). */
export const CAMERA_KEYS = 'ArrowLeft ArrowRight ArrowUp ArrowDown + - 0 Home';

/** The eye after pressing `key`, or null when the key does not move the camera. */
export function turnEye(eye: Eye, key: string): Eye | null {
  if (key === '0' || key === 'Home') return { ...DEFAULT_EYE };
  const r = Math.hypot(eye.x, eye.y, eye.z) || Math.hypot(DEFAULT_EYE.x, DEFAULT_EYE.y, DEFAULT_EYE.z);
  let az = Math.atan2(eye.y, eye.x);
  let el = Math.asin(Math.max(-1, Math.min(1, eye.z / r)));
  let radius = r;
  switch (key) {
    case 'ArrowLeft': az -= TURN; break;
    case 'ArrowRight': az += TURN; break;
    case 'ArrowUp': el = Math.min(MAX_ELEVATION, el + TILT); break;
    case 'ArrowDown': el = Math.max(-MAX_ELEVATION, el - TILT); break;
    case '+': case '=': radius = Math.max(MIN_R, r / ZOOM); break;
    case '-': case '_': radius = Math.min(MAX_R, r * ZOOM); break;
    default: return null;
  }
  return { x: radius * Math.cos(el) * Math.cos(az), y: radius * Math.cos(el) * Math.sin(az), z: radius * Math.sin(el) };
}
