// Command-line flags as `npm run train` and `npm run rl` take them: `--name value`, or `--name` alone for a switch
// (stored as 'true'), and numbers checked with a sentence that says what was wrong.

export function parseArgs(argv: string[], help: string): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${help}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args.set(a.slice(2), 'true');
    else args.set(a.slice(2), argv[++i]!);
  }
  return args;
}

export function num(args: Map<string, string>, key: string, fallback: number, opts: { int?: boolean; min?: number } = {}): number {
  const v = args.get(key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || (opts.int && !Number.isInteger(n)) || n < (opts.min ?? -Infinity)) {
    const what = `${opts.int ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}`;
    throw new Error(`--${key} must be ${what}, got ${v}`);
  }
  return n;
}

/** Stops a command with what was wrong and its usage (exit status 2: a usage error). */
export function refuse(command: string, usage: string, message: string): never {
  process.stderr.write(`${command}: ${message}\n\n${usage}\n`);
  process.exit(2);
}

/**
 * Flags for the other commands (`npm run dataset`, `npm run bank`, `npm run ship`, the benches): `--help` prints the
 * usage and exits; an unexpected word, a flag without its value or an option not in `known` is refused. The names
 * in `switches` take no value (stored as 'true').
 */
export function strictOptions(argv: string[], command: string, usage: string, known: readonly string[],
  switches: readonly string[] = []): Map<string, string> {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    if (!arg.startsWith('--')) refuse(command, usage, `unexpected argument "${arg}"`);
    if (switches.includes(arg.slice(2))) {
      opts.set(arg.slice(2), 'true');
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) refuse(command, usage, `${arg} needs a value`);
    opts.set(arg.slice(2), value);
    i++;
  }
  for (const key of opts.keys()) if (!known.includes(key) && !switches.includes(key)) refuse(command, usage, `unknown option --${key}`);
  return opts;
}
