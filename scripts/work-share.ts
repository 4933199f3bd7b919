// npm run work-share -- --data FILE.jsonl [--limit N]
// Per level: the share of call-mode rows whose answer depends on their loops' or branches' work (the answer
// changes when the loops, or the `if`s, are taken out and the program is run again). src/dataset/work-share.ts.
import { readFileSync } from 'node:fs';
import { createNodeRunner } from '../src/capture/node/runner.ts';
import { parseRows, sampleByLevel } from '../src/train/data.ts';
import { probeRequest, readProbe, tally, type Probe } from '../src/dataset/work-share.ts';
import { num, refuse, strictOptions } from './args.ts';

const USAGE = 'usage: npm run work-share -- --data FILE.jsonl [--limit N]';
const opts = strictOptions(process.argv.slice(2), 'work-share', USAGE, ['data', 'limit']);
const data = opts.get('data');
if (!data) refuse('work-share', USAGE, '--data is required');
let limit = 600;
try {
  limit = num(opts, 'limit', 600, { int: true, min: 1 });
} catch (e) {
  refuse('work-share', USAGE, (e as Error).message);
}
const rows = sampleByLevel(parseRows(readFileSync(data, 'utf8')).rows
  .filter((r) => (r as { mode?: string }).mode !== 'program' && r.code && r.input !== undefined), limit);
const runner = await createNodeRunner({ processes: 1 });
try {
  const traces = await runner.runMany(rows.map((r) => probeRequest({ code: r.code!, input: r.input! })));
  const probes = traces.map((t, i) => ({ level: rows[i]!.level, probe: readProbe(t) }))
    .filter((p): p is { level: number; probe: Probe } => p.probe !== null);
  const byLevel = Object.fromEntries(Object.entries(tally(probes)).map(([l, s]) => [l, { rows: s.rows,
    loops_matter: +(s.loopsMatter / s.rows).toFixed(3), branches_matter: +(s.branchesMatter / s.rows).toFixed(3),
    control_matters: +(s.controlMatters / s.rows).toFixed(3) }]));
  console.log(JSON.stringify({ data, rows: rows.length, probed: probes.length, by_level: byLevel }));
} finally {
  await runner.close();
}
