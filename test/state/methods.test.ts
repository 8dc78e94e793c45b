/**
 * The page's side of the method plug-ins (src/state/methods.ts): which shared panels a method
 * uses, which controls its fields get, how a pick on the front is kept in the settings, and
 * that only changed values are kept (so only they go into the link).
 */
import { describe, expect, it } from 'vitest';
import { getMethodInfo } from '../../src/core/methods/catalog';
import type { MethodField } from '../../src/core/methods/types';
import { controlsUsed, pickOnFront, sliderScale, withSetting } from '../../src/state/methods';
import { pipelineSpec } from '../../src/state/spec';
import { defaultSettings } from '../../src/state/settings';
import { useStore } from '../../src/state/store';

type Numeric = Extract<MethodField, { kind: 'int' | 'number' }>;
const num = (f: Partial<Numeric>): Numeric => ({ key: 'k', label: 'K', help: '', kind: 'int', min: 0, max: 10, ...f } as Numeric);

describe('the method\'s panels and controls', () => {
  it('the SINDy family uses every shared panel; gp the derivative estimate only', () => {
    expect([...controlsUsed({ method: 'sindy', methodSettings: {} })].sort()).toEqual(['derivative', 'library', 'optimizer']);
    expect([...controlsUsed({ method: 'gp', methodSettings: {} })]).toEqual(['derivative']);
  });

  it('numeric fields get a log slider when asked or over three decades, none over a wide whole-number range', () => {
    expect(sliderScale(num({ min: 3, max: 60 }))).toBe('linear');
    expect(sliderScale(num({ min: 1, max: 10000 }))).toBe('log');
    expect(sliderScale(num({ min: 0, max: 2 ** 31 - 1 }))).toBeNull();
    expect(sliderScale(num({ kind: 'number', min: 0, max: 0.5 }))).toBe('linear');
    expect(sliderScale(num({ kind: 'number', min: 0.01, max: 10, log: true }))).toBe('log');
    expect(sliderScale(num({ kind: 'number', min: 1e-6, max: 1, log: false }))).toBe('linear');
  });

  it('keeps only the values that differ from the method\'s defaults', () => {
    const gp = getMethodInfo('gp')!;
    const a = withSetting(gp, {}, 'maxsize', 30);
    expect(a).toEqual({ maxsize: 30 });
    expect(withSetting(gp, a, 'maxsize', 20)).toEqual({});
    expect(pipelineSpec({ ...defaultSettings(), method: 'gp', methodSettings: a }).method).toEqual({ id: 'gp', settings: { maxsize: 30 } });
  });
});

describe('a pick on the Pareto front', () => {
  it('sets one state\'s complexity, 0 for the method\'s own choice, [] when nothing is picked', () => {
    const chosen = [5, 7, 3];
    expect(pickOnFront([], 3, 1, 9, chosen)).toEqual([0, 9, 0]);
    expect(pickOnFront([0, 9, 0], 3, 0, 3, chosen)).toEqual([3, 9, 0]);
    expect(pickOnFront([0, 9, 0], 3, 1, 7, chosen)).toEqual([]);
  });

  it('is dropped by any other change of the settings (the fronts change), kept by a pick', () => {
    const { setSettings, setParam } = useStore.getState();
    setSettings({ method: 'gp', pick: [3, 0, 0] });
    expect(useStore.getState().settings.pick).toEqual([3, 0, 0]);
    setSettings({ pick: [3, 5, 0] });
    expect(useStore.getState().settings.pick).toEqual([3, 5, 0]);
    setSettings({ noise: 1 });
    expect(useStore.getState().settings.pick).toEqual([]);
    setSettings({ pick: [3, 0, 0] });
    setParam('rho', 20);
    expect(useStore.getState().settings.pick).toEqual([]);
  });

  it('a new system keeps the chosen method and its settings', () => {
    const { setSettings, setSystem } = useStore.getState();
    setSettings({ method: 'gp', methodSettings: { maxsize: 12 } });
    setSystem('van_der_pol');
    expect(useStore.getState().settings).toMatchObject({ system: 'van_der_pol', method: 'gp', methodSettings: { maxsize: 12 }, pick: [] });
  });
});
