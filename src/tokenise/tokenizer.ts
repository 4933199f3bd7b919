// The tokenizer: text <-> token ids for prompts, traces and answers. Pure: no tfjs, no DOM, no Node.
//
// Scheme ("piece vocabulary"), chosen because it is short, deterministic and keeps arithmetic learnable:
// 1. Special markers (`[PYTHON]`, `[/THOUGHT]`, ...) are cut out first and are one token each.
// 2. The rest is cut into pieces: a single digit, a run of letters/underscores (`total`), a run of punctuation
//    with the spaces around it (` == `, `, `), a newline + its indentation, a run of blanks. A name is the same token wherever it
//    stands (`(total`, ` total`, `total=`): version 2 of the scheme. Version 1 (checkpoints up to session 9) kept
//    the space in front of a name (` total` and `total` were two tokens), which made looking a value up by its
//    name harder to learn (docs/model.md, session 10); it is still read and encoded exactly as before.
//    Version 3 also makes a name with the `=` that binds it one piece (`total=` in `f(total=3)`, `total = ` in
//    `total = 3`), so the value bound to a name is the token right after that piece and looking it up is the
//    one-token-back copy ("induction") that small transformers learn first; in version 2 the value sits two tokens
//    after the name. A `==` never merges. A bound piece that did not make the vocabulary is cut into the name and
//    the `=` again (docs/model.md, session 17).
// 3. Fitting counts pieces over a dataset; the most frequent multi-character pieces become tokens,
//    on top of every printable ASCII character. A piece not in the vocabulary is spelled character by character.
// Digits never merge (no piece contains a digit besides the single-digit one), so `14 - 18` is
// `1`,`4`,` - `,`1`,`8` (scheme 2): the model sees place value the same way in every number.
// Worked example: docs/model.md.

export const PAD = '<pad>';
export const UNK = '<unk>';
/** Markers of the CRUXEval-style format; `[/ANSWER]` ends every target (generation stops on it). */
export const MARKERS = ['[PYTHON]', '[/PYTHON]', '[THOUGHT]', '[/THOUGHT]', '[ANSWER]', '[/ANSWER]', '[STDIN]',
  '[/STDIN]'] as const;
export const END_MARKER = '[/ANSWER]';

const MARKER_SPLIT = /(\[\/?(?:PYTHON|THOUGHT|ANSWER|STDIN)\])/;
// Order matters: digit first, so no other alternative can swallow one.
const PIECES = {
  1: /[0-9]| ?[A-Za-z_]+| ?[^\sA-Za-z_0-9]+|\n[ \t]*|[ \t]+|\s/gu,
  2: /[0-9]|[A-Za-z_]+| ?[^\sA-Za-z_0-9]+ ?|\n[ \t]*|[ \t]+|\s/gu,
  3: /[0-9]|[A-Za-z_]+(?: = |=)(?!=)|[A-Za-z_]+| ?[^\sA-Za-z_0-9]+ ?|\n[ \t]*|[ \t]+|\s/gu,
} as const;
/** Versions of the piece scheme; 2 is what new tokenizers are fitted with (3 is under study). */
export type Scheme = keyof typeof PIECES;
export const SCHEME: Scheme = 2;

export interface TokenizerJSON {
  type: 'piece-vocab';
  version: Scheme;
  /** Token strings; a token's id is its index. */
  vocab: string[];
}

export interface FitOptions {
  /** Upper bound on the vocabulary size (base characters and markers included). */
  vocabSize?: number;
  /** A piece must occur at least this often to get its own token. */
  minCount?: number;
  /** Piece scheme (default SCHEME, the current one). */
  scheme?: Scheme;
}

/** Cut text into pieces (markers whole). Concatenating the pieces gives the text back. */
export function pretokenize(text: string, scheme: Scheme = SCHEME): string[] {
  const out: string[] = [];
  for (const part of text.split(MARKER_SPLIT)) {
    if (part === '') continue;
    if ((MARKERS as readonly string[]).includes(part)) {
      out.push(part);
      continue;
    }
    for (const m of part.matchAll(PIECES[scheme])) out.push(m[0]);
  }
  return out;
}

