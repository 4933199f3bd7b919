// The Data stage: build a dataset in a worker (the same build as `npm run dataset`), watch it grow,
// see its statistics, and browse samples: the code, the real trace, the story the model learns from.
// The config lives in the experiment state (a link rebuilds the same bytes); rows live here.
import { handoffOf, openInExplorer } from '../../handoff.ts';
import { withCode } from '../../code-text.tsx';
import { useEffect, useMemo, useState } from 'react';
import type { Trace } from '../../../capture/trace.ts';
import { DEFAULT_CONFIG, formatRow, type BuildProgress, type DatasetConfig, type Format, type Row } from '../../../dataset/build.ts';
import { LEVELS, type Level } from '../../../dataset/generate.ts';
import { datasetStats, histogram, tokenEstimate, type DatasetStats } from '../../../dataset/stats.ts';
import { MAX_PAGE_SAMPLES, type DataState } from '../../../experiment/slices/data.ts';
import { describeStep } from '../../../verbalise/index.ts';
import { GRANULARITIES, type Granularity } from '../../../verbalise/story.ts';
import { useExperiment } from '../../state.ts';
import { publishBuiltDataset } from '../../built-dataset.ts';
import { buildInWorker, buildSettled, cancelBuild, fetchSample } from './client.ts';
import { Histogram } from './Histogram.tsx';
import './data.css';

type Phase = 'idle' | 'loading' | 'building' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** The dataset is seeded by the experiment's one seed (set in the header). */
function configOf(d: DataState, seed: number): DatasetConfig {
  return { ...DEFAULT_CONFIG, levels: d.levels, n: d.n, seed, granularity: d.granularity, maxTargetChars: d.maxTargetChars, maxSteps: d.maxSteps, stdinShare: d.stdinShare };
}

const OUTCOME_WORDS: Record<string, string> = {
  ok: 'kept', too_long: 'story too long', big_numbers: 'numbers too big', duplicate: 'duplicate program',
  step_limit: 'step limit', timeout: 'time-out', error: 'raised an error', answer_mismatch: 'answer mismatch',
  roundtrip_mismatch: 'story did not read back', crashed: 'runner crashed', interrupted: 'interrupted',
};

export function DataPanel() {
  const [exp, update] = useExperiment();
  const d = exp.data;
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const busy = phase === 'loading' || phase === 'building' || phase === 'cancelling';

  const build = async () => {
    setRows([]);
    setProgress(null);
    setElapsed(null);
    setPhase('loading');
    setMessage('Starting the dataset worker…');
    publishBuiltDataset(null);
    const collected: Row[] = [];
    try {
      const result = await buildInWorker(configOf(d, exp.seed), (m) => {
        setMessage(m);
        if (m.startsWith('Building')) setPhase((p) => (p === 'loading' ? 'building' : p));
      }, setProgress, (chunk) => {
        collected.push(...chunk);
        setRows([...collected]);
      });
      setProgress(result.progress);
      setElapsed(result.ms);
      setPhase(result.cancelled ? 'cancelled' : 'done');
      // The Train panel can train on these rows directly (src/ui/built-dataset.ts).
      publishBuiltDataset({ rows: collected, granularity: d.granularity, levels: d.levels, seed: exp.seed, partial: result.cancelled });
      setMessage(result.cancelled ? `Cancelled: kept the first ${collected.length} samples.` : `Built ${collected.length} samples.`);
    } catch (e) {
      setPhase('failed');
      setMessage(`The build failed: ${e instanceof Error ? e.message : String(e)}. Try again; if it keeps failing, reload the page.`);
    } finally {
      buildSettled();
    }
  };

  const cancel = () => {
    setPhase('cancelling');
    setMessage('Cancelling after the current batch…');
    cancelBuild(progress);
  };

  const stats = useMemo(() => (busy || !rows.length ? null : datasetStats(rows)), [rows, busy]);

  return (
    <div className="data">
      <h2>Data</h2>
      <p className="hint">
        Generate small Python programs, run each one for real (in this page, with Pyodide), and turn its trace into the story the
        model learns to write. A sample is kept only if the run finished and the story&apos;s answer equals the real output.
      </p>
      <ConfigForm d={d} seed={exp.seed} disabled={busy} onChange={(patch) => update('data', patch)} />
      <div className="toolbar">
        <button type="button" onClick={() => void build()} disabled={busy}>Build dataset</button>
        <button type="button" onClick={cancel} disabled={!(phase === 'loading' || phase === 'building')}>Cancel</button>
        {!busy && rows.length > 0 && <Downloads rows={rows} />}
      </div>
      <BuildStatus phase={phase} message={message} progress={progress} kept={rows.length} elapsed={elapsed} />
      {stats && <Stats stats={stats} rows={rows} progress={progress} />}
      {rows.length > 0 && !busy && (
        <SampleBrowser count={rows.length} index={Math.min(d.sample, rows.length - 1)} onIndex={(sample) => update('data', { sample })} />
      )}
    </div>
  );
}

