// Asking a model to dry-run a program: the prompt it was trained on (program mode: code and stdin in, the story
// and the stdout out), the honest refusals (too long for its block, or made of things it never saw), and the
// sampled stories, streamed as they are written. Shared by the page's model worker and Node commands.
import type { GPTConfig, Params } from '../model/gpt.ts';
import { generate } from '../model/generate.ts';
import { Rng } from '../dataset/rng.ts';
import { samplesIn } from '../evaluate/vote.ts';
import { encodePrompt } from '../tokenise/example.ts';
import type { Tokenizer } from '../tokenise/tokenizer.ts';
import { promptOf } from '../verbalise/story.ts';

/** The fewest tokens left for a story after the prompt; below this the program is refused as too long. */
export const MIN_STORY_ROOM = 48;

/** The program-mode prompt: the same text the dataset builds for a stdin script. */
export function askPrompt(code: string, stdin: string): string {
  return promptOf({ mode: 'program', code, stdin });
}

// Statements no training program contains: the model has never seen what they do (levels 1-3 are numbers,
// branches, loops and small functions). Matched on code with strings and comments blanked out.
const UNSEEN: [RegExp, string][] = [
  [/^\s*(?:import|from)\s/m, 'imports'],
  [/^\s*class\s/m, 'classes'],
  [/^\s*(?:try|except|finally)\b/m, 'try/except'],
  [/^\s*with\s/m, 'with blocks'],
  [/\blambda\b/, 'lambdas'],
  [/\byield\b/, 'generators'],
  [/^\s*(?:async|await)\b|\bawait\s/m, 'async code'],
  [/^\s*(?:global|nonlocal)\s/m, 'global variables'],
];

/** Code with string literals and comments replaced by blanks of the same length (lines stay where they are). */
function blankStringsAndComments(code: string): string {
  return code.replace(/("""|''')[\s\S]*?\1|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*/g,
    (m) => m.replace(/[^\n]/g, ' '));
}

export interface Refusal {
  kind: 'too-long' | 'unseen' | 'characters' | 'empty';
  message: string;
}

/** Why this model should not be asked about this program (a sentence), or null when it can be. */
export function refusal(code: string, stdin: string, tok: Tokenizer, cfg: Pick<GPTConfig, 'blockSize'>): Refusal | null {
  if (!code.trim()) return { kind: 'empty', message: 'There is no program to dry-run: write one in the editor first.' };
  const odd = [...new Set([...code + stdin].filter((c) => c !== '\n' && c !== '\t' && (c < ' ' || c > '~')))];
  if (odd.length) {
    return { kind: 'characters', message: `The program uses characters the model has never seen (${odd.slice(0, 5)
      .map((c) => `“${c}”`).join(' ')}): it reads plain ASCII only. Replace them and ask again.` };
  }
  const blanked = blankStringsAndComments(code);
  const unseen = UNSEEN.filter(([re]) => re.test(blanked)).map(([, what]) => what);
  if (unseen.length) {
    return { kind: 'unseen', message: `The program uses ${unseen.join(' and ')}, which none of the model's training ` +
      'programs had: its story would be a guess. Try a program made of numbers, if, loops and small functions.' };
  }
  const n = encodePrompt(tok, askPrompt(code, stdin)).length;
  if (n + MIN_STORY_ROOM > cfg.blockSize) {
    return { kind: 'too-long', message: `The program is ${n} tokens long, and the model reads at most ${cfg.blockSize} ` +
      `tokens, program and story together: it needs at least ${MIN_STORY_ROOM} left to write in. Shorten the program ` +
      '(fewer or shorter lines) and ask again.' };
  }
  return null;
}

export interface SimulateOptions {
  /** Stories to sample (1 to MAX_SAMPLES). */
  samples: number;
  /** 0 = greedy; one greedy story is the default. */
  temperature: number;
  seed: number;
  /** Streams the texts so far (one per sample) after each token; resolving to false stops. */
  onUpdate?: (texts: string[], tokens: number) => boolean | void | Promise<boolean | void>;
}

export interface SimulateResult {
  texts: string[];
  /** Generated tokens over all samples. */
  tokens: number;
  /** Stopped before every story ended. */
  stopped: boolean;
}

/** Sample stories for one prompt, the k samples as one batch with the key/value cache. */
export async function simulate(p: Params, cfg: GPTConfig, tok: Tokenizer, prompt: string,
  opts: SimulateOptions): Promise<SimulateResult> {
  const k = samplesIn(opts.samples);
  const ids = encodePrompt(tok, prompt);
  const rows: number[][] = Array.from({ length: k }, () => []);
  const finished = new Array<boolean>(k).fill(false);
  let stopped = false;
  let tokens = 0;
  const decode = () => rows.map((r) => tok.decode(r));
  await generate(p, cfg, Array.from({ length: k }, () => ids), {
    stopId: tok.endId,
    maxNewTokens: cfg.blockSize - ids.length,
    temperature: k === 1 ? Math.max(0, opts.temperature) : Math.max(1e-3, opts.temperature),
    rng: new Rng(opts.seed),
    onToken: async (_, picked) => {
      picked.forEach((t, b) => {
        if (t < 0) return;
        rows[b]!.push(t);
        tokens++;
        if (t === tok.endId) finished[b] = true;
      });
      const go = opts.onUpdate ? await opts.onUpdate(decode(), tokens) : undefined;
      if (go === false && !finished.every(Boolean)) {
        stopped = true;
        return false;
      }
      return undefined;
    },
  });
  return { texts: decode(), tokens, stopped };
}

/** A macrotask boundary: lets a worker read a `stop` message between two tokens (a microtask would not). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/**
 * `simulate` as a worker runs it for the page: the texts so far sent about every `everyMs` (not awaited), a
 * macrotask between tokens so a stop request is read, and `stopped()` checked there.
 */
export function simulateInWorker(p: Params, cfg: GPTConfig, tok: Tokenizer, code: string, stdin: string,
  opts: Omit<SimulateOptions, 'onUpdate'>, onUpdate: (texts: string[], tokens: number) => unknown,
  stopped: () => boolean, everyMs = 60): Promise<SimulateResult> {
  let last = 0;
  return simulate(p, cfg, tok, askPrompt(code, stdin), {
    ...opts,
    onUpdate: async (texts, tokens) => {
      const now = performance.now();
      if (now - last > everyMs) {
        last = now;
        void onUpdate(texts, tokens);
      }
      await nextTask();
      return !stopped();
    },
  });
}
