/**
 * Plotly's modebar is a role="toolbar" whose buttons are each a tab stop (up to ten per plot, so
 * a page of plots asked for dozens of Tab presses). The ARIA toolbar pattern makes it one stop:
 * one button has tabindex 0 (the first, or the last one used), the others -1, and the arrow
 * keys, Home and End move along the toolbar.
 */
const BUTTON = '.modebar-btn';

function buttonsOf(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BUTTON));
}

/** Call after every draw (Plotly may rebuild its buttons): leaves one tab stop per modebar. */
export function rovingModebar(root: HTMLElement): void {
  const buttons = buttonsOf(root);
  const keep = buttons.find((b) => b.tabIndex === 0 && b.dataset.roving === '1') ?? buttons[0];
  for (const b of buttons) {
    b.tabIndex = b === keep ? 0 : -1;
    b.dataset.roving = '1';
  }
}

/** A button took focus (click or arrow key): it becomes the toolbar's one tab stop. */
export function modebarFocus(root: HTMLElement, target: EventTarget | null): void {
  if (!(target instanceof HTMLElement) || !target.matches(BUTTON)) return;
  for (const b of buttonsOf(root)) b.tabIndex = b === target ? 0 : -1;
}

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/** Handles a key pressed on a modebar button; true when it moved focus (the caller prevents the default). */
export function modebarKey(root: HTMLElement, target: EventTarget | null, key: string): boolean {
  const move = MOVES[key];
  if (!move || !(target instanceof HTMLElement) || !target.matches(BUTTON)) return false;
  const buttons = buttonsOf(root);
  const i = buttons.indexOf(target);
  if (i < 0) return false;
  const next = buttons[move(i, buttons.length)]!;
  modebarFocus(root, next);
  next.focus();
  return true;
}
