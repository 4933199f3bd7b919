// The RL stage: reinforcement learning with a verifiable reward, in this tab (a worker; webgpu, wasm or cpu). The
// model starts from a shipped checkpoint (or fresh weights of its shape), writes G stories per program, is
// rewarded when its answer is the real run's output, and is nudged towards the stories that beat their siblings
// (src/rl/grpo.ts). Live charts of the logged figures, the latest step's rollouts (each opens in the Explorer
// beside its real run), an autosave every few steps that resumes after a reload.
//
// The explanation is shown on phones too (the notebook's `.hint`s are hidden there): it is what the section teaches.
//
// This file is the layout. The worker's lifecycle is useRlRun.ts (what is shown: view.ts, the sentences:
// messages.ts, the settings → worker: settings.ts); the rollout groups, rollouts.ts.
import { usePythonStatus } from '../../runner.ts';
import { useExperiment } from '../../state.ts';
import { explanation } from './messages.ts';
import { RlCharts } from './RlCharts.tsx';
import { RlControls } from './RlControls.tsx';
import { RlSettingsForm } from './RlSettingsForm.tsx';
import { Rollouts } from './Rollouts.tsx';
import { useRlRun } from './useRlRun.ts';
import { isBusy } from './view.ts';
import '../train/train.css';
import './rl.css';

export function RlPanel() {
  const [exp] = useExperiment();
  const python = usePythonStatus();
  const run = useRlRun(exp.rl, exp.seed);
  const { view } = run;
  return (
    <div className="rl">
      <h2>Reinforce</h2>
      <div className="rl-explain">
        {explanation(exp.rl).map((p, i) => <p key={i}>{p}</p>)}
        <p>It runs in this tab on <strong>{view.backend || '…'}</strong>, is saved in this browser every few steps and resumes after a reload.</p>
      </div>
      <RlSettingsForm busy={isBusy(view)} choices={run.choices} onBackendChange={() => run.dispatch({ type: 'phase', phase: 'starting' })} />
      <RlControls run={run} />
      <div hidden data-testid="rl-series" data-phase={view.phase} data-backend={view.backend} data-step={view.run?.step ?? ''}
        data-rewards={JSON.stringify(view.series.rewardMean.ys)} data-accuracy={JSON.stringify(view.series.accuracy.ys)}
        data-tensors={JSON.stringify(view.tensors)} data-step-ms={JSON.stringify(view.stepMs.map(Math.round))}
        data-figures={JSON.stringify(view.latest ? (({ rollouts: _, ...f }) => f)(view.latest.log) : null)} />
      <RlCharts view={view} />
      <Rollouts latest={view.latest} python={python} />
    </div>
  );
}
