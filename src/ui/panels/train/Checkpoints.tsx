// The checkpoints in the notebook: the shipped model, the current run's autosave, checkpoints saved under a
// name and imported ones, one row each, with Load, Export, Rename and Delete (confirmed; the shipped model
// stays). Storage itself is src/train/browser/checkpoint-store.ts; this component only shows it and asks the panel to act.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';

export interface CheckpointActions {
  onLoad(c: CheckpointMeta): void;
  onExport(c: CheckpointMeta): void;
  onRename(c: CheckpointMeta, name: string): Promise<void>;
  onDelete(c: CheckpointMeta): Promise<void>;
  onSave(name: string): void;
  onImport(files: FileList | null): void;
}

const KIND_WORDS: Record<CheckpointMeta['kind'], string> = {
  shipped: 'shipped with the page (loaded at start without its optimizer state; Load adds it)',
  autosave: 'autosave of the current run (replaced as it trains)',
  saved: 'saved under a name',
  imported: 'imported',
};

const COLUMNS = ['name', 'preset', 'parameters', 'step', 'tokens seen', 'validation accuracy', 'saved', 'actions'];

function fmtTokens(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

function fmtBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function Checkpoints({ entries, loadedId, busy, saveBlocked, defaultName, usage, actions }: {
  entries: CheckpointMeta[];
  loadedId: string | null;
  /** A run is going: loading, deleting and saving wait until it is paused. */
  busy: boolean;
  /** Why "Save checkpoint" is unavailable now, or null when it is available. */
  saveBlocked: string | null;
  defaultName: string;
  usage: { usage: number; quota: number } | null;
  actions: CheckpointActions;
}) {
  const [name, setName] = useState('');
  const list = useRef<HTMLDivElement>(null);
  // A deleted row takes the focus with it: hand it to the list, so the keyboard stays where it was.
  const rowActions: CheckpointActions = { ...actions, onDelete: async (c) => {
    await actions.onDelete(c);
    list.current?.focus();
  } };
  const save = (e: FormEvent) => {
    e.preventDefault();
    actions.onSave(name.trim() || defaultName);
    setName('');
  };
  return (
    <section className="train-checkpoints" aria-labelledby="train-checkpoints-title">
      <h3 id="train-checkpoints-title">Checkpoints</h3>
      <p className="muted small">
        Kept in this browser; a checkpoint with optimizer state resumes training exactly, the others show predictions.
        {usage && ` This page stores ${fmtBytes(usage.usage)} of the ${fmtBytes(usage.quota)} the browser allows it.`}
      </p>
      <div className="train-checkpoint-tools">
        <form onSubmit={save} className="train-save">
          <label>Checkpoint name <input value={name} onChange={(e) => setName(e.target.value)} placeholder={defaultName} disabled={saveBlocked !== null} /></label>
          <button type="submit" disabled={saveBlocked !== null}>Save checkpoint</button>
        </form>
        <label className="button-like">Import checkpoint{' '}
          <input type="file" multiple accept=".json,.safetensors" onChange={(e) => { actions.onImport(e.target.files); e.target.value = ''; }} disabled={busy} />
        </label>
      </div>
      {saveBlocked && <p className="muted small" data-testid="save-blocked">{saveBlocked}</p>}
      <div className="train-checkpoint-scroll" role="region" aria-label="Checkpoint list" tabIndex={0} ref={list}>
        {/* Explicit roles: on a phone the rows are laid out as cards (display: block), which can drop table semantics. */}
        <table className="train-checkpoint-table" role="table">
          <thead role="rowgroup">
            <tr role="row">{COLUMNS.map((c) => <th key={c} role="columnheader">{c}</th>)}</tr>
          </thead>
          <tbody role="rowgroup">
            {entries.map((c) => <CheckpointRow key={c.id} c={c} loaded={c.id === loadedId} busy={busy} actions={rowActions} />)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CheckpointRow({ c, loaded, busy, actions }: { c: CheckpointMeta; loaded: boolean; busy: boolean; actions: CheckpointActions }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [name, setName] = useState(c.name);
  const [working, setWorking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const renameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (mode === 'confirm-delete') keep.current?.focus();
    if (mode === 'rename') renameInput.current?.select();
  }, [mode]);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    setWorking(true);
    await actions.onRename(c, name.trim() || c.name);
    setWorking(false);
    setMode('view');
  };
  const remove = async () => {
    setWorking(true);
    await actions.onDelete(c);
    setWorking(false);
    setMode('view');
  };

  return (
    <tr role="row" data-testid="checkpoint" data-id={c.id} data-step={c.step} aria-current={loaded ? 'true' : undefined}>
      <td role="cell">
        {mode === 'rename' ? (
          <form onSubmit={(e) => void rename(e)} className="train-rename" onKeyDown={(e) => { if (e.key === 'Escape') { setName(c.name); setMode('view'); } }}>
            <label>New name for {c.name} <input ref={renameInput} value={name} onChange={(e) => setName(e.target.value)} /></label>
            <button type="submit" disabled={working}>Save name</button>
            <button type="button" onClick={() => { setName(c.name); setMode('view'); }}>Cancel</button>
          </form>
        ) : (
          <strong data-testid="checkpoint-name">{c.name}</strong>
        )}
        {loaded && <span className="train-loaded"> (loaded)</span>}
        <div className="muted small">
          {KIND_WORDS[c.kind]}; {c.resumable ? 'resumable' : 'weights only'}{c.dataLabel && `; trained on ${c.dataLabel}`}
        </div>
      </td>
      <td role="cell" data-label="preset">{c.preset}</td>
      <td role="cell" data-label="parameters">{c.params.toLocaleString('en')}</td>
      <td role="cell" data-label="step">{c.step.toLocaleString('en')} / {c.steps.toLocaleString('en')}</td>
      <td role="cell" data-label="tokens seen">{fmtTokens(c.tokensSeen)}</td>
      <td role="cell" data-label="validation accuracy">{c.valAccuracy === null ? '–' : `${(100 * c.valAccuracy).toFixed(1)} %`}</td>
      <td role="cell" data-label="saved">{c.savedAt === null ? 'with the page' : new Date(c.savedAt).toLocaleString()}</td>
      <td role="cell" className="train-checkpoint-actions">
        {mode === 'confirm-delete' ? (
          <span role="group" aria-label={`Confirm deleting ${c.name}`}>
            <span>Delete “{c.name}” from this browser? </span>
            <button type="button" onClick={() => void remove()} disabled={working}>Delete for good</button>
            <button type="button" ref={keep} onClick={() => setMode('view')}>Keep</button>
          </span>
        ) : (
          <>
            <button type="button" aria-label={`Load ${c.name}`} onClick={() => actions.onLoad(c)} disabled={busy}>Load</button>
            <button type="button" aria-label={`Export ${c.name}`} onClick={() => actions.onExport(c)}>Export</button>
            {c.kind !== 'shipped' && (
              <>
                <button type="button" aria-label={`Rename ${c.name}`} onClick={() => { setName(c.name); setMode('rename'); }} disabled={mode === 'rename'}>Rename</button>
                <button type="button" aria-label={`Delete ${c.name}`} onClick={() => setMode('confirm-delete')} disabled={busy}>Delete</button>
              </>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
