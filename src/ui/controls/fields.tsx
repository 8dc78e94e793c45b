/**
 * Labelled form fields. Every field has a visible label bound to its input, keyboard access
 * is native, and a number field keeps the text the user types until it is a valid number
 * in range (then commits it), showing why otherwise.
 */
import { useId, useState, type ReactNode } from 'react';
import { Help } from '../Help';
import type { HelpTopic } from '../helpText';
import { sectionVisible, type SectionId } from '../../state/classroom';
import { useStore } from '../../state/store';

interface NumberProps {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  step?: number | 'any';
  integer?: boolean;
  onCommit: (v: number) => void;
  testId?: string;
  hint?: ReactNode;
  /** accessible name when the visible label is not plain text (e.g. a KaTeX symbol) */
  ariaLabel?: string;
  /** a "?" beside the label explaining the setting */
  help?: HelpTopic;
}

export function NumberField({ label, value, min, max, step = 'any', integer, onCommit, testId, hint, ariaLabel, help }: NumberProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  // Show at most 6 significant digits until the user edits (8/3 → 2.66667); the value itself is exact.
  const shown = text ?? String(Number(value.toPrecision(6)));
  const error = text === null ? null : check(text, min, max, integer);
  return (
    <div className="field">
      {help ? <div className="field-label-row"><label htmlFor={id}>{label}</label><Help topic={help} /></div> : <label htmlFor={id}>{label}</label>}
      <input
        id={id} type="number" inputMode="decimal" value={shown} min={min} max={max} step={step} data-testid={testId} aria-label={ariaLabel}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (check(t, min, max, integer) === null) onCommit(Number(t));
        }}
        onBlur={() => setText(null)}
      />
      {error ? <span className="field-error" id={`${id}-err`} role="alert">{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}

function check(t: string, min: number, max: number, integer?: boolean): string | null {
  if (t.trim() === '') return 'Enter a number.';
  const v = Number(t);
  if (!Number.isFinite(v)) return 'Not a number.';
  if (v < min || v > max) return `Use ${min} to ${max}.`;
  if (integer && !Number.isInteger(v)) return 'Use a whole number.';
  return null;
}

interface SliderProps {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  /** log-scale slider: the position is log10(value) */
  log?: boolean;
  step?: number;
  format: (v: number) => string;
  onChange: (v: number) => void;
  testId?: string;
}

/**
 * A range input (log scale optional) with its value printed. Arrow keys step it (a log slider
 * by 1/20 of a decade, ×1.12); PageUp and PageDown move a log slider a whole decade (0.1 → 1).
 */
export function Slider({ label, value, min, max, log, step, format, onChange, testId }: SliderProps) {
  const id = useId();
  const pos = log ? Math.log10(value) : value;
  const lo = log ? Math.log10(min) : min;
  const hi = log ? Math.log10(max) : max;
  return (
    <div className="field slider">
      <label htmlFor={id}>{label} <output htmlFor={id} data-testid={testId ? `${testId}-value` : undefined}>{format(value)}</output></label>
      <input
        id={id} type="range" min={lo} max={hi} step={step ?? (log ? 0.05 : (hi - lo) / 100)} value={pos} data-testid={testId}
        aria-valuetext={format(value)} aria-keyshortcuts={log ? 'PageUp PageDown' : undefined}
        onKeyDown={(e) => {
          if (!log || (e.key !== 'PageUp' && e.key !== 'PageDown')) return;
          e.preventDefault();
          const v = Number((value * (e.key === 'PageUp' ? 10 : 0.1)).toPrecision(3));
          onChange(Math.min(max, Math.max(min, v)));
        }}
        onChange={(e) => {
          const x = Number(e.target.value);
          const v = log ? Number((10 ** x).toPrecision(3)) : x;
          if (Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }}
      />
    </div>
  );
}

interface SelectProps<T extends string> { label: ReactNode; value: T; options: readonly { id: T; label: string }[]; onChange: (v: T) => void; testId?: string }

export function Select<T extends string>({ label, value, options, onChange, testId }: SelectProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function Checkbox({ label, checked, onChange, testId, help }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; testId?: string; help?: HelpTopic }) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {help ? <Help topic={help} /> : null}
    </div>
  );
}

/** A panel section; `section` names it for a teacher's link, which leaves out a section none of whose controls it shows. */
export function Section({ title, children, id, section }: { title: string; children: ReactNode; id: string; section?: SectionId }) {
  const visible = useStore((s) => (section ? sectionVisible(section, s.classroom) : true));
  if (!visible) return null;
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
