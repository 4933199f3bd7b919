// One loop's column: what steers it, each attempt as it comes (its one change in words, the code with the changed
// line marked, and the feedback per public test: expected beside predicted or real, with pass and fail), where it
// is now, why it stopped, what it handed in and that code's real verdict on the hidden tests.
import type { BankTask } from '../../../rank/bank.ts';
import type { Attempt, RepairMode } from '../../../repair/loop.ts';
import { withCode } from '../../code-text.tsx';
import {
  changedLines, GOT_HEADING, handedIn, MODE_EXPLAIN, MODE_TITLES, stoppedWords, verdictSentence, verdictWord, whereWords,
  type HiddenVerdict, type LoopState,
} from './view.ts';

export interface StoryRef {
  mode: RepairMode;
  turn: number;
  code: string;
  test: number;
}

function CodeLines({ code, changed }: { code: string; changed: readonly number[] }) {
  const lines = code.replace(/\n$/, '').split('\n');
  return (
    <pre className="repair-code" aria-label={changed.length ? `code, the change on line ${changed.join(', ')}` : 'code'}>
      {lines.map((l, i) => {
        const isChanged = changed.includes(i + 1);
        return (
          <span key={i} className={isChanged ? 'repair-line changed' : 'repair-line'} data-changed={isChanged || undefined}>
            <span className="repair-ln" aria-hidden="true">{i + 1}</span>{l || ' '}
          </span>
        );
      })}
    </pre>
  );
}

function AttemptCard({ task, mode, attempt, prev, handed, onStory, selected }: {
  task: BankTask; mode: RepairMode; attempt: Attempt; prev: string | undefined; handed: boolean;
  onStory?: (test: number) => void; selected: number | null;
}) {
  const f = attempt.feedback;
  const n = task.public_tests.length;
  return (
    <li className={handed ? 'repair-attempt handed' : 'repair-attempt'} data-testid="repair-attempt" data-turn={attempt.turn}
      data-passes={f ? f.passes : ''}>
      <div className="repair-attempt-head">
        <strong>{attempt.turn === 0 ? 'Starting code' : `Turn ${attempt.turn}`}</strong>
        {f && <span className={f.passes === n ? 'verdict-right' : 'muted'}>{f.passes} of {n} pass</span>}
        {handed && <span className="repair-badge" data-testid="handed-in">handed in</span>}
      </div>
      {attempt.note && <p className="repair-note small">One change: {withCode(attempt.note)}</p>}
      <CodeLines code={attempt.code} changed={prev === undefined ? [] : changedLines(prev, attempt.code)} />
      {f && mode !== 'none' && (
        <table className="repair-feedback" data-testid="repair-feedback">
          <caption className="visually-hidden">{mode === 'simulated' ? 'The model’s predicted output of each public test' : 'Each public test really run'}</caption>
          <thead>
            <tr>
              <th scope="col">test</th>
              <th scope="col">expected</th>
              <th scope="col">{GOT_HEADING[mode]}</th>
              <th scope="col"><span className="visually-hidden">pass or fail</span></th>
            </tr>
          </thead>
          <tbody>
            {f.tests.map((t, ti) => (
              <tr key={ti} data-pass={String(t.pass)} className={selected === ti ? 'selected' : undefined}>
                <td><code>{t.call}</code></td>
                <td><code data-testid="feedback-expected">{t.expected}</code></td>
                <td>
                  {onStory ? (
                    <button type="button" className="link" data-testid="feedback-got" aria-pressed={selected === ti}
                      aria-label={`The model predicts ${t.got ?? 'no answer'} for ${t.call}: open its story beside the real run`}
                      onClick={() => onStory(ti)}>
                      <code>{t.got ?? 'no answer'}</code>
                    </button>
                  ) : <code data-testid="feedback-got">{t.got ?? 'no answer'}</code>}
                </td>
                <td className={t.pass ? 'verdict-right' : 'verdict-wrong'} aria-label={t.pass ? 'pass' : 'fail'}>{t.pass ? '✓' : '✗'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export function LoopColumn({ task, mode, loop, start, turns, matched, story, onStory }: {
  task: BankTask; mode: RepairMode; loop: LoopState; start: HiddenVerdict | null; turns: number;
  /** The loop the random walk matched its turns to. */
  matched: RepairMode;
  story: StoryRef | null;
  onStory?: (s: StoryRef) => void;
}) {
  const handed = handedIn(loop);
  const word = start && loop.hidden ? verdictWord(start, loop.hidden) : null;
  return (
    <section className="repair-loop" aria-label={MODE_TITLES[mode]} data-testid={`loop-${mode}`} data-status={loop.status}>
      <h3>{MODE_TITLES[mode]}</h3>
      <p className="muted small">{MODE_EXPLAIN[mode]}</p>
      {loop.status === 'waiting' && !loop.attempts.length && <p className="muted">Not run yet.</p>}
      <ol className="repair-attempts">
        {loop.attempts.map((a, i) => (
          <AttemptCard key={i} task={task} mode={mode} attempt={a} prev={i > 0 ? loop.attempts[i - 1]!.code : undefined}
            handed={i === handed}
            selected={story && story.mode === mode && story.turn === a.turn && story.code === a.code ? story.test : null}
            {...(onStory ? { onStory: (test: number) => onStory({ mode, turn: a.turn, code: a.code, test }) } : {})} />
        ))}
      </ol>
      {loop.status === 'running' && loop.at && (
        <p className="repair-where" aria-live="polite" data-testid="loop-where">
          {whereWords(mode, loop.at, turns, task.public_tests.length)}
        </p>
      )}
      {loop.status === 'stopped' && <p className="muted" data-testid="loop-stopped">Stopped after {Math.max(0, loop.attempts.length - 1)} turns; the turns so far are kept.</p>}
      {loop.status === 'error' && <p className="banner banner-error" role="alert" data-testid="loop-error">{loop.error}</p>}
      {loop.result && <p data-testid="loop-reason">{stoppedWords(loop, turns, matched)}</p>}
      {loop.result && !loop.hidden && <p className="muted">Running the handed-in code on the hidden tests…</p>}
      {start && loop.hidden && word && (
        <p className={`repair-verdict ${word === 'fixed' || word === 'still passing' ? 'verdict-right' : 'verdict-wrong'}`}
          data-testid="loop-verdict" data-verdict={word}>
          {verdictSentence(start, loop.hidden)}
        </p>
      )}
    </section>
  );
}
