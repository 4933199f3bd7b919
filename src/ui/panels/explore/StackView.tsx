// The call stack at one step: each frame's variables (changed ones marked), and the value a frame
// returns or the exception passing through it, at the step where that happens.
import type { StepState } from '../../../capture/replay.ts';
import type { TraceError } from '../../../capture/trace.ts';

/** `error`: the run's uncaught error, if it ended with one (said at the module's last step). */
export function StackView({ state, error }: { state: StepState; error?: TraceError }) {
  const { step } = state;
  return (
    <section className="stack" aria-label="Call stack">
      <h3>Frames</h3>
      {state.frames.map((frame, i) => {
        const here = i === state.frames.length - 1;
        const names = Object.keys(frame.vars);
        return (
          <div key={i} className={here ? 'frame frame-current' : 'frame'} data-testid="frame" data-func={frame.func}>
            <h4>
              {frame.func === '<module>' ? 'Global frame' : <code>{frame.func}</code>}
              {frame.line > 0 && <span className="frame-line"> · line {frame.line}</span>}
            </h4>
            {names.length === 0 ? (
              <p className="muted">no variables yet</p>
            ) : (
              <table>
                <tbody>
                  {names.map((name) => {
                    const changed = frame.changed.includes(name);
                    return (
                      <tr key={name} className={changed ? 'var-changed' : undefined} data-var={name}>
                        <th scope="row">
                          <code>{name}</code>
                        </th>
                        <td>
                          <code className="var-value">{frame.vars[name]}</code>
                          {changed && <span className="changed-mark"> changed</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {here && step.event === 'return' && step.value !== undefined && (
              <p className="frame-return" data-testid="return-value">
                returns <code>{step.value}</code>
              </p>
            )}
            {/* No value: the frame is unwinding because of an exception, or it is the program's own end. */}
            {here && step.event === 'return' && step.value === undefined && (
              <p className={error ? 'frame-exception' : 'frame-return'} data-testid="frame-end">
                {frame.func !== '<module>' ? 'stops: the exception goes up to its caller'
                  : error ? <>the program stops: <code>{error.type}: {error.message}</code> was not caught</> : 'the program ends'}
              </p>
            )}
            {here && step.event === 'exception' && (
              <p className="frame-exception" data-testid="exception-value">
                raises <code>{step.value}</code>
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
