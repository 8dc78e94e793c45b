/**
 * The status line's estimate of the time a method still needs, from its rate so far: the
 * fraction done since its first reported step, over the time since then. Shown only once the
 * rate means something (a second in, a percent done), rounded as a person would say it.
 */
export interface MethodProgress { fraction: number; methodT0: number | null; methodF0: number }

/** "about 40 s left", "about 3 min left", or '' while no honest estimate exists. */
export function timeLeft(p: MethodProgress, now: number): string {
  if (p.methodT0 === null) return '';
  const elapsed = (now - p.methodT0) / 1000;
  const done = p.fraction - p.methodF0;
  if (elapsed < 1 || done < 0.01 || p.fraction >= 1) return '';
  const left = ((1 - p.fraction) * elapsed) / done;
  if (left < 10) return `about ${Math.max(1, Math.round(left))} s left`;
  if (left < 90) return `about ${Math.round(left / 5) * 5} s left`;
  return `about ${Math.round(left / 60)} min left`;
}
