// npm run --silent trace -- FILE.py [--stdin FILE] [--call 'f(1, 2)'] [--max-steps N] [--timeout-ms MS]
// Prints the trace JSON (docs/trace-schema.md) and exits 0 whenever a trace was produced, whatever the program did.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import type { RunRequest } from '../src/capture/trace.ts';

const USAGE = "usage: npm run --silent trace -- FILE.py [--stdin FILE] [--call 'f(1, 2)'] [--max-steps N] [--timeout-ms MS]";

function fail(message: string): never {
  process.stderr.write(`trace: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number, got "${text}"`);
  return n;
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    fail(`cannot read ${what} "${path}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      stdin: { type: 'string' },
      call: { type: 'string' },
      'max-steps': { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  fail((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) fail(positionals.length ? 'give exactly one program file' : 'no program file given');
if (values.call !== undefined && values.stdin !== undefined) fail('--stdin and --call do not go together');

const req: RunRequest = {
  code: read(positionals[0]!, 'program'),
  mode: values.call === undefined ? 'program' : 'call',
  limits: { maxSteps: positiveInt('max-steps', values['max-steps']), timeoutMs: positiveInt('timeout-ms', values['timeout-ms']) },
};
if (values.call !== undefined) req.call = values.call;
if (values.stdin !== undefined) req.stdin = read(values.stdin, 'stdin file');

const runner = await createNodeRunner({ processes: 1 });
try {
  const trace = await runner.run(req);
  process.stdout.write(`${JSON.stringify(trace)}\n`);
} finally {
  await runner.close();
}
