// npm run exec-eval -- --dataset FILE.jsonl [--limit N] [--processes N]
// Runs CRUXEval-format rows ({code, input, output, id}) through the runner in call mode, `f(<input>)`, and compares
// the value with `output` the way CRUXEval does (both evaluated as Python values; floats within 1e-5).
// Prints each miss with its id, then one JSON line: {"total","passed","failed","errors","ms"}.
// failed: the call returned a different value; errors: it returned none (exception, limit, crash).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import type { RunRequest } from '../src/capture/trace.ts';

const USAGE = 'usage: npm run exec-eval -- --dataset FILE.jsonl [--limit N] [--processes N]';

function fail(message: string): never {
  process.stderr.write(`exec-eval: ${message}\n${USAGE}\n`);
  process.exit(2);
}

interface Row {
  id: string;
  code: string;
  input: string;
  output: string;
}

let values;
try {
  values = parseArgs({
    options: { dataset: { type: 'string' }, limit: { type: 'string' }, processes: { type: 'string' } },
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (!values.dataset) fail('--dataset is required');
const limit = values.limit === undefined ? Infinity : Number(values.limit);
if (!(limit > 0) || (limit !== Infinity && !Number.isInteger(limit))) fail(`--limit must be a positive whole number`);
const processes = values.processes === undefined ? 2 : Number(values.processes);
if (!Number.isInteger(processes) || processes <= 0) fail('--processes must be a positive whole number');

let text: string;
try {
  text = readFileSync(values.dataset, 'utf8');
} catch (err) {
  fail(`cannot read "${values.dataset}": ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
}
const rows: Row[] = [];
for (const [i, line] of text.split('\n').entries()) {
  if (!line.trim() || rows.length >= limit) continue;
  try {
    const row = JSON.parse(line) as Partial<Row>;
    if (typeof row.code !== 'string' || typeof row.input !== 'string' || typeof row.output !== 'string') {
      throw new Error('needs string fields code, input, output');
    }
    rows.push({ id: String(row.id ?? `line-${i + 1}`), code: row.code, input: row.input, output: row.output });
  } catch (err) {
    fail(`line ${i + 1} of ${values.dataset} is not a CRUXEval row: ${(err as Error).message}`);
  }
}

const started = performance.now();
const runner = await createNodeRunner({ processes });
// Output only: no steps recorded and no step limit, so a long-running row (a primality loop) gets its real output
// as long as it ends within the time limit.
const reqs: RunRequest[] = rows.map((r) => ({ code: r.code, mode: 'call', call: `f(${r.input})`, outputOnly: true }));
let passed = 0;
let failed = 0;
let errors = 0;
try {
  const traces = await runner.runMany(reqs, (done, total) => {
    if (process.stderr.isTTY && (done % 50 === 0 || done === total)) process.stderr.write(`\r${done}/${total}`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const verdicts = await Promise.all(
    traces.map((t, i) => (t.status === 'ok' && t.result !== undefined ? runner.compare(rows[i]!.output, t.result) : false)),
  );
  traces.forEach((trace, i) => {
    const row = rows[i]!;
    if (verdicts[i]) {
      passed += 1;
    } else if (trace.status !== 'ok') {
      errors += 1;
      const why = trace.error ? `${trace.error.type}: ${trace.error.message}` : '';
      console.log(`ERROR ${row.id}: ${trace.status} ${why} (expected ${row.output})`);
    } else {
      failed += 1;
      console.log(`FAIL ${row.id}: f(${row.input}) returned ${trace.result}, expected ${row.output}`);
    }
  });
} finally {
  await runner.close();
}
console.log(JSON.stringify({ total: rows.length, passed, failed, errors, ms: Math.round(performance.now() - started) }));
