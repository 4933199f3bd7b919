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
