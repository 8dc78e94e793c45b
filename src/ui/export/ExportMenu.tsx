/**
 * The export menu beside the equations: the equations copied as LaTeX or plain text, the data,
 * coefficients and simulation as CSV, the PySINDy and PySR scripts, the configuration as JSON,
 * every plot as PNG or SVG — and "Load configuration" to bring a configuration back. A menu
 * button (aria-expanded; arrow keys, Home/End, Escape) whose commands are data (menuItems.ts);
 * this component holds no science: files come from src/state/exportFiles.ts (loaded on first
 * use), the full data and simulation from the worker through the controller.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { controller } from '../../state/controllerInstance';
import { useStore } from '../../state/store';
import { CopyFallback } from './CopyFallback';
import { menuItems, type MenuItem, type Outcome, type MenuState } from './menuItems';
import './export.css';

/** How long the confirmation stays beside the button. */
const STATUS_MS = 6000;

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [fallback, setFallback] = useState<{ title: string; text: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const state: MenuState = useStore(useShallow((s) => ({
    settings: s.settings, view: s.view, lab: s.lab, fit: s.fit, phase: s.status.phase,
    hasData: s.data !== null, nTrajectories: s.data?.nTrajectories ?? 1, dataStates: s.data?.stateNames ?? null,
    hasSim: s.sim !== null, uploadTimeName: s.upload?.info.timeName ?? null, uploaded: s.upload !== null,
  })));
  const items = open ? menuItems(state) : [];

  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(null), STATUS_MS);
    return () => clearTimeout(t);
  }, [status]);

  // Open: focus the first command; a press outside closes the menu.
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent): void => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = (focusButton: boolean): void => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const run = async (item: MenuItem): Promise<void> => {
    if (item.disabled || busy) return;
    setBusy(item.id);
    let outcome: Outcome;
    try { outcome = await item.run(); } catch (e) { outcome = { error: `The export failed: ${e instanceof Error ? e.message : String(e)}.` }; }
    setBusy(null);
    close(true);
    if ('fallback' in outcome) setFallback(outcome.fallback);
    else if ('error' in outcome) setStatus({ text: outcome.error, error: true });
    else setStatus({ text: outcome.done, error: false });
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const all = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const k = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number): void => { e.preventDefault(); all[(i + all.length) % all.length]?.focus(); };
    if (e.key === 'ArrowDown') go(k + 1);
    else if (e.key === 'ArrowUp') go(k - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); }
    else if (e.key === 'Tab') setOpen(false);
  };

  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <div className="export">
      <div className="export-buttons">
        <button ref={button} type="button" className="btn ghost export-toggle" data-testid="export-menu"
          aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined}
          onClick={() => setOpen(!open)}
          onKeyDown={(e) => { if (e.key === 'ArrowDown' && !open) { e.preventDefault(); setOpen(true); } }}>
          Export <span aria-hidden="true">▾</span>
        </button>
        <LoadConfig onResult={setStatus} />
      </div>
      <p className={`export-status${status?.error ? ' error' : ''}`} role="status" data-testid="export-status">{status?.text ?? ''}</p>
      {open ? (
        <div ref={menu} id={menuId} className="export-menu" role="menu" aria-label="Export" onKeyDown={onMenuKey}>
          {groups.map((g) => (
            <div key={g} role="group" aria-label={g} className="export-group">
              <p className="export-group-title" aria-hidden="true">{g}</p>
              {rowsOf(items.filter((i) => i.group === g)).map((r) => (r.label === null
                ? <Item key={r.items[0]!.id} item={r.items[0]!} busy={busy === r.items[0]!.id} onRun={run} />
                : (
                  <div key={r.label} className="export-row">
                    <span className="export-row-label" aria-hidden="true">{r.label}</span>
                    {r.items.map((i) => <Item key={i.id} item={i} busy={busy === i.id} onRun={run} label={`${r.label} as ${i.label}`} />)}
                  </div>
                )))}
            </div>
          ))}
        </div>
      ) : null}
      {fallback ? <CopyFallback title={fallback.title} text={fallback.text} onClose={() => { setFallback(null); button.current?.focus(); }} /> : null}
    </div>
  );
}

/** Items in display rows: alone, or sharing a row label (a plot's PNG and SVG). */
function rowsOf(items: MenuItem[]): { label: string | null; items: MenuItem[] }[] {
  const rows: { label: string | null; items: MenuItem[] }[] = [];
  for (const i of items) {
    const last = rows[rows.length - 1];
    if (i.row && last?.label === i.row) last.items.push(i);
    else rows.push({ label: i.row ?? null, items: [i] });
  }
  return rows;
}

function Item({ item, busy, onRun, label }: { item: MenuItem; busy: boolean; onRun: (i: MenuItem) => void; label?: string }) {
  const detailId = useId();
  const detail = item.disabled ?? item.detail;
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={`export-item${item.row ? ' compact' : ''}`} data-testid={item.id}
      aria-label={label} aria-disabled={item.disabled ? true : undefined} aria-busy={busy || undefined} aria-describedby={detail ? detailId : undefined}
      onClick={() => onRun(item)}>
      <span className="export-label">{item.label}{busy ? ' …' : ''}</span>
      {detail ? <span id={detailId} className={`export-detail${item.disabled ? ' why' : ''}`}>{detail}</span> : null}
    </button>
  );
}

/** "Load configuration": a file input shown as a button (keyboard focus shows on the button). */
function LoadConfig({ onResult }: { onResult: (s: { text: string; error: boolean }) => void }) {
  return (
    <label className="btn ghost load-config">
      <input type="file" accept=".json,application/json" data-testid="config-upload"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void controller().loadConfig(f).then((ok) => onResult(ok ? { text: `Loaded ${f.name}.`, error: false } : { text: 'The configuration was not loaded: see the message above.', error: true }));
        }} />
      Load configuration
    </label>
  );
}
