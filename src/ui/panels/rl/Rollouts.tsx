// The rollout viewer: the latest step's groups, one per program, each story with its answer, reward, advantage
// and verdict; a story opens in the Explorer beside the program's real run, its first divergence marked.
import type { Rollout } from '../../../rl/grpo.ts';
import type { RlRowView } from '../../../rl/run-events.ts';
import { handoffOf, openInExplorer } from '../../handoff.ts';
import type { PythonStatus } from '../../runner.ts';
import { scoringNote } from '../train/scoring.ts';
import { signed } from './messages.ts';
import { groupsOf } from './rollouts.ts';
import type { RlView } from './view.ts';

function OpenInExplorer({ row, rollout, step }: { row: RlRowView; rollout: Rollout; step: number }) {
  const h = handoffOf({ prompt: row.prompt }, { text: rollout.text, model: `The RL run’s model (step ${step})` });
  if (!h) return null;
  return <button type="button" className="link small" onClick={() => openInExplorer(h)}>Open in Explorer</button>;
}

export function Rollouts({ latest, python }: { latest: RlView['latest']; python: PythonStatus }) {
  return (
    <>
      <h3>Rollouts{latest ? ` of step ${latest.log.step + 1}` : ''}</h3>
      <p className="muted small">{scoringNote(python)}</p>
      {!latest ? <p className="muted small">None yet: the stories of the latest step appear here as the run goes.</p>
        : groupsOf(latest.rows, latest.log.rollouts).map((g, gi) => (
          <section key={`${latest.log.step}:${gi}`} className="rl-group" data-testid="rollout-group" aria-label={`Stories of ${g.row.id}`}>
            <details>
              <summary>
                <strong>{g.row.id}</strong> (level {g.row.level}{g.row.mode === 'program' ? ', a script' : ''}) · real output{' '}
                <code>{g.row.output}</code> · {g.right} of {g.rollouts.length} right ·{' '}
                {g.signal ? 'signal: trained on' : 'no signal: all scored alike, left out'}
              </summary>
              <pre>{g.row.prompt}</pre>
            </details>
            <div className="train-scroll">
              <table className="train-predictions rl-rollouts">
                <thead><tr><th>#</th><th>answer</th><th>reward</th><th>advantage</th><th>verdict</th><th>story</th></tr></thead>
                <tbody>
                  {g.rollouts.map((r, i) => (
                    <tr key={i} data-testid="rollout">
                      <td>{i + 1}</td>
                      <td><code data-testid="rollout-answer">{r.score.answer ?? '(no answer)'}</code></td>
                      <td data-testid="rollout-reward">{signed(r.reward)}</td>
                      <td>{signed(r.advantage)}</td>
                      <td aria-label={r.score.correct ? 'right' : 'wrong'}>{r.score.correct ? '✓' : '✗'}</td>
                      <td>
                        <details><summary>{r.length} tokens</summary><pre>{r.text}</pre></details>
                        <OpenInExplorer row={g.row} rollout={r} step={latest.log.step + 1} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </>
  );
}
