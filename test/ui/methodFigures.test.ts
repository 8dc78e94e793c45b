/**
 * The live views' figures (src/ui/plots/methodFigures.ts) and the status line's time estimate
 * (src/ui/progressText.ts), as pure functions of what the worker streams.
 */
import { describe, expect, it } from 'vitest';
import { frontFigure, learnedFigure, lossFigure, stageOffsets } from '../../src/ui/plots/methodFigures';
import { timeLeft } from '../../src/ui/progressText';
import type { FrontEntry } from '../../src/worker/protocol';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('the loss curve', () => {
  it('draws a stage whose step count starts again after the previous stage', () => {
    const stages = [
      { stage: 'training', steps: f64([1, 2, 3]), loss: f64([1, 0.5, 0.2]) },
      { stage: 'fine-tuning', steps: f64([1, 2]), loss: f64([0.1, 0.05]) },
      { stage: 'polish', steps: f64([10, 11]), loss: f64([0.04, 0.03]) },
    ];
    expect(stageOffsets(stages)).toEqual([0, 3, 0]);
    const fig = lossFigure(stages, false);
    expect(fig.data.map((t) => t.x)).toEqual([[1, 2, 3], [4, 5], [10, 11]]);
    expect(fig.data.map((t) => t.name)).toEqual(['training', 'fine-tuning', 'polish']);
    expect((fig.layout.yaxis as { type: string }).type).toBe('log');
    // one colour and one dash per stage: told apart without colour too
    expect(new Set(fig.data.map((t) => (t.line as { dash: string }).dash)).size).toBe(3);
  });

  it('draws a zero loss a decade below the smallest positive one, and leaves gaps for non-finite ones', () => {
    const fig = lossFigure([{ stage: 'training', steps: f64([1, 2, 3]), loss: f64([1e-3, 0, NaN]) }], false);
    expect(fig.data[0]!.y).toEqual([1e-3, 1e-4, null]);
  });
});

describe('the Pareto front', () => {
  const fronts: FrontEntry[][] = [
    [{ complexity: 1, loss: 4, equation: 'y' }, { complexity: 3, loss: 0.1, equation: '2.5 * y' }, { complexity: 5, loss: 0, equation: '2.5 * y + x' }],
    [{ complexity: 1, loss: 2, equation: 'x' }],
  ];

  it('one trace per state whose points carry [state, complexity], what a click picks', () => {
    const fig = frontFigure(fronts, ['x', 'y'], null, false);
    expect(fig.data).toHaveLength(2);
    expect(fig.data.map((t) => t.name)).toEqual(['dx/dt', 'dy/dt']);
    expect(fig.data[0]!.customdata).toEqual([[0, 1], [0, 3], [0, 5]]);
    expect(fig.data[0]!.y).toEqual([4, 0.1, 0.01]);
    expect(fig.data[1]!.text).toEqual(['x']);
  });

  it('rings the formula shown, and the method\'s choice when a pick replaced it', () => {
    const fig = frontFigure(fronts, ['x', 'y'], { shown: [5, 1], chosen: [3, 1] }, false);
    const shown = fig.data.find((t) => t.name === 'shown')!;
    expect(shown.x).toEqual([5, 1]);
    const chosen = fig.data.find((t) => t.name === "method's choice")!;
    expect(chosen.x).toEqual([3, null]);
    expect(frontFigure(fronts, ['x', 'y'], { shown: [3, 1], chosen: [3, 1] }, false).data.some((t) => t.name === "method's choice")).toBe(false);
  });
});

describe('learned vs observed', () => {
  it('one panel per state, observed dots and the learned curve at the same times', () => {
    const t = f64([0, 1, 2]);
    const fig = learnedFigure({ t, y: f64([1, 2, 3, 4, 5, 6]) }, { t, y: f64([1.1, 2.1, 3.1, 4.1, 5.1, 6.1]) }, ['x', 'y'], false);
    expect(fig.data.map((d) => [d.name, d.yaxis])).toEqual([['observed', 'y'], ['learned', 'y'], ['observed', 'y2'], ['learned', 'y2']]);
    expect(fig.data[3]!.y).toEqual([2.1, 4.1, 6.1]);
  });
});

describe('time left', () => {
  it('extrapolates the rate since the method\'s first step, rounded as said aloud', () => {
    expect(timeLeft({ fraction: 0.5, methodT0: 0, methodF0: 0 }, 20_000)).toBe('about 20 s left');
    expect(timeLeft({ fraction: 0.26, methodT0: 0, methodF0: 0.01 }, 5_000)).toBe('about 15 s left');
    expect(timeLeft({ fraction: 0.9, methodT0: 0, methodF0: 0 }, 9_000)).toBe('about 1 s left');
    expect(timeLeft({ fraction: 0.1, methodT0: 0, methodF0: 0 }, 60_000)).toBe('about 9 min left');
  });

  it('says nothing until the estimate means something', () => {
    expect(timeLeft({ fraction: 0.5, methodT0: null, methodF0: 0 }, 10_000)).toBe('');
    expect(timeLeft({ fraction: 0.5, methodT0: 0, methodF0: 0 }, 500)).toBe('');
    expect(timeLeft({ fraction: 0.005, methodT0: 0, methodF0: 0 }, 5_000)).toBe('');
    expect(timeLeft({ fraction: 1, methodT0: 0, methodF0: 0 }, 5_000)).toBe('');
  });
});
