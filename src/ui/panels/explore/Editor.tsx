// The code editor: Monaco with Python, the current/previous line of the trace as decorations,
// Ctrl/Cmd+Enter to run, and a click in the gutter (or Alt+J) to go to that line's next execution.
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';

type MonacoApi = typeof Monaco;

export interface EditorProps {
  value: string;
  /** Called for edits made by the person (not for value changes coming from props). */
  onChange(code: string): void;
  onRun(): void;
  /** A line number in the gutter was clicked, or Alt+J pressed on a line. */
  onLineActivate(line: number): void;
  /** Line about to run at the current step. */
  nextLine?: number;
  /** Line that ran just before the current step. */
  prevLine?: number;
  /** Line of a syntax error. */
  errorLine?: number;
  /** Line where the model's story first parts from the real run. */
  divergeLine?: number;
}

const MIN_HEIGHT = 160;
const maxHeight = () => (window.innerWidth <= 520 ? 300 : 420);

function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function Editor(props: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<MonacoApi | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  const applying = useRef(false);
  // The latest callbacks, read by Monaco's listeners which are registered once.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    let cancelled = false;
    import('./monaco.ts').then(
      ({ monaco }) => !cancelled && setApi(monaco),
      (e: unknown) => !cancelled && setLoadError(String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!api || !host.current) return;
    const editor = api.editor.create(host.current, {
      value: callbacks.current.value,
      language: 'python',
      theme: prefersDark() ? 'vs-dark' : 'vs',
      ariaLabel: 'Python code. Ctrl+Enter runs it. Ctrl+M lets Tab move focus out of the editor.',
      automaticLayout: true,
      minimap: { enabled: false },
      glyphMargin: true,
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: true,
      renderLineHighlight: 'none',
      lineNumbersMinChars: 3,
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    editor.onDidChangeModelContent(() => {
      if (!applying.current) callbacks.current.onChange(editor.getValue());
    });
    editor.addCommand(api.KeyMod.CtrlCmd | api.KeyCode.Enter, () => callbacks.current.onRun());
    editor.addAction({
      id: 'dryrun.nextExecution',
      label: 'Go to the next execution of this line',
      keybindings: [api.KeyMod.Alt | api.KeyCode.KeyJ],
      run: (ed) => {
        const line = ed.getPosition()?.lineNumber;
        if (line) callbacks.current.onLineActivate(line);
      },
    });
    editor.onMouseDown((e) => {
      const gutter = [
        api.editor.MouseTargetType.GUTTER_LINE_NUMBERS,
        api.editor.MouseTargetType.GUTTER_GLYPH_MARGIN,
        api.editor.MouseTargetType.GUTTER_LINE_DECORATIONS,
      ];
      const line = e.target.position?.lineNumber;
      if (!gutter.includes(e.target.type) || !line) return;
      callbacks.current.onLineActivate(line);
      // Monaco selects the whole line on a line-number click; here the click means "go to", so drop that.
      setTimeout(() => editor.setSelection(new api.Range(line, 1, line, 1)), 0);
    });
    // The editor is as tall as its program (within bounds), so short programs leave room for the trace.
    const fit = () => {
      const height = Math.max(MIN_HEIGHT, Math.min(editor.getContentHeight(), maxHeight()));
      if (host.current && host.current.style.height !== `${height}px`) host.current.style.height = `${height}px`;
    };
    editor.onDidContentSizeChange(fit);
    fit();
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => api.editor.setTheme(prefersDark() ? 'vs-dark' : 'vs');
    scheme.addEventListener('change', onScheme);
    return () => {
      scheme.removeEventListener('change', onScheme);
      editor.dispose();
      editorRef.current = null;
    };
  }, [api]);

  // Outside changes (an example, a link, a restore) replace the text as one undoable edit.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === props.value) return;
    applying.current = true;
    editor.pushUndoStop();
    editor.executeEdits('dryrun', [{ range: model.getFullModelRange(), text: props.value }]);
    editor.pushUndoStop();
    applying.current = false;
  }, [props.value, api]);

  const { nextLine, prevLine, errorLine, divergeLine } = props;
  useEffect(() => {
    const editor = editorRef.current;
    if (!api || !editor || !decorations.current) return;
    const lines = editor.getModel()?.getLineCount() ?? 0;
    const list: Monaco.editor.IModelDeltaDecoration[] = [];
    const whole = (line: number, className: string, glyph: string, hover: string) => {
      if (line < 1 || line > lines) return;
      list.push({
        range: new api.Range(line, 1, line, 1),
        options: { isWholeLine: true, className, glyphMarginClassName: glyph, glyphMarginHoverMessage: { value: hover } },
      });
    };
    if (prevLine && prevLine !== nextLine) whole(prevLine, 'dr-line-prev', 'dr-glyph-prev', 'Just ran');
    if (nextLine) whole(nextLine, 'dr-line-next', 'dr-glyph-next', 'About to run');
    if (errorLine) whole(errorLine, 'dr-line-error', 'dr-glyph-error', 'Error here');
    if (divergeLine) whole(divergeLine, 'dr-line-diverge', 'dr-glyph-diverge', "The model's story first goes wrong here");
    decorations.current.set(list);
    const focus = nextLine ?? errorLine;
    if (focus && focus <= lines) editor.revealLineInCenterIfOutsideViewport(focus);
  }, [api, nextLine, prevLine, errorLine, divergeLine, props.value]);

  return (
    <div
      className="editor"
      data-next-line={nextLine ?? ''}
      data-prev-line={prevLine && prevLine !== nextLine ? prevLine : ''}
      data-error-line={errorLine ?? ''}
      data-diverge-line={divergeLine ?? ''}
    >
      {!api && <p className="editor-loading">{loadError ? `The editor failed to load: ${loadError}` : 'Loading the editor…'}</p>}
      <div ref={host} className="editor-host" hidden={!api} />
    </div>
  );
}
