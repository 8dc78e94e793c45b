/** How ẏ is estimated from the samples: finite differences, Savitzky–Golay or total variation. */
import { RANGES, type DerivMethod } from '../../state/settings';
import { useStore } from '../../state/store';
import { NumberField, Section, Select } from './fields';

const METHODS: readonly { id: DerivMethod; label: string }[] = [
  { id: 'fd', label: 'Finite differences (2nd order)' },
  { id: 'savgol', label: 'Savitzky–Golay (smoothing)' },
  { id: 'tv', label: 'Total variation (noisy data)' },
];

export function DerivativePanel() {
  const deriv = useStore((s) => s.settings.deriv);
  const sgWindow = useStore((s) => s.settings.sgWindow);
  const sgOrder = useStore((s) => s.settings.sgOrder);
  const tvAlpha = useStore((s) => s.settings.tvAlpha);
  const tvIter = useStore((s) => s.settings.tvIter);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <Section title="Derivatives" id="sec-deriv">
      <Select label="Method" value={deriv} options={METHODS} onChange={(v) => setSettings({ deriv: v })} testId="deriv-method" />
      {deriv === 'savgol' ? (
        <div className="row">
          <NumberField label="Window (odd)" value={sgWindow} {...RANGES.sgWindow} step={2} onCommit={(v) => setSettings({ sgWindow: v % 2 ? v : v + 1 })} />
          <NumberField label="Poly. order" value={sgOrder} {...RANGES.sgOrder} step={1} onCommit={(v) => setSettings({ sgOrder: v })} />
        </div>
      ) : null}
      {deriv === 'tv' ? (
        <div className="row">
          <NumberField label="TV α" value={tvAlpha} {...RANGES.tvAlpha} onCommit={(v) => setSettings({ tvAlpha: v })} />
          <NumberField label="Iterations" value={tvIter} {...RANGES.tvIter} step={1} onCommit={(v) => setSettings({ tvIter: v })} />
        </div>
      ) : null}
    </Section>
  );
}
