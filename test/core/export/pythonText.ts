/**
 * Reading generated Python in tests: constructor keyword arguments by name, and whether the
 * text is valid Python (checked with python3's own parser when python3 is installed).
 */
import { spawnSync } from 'node:child_process';

/** Text inside the parentheses that open right after `head` (e.g. 'ps.STLSQ('), nesting respected. */
export function callArgs(script: string, head: string): string {
  const start = script.indexOf(head);
  if (start < 0) throw new Error(`'${head}' not found in the script`);
  let depth = 1;
  let i = start + head.length;
  for (; i < script.length && depth > 0; i++) {
    if (script[i] === '(' || script[i] === '[' || script[i] === '{') depth++;
    else if (script[i] === ')' || script[i] === ']' || script[i] === '}') depth--;
  }
  return script.slice(start + head.length, i - 1);
}

/** keyword → value text of a call's arguments, split at top-level commas. */
export function kwargs(script: string, head: string): Record<string, string> {
  const text = callArgs(script, head).replace(/\s#[^\n]*$/gm, ''); // comments at line ends
  const out: Record<string, string> = {};
  let depth = 0;
  let piece = '';
  const flush = () => {
    const p = piece.trim();
    piece = '';
    if (p === '') return;
    const eq = p.indexOf('=');
    if (eq > 0 && /^\w+$/.test(p.slice(0, eq).trim())) out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    else out[`#${Object.keys(out).length}`] = p;
  };
  for (const ch of text) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) flush();
    else piece += ch;
  }
  flush();
  return out;
}

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
/** True when python3 can be run here (the syntax checks are skipped otherwise). */
export const HAS_PYTHON = python.status === 0;

/**
 * Python's parser on each text, in one python3 process (its start-up is slow): null for a text
 * that parses, else its SyntaxError.
 */
export function pythonSyntaxErrors(scripts: readonly string[]): (string | null)[] {
  const code = [
    'import ast, json, sys',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    try:',
    '        ast.parse(s)',
    '        out.append(None)',
    '    except SyntaxError as e:',
    '        out.append(f"{e.msg} at line {e.lineno}")',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', code], { input: JSON.stringify(scripts), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as (string | null)[];
}
