// Monaco, loaded on demand: only the editor API and Python (0.57 export paths; a bare
// `import 'monaco-editor'` would pull every language worker and triple the bundle).
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/python/register';
// The editor API alone lacks Ctrl+M ("Tab moves focus"), which the editor's label promises to keyboard users.
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

(self as unknown as { MonacoEnvironment: { getWorker(): Worker } }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