/** Scheme 3: `total = ` -> [`total`, ` = `] (a bound piece's name and its `=`); null for any other piece. */
function unbind(piece: string): [string, string] | null {
  const m = /^([A-Za-z_]+)( = |=)$/.exec(piece);
  return m ? [m[1]!, m[2]!] : null;
}

function baseVocab(): string[] {
  const chars: string[] = ['\n', '\t'];
  for (let c = 32; c < 127; c++) chars.push(String.fromCharCode(c));
  return [PAD, UNK, ...MARKERS, ...chars];
}

export class Tokenizer {
  readonly vocab: readonly string[];
  private readonly ids: Map<string, number>;
  readonly padId: number;
  readonly unkId: number;
  readonly endId: number;
  readonly scheme: Scheme;

  constructor(vocab: readonly string[], scheme: Scheme = SCHEME) {
    this.vocab = vocab;
    this.scheme = scheme;
    this.ids = new Map(vocab.map((t, i) => [t, i]));
    this.padId = this.id(PAD);
    this.unkId = this.id(UNK);
    this.endId = this.id(END_MARKER);
  }

  private id(token: string): number {
    const i = this.ids.get(token);
    if (i === undefined) throw new Error(`tokenizer vocabulary lacks ${JSON.stringify(token)}`);
    return i;
  }

  get size(): number {
    return this.vocab.length;
  }

  /**
   * Deterministic fit: the same texts (in any order) give the same vocabulary. Multi-character pieces
   * are ranked by count, ties broken by the piece's text, so nothing depends on iteration order.
   */
  static fit(texts: Iterable<string>, opts: FitOptions = {}): Tokenizer {
    const vocabSize = opts.vocabSize ?? 1024;
    const minCount = opts.minCount ?? 8;
    const scheme = opts.scheme ?? SCHEME;
    const base = baseVocab();
    const counts = new Map<string, number>();
    const extraChars = new Set<string>();
    for (const text of texts) {
      for (const p of pretokenize(text, scheme)) {
        if ([...p].length === 1) {
          if (!base.includes(p)) extraChars.add(p);
          continue;
        }
        if ((MARKERS as readonly string[]).includes(p)) continue;
        counts.set(p, (counts.get(p) ?? 0) + 1);
        // Its parts too: a bound piece too rare for a token of its own is encoded as them.
        const parts = scheme === 3 ? unbind(p) : null;
        for (const q of parts ?? []) if (q.length > 1) counts.set(q, (counts.get(q) ?? 0) + 1);
      }
    }
    const vocab = [...base, ...[...extraChars].sort()];
    const ranked = [...counts.entries()]
      .filter(([, n]) => n >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [piece] of ranked) {
      if (vocab.length >= vocabSize) break;
      vocab.push(piece);
    }
    return new Tokenizer(vocab, scheme);
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const p of pretokenize(text, this.scheme)) {
      const whole = this.ids.get(p);
      if (whole !== undefined) {
        out.push(whole);
        continue;
      }
      const parts = this.scheme === 3 ? unbind(p) : null;
      for (const q of parts ?? [p]) {
        const id = this.ids.get(q);
        if (id !== undefined) out.push(id);
        else for (const ch of q) out.push(this.ids.get(ch) ?? this.unkId);
      }
    }
    return out;
  }

  decode(ids: Iterable<number>): string {
    let s = '';
    for (const i of ids) {
      if (i === this.padId) continue;
      s += this.vocab[i] ?? UNK;
    }
    return s;
  }

  toJSON(): TokenizerJSON {
    return { type: 'piece-vocab', version: this.scheme, vocab: [...this.vocab] };
  }

  static fromJSON(json: unknown): Tokenizer {
    const j = json as Partial<TokenizerJSON> | null;
    if (!j || j.type !== 'piece-vocab' || !(j.version === 1 || j.version === 2 || j.version === 3) || !Array.isArray(j.vocab)) {
      throw new Error('not a piece-vocab tokenizer (expected {type:"piece-vocab", version:1, 2 or 3, vocab:[...]})');
    }
    return new Tokenizer(j.vocab.map(String), j.version);
  }
}
