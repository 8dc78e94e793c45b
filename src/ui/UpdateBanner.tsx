/**
 * "A new version is available — Reload": shown when a new version of the playground has
 * installed in the background (src/ui/updates.ts). The settings survive the reload (they are in
 * the link).
 */
import { useSyncExternalStore } from 'react';
import type { Updates } from './updates';

export function UpdateBanner({ updates }: { updates: Updates }) {
  const state = useSyncExternalStore(updates.subscribe, updates.getSnapshot);
  if (state === 'current') return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner" data-state={state}>
      <span className="update-text">A new version is available<span className="update-dash"> —</span></span>
      <span className="update-actions">
        <button type="button" className="btn" data-testid="update-reload" onClick={updates.apply}>Reload</button>
        <button type="button" className="btn ghost" data-testid="update-later" onClick={updates.dismiss}
          title="Keep working with this version; the new one opens at your next visit">Later</button>
      </span>
    </div>
  );
}
