// "Ask the model": the chosen model dry-runs the program in the editor (streamed, in the model worker), and its
// story is set beside the real run, step by step, with the first place they part marked and told in a sentence.
// With several samples, their answers are tallied. In predict mode the model's answer waits until the person
// has revealed the run, so it never spoils their own prediction.
import { useEffect, useRef, useState } from 'react';
import type { Trace } from '../../../capture/trace.ts';
import { rangeOf } from '../../../experiment/slice.ts';
import { exploreSlice } from '../../../experiment/slices/explore.ts';
import { storyOf, type ShippedModel } from '../../../train/manifest.ts';
import { storyGranularityOf } from '../../../verbalise/index.ts';
import { getRunner } from '../../runner.ts';
import { NumberField } from '../../NumberField.tsx';
import { getExperiment, useExperiment } from '../../state.ts';
import { ask, askTrainModel, checkProgram, checkWithTrainModel, loadModel, loadStoredModel, ModelStopped, setBusy, shippedModels,
  stopAsking, STORED, storedModels, stopTrainModel, TRAIN_RUN, trainModel } from './model-client.ts';
import { judgeStories, ModelVerdict, type ModelAnswer } from './ModelVerdict.tsx';

export type { ModelAnswer };


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

/** The real run to compare with, with the worked expressions a detailed or bound story shows (the tracer's `work`;
 * which granularity a browser-trained model writes is known only from its stories). */
function realRun(): Promise<Trace> {
  const { code, stdin, maxSteps, timeoutMs } = getExperiment().explore;
  return getRunner().run({ code, mode: 'program', stdin, limits: { maxSteps, timeoutMs }, work: 'bound' });
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
      story: storyGranularityOf([incoming.text]) };
    onIncomingShown();
    realRun().then((trace) => judgeStories(from, trace, [incoming.text], false, code, stdin)).then(onAnswer,
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
      if (fromTrain || chosen.path.startsWith(STORED)) model = { ...model, story: storyGranularityOf(result.texts) };
      onAnswer(await judgeStories(model, trace, result.texts, result.stopped, code, stdin,
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
        <NumberField className="inline" label="Samples" value={ex.samples} {...rangeOf(exploreSlice, 'samples')} disabled={busy}
          inputStyle={{ width: '3.5em' }} onValue={(samples) => update('explore', { samples })} />
        {ex.samples > 1 && (
          <NumberField className="inline" label="Temperature" value={ex.temperature} {...rangeOf(exploreSlice, 'temperature')} step={0.1} disabled={busy}
            inputStyle={{ width: '4em' }} onValue={(temperature) => update('explore', { temperature })} />
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