function ConfigForm({ d, seed, disabled, onChange }: { d: DataState; seed: number; disabled: boolean; onChange: (patch: Partial<DataState>) => void }) {
  const toggleLevel = (level: Level) => {
    const next = d.levels.includes(level) ? d.levels.filter((l) => l !== level) : [...d.levels, level].sort((a, b) => a - b);
    if (next.length) onChange({ levels: next });
  };
  // A value out of range is brought into it, and a sentence says so (nothing is dropped silently).
  const [rangeNote, setRangeNote] = useState('');
  const int = (value: string, min: number, max: number, fallback: number, label: string) => {
    const v = Math.round(Number(value));
    if (value.trim() === '' || !Number.isFinite(v)) return fallback;
    const kept = Math.min(max, Math.max(min, v));
    setRangeNote(kept === v ? '' : `${label} is from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}: ${value} is out of range, so ${kept.toLocaleString('en')} is used.`);
    return kept;
  };
  return (
    <fieldset className="data-config" disabled={disabled}>
      <legend>Dataset</legend>
      <div className="field" role="group" aria-label="Levels">
        <span>Levels</span>
        {LEVELS.map((l) => (
          <label key={l} className="inline" title={LEVEL_TITLES[l]}>
            <input type="checkbox" checked={d.levels.includes(l)} onChange={() => toggleLevel(l)} /> {l}
          </label>
        ))}
      </div>
      <label className="field">
        Samples <input type="number" min={1} max={MAX_PAGE_SAMPLES} value={d.n} onChange={(e) => onChange({ n: int(e.target.value, 1, MAX_PAGE_SAMPLES, d.n, 'Samples') })} />
      </label>
      <p className="field muted small" data-testid="data-seed">
        Seed {seed} (the experiment&apos;s seed, set in the header)
      </p>
      <label className="field">
        Story
        <select value={d.granularity} onChange={(e) => onChange({ granularity: e.target.value as Granularity })}>
          {GRANULARITIES.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </label>
      <label className="field">
        Max story chars <input type="number" min={50} value={d.maxTargetChars} onChange={(e) => onChange({ maxTargetChars: int(e.target.value, 50, 100_000, d.maxTargetChars, 'Max story chars') })} />
      </label>
      <label className="field">
        Max steps <input type="number" min={10} value={d.maxSteps} onChange={(e) => onChange({ maxSteps: int(e.target.value, 10, 100_000, d.maxSteps, 'Max steps') })} />
      </label>
      {rangeNote && <p className="field small banner" role="status" data-testid="range-note">{rangeNote}</p>}
    </fieldset>
  );
}

const LEVEL_TITLES: Record<Level, string> = {
  1: 'straight-line arithmetic', 2: 'branches', 3: 'loops with accumulators', 4: 'lists, strings, dicts', 5: 'nested loops, helpers, recursion',
};

function BuildStatus({ phase, message, progress, kept, elapsed }: { phase: Phase; message: string; progress: BuildProgress | null; kept: number; elapsed: number | null }) {
  if (phase === 'idle') return null;
  const fraction = progress ? progress.kept / Math.max(1, progress.n) : 0;
  return (
    <div className={`data-status ${phase === 'failed' ? 'banner banner-error' : ''}`} role="status" aria-live="polite">
      <p data-testid="data-phase" data-phase={phase}>{message}</p>
      {(phase === 'building' || phase === 'cancelling') && <progress max={1} value={fraction} aria-label="Build progress" />}
      {progress && (
        <p className="small">
          Kept <span data-testid="data-kept">{kept}</span> of {progress.n} ({progress.tried} programs tried)
          {elapsed !== null && elapsed > 0 && `, ${(elapsed / 1000).toFixed(1)} s`}.
        </p>
      )}
    </div>
  );
}

function Stats({ stats, rows, progress }: { stats: DatasetStats; rows: Row[]; progress: BuildProgress | null }) {
  const hists = useMemo(() => ({
    chars: histogram(rows.map((r) => r.target.length)),
    tokens: histogram(rows.map((r) => tokenEstimate(r.target))),
    steps: histogram(rows.map((r) => r.steps)),
  }), [rows]);
  const outcomes = Object.entries(progress?.outcomes ?? {}).sort((a, b) => b[1] - a[1]);
  const f1 = (v: number) => v.toFixed(1);
  return (
    <section className="data-stats" aria-label="Statistics">
      <h3>Statistics</h3>
      <table>
        <caption>Per level (means; target = the story plus the answer)</caption>
        <thead><tr><th>level</th><th>samples</th><th>share</th><th>target chars</th><th>target tokens</th><th>trace steps</th><th>train / val / test</th><th>distinct shapes</th></tr></thead>
        <tbody>
          {stats.levels.map((l) => (
            <tr key={l.level}>
              <td>{l.level}</td><td>{l.samples}</td><td>{((100 * l.samples) / stats.samples).toFixed(0)} %</td>
              <td>{f1(l.targetChars.mean)}</td><td>{f1(l.targetTokens.mean)}</td><td>{f1(l.traceSteps.mean)}</td>
              <td>{l.splits.train ?? 0} / {l.splits.validation ?? 0} / {l.splits.test ?? 0}</td><td>{l.diversity.distinctShapes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-outcomes">
        <caption>Outcomes of the programs tried</caption>
        <tbody>
          {outcomes.map(([k, v]) => <tr key={k}><td>{OUTCOME_WORDS[k] ?? k}</td><td>{v}</td></tr>)}
        </tbody>
      </table>
      <div className="data-hists">
        <Histogram title="Target length (characters)" hist={hists.chars} unit="characters" />
        <Histogram title="Target length (tokens, estimate)" hist={hists.tokens} unit="tokens" />
        <Histogram title="Trace length (steps)" hist={hists.steps} unit="steps" />
      </div>
    </section>
  );
}

function Downloads({ rows }: { rows: Row[] }) {
  const save = (format: Format) => {
    const blob = new Blob([rows.map((r) => formatRow(r, format)).join('\n') + '\n'], { type: 'application/jsonl' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `dataset-${format}.jsonl`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <span className="data-downloads">
      Download JSONL:{' '}
      <button type="button" onClick={() => save('rows')}>rows</button>
      <button type="button" onClick={() => save('sft')}>SFT chat</button>
      <button type="button" onClick={() => save('rl')}>RL prompt/answer</button>
    </span>
  );
}

function SampleBrowser({ count, index, onIndex }: { count: number; index: number; onIndex: (i: number) => void }) {
  const [sample, setSample] = useState<{ row: Row; trace: Trace } | null>(null);
  useEffect(() => {
    let live = true;
    void fetchSample(index).then((s) => { if (live) setSample(s); });
    return () => { live = false; };
  }, [index, count]);
  const go = (i: number) => onIndex(Math.min(count - 1, Math.max(0, i)));
  return (
    <section className="data-browser" aria-label="Samples">
      <h3>Samples</h3>
      <div className="toolbar">
        <button type="button" onClick={() => go(index - 1)} disabled={index <= 0} aria-label="Previous sample">◀</button>
        <label>
          Sample <input type="number" aria-label="Sample number" min={1} max={count} value={index + 1} onChange={(e) => go(Number(e.target.value) - 1)} /> of {count}
        </label>
        <button type="button" onClick={() => go(index + 1)} disabled={index >= count - 1} aria-label="Next sample">▶</button>
        {sample && <span className="muted small">{sample.row.id} · level {sample.row.level} · {sample.row.kind} · {sample.row.split}</span>}
        {sample && (() => {
          const h = handoffOf(sample.row);
          return h && <button type="button" className="link" onClick={() => openInExplorer(h)}>Open in Explorer</button>;
        })()}
      </div>
      {sample && (
        <div className="data-sample">
          <figure>
            <figcaption>Code and input</figcaption>
            <pre data-testid="sample-code">{sample.row.code}{sample.row.mode === 'call' ? `\n# f(${sample.row.input})` : `\n# stdin:\n${sample.row.input}`}</pre>
          </figure>
          <figure>
            <figcaption>Real trace ({sample.trace.steps.length} steps)</figcaption>
            <ol className="data-trace" data-testid="sample-trace">
              {sample.trace.steps.map((_, i) => <li key={i}>{withCode(describeStep(sample.trace, i))}</li>)}
            </ol>
          </figure>
          <figure>
            <figcaption>Story (target)</figcaption>
            <pre data-testid="sample-story">{sample.row.target}</pre>
          </figure>
        </div>
      )}
    </section>
  );
}
