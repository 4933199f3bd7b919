// The notebook's header: where Python and the compute backend stand, the sections, the seed and Share.
import { useState } from 'react';
import { MAX_SEED, SECTIONS, type Section } from '../experiment/state.ts';
import { usePagePythonStatus, type PythonStatus } from './runner.ts';
import { shareLink, update, useExperiment } from './state.ts';
import { useComputeStatus } from './status.ts';
import { NumberField } from './NumberField.tsx';

export const SECTION_TITLES: Record<Section, string> = { explore: 'Explore', data: 'Data', train: 'Train', rl: 'Reinforce', rank: 'Rank', repair: 'Repair' };

function pythonText(s: PythonStatus): string {
  switch (s.state) {
    case 'idle':
      return 'not started';
    case 'loading':
      return `loading${s.progress !== undefined ? ` ${Math.round(s.progress * 100)}%` : '…'}`;
    case 'restarting':
      return 'restarting…';
    default:
      return s.state;
  }
}

function ShareBox() {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const share = async () => {
    const url = shareLink();
    setLink(url);
    setCopied(null);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false); // no permission, or no secure context: the text field below is the fallback
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      {link && (
        <div className="share-box" role="dialog" aria-label="Link to this experiment">
          <label>
            {copied ? 'Link copied. ' : copied === false ? 'Copy this link: ' : 'Link: '}
            <input
              type="text"
              readOnly
              value={link}
              aria-label="Share link"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-link"
            />
          </label>
          <span className="muted small">{link.length} characters</span>
          <button type="button" onClick={() => setLink(null)} aria-label="Close the share box">
            ×
          </button>
        </div>
      )}
    </div>
  );
}

/** The experiment's one seed (data generation, initialisation, sampling all derive from it). */
function SeedField({ seed }: { seed: number }) {
  return (
    <NumberField className="seed" label="Seed" value={seed} min={0} max={MAX_SEED} int testId="seed"
      title="One seed for the whole experiment: the dataset, the model's initialisation and sampling derive from it. It is part of every shared link."
      onValue={(v) => update((s) => ({ ...s, seed: v }))} />
  );
}

export function Header() {
  const [state] = useExperiment();
  const python = usePagePythonStatus();
  const compute = useComputeStatus();
  return (
    <header className="app-header">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <h1>Dry Run</h1>
      <nav aria-label="Sections">
        {SECTIONS.map((s) => (
          <a key={s} href={`#${s}`} aria-current={state.section === s ? 'page' : undefined}>
            {SECTION_TITLES[s]}
          </a>
        ))}
      </nav>
      <div className="statuses">
        <span className="status" role="status" data-testid="python-status" data-state={python.state} title={python.message}>
          Python: {pythonText(python)}
          {python.state === 'loading' && <progress max={1} value={python.progress} aria-label="Loading Python" />}
        </span>
        <span className="status" data-testid="compute-status">
          Compute: {compute.backend === 'none' ? compute.state : `${compute.backend}, ${compute.state}`}
        </span>
      </div>
      <SeedField seed={state.seed} />
      <ShareBox />
    </header>
  );
}
