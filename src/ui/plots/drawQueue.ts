/**
 * Plotly draws on the main thread and a draw can take a while on a slow machine. Draws are
 * therefore queued and run one per task (the browser handles input in between), and a draw
 * that has been superseded by a newer one for the same figure before its turn is skipped.
 */
let chain: Promise<void> = Promise.resolve();
const latest = new WeakMap<object, number>();
let counter = 0;

const nextTask = (): Promise<void> => new Promise((resolve) => { setTimeout(resolve, 0); });

/** Queue `draw` for figure `owner`; it runs after earlier draws, unless a newer one is queued. Resolves when done or skipped. */
export function queueDraw(owner: object, draw: () => Promise<unknown>): Promise<void> {
  const version = ++counter;
  latest.set(owner, version);
  chain = chain.then(nextTask).then(() => (latest.get(owner) === version ? draw() : undefined)).then(() => undefined, () => undefined);
  return chain;
}

/** Forget a figure (unmounted): its queued draws are skipped. */
export function cancelDraws(owner: object): void {
  latest.set(owner, -1);
}
