// Evaluation by generation: greedy answers for dataset rows, scored by src/evaluate (answer by value,
// trace steps up to the first divergence). Shared by training-time evaluation, `npm run eval` and the panel.
import type { GPTConfig, Params } from '../model/gpt.ts';
import { generate } from '../model/generate.ts';
import { encodePrompt } from '../tokenise/example.ts';
import type { Tokenizer } from '../tokenise/tokenizer.ts';
import { exactCompare, scoreSample, summarise, type Compare, type SampleScore, type Summary } from '../evaluate/score.ts';
import type { LoadedRow } from '../dataset/row.ts';

export interface Prediction {
  id: string;
  level: number;
  prompt: string;
  generated: string;
  expected: string;
  score: SampleScore;
}

export interface EvalOptions {
  batchSize?: number;
  maxNewTokens?: number;
  compare?: Compare;
  onProgress?: (done: number, total: number) => void;
  /** Checked after every generated token; false abandons the evaluation (rows not reached are left out). */
  keepGoing?: () => boolean;
}

export async function evaluateRows(p: Params, cfg: GPTConfig, tok: Tokenizer, rows: LoadedRow[],
  opts: EvalOptions = {}): Promise<{ summary: Summary; predictions: Prediction[]; generatedTokens: number }> {
  const batchSize = opts.batchSize ?? 32;
  const compare = opts.compare ?? exactCompare;
  const predictions: Prediction[] = [];
  let generatedTokens = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    if (opts.keepGoing && !opts.keepGoing()) break;
    const chunk = rows.slice(i, i + batchSize);
    const prompts = chunk.map((r) => encodePrompt(tok, r.prompt));
    // A prompt that does not fit leaves no room for an answer: scored wrong, never a crash.
    const fits = prompts.map((q) => q.length < cfg.blockSize - 8);
    const ok = prompts.filter((_, j) => fits[j]);
    const gen = ok.length // each row may fill the block (generate caps every row by its own prompt)
      ? await generate(p, cfg, ok, { stopId: tok.endId, maxNewTokens: opts.maxNewTokens ?? cfg.blockSize,
        onToken: opts.keepGoing })
      : { tokens: [] };
    if (opts.keepGoing && !opts.keepGoing()) break;
    let k = 0;
    for (let j = 0; j < chunk.length; j++) {
      const r = chunk[j]!;
      const ids = fits[j] ? gen.tokens[k++]! : [];
      generatedTokens += ids.length;
      const generated = tok.decode(ids);
      predictions.push({ id: r.id, level: r.level, prompt: r.prompt, generated, expected: r.output,
        score: await scoreSample(generated, { output: r.output, target: r.target }, compare) });
    }
    opts.onProgress?.(Math.min(rows.length, i + batchSize), rows.length);
  }
  return { summary: summarise(predictions.map((x) => ({ level: x.level, score: x.score }))), predictions,
    generatedTokens };
}
