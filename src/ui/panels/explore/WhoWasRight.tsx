// Predict mode with the model asked: three columns, the person's prediction, the model's and the real run, each
// with where it first went wrong, and who was right.
import type { Trace } from '../../../capture/trace.ts';
import { sameOutput } from '../../../verbalise/align.ts';
import type { ModelAnswer } from './ModelVerdict.tsx';
import { checkOutput } from './predict.ts';
import type { Prediction } from './PredictBox.tsx';

export function WhoWasRight({ trace, prediction, answer }: { trace: Trace; prediction: Prediction; answer: ModelAnswer }) {
  const sameRun = answer.code === trace.code && answer.stdin === (trace.stdin ?? '');
  const mine = checkOutput(prediction.output, trace);
  const a = answer.alignments[answer.shown] ?? answer.alignments[0]!;
  const modelOut = a.modelAnswer;
  const modelRight = modelOut !== null && sameOutput(modelOut, a.realAnswer);
  const d = a.divergence;
  const who = mine.right && modelRight ? 'You and the model were both right.'
    : mine.right ? 'You were right and the model was not.'
      : modelRight ? 'The model was right and you were not: step through the run to see where your picture parted from it.'
        : 'Neither you nor the model got the output right.';
  if (!sameRun) return null;
  return (
    <section className="who-was-right" aria-label="Your prediction, the model's and the real run" data-testid="three-columns">
      <h3>You, the model and the real run</h3>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">You</th>
            <th scope="col">The model ({answer.model.name})</th>
            <th scope="col">The real run</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Output</th>
            <td data-testid="col-you" data-right={String(mine.right)}>
              <pre>{prediction.output || '(nothing)'}</pre> {mine.right ? '✓ right' : '✗ wrong'}
            </td>
            <td data-testid="col-model" data-right={String(modelRight)}>
              <pre>{modelOut ?? '(no answer)'}</pre> {modelRight ? '✓ right' : '✗ wrong'}
            </td>
            <td data-testid="col-real">
              <pre>{trace.stdout || '(nothing printed)'}</pre>
            </td>
          </tr>
          <tr>
            <th scope="row">First difference</th>
            <td>{mine.right ? 'none' : mine.firstDifferentLine ? `output line ${mine.firstDifferentLine}` : 'the output'}</td>
            <td>{!a.hasStory ? 'no story to compare' : d ? `step ${d.index + 1} of its story${d.line !== null ? `, line ${d.line}` : ''}` : 'none'}</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
      <p data-testid="who-was-right">{who}</p>
    </section>
  );
}
