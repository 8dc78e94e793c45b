/**
 * The engine, headless: `npm run -s cli -- fit DATA.csv [options]`.
 * With --json it prints exactly one JSON object on stdout. Bad arguments or data: one line
 * on stderr and exit code 2. Everything but the file system, the threads and the writing is
 * runCliAsync (src/cli/main.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { threadHost } from './cli/islandThreads';
import { runCliAsync } from './cli/main';
import type { ExportFiles } from './cli/export';

const files: ExportFiles = {
  absolute: (path) => resolve(path),
  size: (path) => { try { return statSync(path).size; } catch { return null; } },
  read: (path) => readFileSync(path, 'utf8'),
};

// --method gp spreads its search over worker threads (--workers; automatic: one per core, up to 4).
const threads = threadHost();
try {
  const out = await runCliAsync(process.argv.slice(2), files, threads);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = out.code;
} finally {
  threads.dispose();
}
