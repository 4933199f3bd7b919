// The loaded model's learning curves (loss of each log, accuracy of each evaluation), both spanning its run's
// steps from the start, the rows the last accuracy was measured on, and what a shipped model measured on fresh programs.
import { EVAL_ROWS, SHORT_RUN } from '../../../train/eval-sample.ts';
import { Chart } from './Chart.tsx';
import { chartSteps, type TrainView } from './view.ts';

const ACC_RANGE: [number, number] = [0, 1];

export function RunCharts({ view }: { view: TrainView }) {
  const { run, loss, acc, lastEval } = view;
  const steps = chartSteps(run);
  return (
    <>
      <div className="train-charts">
        <Chart title="Training loss (target tokens)" label="loss" xs={loss.xs} ys={loss.ys} xRange={steps} />
        <Chart title="Exact-match accuracy (held-out sample)" label="accuracy" xs={acc.xs} ys={acc.ys} xRange={steps} yRange={ACC_RANGE} />
      </div>
      {lastEval && (
        <p className="muted small" data-testid="accuracy-rows">
          Accuracy at step {lastEval.step}: {(lastEval.accuracy * 100).toFixed(1)} % on {lastEval.rows} validation rows
          {lastEval.rows < EVAL_ROWS.long ? ` (a run of ${SHORT_RUN} steps or fewer checks a few rows, with short answers; longer runs check ${EVAL_ROWS.long}, spread over levels)` : ' (spread over levels)'}.
        </p>
      )}
      {run?.results && (
        <p className="small" data-testid="model-results">
          {run.label === 'shipped model' ? 'The shipped model' : 'This model'}, measured on {run.results.rows} fresh programs
          (a generator seed it never trained on, answers compared by value):{' '}
          {Object.entries(run.results.byLevel).map(([l, a]) => `level ${l} ${(a * 100).toFixed(0)} %`).join(', ')};{' '}
          {(run.results.accuracy * 100).toFixed(1)} % in all
          {run.results.firstArgument !== undefined && `, where answering "the first argument" gets ${(run.results.firstArgument * 100).toFixed(1)} %`}.
          The charts above are its own training run: loss and accuracy as it trained.
        </p>
      )}
    </>
  );
}
