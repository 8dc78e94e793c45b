import { describe, expect, it } from 'vitest';
import { binary, constant, exprComplexity, variable } from '../../../src/core/model/expr';
import { offer } from '../../../src/core/symbolic/hallOfFame';
import { lossOfExpr } from '../../../src/core/symbolic/island';
import { polishedFront } from '../../../src/core/symbolic/polishFront';
import { createSearch, searchResult } from '../../../src/core/symbolic/search';
import { columns } from './helpers';

describe('polishedFront', () => {
  it('refits every hall-of-fame entry\'s constants, so a right shape with rough constants joins the front', () => {
    const X = columns(2, 200, 3, -0.5, 0.5);
    const y = X[0]!.map((v) => -v / (1 + v));
    const s = createSearch({ X, y, varNames: ['x', 'y'] }, { populations: 2, populationSize: 12, niterations: 1, tournamentSelectionN: 4 }, 1);
    if (!s.ok) throw new Error(s.error);
    // −x / (x + 1.05): the exact shape with a rough constant, entered as the search would have found it
    const rough = binary('/', binary('-', constant(0), variable(0)), binary('+', variable(0), constant(1.05)));
    const member = { expr: rough, loss: lossOfExpr(rough, s.value.ctx), complexity: exprComplexity(rough), birth: 0 };
    s.value.hof[member.complexity] = null;
    offer(s.value.hof, member);
    const before = searchResult(s.value).front;
    const after = polishedFront(s.value);
    const at = after.find((e) => e.complexity === member.complexity)!;
    expect(at.loss).toBeLessThan(1e-20);
    // no entry is worse than the best of the original front at its complexity or below
    for (const e of after) {
      const old = before.filter((b) => b.complexity <= e.complexity);
      if (old.length) expect(e.loss).toBeLessThanOrEqual(Math.min(...old.map((b) => b.loss)));
    }
    // the search itself is unchanged, and the polish is deterministic
    expect(s.value.hof[member.complexity]!.expr).toBe(rough);
    expect(polishedFront(s.value).map((e) => e.loss)).toEqual(after.map((e) => e.loss));
  });
});
