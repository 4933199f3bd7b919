// The page's side of the rank worker (workers/rank.worker.ts): one worker, started at the first ranking, its
// lifecycle and Stop in src/ui/model-worker-client.ts (shared with the Explorer's model). Answers are compared by
// value in the page's Python (the runner), which the worker calls back.
import * as Comlink from 'comlink';
import type { PredictReply, PredictRequest, RankApi, RankModel } from '../../../../workers/rank.worker.ts';
import type { ShippedModel } from '../../../train/manifest.ts';
import { modelWorkerClient } from '../../model-worker-client.ts';
import { getRunner } from '../../runner.ts';

export { ModelStopped as RankStopped } from '../../model-worker-client.ts';

const client = modelWorkerClient<RankApi, RankModel>(() =>
  new Worker(new URL('../../../../workers/rank.worker.ts', import.meta.url), { type: 'module', name: 'rank' }));

/** Fetches the model's files (progress in words) and loads it in the worker; a loaded one is kept. */
export function loadRankModel(m: ShippedModel, onPhase: (words: string) => void): Promise<RankModel> {
  return client.load(m, onPhase);
}

const compareInPython = Comlink.proxy((expected: string, actual: string) => getRunner().compare(expected, actual));

/** The model's dry run of one candidate on the given tests. */
export async function predictCandidate(req: PredictRequest): Promise<PredictReply> {
  const call = client.begin();
  try {
    return await client.race(client.remote().predict(req, compareInPython));
  } finally {
    client.end(call);
  }
}

export function stopPredicting(): void {
  client.stop();
}
