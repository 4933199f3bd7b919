// The bank and task picker the Rank and Repair sections share: the task list, where the bank came from, a bank
// file of one's own (refused with its lines if malformed) and the way back to the shipped bank.
import type { LoadedBank } from './run.ts';
import { readBankText, shippedBank } from './run.ts';

export interface BankPickerProps {
  bank: LoadedBank | null;
  taskId: string;
  busy: boolean;
  fileTestId: string;
  onTask(taskId: string): void;
  /** A new bank: `picked` when it is the user's file (then its first task is chosen), not on the way back. */
  onBank(bank: LoadedBank, picked: boolean): void;
  onProblem(message: string | null): void;
}

export function BankPicker({ bank, taskId, busy, fileTestId, onTask, onBank, onProblem }: BankPickerProps) {
  const pickFile = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    const r = readBankText(await f.text(), f.name);
    if ('error' in r) {
      onProblem(r.error);
      return;
    }
    onProblem(null);
    onBank(r, true);
  };
  return (
    <>
      <label className="inline">
        Task{' '}
        <select value={taskId} disabled={busy || !bank} onChange={(e) => onTask(e.target.value)}>
          {bank?.tasks.map((t) => <option key={t.task_id} value={t.task_id}>{t.task_id}</option>)}
        </select>
      </label>
      <span className="muted small">
        {bank ? (bank.source === 'shipped' ? `from the shipped bank (${bank.tasks.length} tasks)` : `from your file ${bank.source} (${bank.tasks.length} tasks; not carried in a shared link)`) : 'Loading the bank…'}
      </span>
      <label className="inline">
        Your own bank (JSONL){' '}
        <input type="file" accept=".jsonl,.json,application/json" disabled={busy} data-testid={fileTestId}
          onChange={(e) => { void pickFile(e.target.files); e.target.value = ''; }} />
      </label>
      {bank && bank.source !== 'shipped' && (
        <button type="button" className="link" disabled={busy} onClick={() => void shippedBank().then((b) => onBank(b, false))}>
          Back to the shipped bank
        </button>
      )}
    </>
  );
}
