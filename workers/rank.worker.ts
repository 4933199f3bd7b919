// The rank worker: a shipped model judges candidate solutions by dry-running them (src/rank/simulate.ts), off the
// page's thread, behind comlink. It holds one loaded model (its own, so the Explorer can ask its model meanwhile).
// `predict` dry-runs one candidate on a task's public tests, every test and sample in one batch; it yields to the
// event loop after every token, so `stop` is heard mid-batch. Answers are compared by value through a `compare`
// the page passes in (its Python): this worker has no Python.
import * as Comlink from 'comlink';
import type { Compare } from '../src/evaluate/score.ts';
import type { BankTest } from '../src/rank/bank.ts';
import { predictionOf, sampleTests, type CellPrediction } from '../src/rank/simulate.ts';
import { samplesIn } from '../src/evaluate/vote.ts';
import { nextTask } from '../src/simulate/ask.ts';
import type { CheckpointFiles } from '../src/train/trainer.ts';
import { modelHolder } from './model-holder.ts';

export interface RankModel {
  id: string;
  backend: string;
  params: number;
}

export interface PredictRequest {
  entry: string;
  code: string;
  tests: BankTest[];
  samples: number;
  temperature: number;
  seed: number;
}

export interface PredictReply {
  /** One per test, in order; empty when stopped. */
  cells: CellPrediction[];
  stopped: boolean;
  /** Tokens written over the batch. */
  tokens: number;
}

const held = modelHolder();
let stopAsked = false;

const api = {
  /** Loads (or keeps) the model `id`; the page fetches its files. */
  async load(id: string, files: CheckpointFiles): Promise<RankModel> {
    const { model, backend } = await held.load(id, files);
    return { id, backend, params: model.size };
  },

  /** The model's dry run of one candidate on each test: its answers, their majority and the predicted verdict. */
  async predict(req: PredictRequest, compare: Compare): Promise<PredictReply> {
    const model = held.get();
    stopAsked = false;
    const sim = { params: model.params, config: model.cfg, tok: model.tok, compare };
    const { texts, stopped, tokens } = await sampleTests(sim, req.entry, req.code, req.tests, {
      samples: req.samples, temperature: req.temperature, seed: req.seed,
      onToken: async () => {
        await nextTask();
        return !stopAsked;
      },
    });
    if (stopped) return { cells: [], stopped: true, tokens };
    const k = samplesIn(req.samples);
    const cells: CellPrediction[] = [];
    for (const [i, t] of req.tests.entries()) cells.push(await predictionOf(texts[i]!, k, t.output, compare));
    return { cells, stopped: false, tokens };
  },

  stop(): void {
    stopAsked = true;
  },
};

export type RankApi = typeof api;
Comlink.expose(api);
