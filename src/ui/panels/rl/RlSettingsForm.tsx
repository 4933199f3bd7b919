// The RL panel's settings: the starting model, the rows, the group, the sampling, the update and the backend, each
// a field of the experiment's `rl` slice (so a link carries them; the seed is the experiment's, in the header).
import { rangeOf } from '../../../experiment/slice.ts';
import { RL_BACKENDS, RL_PROGRAMS, rlSlice, type RlSettings } from '../../../experiment/slices/rl.ts';
import { REWARD_WORDS, REWARDS } from '../../../rl/reward.ts';
import { useExperiment } from '../../state.ts';
import { NumberField } from '../../NumberField.tsx';
import type { StartChoice } from './settings.ts';

const PROGRAM_WORDS: Record<RlSettings['programs'], string> = {
  all: 'all of the shipped sample',
  scripts: 'scripts only (each opens beside its real run)',
};

export function RlSettingsForm({ busy, choices, onBackendChange }: {
  busy: boolean;
  choices: StartChoice[];
  /** Called before the backend setting changes (the worker then starts again on the new one). */
  onBackendChange(): void;
}) {
  const [exp, update] = useExperiment();
  const cfg = exp.rl;
  const set = (patch: Partial<RlSettings>) => update('rl', patch);
  const num = (key: 'group' | 'prompts' | 'temperature' | 'lr' | 'kl' | 'steps' | 'maxTokens', label: string,
    o: { step?: number; title?: string } = {}) => (
    <NumberField label={label} value={cfg[key]} {...rangeOf(rlSlice, key)} step={o.step} title={o.title}
      onValue={(v) => set({ [key]: v })} />
  );
  return (
    <fieldset className="train-config rl-config" disabled={busy}>
      <legend>RL settings</legend>
      <label>Start from <select value={cfg.start} onChange={(e) => set({ start: e.target.value })}>
        {(choices.length ? choices : [{ value: cfg.start, label: cfg.start }]).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select></label>
      <label>Programs <select value={cfg.programs} onChange={(e) => set({ programs: e.target.value as RlSettings['programs'] })}>
        {RL_PROGRAMS.map((p) => <option key={p} value={p}>{PROGRAM_WORDS[p]}</option>)}</select></label>
      {num('group', 'Group size', { title: 'Stories written per program (G): their rewards are compared with each other.' })}
      {num('prompts', 'Programs per step')}
      {num('temperature', 'Temperature', { step: 0.1, title: 'Above 0 the stories of a group differ; higher, they differ more.' })}
      {num('lr', 'Learning rate', { step: 1e-5 })}
      {num('kl', 'KL coefficient', { step: 0.01, title: 'How strongly the model is held near the one it started from (0: not at all).' })}
      <label title={REWARD_WORDS[cfg.reward]}>Reward <select value={cfg.reward} onChange={(e) => set({ reward: e.target.value as RlSettings['reward'] })}>
        {REWARDS.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
      {num('steps', 'Steps')}
      {num('maxTokens', 'Max tokens', { title: 'Longest story, in tokens (the model’s block also bounds it).' })}
      <label>Backend <select value={cfg.backend} onChange={(e) => { onBackendChange(); set({ backend: e.target.value as RlSettings['backend'] }); }}>
        {RL_BACKENDS.map((b) => <option key={b}>{b}</option>)}</select></label>
      <p className="muted small train-note">Reward <strong>{cfg.reward}</strong>: {REWARD_WORDS[cfg.reward]}.</p>
    </fieldset>
  );
}
