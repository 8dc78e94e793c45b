/**
 * One worker thread of the CLI's island pool (islandThreads.ts): it evolves the islands it is
 * sent, with the same core code as the page's island workers (core/symbolic/islandPool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { islandThreadHandler, THREAD_READY, type ToIslandThread } from '../core/symbolic/islandPool';

const port = parentPort;
if (!port) throw new Error('islandThread.ts runs as a worker thread of the CLI, not on its own.');
const handle = islandThreadHandler();
port.on('message', (msg: ToIslandThread) => {
  const out = handle(msg);
  if (out) port.postMessage(out);
});
port.postMessage(THREAD_READY);
