// For the commands' tests: run `scripts/NAME.ts` as `npm run NAME` would (Node + tsx, from the repo root).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function runCommand(name: string, args: string[], timeoutMs = 120_000, env?: NodeJS.ProcessEnv):
  SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
}
