// The mutation engine's source for Node hosts (npm run bank, the tests); the page imports it with `?raw`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MUTATE_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'mutate.py');

let source: string | undefined;

export function mutateSource(): string {
  source ??= readFileSync(MUTATE_FILE, 'utf8');
  return source;
}
