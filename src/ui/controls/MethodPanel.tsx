/**
 * The fitting method, first of the settings: the SINDy family (the panels below choose its
 * variant) or a registered method with declared settings, whose controls are generated from
 * them (MethodFields). The choices, labels and descriptions come from the method catalog.
 */
import { useShallow } from 'zustand/react/shallow';
import { applicableFields, chosenInfo, effectiveSettings, methodChoices, SINDY_CHOICE, withSetting } from '../../state/methods';
import { useStore } from '../../state/store';
import { Gate } from '../classroom/Gate';
import { Section, Select } from './fields';
import { MethodFields } from './MethodFields';

export function MethodPanel() {
  const { method, values } = useStore(useShallow((s) => ({ method: s.settings.method, values: s.settings.methodSettings })));
  const setSettings = useStore((s) => s.setSettings);
  const choices = methodChoices();
  const choice = choices.find((c) => c.id === method) ?? SINDY_CHOICE;
  const info = chosenInfo({ method });
  return (
    <Section title="Method" id="sec-method" section="method">
      <Gate name="method">
        <Select label="Fitting method" value={choice.id} options={choices} testId="method"
          onChange={(id) => setSettings({ method: id, methodSettings: {}, pick: [] })} />
        <p className="muted small" data-testid="method-description">{choice.description}</p>
        {info ? (
          <MethodFields idPrefix="m" fields={applicableFields(info, values)} values={effectiveSettings(info, values)}
            onChange={(key, v) => setSettings({ methodSettings: withSetting(info, useStore.getState().settings.methodSettings, key, v) })} />
        ) : null}
      </Gate>
    </Section>
  );
}

/** A pipeline panel the chosen method does not read: its title, and why its controls are away. */
export function UnusedSection({ title, id, what }: { title: string; id: string; what: string }) {
  const label = useStore((s) => chosenInfo(s.settings)?.label ?? '');
  return (
    <section className="panel-section unused" aria-labelledby={id} data-testid={`${id}-unused`}>
      <h2 id={id}>{title}</h2>
      <p className="muted small">Not used by {label}: {what}</p>
    </section>
  );
}
