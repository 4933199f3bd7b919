// Keyboard access to the trace: arrow keys (and Home/End) step through it wherever focus is not in a text field;
// Ctrl/Cmd+Enter runs from anywhere on the Explorer (Monaco binds its own Ctrl+Enter inside the editor).
import { useEffect, useEffectEvent } from 'react';

export interface StepKeys {
  active: boolean;
  step: number;
  total: number;
  hidden: boolean;
  run: () => void | Promise<void>;
  setStep: (s: number) => void;
}

export function useStepKeys(keys: StepKeys): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || !keys.active) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest('.monaco-editor')) return;
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void keys.run();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || keys.hidden || keys.total === 0) return;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const moves: Record<string, number> = { ArrowRight: keys.step + 1, ArrowLeft: keys.step - 1, Home: 0, End: keys.total - 1 };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    keys.setStep(Math.max(0, Math.min(keys.total - 1, next)));
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
