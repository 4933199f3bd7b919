// "Ask the model": the chosen model dry-runs the program in the editor (streamed, in the model worker), and its
// story is set beside the real run, step by step, with the first place they part marked and told in a sentence.
// With several samples, their answers are tallied. In predict mode the model's answer waits until the person
// has revealed the run, so it never spoils their own prediction.
import { useEffect, useRef, useState } from 'react';
import type { Trace } from '../../../capture/trace.ts';
import { agreementSentence, tally, type Tally } from '../../../evaluate/vote.ts';
import { MAX_SAMPLES } from '../../../simulate/ask.ts';
import { storyOf, type ShippedModel } from '../../../train/manifest.ts';
import { alignStory, divergenceSentence, sameOutput, type Alignment } from '../../../verbalise/align.ts';
import { withCode } from '../../code-text.tsx';
import { getRunner } from '../../runner.ts';
import { getExperiment, useExperiment } from '../../state.ts';
import { ask, askTrainModel, checkProgram, checkWithTrainModel, loadModel, loadStoredModel, ModelStopped, setBusy, shippedModels,
  stopAsking, STORED, storedModels, stopTrainModel, TRAIN_RUN, trainModel } from './model-client.ts';

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

/** The Train panel's model as a choice (its name is filled in when asked). */
const TRAIN_CHOICE: ShippedModel = { name: 'Your Train panel model', role: 'trace-sft', path: TRAIN_RUN, tokens: 0, recipe: '',
  resumable: false };

type Phase = { kind: 'idle' } | { kind: 'busy'; words: string } | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

export interface AskModelProps {
  /** The run is hidden (predict mode, not yet revealed): the model's answer waits too. */
  hidden: boolean;
  /** Jump the Explorer to a step of this trace (it becomes the Explorer's trace if it is not already). */
  onGoTo(trace: Trace, step: number): void;
  onAnswer(answer: ModelAnswer | null): void;
  answer: ModelAnswer | null;
  /** A story written elsewhere (the Train panel's prediction) for the program now in the editor: shown aligned. */
  incoming: { text: string; model: string } | null;
  onIncomingShown(): void;
}

/** Align finished stories with the real run and tally their answers. */
async function judge(model: ShippedModel, trace: Trace, texts: string[], stopped: boolean, code: string,
  stdin: string, speed: ModelAnswer['speed'] = null): Promise<ModelAnswer> {
  const granularity = storyOf(model);
  const alignments = texts.map((t) => alignStory(t, trace, granularity));
  const real = alignments[0]!.realAnswer;
  const right = alignments.map((a) => a.modelAnswer !== null && sameOutput(a.modelAnswer, real));
  const votes = await tally(alignments.map((a) => a.modelAnswer), async (x, y) => sameOutput(x, y));
  return { model, trace, texts, alignments, right, votes, stopped, code, stdin, speed, shown: 0 };
}

/** The real run to compare with, with the worked expressions a detailed story shows (the tracer's `work`). */
function realRun(): Promise<Trace> {
  const { code, stdin, maxSteps, timeoutMs } = getExperiment().explore;
  return getRunner().run({ code, mode: 'program', stdin, limits: { maxSteps, timeoutMs }, work: true });
}

