// What the checkpoint list's buttons do (Load, Export, Rename, Delete, Save checkpoint, Import checkpoint) and
// "Resume saved run": each talks to the train worker or the browser's store (src/train/browser/checkpoint-store.ts),
// then tells the panel. Export writes the files `npm run train` writes (safetensors + JSON); Import reads them back.
import { AUTOSAVE_ID, deleteCheckpoint, describeStorageError, metaOf, readCheckpoint, renameCheckpoint, writeCheckpoint,
  type CheckpointMeta } from '../../../train/browser/checkpoint-store.ts';
import type { CheckpointFiles } from '../../../train/trainer.ts';
import type { RunInfo } from '../../../train/run-events.ts';
import type { CheckpointActions } from './Checkpoints.tsx';
import { trainWorker } from './client.ts';
import { errorText, loadedMessage } from './messages.ts';
import { shippedFilesToTrain, SHIPPED_ID } from './shipped.ts';
import type { CheckpointList } from './useCheckpointList.ts';
import type { TrainingData } from './useTrainingData.ts';
import type { TrainRun } from './useTrainRun.ts';

/** The files of an exported checkpoint keep their names; a browser's ` (1)` for a second download is ignored. */
export function checkpointFileName(name: string): string {
  return name.replace(/ \(\d+\)(?=\.[^.]+$)/, '');
}

function download(name: string, data: string | Uint8Array): void {
  const blob = new Blob([data as BlobPart], { type: typeof data === 'string' ? 'application/json' : 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function checkpointActions(run: TrainRun, data: TrainingData, list: CheckpointList): CheckpointActions & {
  resumeSaved(): Promise<void> } {
  const { dispatch } = run;
  const say = (message: string) => dispatch({ type: 'say', message });

  /** A stored checkpoint: its own training rows come back with it (exact resume). */
  const loadStored = async (id: string, what: string, predict = true): Promise<RunInfo> => {
    const { info, data: rows } = await trainWorker().loadStored(id);
    if (rows) data.restored(rows);
    await run.show(info, id, loadedMessage(what, info), predict);
    return info;
  };

  const onLoad = async (c: CheckpointMeta) => {
    try {
      dispatch({ type: 'phase', phase: 'starting' });
      say(`Loading ${c.name}…`);
      if (c.kind === 'shipped') {
        // With its optimizer state (fetched only now: a few MB) it can go on training, on the rows loaded here.
        const { files } = await shippedFilesToTrain(c.id, true);
        const shipped = c.id === SHIPPED_ID;
        const info = await trainWorker().loadCheckpoint(files, shipped ? 'shipped model' : c.name);
        await run.show(info, c.id, loadedMessage(shipped ? 'the shipped model' : c.name, info, true));
      } else await loadStored(c.id, `“${c.name}”`);
    } catch (e) {
      dispatch({ type: 'phase', phase: 'ready' });
      say(`Could not load ${c.name}: ${errorText(e)}`);
    }
  };

  const resumeSaved = async () => {
    try {
      dispatch({ type: 'phase', phase: 'starting' });
      const info = await loadStored(AUTOSAVE_ID, 'the autosaved run', false);
      if (!info.resumable || info.step >= info.steps) return;
      await run.go(undefined, 'Resumed the saved run.'); // "Training from step N…" follows
    } catch (e) {
      dispatch({ type: 'phase', phase: 'ready' });
      say(`Could not resume the saved run: ${errorText(e)}`);
    }
  };

  const onExport = async (c: CheckpointMeta) => {
    try {
      const files = c.kind === 'shipped' ? (await shippedFilesToTrain(c.id, false)).files : (await readCheckpoint(c.id))?.files;
      if (!files) return say(`${c.name} is no longer stored in this browser.`);
      for (const [name, bytes] of Object.entries(files)) download(name, bytes as string | Uint8Array);
      say(`Exported ${c.name}: ${Object.keys(files).join(', ')} (safetensors + JSON, as \`npm run train\` writes them).`);
    } catch (e) {
      say(`Could not export ${c.name}: ${errorText(e)}`);
    }
  };

  const onRename = async (c: CheckpointMeta, name: string) => {
    try {
      await renameCheckpoint(c.id, name);
      await list.refresh();
    } catch (e) {
      list.setProblem(`Could not rename ${c.name}: ${describeStorageError(e)}`);
    }
  };

  const onDelete = async (c: CheckpointMeta) => {
    try {
      await deleteCheckpoint(c.id);
      say(`Deleted ${c.name} from this browser.`);
      dispatch({ type: 'forget', id: c.id });
      await list.refresh();
    } catch (e) {
      list.setProblem(`Could not delete ${c.name}: ${describeStorageError(e)}`);
    }
  };

  const onSave = async (name: string) => {
    try {
      const meta = await trainWorker().saveAs(name);
      list.setProblem(null);
      dispatch({ type: 'saved-as', id: meta.id, message: `Saved “${meta.name}” at step ${meta.step}; training on continues to autosave.` });
      await list.refresh();
    } catch (e) {
      list.setProblem(`Could not save “${name}”: ${describeStorageError(e)}`);
    }
  };

  const onImport = async (picked: FileList | null) => {
    if (!picked?.length) return;
    const get = (n: string) => [...picked].find((f) => checkpointFileName(f.name) === n);
    const cfgFile = get('config.json');
    const tokFile = get('tokenizer.json');
    const weights = get('model.safetensors');
    if (!cfgFile || !tokFile || !weights) {
      return say('Pick config.json, tokenizer.json and model.safetensors together (optimizer.safetensors too, to keep training).');
    }
    let files: CheckpointFiles;
    let meta: CheckpointMeta;
    try {
      const opt = get('optimizer.safetensors');
      files = { 'config.json': await cfgFile.text(), 'tokenizer.json': await tokFile.text(),
        'model.safetensors': new Uint8Array(await weights.arrayBuffer()),
        ...(opt ? { 'optimizer.safetensors': new Uint8Array(await opt.arrayBuffer()) } : {}) };
      meta = metaOf(files, { id: crypto.randomUUID(), name: '', kind: 'imported', savedAt: Date.now() });
      meta.name = `Imported ${meta.preset}, step ${meta.step}`;
      dispatch({ type: 'phase', phase: 'starting' });
      const info = await trainWorker().loadCheckpoint(files, meta.name);
      await run.show(info, meta.id, loadedMessage(`the imported checkpoint “${meta.name}”`, info));
    } catch (e) {
      dispatch({ type: 'phase', phase: 'ready' });
      return say(`Could not import: ${errorText(e)}`);
    }
    try {
      await writeCheckpoint(meta, files);
      await list.refresh();
    } catch (e) {
      dispatch({ type: 'forget', id: meta.id });
      list.setProblem(`The imported checkpoint is loaded, but not kept in this browser: ${describeStorageError(e)}`);
    }
  };

  return { onLoad: (c) => void onLoad(c), onExport: (c) => void onExport(c), onRename, onDelete,
    onSave: (n) => void onSave(n), onImport: (l) => void onImport(l), resumeSaved };
}
