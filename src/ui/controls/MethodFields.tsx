/**
 * The controls of a method's declared settings (core/methods/types.ts MethodField), drawn from
 * the declaration alone, so a method registered with fields needs no UI code of its own:
 *   int / number → a slider (logarithmic when the field asks, or when its positive range spans
 *                  three decades or more) beside a number input that names the range;
 *   choice       → a segmented switch (up to three choices) or a select;
 *   text         → an input checked as the user types (the field's own check), applied only
 *                  once valid, the message shown under it;
 *   bool         → a checkbox.
 * Each has its "?" with the field's help; `advanced` fields wait in a closed "More settings".
 */
import { useId, useState } from 'react';
import { fieldProblem } from '../../core/methods/settings';
import type { MethodField } from '../../core/methods/types';
import { sliderScale } from '../../state/methods';
import type { MethodValue } from '../../state/settings';
import { Help } from '../Help';

type NumericField = Extract<MethodField, { kind: 'int' | 'number' }>;
type ChoiceField = Extract<MethodField, { kind: 'choice' }>;
type TextField = Extract<MethodField, { kind: 'text' }>;

interface Props { fields: readonly MethodField[]; values: Readonly<Record<string, unknown>>; onChange: (key: string, v: MethodValue) => void; idPrefix: string }

export function MethodFields({ fields, values, onChange, idPrefix }: Props) {
  const basic = fields.filter((f) => !f.advanced);
  const more = fields.filter((f) => f.advanced);
  const control = (f: MethodField) => <FieldControl key={f.key} field={f} value={values[f.key]} onChange={(v) => onChange(f.key, v)} testId={`${idPrefix}-${f.key}`} />;
  return (
    <div className="method-fields" data-testid={`${idPrefix}-fields`}>
      {basic.map(control)}
      {more.length ? (
        <details className="more-settings" data-testid={`${idPrefix}-more`}>
          <summary>More settings ({more.length})</summary>
          {more.map(control)}
        </details>
      ) : null}
    </div>
  );
}

function FieldControl({ field, value, onChange, testId }: { field: MethodField; value: unknown; onChange: (v: MethodValue) => void; testId: string }) {
  switch (field.kind) {
    case 'int':
    case 'number': return <RangeControl field={field} value={typeof value === 'number' ? value : field.min} onChange={onChange} testId={testId} />;
    case 'choice': return <ChoiceControl field={field} value={String(value)} onChange={onChange} testId={testId} />;
    case 'text': return <TextControl field={field} value={String(value ?? '')} onChange={onChange} testId={testId} />;
    case 'bool': return (
      <div className="field check">
        <input id={`${testId}-input`} type="checkbox" checked={value === true} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={`${testId}-input`}>{field.label}</label>
        <Help entry={{ title: field.label, text: field.help }} testId={`${testId}-help`} />
      </div>
    );
  }
}

/** Label with its "?" (and the unit), as every method control shows it. */
function LabelRow({ htmlFor, field, testId, unit }: { htmlFor: string; field: MethodField; testId: string; unit?: string }) {
  return (
    <div className="field-label-row">
      <label htmlFor={htmlFor}>{field.label}{unit ? <span className="muted"> ({unit})</span> : null}</label>
      <Help entry={{ title: field.label, text: field.help }} testId={`${testId}-help`} />
    </div>
  );
}

/** A value as the control shows it: whole numbers exactly, others to 4 significant digits. */
const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

function RangeControl({ field: f, value, onChange, testId }: { field: NumericField; value: number; onChange: (v: MethodValue) => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const scale = sliderScale(f);
  const log = scale === 'log';
  const whole = f.kind === 'int';
  const error = text === null ? null : fieldProblem(f, text.trim() === '' ? NaN : Number(text));
  const shown = text ?? fmt(value);
  const toPos = (v: number): number => (log ? Math.log10(v) : v);
  const fromPos = (x: number): number => {
    const v = log ? 10 ** x : x;
    const r = whole ? Math.round(v) : Number(v.toPrecision(3));
    return Math.min(f.max, Math.max(f.min, r));
  };
  return (
    <div className="field method-field">
      <LabelRow htmlFor={id} field={f} testId={testId} unit={f.unit} />
      <div className="range-pair">
        {scale ? (
          <input type="range" aria-label={`${f.label} slider`} min={toPos(f.min)} max={toPos(f.max)} value={toPos(value)} data-testid={`${testId}-slider`}
            step={log ? (toPos(f.max) - toPos(f.min)) / 200 : whole ? 1 : (f.max - f.min) / 200} aria-valuetext={fmt(value)}
            onChange={(e) => { setText(null); onChange(fromPos(Number(e.target.value))); }} />
        ) : null}
        <input id={id} type="number" inputMode="decimal" value={shown} min={f.min} max={f.max} step={whole ? 1 : 'any'} data-testid={testId}
          aria-invalid={error ? true : undefined} aria-describedby={`${id}-msg`}
          onChange={(e) => {
            const t = e.target.value;
            setText(t);
            const v = t.trim() === '' ? NaN : Number(t);
            if (fieldProblem(f, v) === null) onChange(v);
          }}
          onBlur={() => setText(null)} />
      </div>
      {error ? <span className="field-error" id={`${id}-msg`} role="alert">{error}</span>
        : <span className="field-hint" id={`${id}-msg`}>{fmt(f.min)} to {fmt(f.max)}{f.unit ? ` ${f.unit}` : ''}{whole ? ', whole numbers' : ''}</span>}
    </div>
  );
}

function ChoiceControl({ field: f, value, onChange, testId }: { field: ChoiceField; value: string; onChange: (v: MethodValue) => void; testId: string }) {
  const id = useId();
  if (f.choices.length <= 3) {
    return (
      <div className="field method-field">
        <div className="field-label-row"><span className="field-label" id={id}>{f.label}</span><Help entry={{ title: f.label, text: f.help }} testId={`${testId}-help`} /></div>
        <div className="segmented" role="radiogroup" aria-labelledby={id} data-testid={testId}>
          {f.choices.map((c) => (
            <label key={c.id} className={value === c.id ? 'on' : ''}>
              <input type="radio" name={`${testId}-${id}`} value={c.id} checked={value === c.id} onChange={() => onChange(c.id)} />
              {c.label}
            </label>
          ))}
        </div>
      </div>
    );
  }
  return (
    <div className="field method-field">
      <LabelRow htmlFor={id} field={f} testId={testId} />
      <select id={id} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {f.choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
      </select>
    </div>
  );
}

function TextControl({ field: f, value, onChange, testId }: { field: TextField; value: string; onChange: (v: MethodValue) => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? value;
  const error = text === null ? null : fieldProblem(f, text);
  return (
    <div className="field method-field">
      <LabelRow htmlFor={id} field={f} testId={testId} />
      <input id={id} type="text" value={shown} maxLength={f.maxLength} placeholder={f.placeholder} spellCheck={false} autoComplete="off" data-testid={testId}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (fieldProblem(f, t) === null) onChange(t);
        }}
        // Leaving the field with an invalid text shows the setting in use again (the message said why it was not applied).
        onBlur={() => { if (text !== null && fieldProblem(f, text) === null) setText(null); }} />
      {error ? <span className="field-error" id={`${id}-err`} role="alert" data-testid={`${testId}-error`}>{error} Still using {value ? `'${value}'` : 'the previous value'}.</span> : null}
    </div>
  );
}
