/**
 * One source per limit: every numeric CLI flag that sets a fitting setting takes its range from
 * the same core registry entry as the playground's control and link field. The CLI's range is
 * wider only where the entry says so (`typed`, with the reason), never by a constant of its own.
 */
import { describe, expect, it } from 'vitest';
import { CLI_LIMITS, helpText, OPTIONS, parseArgs, type LimitedFlag } from '../../src/cli/args';
import { typedRange } from '../../src/core/limits';
import { defaultFitSettings } from '../../src/core/pipeline/fit';
import { RANGES } from '../../src/state/settings';

const TV = { alpha: 1, iterations: 20 };

/** The playground setting each flag stands for (its control and link field read RANGES[key]). */
const PAGE: Record<LimitedFlag, keyof typeof RANGES> = {
  '--degree': 'degree', '--fourier': 'fourier', '--threshold': 'threshold', '--alpha': 'alpha', '--nu': 'nu',
  '--max-iter': 'maxIter', '--window': 'sgWindow', '--poly-order': 'sgOrder', '--tv-alpha': 'tvAlpha',
  '--test-functions': 'weakK', '--support': 'weakSupport', '--ensemble': 'ens', '--inclusion': 'ensInc', '--seed': 'seed',
};

/** Flags that a flag needs beside it to be parsed at all (it is refused when the method would ignore it). */
const CONTEXT: Partial<Record<LimitedFlag, string[]>> = {
  '--nu': ['--optimizer', 'sr3'],
  '--window': ['--derivative', 'savgol'],
  '--poly-order': ['--derivative', 'savgol'],
};

/** Numeric flags of the CLI alone: no page control shares them. */
// --maxsize, --iterations, --workers: ranges declared once in the gp method's fields (core/methods/gp), not a registry limit
const CLI_ONLY = ['--repeats', '--budget-s', '--maxsize', '--iterations', '--workers'];

const flags = Object.keys(CLI_LIMITS) as LimitedFlag[];

function parse(flag: LimitedFlag, value: number) {
  return parseArgs(['fit', 'data.csv', ...(CONTEXT[flag] ?? []), flag, String(value)], defaultFitSettings(), TV);
}

describe('CLI and playground limits come from one registry entry', () => {
  it.each(flags)('%s: the page offers the entry\'s [min, max]', (flag) => {
    const l = CLI_LIMITS[flag];
    const page = RANGES[PAGE[flag]];
    // The page's model count starts at 0, which means "ensemble off"; its models are the entry's.
    expect({ min: flag === '--ensemble' ? l.min : page.min, max: page.max }).toEqual({ min: l.min, max: l.max });
  });

  it.each(flags)('%s: the CLI takes exactly the entry\'s range (typed, where it has one) and refuses just outside it', (flag) => {
    const l = CLI_LIMITS[flag];
    const r = typedRange(l);
    expect(parse(flag, r.min).ok).toBe(true);
    expect(parse(flag, r.max).ok).toBe(true);
    const below = l.integer ? r.min - 1 : r.min === 0 ? -1 : r.min / 2;
    const above = l.integer ? r.max + 1 : r.max * 2;
    for (const v of [below, above]) {
      const out = parse(flag, v);
      expect(out.ok, `${flag} ${v}`).toBe(false);
      if (!out.ok && v !== 0) expect(out.error).toContain(`from ${r.min} to ${r.max}`);
    }
  });

  it('the CLI is wider only where an entry says why: threshold, α, iteration limit, ensemble size', () => {
    const wider = flags.filter((f) => CLI_LIMITS[f].typed);
    expect(wider).toEqual(['--threshold', '--alpha', '--max-iter', '--ensemble']);
    for (const f of wider) {
      const { min, max, typed } = CLI_LIMITS[f];
      expect(typed!.why.length, f).toBeGreaterThan(20);
      // Wider means containing the page's range: a value the page offers is never refused by the CLI.
      expect(typed!.min).toBeLessThanOrEqual(min);
      expect(typed!.max).toBeGreaterThanOrEqual(max);
    }
  });

  it('every numeric flag is either registry-backed or named as the CLI\'s alone', () => {
    const numeric = OPTIONS.filter((o) => o.arg !== undefined && /^[A-Z]$/.test(o.arg)).map((o) => o.flag);
    expect(numeric.length).toBeGreaterThan(10);
    for (const f of numeric) expect(f in CLI_LIMITS || CLI_ONLY.includes(f), `${f} has a range of its own`).toBe(true);
    for (const f of flags) expect(numeric, `${f} is listed in --help`).toContain(f);
  });

  it('--help prints each range from the entry', () => {
    const help = helpText();
    for (const f of flags) {
      const r = typedRange(CLI_LIMITS[f]);
      const line = help.split('\n').find((x) => x.trimStart().startsWith(`${f} `));
      expect(line, f).toBeDefined();
      if (f !== '--support') expect(line, f).toContain(`${r.min}–${r.max}`);
      else expect(line).toContain(`at most ${r.max}`);
    }
  });
});
