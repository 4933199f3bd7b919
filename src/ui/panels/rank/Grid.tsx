// The grid: candidates x public tests. In each cell, the model's simulated output (the majority of its samples and
// how many agree) with its predicted verdict, and the real run's output and verdict beside it; then per candidate
// the predicted and real pass counts, the hidden tests' verdict and its place in the ranking. Each cell is a
// button: it opens the model's story beside the real run below the grid.
import type { BankTask } from '../../../rank/bank.ts';
import { testCall } from '../../../rank/judge.ts';
import { agreementWords, realWords, type TaskView } from './view.ts';

export interface CellRef {
  candidate: number;
  test: number;
}

const mark = (pass: boolean) => (pass ? '✓' : '✗');
const short = (s: string, n = 18) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function Grid({ task, view, selected, onSelect }: { task: BankTask; view: TaskView; selected: CellRef | null;
  onSelect(c: CellRef): void }) {
  const n = task.public_tests.length;
  // Once every candidate is judged, the rows are the ranking (best first); until then, the bank's order.
  const order = view.rows.map((_, i) => i);
  if (view.complete) order.sort((a, b) => view.rows[a]!.place! - view.rows[b]!.place!);
  return (
    <div className="rank-scroll">
      <table className="rank-grid" data-testid="rank-grid" data-complete={String(view.complete)}>
        <caption className="visually-hidden">Candidates and their public tests: the model&apos;s prediction beside the real run</caption>
        <thead>
          <tr>
            {view.complete && <th scope="col">Rank</th>}
            <th scope="col">Candidate</th>
            {task.public_tests.map((t, ti) => (
              <th key={ti} scope="col">
                <code>{short(testCall(task.entry, t), 28)}</code>
                <div className="muted small">expects <code>{short(t.output)}</code></div>
              </th>
            ))}
            <th scope="col">Predicted passes</th>
            <th scope="col">Real passes</th>
            <th scope="col">Hidden tests</th>
          </tr>
        </thead>
        <tbody>
          {order.map((ci) => {
            const row = view.rows[ci]!;
            const cand = task.candidates[ci]!;
            return (
              <tr key={row.id} data-testid="rank-row" data-candidate={row.id} className={row.place === 1 ? 'rank-pick' : undefined}>
                {view.complete && <td data-testid="rank-place">{row.place}</td>}
                <th scope="row">
                  <details>
                    <summary><code>{row.id}</code></summary>
                    <pre className="rank-code">{cand.code}</pre>
                    {row.note && <p className="muted small">{row.note}</p>}
                  </details>
                </th>
                {row.cells.map((c, ti) => {
                  const isSel = selected?.candidate === ci && selected.test === ti;
                  const m = c.model;
                  const label = `${row.id} on test ${ti + 1}: ` +
                    (m ? `the model says ${m.majority ?? 'nothing'} (${agreementWords(m)}), predicted ${m.predictedPass ? 'pass' : 'fail'}`
                      : 'the model has not answered yet') +
                    (c.real ? `; really ${c.real.pass ? 'passes' : 'fails'} (${realWords(c.real)})` : '; not run yet');
                  return (
                    <td key={ti} className={isSel ? 'selected' : undefined}>
                      <button type="button" className="rank-cell" aria-label={label} aria-pressed={isSel} data-testid="rank-cell"
                        data-predicted={m ? (m.predictedPass ? 'pass' : 'fail') : ''} data-real={c.real ? (c.real.pass ? 'pass' : 'fail') : ''}
                        onClick={() => onSelect({ candidate: ci, test: ti })}>
                        <span className="rank-model" data-testid="model-cell">
                          {m ? <><span className={m.predictedPass ? 'verdict-right' : 'verdict-wrong'}>{mark(m.predictedPass)}</span>{' '}
                            <code>{short(m.majority ?? '—')}</code> <span className="muted small">{agreementWords(m)}</span></> : <span className="muted">…</span>}
                        </span>
                        <span className="rank-real" data-testid="real-cell">
                          real {c.real ? <><span className={c.real.pass ? 'verdict-right' : 'verdict-wrong'}>{mark(c.real.pass)}</span>{' '}
                            <code>{short(realWords(c.real))}</code></> : <span className="muted">…</span>}
                        </span>
                      </button>
                    </td>
                  );
                })}
                <td data-testid="predicted-passes">{row.predicted === null ? '…' : `${row.predicted}/${n}`}</td>
                <td>{row.realPublic === null ? '…' : `${row.realPublic}/${n}`}</td>
                <td data-testid="hidden-result">{row.right === null ? '…'
                  : <span className={row.right ? 'verdict-right' : 'verdict-wrong'}>{row.right ? 'right' : 'wrong'}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
