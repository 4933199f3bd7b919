// The Train panel's "Training data": the shipped sample (in one of the targets), the Data panel's dataset, or a
// JSONL file. Choosing one loads its rows into the worker and redoes the loaded model's predictions on them.
import { TRAIN_GRANULARITIES, type TrainState } from '../../../experiment/slices/train.ts';
import { describeBuilt } from '../../built-dataset.ts';
import { useExperiment } from '../../state.ts';
import type { DataChoice, TrainingData } from './useTrainingData.ts';

export function DataSource({ busy, data, onSwitch }: {
  busy: boolean;
  data: TrainingData;
  /** Load the rows of this choice (the settings already say so, or will at the next render). */
  onSwitch(choice: DataChoice): void;
}) {
  const [exp, update] = useExperiment();
  const cfg = exp.train;
  const { built, file } = data;
  const pickSource = (source: TrainState['data']) => {
    update('train', { data: source });
    onSwitch({ source });
  };
  const pickGranularity = (granularity: TrainState['granularity']) => {
    update('train', { granularity });
    if (cfg.data === 'sample') onSwitch({ source: 'sample', granularity });
  };
  const pickFile = async (list: FileList | null) => {
    const f = list?.[0];
    if (!f) return;
    const picked = { name: f.name, text: await f.text() };
    data.setFile(picked);
    update('train', { data: 'file' });
    onSwitch({ source: 'file', file: picked });
  };
  return (
    <fieldset className="train-data" disabled={busy}>
      <legend>Training data</legend>
      <div className="train-source">
        <label><input type="radio" name="train-data" checked={cfg.data === 'sample'} onChange={() => pickSource('sample')} /> Shipped sample</label>
        <label className="train-inline">Target <select value={cfg.granularity} onChange={(e) => pickGranularity(e.target.value as TrainState['granularity'])}>
          {TRAIN_GRANULARITIES.map((g) => <option key={g}>{g}</option>)}</select></label>
      </div>
      <div className="train-source">
        <label><input type="radio" name="train-data" checked={cfg.data === 'built'} disabled={!built} aria-describedby="train-built-note" onChange={() => pickSource('built')} /> Dataset built in the Data panel</label>
        <span id="train-built-note" className="muted small" data-testid="train-built-note">
          {built ? describeBuilt(built) : 'None built yet: build one in the Data panel, and its rows come here directly.'}
        </span>
      </div>
      <div className="train-source">
        <label><input type="radio" name="train-data" checked={cfg.data === 'file'} disabled={!file} onChange={() => pickSource('file')} /> JSONL file</label>
        <label className="train-inline">Data file (JSONL) <input type="file" accept=".jsonl,.json,application/json" onChange={(e) => void pickFile(e.target.files)} /></label>
      </div>
      <p className="muted small" data-testid="train-data-info">{data.info}</p>
    </fieldset>
  );
}
