// The rows the train worker trains on and predicts from: the shipped sample, the Data panel's dataset or a
// JSONL file the visitor picked (which the URL cannot carry, so it is kept here), and the sentence saying which.
import { useState } from 'react';
import type { TrainState } from '../../../experiment/slices/train.ts';
import type { DataCounts } from '../../../train/run-events.ts';
import { describeBuilt, toJsonl, useBuiltDataset, type BuiltDataset } from '../../built-dataset.ts';
import { fetchText, trainWorker } from './client.ts';

export type DataFile = { name: string; text: string };
/** A source other than the one in the settings (picked just now, before the settings have re-rendered). */
export type DataChoice = { source?: TrainState['data']; granularity?: string; file?: DataFile | null };

export interface TrainingData {
  built: BuiltDataset | null;
  file: DataFile | null;
  setFile(file: DataFile): void;
  /** "120 training rows, 30 held-out rows: the shipped sample (detailed)." */
  info: string;
  /** Loads the rows of a data source into the worker; a source that is not available says what loads instead. */
  load(choice?: DataChoice): Promise<void>;
  /** The rows came back with a stored checkpoint (its own, for an exact resume). */
  restored(data: DataCounts & { label: string }): void;
}

export function useTrainingData(train: TrainState): TrainingData {
  const built = useBuiltDataset();
  const [file, setFile] = useState<DataFile | null>(null);
  const [info, setInfo] = useState('');

  const load = async (choice: DataChoice = {}) => {
    const source = choice.source ?? train.data;
    const granularity = choice.granularity ?? train.granularity;
    const picked = choice.file !== undefined ? choice.file : file;
    let text: string;
    let label: string;
    let instead = '';
    if (source === 'built' && built) {
      text = toJsonl(built);
      label = `the Data panel's dataset, ${describeBuilt(built)}`;
    } else if (source === 'file' && picked) {
      text = picked.text;
      label = `your file ${picked.name}`;
    } else {
      if (source === 'built') instead = 'No dataset is built in the Data panel yet, so the shipped sample is loaded instead. ';
      if (source === 'file') instead = 'No file is picked, so the shipped sample is loaded instead. ';
      text = await fetchText(`model/sample-${granularity}.jsonl`);
      label = `the shipped sample (${granularity})`;
    }
    const r = await trainWorker().setData(text, label);
    setInfo(`${instead}${r.train} training rows, ${r.val} held-out rows${r.skipped ? `, ${r.skipped} unreadable lines skipped` : ''}: ${label}.`);
  };

  const restored = (data: DataCounts & { label: string }) =>
    setInfo(`${data.train} training rows, ${data.val} held-out rows: ${data.label}, restored with the checkpoint.`);

  return { built, file, setFile, info, load, restored };
}
