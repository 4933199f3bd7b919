// A checkpoint as a folder of files (config.json, tokenizer.json, model.safetensors, optimizer.safetensors), read
// and written by the Node commands. The same folder is what src/train/native/train.py reads and writes.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Params } from '../../model/gpt.ts';
import { Tokenizer } from '../../tokenise/tokenizer.ts';
import { readCheckpointConfig, type CheckpointConfig, type CheckpointFiles } from '../checkpoint-format.ts';
import { loadParams } from '../trainer.ts';

export function readCheckpointDir(dir: string): CheckpointFiles {
  const files: CheckpointFiles = {
    'config.json': readFileSync(join(dir, 'config.json'), 'utf8'),
    'tokenizer.json': readFileSync(join(dir, 'tokenizer.json'), 'utf8'),
    'model.safetensors': new Uint8Array(readFileSync(join(dir, 'model.safetensors'))),
  };
  if (existsSync(join(dir, 'optimizer.safetensors'))) {
    files['optimizer.safetensors'] = new Uint8Array(readFileSync(join(dir, 'optimizer.safetensors')));
  }
  return files;
}

/** Written into a sibling folder first, then swapped in, so a kill mid-write never leaves a broken checkpoint. */
export function writeCheckpointDir(dir: string, files: CheckpointFiles): void {
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data as string | Uint8Array);
  const old = `${dir}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** A checkpoint folder as a model to ask: its config (checked), tokenizer and weights, for the Node commands. */
export function loadModelDir(dir: string): { config: CheckpointConfig; tok: Tokenizer; params: Params } {
  const files = readCheckpointDir(dir);
  const config = readCheckpointConfig(files['config.json'], join(dir, 'config.json'));
  return { config, tok: Tokenizer.fromJSON(JSON.parse(files['tokenizer.json'])), params: loadParams(config.model, files['model.safetensors']) };
}
