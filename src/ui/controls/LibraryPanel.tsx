/**
 * The candidate library Θ: polynomial degree, constant term, Fourier frequencies and custom
 * terms typed in mathjs syntax. Custom terms are checked live by core/library/expression.ts
 * (loaded on first use; it parses, never evaluates).
 */
import { useEffect, useState } from 'react';
import { getSystem } from '../../core/systems/registry';
import { MAX_TERMS, RANGES } from '../../state/settings';
import { useStore } from '../../state/store';
import { Gate } from '../classroom/Gate';
import { Checkbox, Section, Select } from './fields';

type Validate = typeof import('../../core/library/expression').validateExpression;
let validator: Promise<Validate> | null = null;
const loadValidator = (): Promise<Validate> => (validator ??= import('../../core/library/expression').then((m) => m.validateExpression));

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, k) => ({ id: String(lo + k), label: String(lo + k) }));

export function LibraryPanel() {
  const degree = useStore((s) => s.settings.degree);
  const bias = useStore((s) => s.settings.bias);
  const fourier = useStore((s) => s.settings.fourier);
  const setSettings = useStore((s) => s.setSettings);
  return (
    <Section title="Library Θ" id="sec-lib" section="library">
      <div className="row">
        <Gate name="degree">
          <Select label="Polynomial degree" value={String(degree)} options={range(RANGES.degree.min, RANGES.degree.max)} testId="degree" onChange={(v) => setSettings({ degree: Number(v) })} />
        </Gate>
        <Gate name="fourier">
          <Select label="Fourier frequencies" value={String(fourier)} options={range(RANGES.fourier.min, RANGES.fourier.max)} testId="fourier" onChange={(v) => setSettings({ fourier: Number(v) })} />
        </Gate>
      </div>
      <Gate name="bias"><Checkbox label="Constant term 1" checked={bias} onChange={(v) => setSettings({ bias: v })} /></Gate>
      <Gate name="terms"><CustomTerms /></Gate>
    </Section>
  );
}

function useStateNames(): string[] {
  const source = useStore((s) => s.settings.source);
  const system = useStore((s) => s.settings.system);
  const uploaded = useStore((s) => s.settings.stateColumns);
  return source === 'upload' ? uploaded : getSystem(system)?.stateNames ?? [];
}

function CustomTerms() {
  const terms = useStore((s) => s.settings.terms);
  const setSettings = useStore((s) => s.setSettings);
  const stateNames = useStateNames();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<{ text: string; ok: boolean; msg: string } | null>(null);

  useEffect(() => {
    if (text.trim() === '') return;
    let alive = true;
    void loadValidator().then((validate) => {
      if (!alive) return;
      const r = validate(text, stateNames);
      setCheck({ text, ok: r.ok, msg: r.ok ? `OK: adds ${r.value.name}` : r.error });
    });
    return () => { alive = false; };
  }, [text, stateNames]);

  const current = check && check.text === text && text.trim() !== '' ? check : null;
  const add = () => {
    if (!current?.ok || terms.length >= MAX_TERMS || terms.includes(text.trim())) return;
    setSettings({ terms: [...terms, text.trim()] });
    setText('');
  };
  return (
    <div className="custom-terms">
      <div className="field">
        <label htmlFor="term-input">Custom term (mathjs syntax)</label>
        <div className="row tight">
          <input id="term-input" type="text" value={text} placeholder="e.g. sin(x)*y, exp(-x)" maxLength={200} spellCheck={false}
            aria-invalid={current && !current.ok ? true : undefined} aria-describedby="term-check" data-testid="custom-term"
            onChange={(e) => setText(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') add(); }} />
          <button type="button" className="btn" onClick={add} disabled={!current?.ok}>Add</button>
        </div>
        <span id="term-check" className={current ? (current.ok ? 'field-hint ok' : 'field-error') : 'field-hint'} aria-live="polite">
          {current ? current.msg : `States: ${stateNames.join(', ')}`}
        </span>
      </div>
      {terms.length ? (
        <ul className="chips" aria-label="Custom terms">
          {terms.map((t) => (
            <li key={t} className="chip"><code>{t}</code>
              <button type="button" className="chip-x" aria-label={`Remove ${t}`} onClick={() => setSettings({ terms: terms.filter((x) => x !== t) })}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
