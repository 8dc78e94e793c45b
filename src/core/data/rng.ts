/**
 * Seeded pseudo-random numbers, passed explicitly (never a patched Math.random), so that the
 * same seed in a shared link gives bit-identical data on every machine.
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47, 2021): 128 bits of state, period 2¹²⁸ − 1, 32-bit outputs built
 * from 32-bit integer operations only (Math.imul), hence exactly reproducible in JavaScript.
 * The state is filled from the seed by SplitMix32 (Vigna's recommendation: a seed of 0 must
 * not give the all-zero state). Two outputs make one double with 53 random bits.
 */
import { limit } from '../limits';

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * The seeds a user sets (the noise seed of the playground and its links, the CLI's ensemble
 * seed): whole numbers that every language's 32-bit signed integer holds, so a seed can be
 * typed into PySINDy's or numpy's random state unchanged. createRng itself takes any number.
 */
export const seedLimit = limit({ min: 0, max: 2 ** 31 - 1, integer: true, default: 0 });

/** SplitMix32 step: a well-mixed 32-bit value from a counter (Steele, Lea & Flood 2014). */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A deterministic generator: the same seed gives the same stream, bit for bit. Any finite
 * number is a valid seed (the integer part is used; bits above 2³² are folded in). `stream`
 * selects an independent sequence for the same seed, so e.g. random sample times and the
 * noise drawn with the same user seed are not correlated.
 */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: the seed must be a finite number (got ${seed}).`);
  const whole = Math.trunc(seed);
  const lo = whole >>> 0;
  const hi = Math.floor(whole / 4294967296) >>> 0;
  let s0 = splitmix32(lo);
  let s1 = splitmix32(s0 ^ hi ^ splitmix32(stream | 0));
  let s2 = splitmix32(s1);
  let s3 = splitmix32(s2);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  /** xoshiro128**: one 32-bit output, state advanced. */
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  // 27 high bits of one output and 26 of the next: k / 2⁵³ with k uniform on [0, 2⁵³).
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A standard normal sample by the Box–Muller transform (Box & Muller, Ann. Math. Stat. 29,
 * 1958): for U₁, U₂ uniform, √(−2 ln U₁) cos(2π U₂) ~ N(0, 1). Uses exactly two uniforms per
 * call (the sine partner is discarded) so the stream position never depends on hidden state.
 */
export function gaussian(rng: Rng): number {
  const u1 = 1 - rng(); // (0, 1]: log is finite
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
