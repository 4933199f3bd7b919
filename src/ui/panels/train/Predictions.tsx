// The loaded model's predictions on held-out programs next to the truth, each answer compared with the real
// output by value in Python (scoring.ts); a program opens in the Explorer with the model's story beside its run.
import type { PythonStatus } from '../../runner.ts';
import { handoffOf, openInExplorer } from '../../handoff.ts';
import { modeWords, scoringNote } from './scoring.ts';
import type { Scored } from './view.ts';

/** Opens a prediction's program in the Explorer, with the story the model wrote beside the real run. */
function OpenInExplorer({ prompt, story }: { prompt: string; story: string }) {
  const h = handoffOf({ prompt }, { text: story, model: 'The Train panel’s model' });
  if (!h) return null;
  return (
    <button type="button" className="link small" onClick={() => openInExplorer(h)}>
      Open in Explorer
    </button>
  );
}

export function Predictions({ predictions, python }: { predictions: Scored | null; python: PythonStatus }) {
  const right = predictions?.list.filter((p) => p.score.correct).length ?? 0;
  return (
    <>
      <h3>Predictions on held-out programs</h3>
      <p className="muted small" data-testid="scoring-note">{scoringNote(python)}</p>
      {!predictions?.list.length ? <p className="muted small">None yet.</p> : (
        <>
          <p data-testid="prediction-summary">
            {right} of {predictions.list.length} right, {modeWords(predictions.mode)}.
          </p>
          <div className="train-scroll">
            <table className="train-predictions">
              <thead><tr><th>program</th><th>real output</th><th>model&apos;s answer</th><th>verdict</th></tr></thead>
              <tbody>
                {predictions.list.map((p) => (
                  <tr key={p.id} data-testid="prediction">
                    <td>
                      <details><summary>{p.id} (level {p.level})</summary><pre>{p.prompt}</pre><pre>{p.generated}</pre></details>
                      <OpenInExplorer prompt={p.prompt} story={p.generated} />
                    </td>
                    <td><code>{p.expected}</code></td>
                    <td><code data-testid="answer">{p.score.answer ?? '(no answer)'}</code></td>
                    <td aria-label={p.score.correct ? 'right' : 'wrong'} data-testid="verdict">{p.score.correct ? '✓' : '✗'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
