/**
 * Threads for the island pool's tests without starting any: each "thread" runs the real thread
 * handler (islandThreadHandler) on structured clones of the messages (what postMessage does),
 * answering after its own delay, so results come back out of order as from real threads.
 */
import { exprToString } from '../../../src/core/model/expr';
import { islandThreadHandler, type FromIslandThread, type IslandPort, type ToIslandThread } from '../../../src/core/symbolic/islandPool';
import type { MultiSearch } from '../../../src/core/symbolic/multiSearch';

export interface FakeThreads {
  spawn(): IslandPort;
  /** threads started */
  started: number;
  /** tasks each thread was given */
  tasks: number[];
  /** answers sent back, over all threads */
  answers: number;
  /** messages each thread received, by type */
  received: ToIslandThread['type'][][];
  /** thread k says it is ready now (for threads started with readyAfter Infinity) */
  makeReady(k: number): void;
}

export interface FakeOptions {
  /** ms before thread k answers a task (default: 1 + 3k, so later threads answer later) */
  delay?: (thread: number, task: number) => number;
  /** ms before thread k says it is ready (default 0; Infinity: when makeReady(k) is called) */
  readyAfter?: (thread: number) => number;
  /** thread k throws when started */
  failStart?: (thread: number) => boolean;
  /** thread k dies (error event) at its n-th task instead of answering */
  dieAt?: (thread: number, task: number) => boolean;
}

export function fakeThreads(opts: FakeOptions = {}): FakeThreads {
  const ready: (() => void)[] = [];
  const t: FakeThreads = { started: 0, tasks: [], answers: 0, received: [], spawn, makeReady: (k) => ready[k]?.() };
  function spawn(): IslandPort {
    const k = t.started;
    if (opts.failStart?.(k)) throw new Error(`thread ${k} could not start`);
    t.started++;
    t.tasks[k] = 0;
    t.received[k] = [];
    const handle = islandThreadHandler();
    let onMessage: (m: FromIslandThread) => void = () => undefined;
    let onError: (m: string) => void = () => undefined;
    let dead = false;
    return {
      post(msg) {
        if (dead) return;
        t.received[k]!.push(msg.type);
        const copy = structuredClone(msg);
        if (copy.type !== 'task') { handle(copy); return; }
        const n = t.tasks[k]!++;
        setTimeout(() => {
          if (dead) return;
          if (opts.dieAt?.(k, n)) { dead = true; onError(`thread ${k} died`); return; }
          const out = handle(copy);
          if (!out) return;
          t.answers++;
          onMessage(structuredClone(out));
        }, opts.delay ? opts.delay(k, n) : 1 + 3 * k);
      },
      listen(m, e) {
        onMessage = m; onError = e;
        ready[k] = () => { if (!dead) onMessage({ type: 'ready' }); };
        const after = opts.readyAfter?.(k) ?? 0;
        if (Number.isFinite(after)) setTimeout(ready[k], after);
      },
      terminate() { dead = true; },
    };
  }
  return t;
}

/**
 * Everything a multi-search holds, as text: every island's members (expression, loss, birth) and
 * birth counter, the frequencies, the hall of fame, iterations and evaluations. Two searches
 * with the same fingerprint are in the same state, bit for bit (losses printed exactly).
 */
export function searchFingerprint(ms: MultiSearch): string[] {
  return ms.searches.flatMap((s, j) => {
    const names = s.ctx.problem.varNames;
    const m = (x: { expr: Parameters<typeof exprToString>[0]; loss: number; birth: number }) => `${exprToString(x.expr, names)}|${x.loss}|${x.birth}`;
    return [
      `output ${j}: iteration ${s.iteration}, evaluations ${s.evaluations}, done ${s.done}`,
      `freq ${Array.from(s.freq).join(',')}`,
      `hof ${s.hof.map((h) => (h ? m(h) : '-')).join(' ; ')}`,
      ...s.islands.map((isl, i) => `island ${i} (${isl.births}): ${isl.members.map(m).join(' ; ')}`),
    ];
  });
}
