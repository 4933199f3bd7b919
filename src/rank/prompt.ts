// What the model is shown of one candidate on one test. The model learned on CRUXEval-shaped programs, where
// the function is always called `f`; a bank's functions have names (`sum_evens`), which it has never seen as
// the function under test and copies badly into its story ("Call f(size=1)"). So the entry function is
// renamed `f` in the prompt, everywhere it is named in code (never inside strings or comments); a candidate
// that already uses the name `f` itself is shown as it is. Only the prompt changes: real runs use the code as written.

/** A string literal (triple-quoted or not) or a comment: matched first and kept as it is. */
const STRINGS_AND_COMMENTS = String.raw`("""|''')[\s\S]*?\1|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*`;

/** `code` with `name` renamed `to` wherever it is a whole identifier outside strings and comments. */
export function renameIdentifier(code: string, name: string, to: string): string {
  const safe = name.replace(/[^\w]/g, '');
  const pattern = new RegExp(String.raw`${STRINGS_AND_COMMENTS}|(?<![\w.])(${safe})(?![\w'"])`, 'g');
  return code.replace(pattern, (m: string, _quote: string | undefined, word: string | undefined) => (word ? to : m));
}

/** True when `name` is an identifier somewhere in the code (outside strings and comments). */
function names(code: string, name: string): boolean {
  return renameIdentifier(code, name, '\u0000') !== code;
}

/** The program and call the model is asked about: the entry function called `f` when that name is free. */
export function shownProgram(entry: string, code: string, input: string): { code: string; call: string } {
  if (entry === 'f' || names(code, 'f')) return { code, call: `${entry}(${input})` };
  return { code: renameIdentifier(code, entry, 'f'), call: `f(${input})` };
}
