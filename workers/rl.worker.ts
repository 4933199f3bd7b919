// The RL worker: reinforcement learning with a verifiable reward (src/rl/grpo.ts), off the page's thread, behind
// comlink. The page hands it a checkpoint's files (a shipped model), the rows (the shipped sample) and an RlConfig;
// `run` loops rlStep (src/rl/loop.ts), reports each step's figures and rollouts, and autosaves the run to
// IndexedDB (src/train/browser/checkpoint-store.ts, RL_AUTOSAVE_ID) with its rows, every few steps and when it
// ends, so a reload resumes exactly. Answers are compared by a `compare` the page passes in (its Python): this
// worker has no Python. Pause ends the run after the step in progress; Stop also between two sampled tokens.
import * as Comlink from 'comlink';
import { initWebBackend } from '../src/model/backend-web.ts';
import { countParams } from '../src/model/gpt.ts';
import type { Compare } from '../src/evaluate/score.ts';
import { nextTask } from '../src/simulate/ask.ts';
import { describeStorageError, metaOf, readCheckpoint, RL_AUTOSAVE_ID, writeCheckpoint } from '../src/train/browser/checkpoint-store.ts';
import type { CheckpointFiles } from '../src/train/checkpoint-format.ts';
import { parseRows, type Row } from '../src/train/data.ts';
import { DEFAULT_RL, rowsForStep, type RlState } from '../src/rl/grpo.ts';
import { disposeRl, freshWeights, resumeRl, saveRl, startRl, type RlCheckpointConfig } from '../src/rl/checkpoint.ts';
import { runRl, type LoopEnd } from '../src/rl/loop.ts';
import type { RlChoices, RlEvent, RlInfo, RlRowView } from '../src/rl/run-events.ts';

/** Autosave every this many steps (an RL step takes seconds to a minute; a save writes ~4x the weights). */
const SAVE_EVERY = 5;

/** Which of the rows given to train on. */
export interface RowFilter {
  /** Only programs of this mode (`program`: stdin scripts). */
  mode?: 'call' | 'program';
}

/** The rows RL trains on: split `train` of the text given, filtered; stored with the run as that list. */
interface Rows {
  id: string;
  list: Row[];
  label: string;
}

interface Held {
  s: RlState;
  base: RlCheckpointConfig;
  from: string;
  rows: Rows;
}

let rows: Rows | undefined;
let held: Held | undefined;

/** How the run call in progress is asked to end. */
class RunCall {
  paused = false;
  stopped = false;
}
let call: RunCall | undefined;

function info(h: Held): RlInfo {
  return { step: h.s.step, steps: h.s.config.steps, config: h.s.config, from: h.from, params: countParams(h.s.model),
    history: h.s.history, rows: h.rows.list.length, dataLabel: h.rows.label };
}

/** The rows of one step, as the rollout viewer shows them. */
function rowViews(h: Held, step: number): RlRowView[] {
  return rowsForStep(h.rows.list, step, h.s.config.prompts, h.s.config.seed).map((r) => ({ id: r.id, level: r.level, prompt: r.prompt,
    output: r.output, ...(r.mode ? { mode: r.mode } : {}) }));
}

const rowsText = (list: Row[]) => list.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Lets go of the run held (never while a run call is going: the callers refuse then). */
function drop(): void {
  if (held) disposeRl(held.s);
  held = undefined;
}

async function save(h: Held, onEvent: (e: RlEvent) => void): Promise<void> {
  const step = h.s.step;
  try {
    if (held !== h) throw new Error('the run was replaced before it could be saved');
    const files = await saveRl(h.s, h.base, h.from);
    const meta = metaOf(files, { id: RL_AUTOSAVE_ID, name: 'RL autosave', kind: 'autosave', savedAt: Date.now(), dataId: h.rows.id,
      dataLabel: h.rows.label });
    await writeCheckpoint(meta, files, rowsText(h.rows.list));
    onEvent({ kind: 'saved', step });
  } catch (e) {
    onEvent({ kind: 'save-failed', step, message: `Could not save the RL run at step ${step}: ${describeStorageError(e)}` });
  }
}

