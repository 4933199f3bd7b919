// The probe really runs the program without its loops and without its ifs (Python's AST, in the runner).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, type NodeRunner } from '../capture/node/runner.ts';
import { probeRequest, readProbe, tally } from './work-share.ts';

let runner: NodeRunner;
beforeAll(async () => {
  runner = await createNodeRunner({ processes: 1 });
});
afterAll(async () => runner.close());

describe('work share', () => {
  it('tells a loop whose work reaches the answer from one whose work does not', async () => {
    const used = 'def f(k):\n    u = 0\n    for ch in range(k):\n        u += ch\n    return u\n';
    const unused = 'def f(k):\n    u = 0\n    for ch in range(k):\n        u += ch\n    return k\n';
    const branch = 'def f(a):\n    b = 0\n    if a > 2:\n        b = 1\n    return b\n';
    const [p1, p2, p3] = (await runner.runMany([used, unused, branch].map((code) => probeRequest({ code, input: '4' }))))
      .map(readProbe);
    expect(p1).toEqual({ base: '6', no_loops: '0', no_branches: '6' });
    expect(p2).toEqual({ base: '4', no_loops: '4', no_branches: '4' });
    expect(p3).toEqual({ base: '1', no_loops: '1', no_branches: '0' });
    const broken = readProbe((await runner.runMany([probeRequest({ code: 'def f(k):\n    for i in range(k):\n        z = i\n    return z\n', input: '2' })]))[0]!);
    expect(broken).toEqual({ base: '1', no_loops: 'error:NameError', no_branches: '1' }); // a failure counts as a change
  });

  it('tallies per level', () => {
    const t = tally([{ level: 3, probe: { base: '6', no_loops: '0', no_branches: '6' } },
      { level: 3, probe: { base: '4', no_loops: '4', no_branches: '4' } }]);
    expect(t).toEqual({ 3: { rows: 2, loopsMatter: 1, branchesMatter: 0, controlMatters: 1 } });
  });
});
