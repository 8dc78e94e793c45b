import { describe, expect, it } from 'vitest';
import { constant } from '../../../src/core/model/expr';
import { chooseBest, createHallOfFame, offer, paretoFront } from '../../../src/core/symbolic/hallOfFame';

const member = (complexity: number, loss: number) => ({ expr: constant(complexity), loss, complexity, birth: 0 });

describe('hall of fame', () => {
  it('keeps the best per complexity and a front of strictly falling loss', () => {
    const hof = createHallOfFame(10);
    [[1, 5], [1, 4], [3, 2], [4, 3], [5, 1], [7, 1], [9, 0.5], [9, Infinity]].forEach(([c, l]) => offer(hof, member(c!, l!)));
    const front = paretoFront(hof);
    expect(front.map((e) => [e.complexity, e.loss])).toEqual([[1, 4], [3, 2], [5, 1], [9, 0.5]]);
    // PySR's score: −Δ log loss / Δ complexity
    expect(front[1]!.score).toBeCloseTo(Math.log(2) / 2, 12);
    expect(front[0]!.score).toBe(0);
  });

  it('"best" takes the highest score among losses within 1.5 × the minimum', () => {
    const hof = createHallOfFame(20);
    // a big drop at 5 (the true law), then small gains: 5 wins
    [[1, 10], [5, 1e-3], [9, 0.9e-3], [15, 0.8e-3]].forEach(([c, l]) => offer(hof, member(c!, l!)));
    const front = paretoFront(hof);
    expect(front[chooseBest(front)]!.complexity).toBe(5);
    // a large score at 3 whose loss is far above the minimum does not win
    const hof2 = createHallOfFame(20);
    [[1, 100], [3, 1], [9, 0.1], [11, 0.09]].forEach(([c, l]) => offer(hof2, member(c!, l!)));
    const front2 = paretoFront(hof2);
    expect(front2[chooseBest(front2)]!.complexity).toBe(9);
  });

  it('treats losses under the floor as ties, so the simpler exact formula wins', () => {
    const hof = createHallOfFame(20);
    [[1, 1], [5, 1e-29], [9, 1e-31]].forEach(([c, l]) => offer(hof, member(c!, l!)));
    const front = paretoFront(hof, 1e-22);
    expect(front.map((e) => e.complexity)).toEqual([1, 5]);
    expect(front[chooseBest(front)]!.complexity).toBe(5);
    expect(chooseBest([])).toBe(-1);
  });
});
