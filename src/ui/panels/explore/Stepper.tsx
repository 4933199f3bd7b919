// Moving through the trace: First / Previous / Next / Last, a slider, "step X of Y" and a jump box.
// Arrow keys are handled by the panel so they work wherever focus is not in a text field.
import { useState } from 'react';

export interface StepperProps {
  /** 0-based. */
  step: number;
  total: number;
  onStep(step: number): void;
}

export function Stepper({ step, total, onStep }: StepperProps) {
  const [jump, setJump] = useState('');
  const last = total - 1;
  const go = (s: number) => onStep(Math.max(0, Math.min(last, s)));
  return (
    <div className="stepper" role="group" aria-label="Step through the trace">
      <div className="stepper-buttons">
        <button type="button" onClick={() => go(0)} disabled={step <= 0}>
          First
        </button>
        <button type="button" onClick={() => go(step - 1)} disabled={step <= 0} aria-keyshortcuts="ArrowLeft">
          Previous
        </button>
        <button type="button" onClick={() => go(step + 1)} disabled={step >= last} aria-keyshortcuts="ArrowRight">
          Next
        </button>
        <button type="button" onClick={() => go(last)} disabled={step >= last}>
          Last
        </button>
        <span className="step-count" data-testid="step-count">
          step {step + 1} of {total}
        </span>
      </div>
      <input
        type="range"
        className="step-slider"
        min={1}
        max={Math.max(1, total)}
        value={step + 1}
        aria-label="Step"
        aria-valuetext={`step ${step + 1} of ${total}`}
        onChange={(e) => go(Number(e.target.value) - 1)}
      />
      <form
        className="jump"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(jump);
          if (Number.isInteger(n) && n >= 1) go(n - 1);
          setJump('');
        }}
      >
        <label>
          Go to step{' '}
          <input
            type="number"
            min={1}
            max={total}
            value={jump}
            inputMode="numeric"
            onChange={(e) => setJump(e.target.value)}
            placeholder={`1–${total}`}
          />
        </label>
        <button type="submit">Go</button>
      </form>
    </div>
  );
}
