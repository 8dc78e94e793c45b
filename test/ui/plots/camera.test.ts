import { describe, expect, it } from 'vitest';
import { DEFAULT_EYE, turnEye, type Eye } from '../../../src/ui/plots/camera';

const azimuth = (e: Eye) => Math.atan2(e.y, e.x) * 180 / Math.PI;
const elevation = (e: Eye) => Math.asin(e.z / Math.hypot(e.x, e.y, e.z)) * 180 / Math.PI;
const radius = (e: Eye) => Math.hypot(e.x, e.y, e.z);

describe('keyboard camera of the 3D phase portrait', () => {
  it('← and → turn the eye 15° about the vertical axis, keeping its height and distance', () => {
    const right = turnEye(DEFAULT_EYE, 'ArrowRight')!;
    expect(azimuth(right) - azimuth(DEFAULT_EYE)).toBeCloseTo(15, 9);
    expect(right.z).toBeCloseTo(DEFAULT_EYE.z, 12);
    expect(radius(right)).toBeCloseTo(radius(DEFAULT_EYE), 12);
    const back = turnEye(right, 'ArrowLeft')!;
    for (const k of ['x', 'y', 'z'] as const) expect(back[k]).toBeCloseTo(DEFAULT_EYE[k], 12);
  });

  it('24 presses of → go once around', () => {
    let e: Eye = DEFAULT_EYE;
    for (let k = 0; k < 24; k++) e = turnEye(e, 'ArrowRight')!;
    for (const k of ['x', 'y', 'z'] as const) expect(e[k]).toBeCloseTo(DEFAULT_EYE[k], 9);
  });

  it('↑ and ↓ tilt by 10°, held within ±80° so the view never flips over the pole', () => {
    const up = turnEye(DEFAULT_EYE, 'ArrowUp')!;
    expect(elevation(up) - elevation(DEFAULT_EYE)).toBeCloseTo(10, 9);
    let e: Eye = DEFAULT_EYE;
    for (let k = 0; k < 30; k++) e = turnEye(e, 'ArrowUp')!;
    expect(elevation(e)).toBeCloseTo(80, 9);
    for (let k = 0; k < 30; k++) e = turnEye(e, 'ArrowDown')!;
    expect(elevation(e)).toBeCloseTo(-80, 9);
    expect(azimuth(e)).toBeCloseTo(azimuth(DEFAULT_EYE), 9);
  });

  it('+ and − zoom by 1.2 within bounds; 0 and Home restore the starting view; other keys do nothing', () => {
    expect(radius(turnEye(DEFAULT_EYE, '+')!)).toBeCloseTo(radius(DEFAULT_EYE) / 1.2, 12);
    expect(radius(turnEye(DEFAULT_EYE, '-')!)).toBeCloseTo(radius(DEFAULT_EYE) * 1.2, 12);
    let e: Eye = DEFAULT_EYE;
    for (let k = 0; k < 40; k++) e = turnEye(e, '-')!;
    expect(radius(e)).toBeCloseTo(8, 9);
    expect(turnEye(e, '0')).toEqual(DEFAULT_EYE);
    expect(turnEye(e, 'Home')).toEqual(DEFAULT_EYE);
    expect(turnEye(e, 'a')).toBeNull();
    expect(turnEye(e, 'Tab')).toBeNull();
  });
});
