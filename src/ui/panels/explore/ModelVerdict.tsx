// The model's stories beside the real run: each sample aligned step by step with the real trace, the first place
// they part marked and told in a sentence, the samples' answers tallied. The Explorer's "Ask the model" shows it
// beside its stepper; the Rank section shows it for one candidate on one test (a call, so its steps are not links).
import type { Trace } from '../../../capture/trace.ts';
import { agreementSentence, tally, type Tally } from '../../../evaluate/vote.ts';
import { storyOf, type ShippedModel } from '../../../train/manifest.ts';
import { alignStory, divergenceSentence, sameOutput, type Alignment } from '../../../verbalise/align.ts';
import { withCode } from '../../code-text.tsx';

export interface ModelAnswer {
  model: ShippedModel;
  trace: Trace;
  texts: string[];
  alignments: Alignment[];
  right: boolean[];
  votes: Tally;
  stopped: boolean;
  /** The sample shown (its story is the one aligned, marked in the code and on the stepper). */
  shown: number;
  /** Generation: tokens written over all samples, and the wall time (null for a story opened from elsewhere). */
  speed: { tokens: number; ms: number } | null;
  /** The code and stdin asked about (the editor may change afterwards). */
  code: string;
  stdin: string;
}

/** Align finished stories with the real run and tally their answers. */
export async function judgeStories(model: ShippedModel, trace: Trace, texts: string[], stopped: boolean, code: string,
  stdin: string, speed: ModelAnswer['speed'] = null): Promise<ModelAnswer> {
  const granularity = storyOf(model);
  const alignments = texts.map((t) => alignStory(t, trace, granularity));
  const real = alignments[0]!.realAnswer;
  const right = alignments.map((a) => a.modelAnswer !== null && sameOutput(a.modelAnswer, real));
  const votes = await tally(alignments.map((a) => a.modelAnswer), async (x, y) => sameOutput(x, y));
  return { model, trace, texts, alignments, right, votes, stopped, code, stdin, speed, shown: 0 };
}


export function ModelVerdict({ answer, alignment, shown, onShow, stale, onGoTo }: {
  answer: ModelAnswer; alignment: Alignment; shown: number; onShow(i: number): void; stale: boolean;
  /** Jump to a step of the real run (the Explorer's stepper); without it steps are not links. */
  onGoTo?: (step: number) => void;
}) {
  const d = alignment.divergence;
  const right = answer.right[shown] ?? false;
  return (
    <div className="model-verdict" data-testid="model-verdict" data-right={String(right)} data-diverged={d ? d.index + 1 : ''}>
      {stale && <p className="banner banner-info" role="note">The code changed since the model was asked. Ask again to compare.</p>}
      {answer.stopped && <p className="muted">Stopped before the story ended: what it wrote so far is compared.</p>}
      <p className={right ? 'verdict-right' : 'verdict-wrong'} data-testid="model-sentence">
        {withCode(divergenceSentence(alignment, right))}
      </p>
      {d && onGoTo && (
        <button type="button" className="link" onClick={() => onGoTo(d.traceStep)} data-testid="goto-divergence">
          Show step {d.index + 1} of the story in the real run{d.line !== null ? ` (line ${d.line})` : ''}
        </button>
      )}
      {answer.texts.length > 1 && (
        <div className="votes" data-testid="votes">
          <p>{agreementSentence(answer.votes)}</p>
          <div role="group" aria-label="Which sample to show">
            {answer.texts.map((_, i) => (
              <button key={i} type="button" aria-pressed={i === shown} onClick={() => onShow(i)}
                className={answer.right[i] ? 'sample-right' : 'sample-wrong'}>
                {i + 1} {answer.right[i] ? '✓' : '✗'}
              </button>
            ))}
          </div>
        </div>
      )}
      {alignment.hasStory ? (
        <table className="alignment" data-testid="alignment">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">The model&apos;s story</th>
              <th scope="col">The real run</th>
            </tr>
          </thead>
          <tbody>
            {alignment.steps.map((s, i) => (
              <tr key={i} className={s.agree ? 'agree' : d && i === d.index ? 'first-divergence' : 'disagree'}
                aria-current={d && i === d.index ? 'step' : undefined}>
                <td>
                  {s.real && onGoTo ? (
                    <button type="button" className="link" onClick={() => onGoTo(s.real!.traceStep)}
                      aria-label={`Show step ${i + 1} in the real run`}>
                      {i + 1}
                    </button>
                  ) : i + 1}
                  {d && i === d.index && <span className="visually-hidden"> (first difference)</span>}
                </td>
                <td><code>{s.model ? s.model.text.replace(/^\d+\. /, '') : '—'}</code></td>
                <td><code>{s.real ? s.real.text.replace(/^\d+\. /, '') : '—'}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className="answers">
        <dt>The model&apos;s answer</dt>
        <dd><pre data-testid="model-answer">{alignment.modelAnswer ?? '(none)'}</pre></dd>
        <dt>The real output</dt>
        <dd><pre>{alignment.realAnswer || '(nothing printed)'}</pre></dd>
      </dl>
      {answer.speed && (
        <p className="muted small" data-testid="ask-speed">
          {answer.model.name} wrote {answer.speed.tokens.toLocaleString('en')} tokens in {(answer.speed.ms / 1000).toFixed(1)} s
          ({Math.round(answer.speed.tokens / Math.max(answer.speed.ms / 1000, 1e-3))} tokens/s, in this browser).
        </p>
      )}
    </div>
  );
}