export function AskModel({ hidden, onGoTo, onAnswer, answer, incoming, onIncomingShown }: AskModelProps) {
  const [exp, update] = useExperiment();
  const ex = exp.explore;
  const [models, setModels] = useState<ShippedModel[] | null>(null);
  /** Checkpoints saved in this browser (the Reinforce run, the Train panel's saves), read again when the list is opened. */
  const [stored, setStored] = useState<ShippedModel[]>([]);
  const refreshStored = () => void storedModels().then(setStored);
  const [listError, setListError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [live, setLive] = useState<{ texts: string[]; tokens: number } | null>(null);
  const busy = phase.kind === 'busy';
  const asking = useRef(false);

  useEffect(() => {
    shippedModels().then(setModels, (e: unknown) => setListError(e instanceof Error ? e.message : String(e)));
    refreshStored();
  }, []);

  const fromTrain = ex.model === TRAIN_RUN;
  const chosen = fromTrain ? TRAIN_CHOICE : [...(models ?? []), ...stored].find((m) => m.path === ex.model) ?? models?.[0];
  const shown = answer?.shown ?? 0;
  const setShown = (i: number) => answer && onAnswer({ ...answer, shown: i });
  const alignment = answer?.alignments[Math.min(shown, answer.alignments.length - 1)];

  useEffect(() => {
    if (!incoming) return;
    const { code, stdin } = getExperiment().explore;
    // A story that arrives with its program: no model runs, only the real run to compare with.
    const from: ShippedModel = { name: incoming.model, role: 'trace-sft', path: '', tokens: 0, recipe: '', resumable: false,
      story: incoming.text.includes('[THOUGHT]') ? 'detailed' : 'direct' };
    onIncomingShown();
    realRun().then((trace) => judge(from, trace, [incoming.text], false, code, stdin)).then(onAnswer,
      (e: unknown) => setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
  }, [incoming, onAnswer, onIncomingShown]);

  const go = async () => {
    if (asking.current || !chosen) return;
    asking.current = true;
    setBusy(true);
    const { code, stdin, samples, temperature } = getExperiment().explore;
    onAnswer(null);
    setLive(null);
    try {
      let model = chosen;
      if (fromTrain) {
        const t = await trainModel();
        if (!t.ok) {
          setPhase({ kind: 'refused', message: t.why });
          return;
        }
        model = { ...chosen, name: t.words.charAt(0).toUpperCase() + t.words.slice(1) };
      } else if (chosen.path.startsWith(STORED)) {
        await loadStoredModel(chosen, (words) => setPhase({ kind: 'busy', words }));
      } else {
        setPhase({ kind: 'busy', words: `Loading ${chosen.name}…` });
        await loadModel(chosen, (words) => setPhase({ kind: 'busy', words }));
      }
      const refused = await (fromTrain ? checkWithTrainModel : checkProgram)(code, stdin);
      if (refused) {
        setPhase({ kind: 'refused', message: refused.message });
        return;
      }
      setPhase({ kind: 'busy', words: 'Running the program for real, to compare…' });
      const trace = await realRun();
      setPhase({ kind: 'busy', words: `${model.name} is writing its ${samples > 1 ? `${samples} stories` : 'story'}…` });
      const started = performance.now();
      const result = await (fromTrain ? askTrainModel : ask)(code, stdin,
        { samples, temperature: samples > 1 ? temperature : 0, seed: exp.seed }, (texts, tokens) => setLive({ texts, tokens }));
      // The Train panel's model, or one saved in this browser, writes stories the way its data did: read from what it wrote.
      if (fromTrain || chosen.path.startsWith(STORED)) model = { ...model, story: result.texts.some((t) => t.includes('[THOUGHT]')) ? 'detailed' : 'direct' };
      onAnswer(await judge(model, trace, result.texts, result.stopped, code, stdin,
        { tokens: result.tokens, ms: performance.now() - started }));
      setLive(null);
      setPhase({ kind: 'idle' });
    } catch (e) {
      setLive(null);
      setPhase(e instanceof ModelStopped ? { kind: 'idle' }
        : { kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      asking.current = false;
      setBusy(false);
    }
  };

  const stale = answer !== null && (answer.code !== ex.code || answer.stdin !== ex.stdin);
  const direct = chosen ? storyOf(chosen) === 'direct' : false;
  return (
    <section className="ask-model" aria-label="The model's dry run" data-testid="ask-model">
      <h3>Ask the model</h3>
      <p className="muted small">
        A small model trained here reads the program and writes down what it thinks happens, step by step, without
        running it. Then it is checked against the real run.
      </p>
      {listError && <p className="banner banner-error" role="alert">The list of models could not be read ({listError}).</p>}
      <div className="toolbar" role="toolbar" aria-label="Ask the model">
        <label className="inline">
          Model{' '}
          <select value={chosen?.path ?? ''} disabled={busy || !models} onFocus={refreshStored}
            onChange={(e) => update('explore', { model: e.target.value })}>
            {models?.map((m) => (
              <option key={m.path} value={m.path}>
                {m.name}
              </option>
            ))}
            {stored.map((m) => (
              <option key={m.path} value={m.path}>
                {m.name}
              </option>
            ))}
            <option value={TRAIN_RUN}>{TRAIN_CHOICE.name}</option>
          </select>
        </label>
        <label className="inline">
          Samples{' '}
          <input type="number" min={1} max={MAX_SAMPLES} value={ex.samples} disabled={busy} style={{ width: '3.5em' }}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 1 && v <= MAX_SAMPLES) update('explore', { samples: v });
            }} />
        </label>
        {ex.samples > 1 && (
          <label className="inline">
            Temperature{' '}
            <input type="number" min={0.1} max={2} step={0.1} value={ex.temperature} disabled={busy} style={{ width: '4em' }}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (v > 0 && v <= 2) update('explore', { temperature: v });
              }} />
          </label>
        )}
        <button type="button" className="primary" onClick={() => void go()} disabled={busy || !chosen}>
          Ask the model
        </button>
        <button type="button" onClick={fromTrain ? stopTrainModel : stopAsking} disabled={!busy}>
          Stop writing
        </button>
        <span className="run-state" aria-live="polite" data-testid="ask-state">
          {busy && (live ? `${phase.words} ${live.tokens} tokens` : phase.words)}
        </span>
      </div>
      {chosen && (
        <p className="muted small">
          {fromTrain ? 'The model in the Train panel, as it is now (pause its run to ask it).'
            : direct ? 'This model answers without a story: it was trained on answers only. Compare it with the story model.'
            : `${chosen.recipe}.`}{' '}
          Several samples are drawn at the temperature, seeded by the experiment's seed; one sample is the model's most likely story.
        </p>
      )}
      {phase.kind === 'refused' && (
        <p className="banner banner-info" role="alert" data-testid="ask-refused">
          {phase.message}
        </p>
      )}
      {phase.kind === 'error' && (
        <p className="banner banner-error" role="alert">
          The model could not answer: {phase.message}. Press Ask the model to try again.
        </p>
      )}
      {live && (
        <pre className="story live" data-testid="model-live" aria-busy="true">
          {live.texts[0]}
        </pre>
      )}
      {answer && hidden && (
        <p className="banner banner-info" role="note">
          The model has answered. Reveal the run to compare your prediction, the model&apos;s and the real one.
        </p>
      )}
      {answer && !hidden && alignment && (
        <ModelVerdict answer={answer} alignment={alignment} shown={shown} onShow={setShown} stale={stale}
          onGoTo={(step) => onGoTo(answer.trace, step)} />
      )}
    </section>
  );
}

function ModelVerdict({ answer, alignment, shown, onShow, stale, onGoTo }: {
  answer: ModelAnswer; alignment: Alignment; shown: number; onShow(i: number): void; stale: boolean;
  onGoTo(step: number): void;
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
      {d && (
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
                  {s.real ? (
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
