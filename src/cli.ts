/**
 * The engine, headless: `npm run -s cli -- fit DATA.csv [options]`.
 * With --json it prints exactly one JSON object on stdout. Bad arguments or data: one line
 * on stderr and exit code 2. Everything but the file system and the writing is runCli
 * (src/cli/main.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { runCli, type CliFiles } from './cli/main';

const files: CliFiles = {
  size: (path) => { try { return statSync(path).size; } catch { return null; } },
  read: (path) => readFileSync(path, 'utf8'),
};

const out = runCli(process.argv.slice(2), files);
process.stdout.write(out.stdout);
process.stderr.write(out.stderr);
process.exitCode = out.code;
