// `npm run trace` as a user calls it: clean JSON on stdout, exit 0 whenever a trace was produced.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TraceSchema } from '../src/capture/trace.ts';
import { runCommand } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'dryrun-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trace = (...args: string[]) => runCommand('trace', args, 60_000);

describe('npm run trace', () => {
  it('prints the trace of a program fed with a stdin file, and of a call', () => {
    const prog = join(dir, 'p.py');
    const input = join(dir, 'in.txt');
    writeFileSync(prog, 'def f(a, b):\n    return a * b\nx = input()\nprint(f(int(x), 2))\n');
    writeFileSync(input, '21\n');
    const out = trace(prog, '--stdin', input);
    expect(out.status, out.stderr).toBe(0);
    const t = TraceSchema.parse(JSON.parse(out.stdout));
    expect(t.status).toBe('ok');
    expect(t.stdout).toBe('42\n');

    const call = trace(prog, '--call', 'f(3, 4)', '--max-steps', '50');
    const c = TraceSchema.parse(JSON.parse(call.stdout));
    // The module code reads input() before the call: with no stdin that is an EOFError, still a trace, exit 0.
    expect(call.status).toBe(0);
    expect(c.status).toBe('error');
    expect(c.error?.type).toBe('EOFError');
    expect(c.limits.maxSteps).toBe(50);
  });

  it('exits non-zero with a message on usage errors', () => {
    const none = trace();
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/usage/);
    const missing = trace(join(dir, 'nope.py'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read program/);
    const bad = trace(join(dir, 'nope.py'), '--max-steps', 'lots');
    expect(bad.status).not.toBe(0);
  });
});