const api = {
  /** Also switches backend (not while a run is going): the run held is dropped. */
  async init(backend: string): Promise<{ backend: string; skipped: { backend: string; reason: string }[] }> {
    if (call) throw new Error('A run is going: stop it first.');
    drop();
    return initWebBackend(backend);
  },

  /** The rows to train on: split `train` of `jsonl`, filtered; `label` says what they are. */
  setData(jsonl: string, label: string, filter: RowFilter = {}): { rows: number; skipped: number } {
    const parsed = parseRows(jsonl);
    const list = parsed.rows.filter((r) => r.split === 'train' && (!filter.mode || (r.mode ?? 'call') === filter.mode));
    if (!list.length) throw new Error(`no training rows in ${label}${filter.mode ? ` of mode ${filter.mode}` : ''}`);
    rows = { id: crypto.randomUUID(), list, label };
    return { rows: list.length, skipped: parsed.skipped };
  },

  /**
   * A new RL run from a checkpoint (`fresh`: its shape and tokenizer with new weights, seeded by the run's seed),
   * on the rows set, with the page's choices and the algorithm's defaults; the weights it starts from are the KL
   * reference.
   */
  async start(files: CheckpointFiles, choices: RlChoices, from: string, fresh = false): Promise<RlInfo> {
    if (call) throw new Error('A run is going: stop it first.');
    if (!rows) throw new Error('No rows to train on: setData first.');
    drop();
    const config = { ...DEFAULT_RL, ...choices };
    const start = fresh ? await freshWeights(files, config.seed) : files;
    const { state, base } = startRl(start, config);
    held = { s: state, base, from, rows };
    return info(held);
  },

  /** The run saved in this browser, continued exactly (with the rows it was training on), or null if none is. */
  async resumeSaved(): Promise<RlInfo | null> {
    if (call) throw new Error('A run is going: stop it first.');
    const saved = await readCheckpoint(RL_AUTOSAVE_ID);
    if (!saved) return null;
    if (saved.data === null) throw new Error('the saved RL run has lost its rows, so it cannot resume exactly');
    drop();
    const { state, base, from } = resumeRl(saved.files);
    const list = parseRows(saved.data).rows;
    // The rows keep the key they are stored under: saving the run again does not store them twice.
    held = { s: state, base, from, rows: { id: saved.meta.dataId ?? crypto.randomUUID(), list, label: saved.meta.dataLabel } };
    return info(held);
  },

  /** Runs until paused, stopped or done (`maxSteps` 1: one step); `compare` scores the answers. */
  async run(onEvent: (e: RlEvent) => void, compare: Compare, opts: { maxSteps?: number } = {}): Promise<RlInfo & { end: LoopEnd }> {
    const h = held;
    if (!h) throw new Error('No RL run: start one or resume the saved one.');
    if (call) throw new Error('A run is already going.');
    const c = new RunCall();
    call = c;
    try {
      onEvent({ kind: 'state', state: 'running', step: h.s.step, steps: h.s.config.steps });
      const end = await runRl(h.s, h.rows.list, compare, {
        going: () => !c.paused,
        abandoning: () => c.stopped,
        betweenTokens: nextTask,
        onStep: (log, numTensors, ms) => onEvent({ kind: 'step', log, rows: rowViews(h, log.step), steps: h.s.config.steps,
          numTensors, ms }),
        save: () => save(h, onEvent),
        saveEvery: SAVE_EVERY,
        maxSteps: opts.maxSteps,
      });
      onEvent({ kind: 'state', state: end === 'done' ? 'done' : 'paused', step: h.s.step, steps: h.s.config.steps });
      return { ...info(h), end };
    } finally {
      call = undefined;
    }
  },

  /** End after the step in progress. */
  pause(): void {
    if (call) call.paused = true;
  },

  /** End now: a step still sampling is dropped (it resumes from its start), one updating finishes first. */
  stop(): void {
    if (call) {
      call.paused = true;
      call.stopped = true;
    }
  },
};

export type RlApi = typeof api;
Comlink.expose(api);
