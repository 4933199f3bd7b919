// One number setting, the same in every panel. Typing keeps its own text, so a half-typed or out-of-range number
// is never written into the state (nor the link); while the text is not accepted the field says why and what its
// limits are, and the last good value stays in force. The field shows the setting again when it loses focus; the
// sentence stays until the next edit, so a student who tabbed away still reads why their number was not taken.
import { useId, useState, type CSSProperties, type ReactNode } from 'react';
import { limitWords, numberIn } from './number-field.ts';

export function NumberField({ label, value, min, max, int, step, title, disabled, className, inputStyle, ariaLabel, testId, describedBy, onValue }: {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  int?: boolean;
  step?: number;
  title?: string;
  disabled?: boolean;
  className?: string;
  inputStyle?: CSSProperties;
  ariaLabel?: string;
  testId?: string;
  /** The id of a note that always describes the field (the limit's sentence is added while it shows). */
  describedBy?: string;
  onValue(v: number): void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const id = useId();
  const invalid = text !== null && numberIn(text, min, max, int) === undefined;
  // The sentence sits beside the label, not in it, so it never becomes part of the field's name.
  return (
    <>
      <label title={title} className={className}>
        {label}{' '}
        <input type="number" min={min} max={max} step={step ?? (int ? 1 : 'any')} value={text ?? String(value)} disabled={disabled}
          style={inputStyle} aria-label={ariaLabel} data-testid={testId} aria-invalid={invalid || undefined}
          aria-describedby={[describedBy, note ? id : undefined].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            setText(e.target.value);
            const v = numberIn(e.target.value, min, max, int);
            setNote(v === undefined ? limitWords(e.target.value, min, max, int) : null);
            if (v !== undefined) onValue(v);
          }}
          onBlur={() => setText(null)} />
      </label>
      {note && <span id={id} className="field-limit small" role="status" data-testid="field-limit">{note}</span>}
    </>
  );
}
