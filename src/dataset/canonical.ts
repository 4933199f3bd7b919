// Program identity up to renaming, and diversity measures. Works on a light Python tokenisation
// (enough for the generator's programs and CRUXEval's): identifiers that are not keywords,
// builtins or attribute names are renamed v0, v1, ... in order of first appearance.

const KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for from ' +
  'global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '));
const BUILTINS = new Set(('abs all any bool chr dict divmod enumerate eval filter float int input isinstance len list map max min ord ' +
  'pow print range repr reversed round set sorted str sum tuple zip').split(' '));

const TOKEN = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\d+(?:\.\d+)?|[A-Za-z_]\w*|\/\/=?|\*\*=?|[-+*/%<>=!]=|\n[ ]*|[^\s\w])/g;

/** Tokens of a Python snippet (comments dropped; newlines carry the next line's indentation). */
export function tokens(code: string): string[] {
  const text = code.replace(/#[^\n]*/g, '');
  return [...text.matchAll(TOKEN)].map((m) => m[0]).filter((t) => t !== '\n');
}

function rename(code: string, abstractConstants: boolean): string[] {
  const names = new Map<string, string>();
  const toks = tokens(code);
  return toks.map((t, i) => {
    if (/^[A-Za-z_]/.test(t) && !KEYWORDS.has(t) && !BUILTINS.has(t) && toks[i - 1] !== '.') {
      if (!names.has(t)) names.set(t, `v${names.size}`);
      return names.get(t)!;
    }
    if (abstractConstants && /^\d/.test(t)) return 'N';
    if (abstractConstants && /^['"]/.test(t)) return 'S';
    return t;
  });
}

/** The program up to renaming of its variables and functions: the identity used for splits. */
export function canonicalForm(code: string): string {
  return rename(code, false).join(' ');
}

/** The program's shape: names renamed and constants abstracted (for diversity counts). */
export function shapeForm(code: string): string {
  return rename(code, true).join(' ');
}

/** FNV-1a, 32 bits: a stable hash for split assignment. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Diversity {
  programs: number;
  distinctPrograms: number;
  /** Distinct programs up to renaming (the split identity). */
  distinctCanonical: number;
  /** Distinct shapes (names renamed, constants abstracted): how many different programs, structurally. */
  distinctShapes: number;
  /** Distinct n-grams of shape tokens over all n-grams, for n = 2, 3, 4. */
  ngramDistinctRatio: Record<2 | 3 | 4, number>;
  distinctNgrams: Record<2 | 3 | 4, number>;
}

export function diversity(codes: readonly string[]): Diversity {
  const shapes = codes.map((c) => rename(c, true));
  const ngram = (n: 2 | 3 | 4) => {
    const seen = new Set<string>();
    let total = 0;
    for (const toks of shapes) {
      for (let i = 0; i + n <= toks.length; i++) {
        seen.add(toks.slice(i, i + n).join(' '));
        total++;
      }
    }
    return { distinct: seen.size, ratio: total ? seen.size / total : 0 };
  };
  const g = { 2: ngram(2), 3: ngram(3), 4: ngram(4) } as const;
  return {
    programs: codes.length,
    distinctPrograms: new Set(codes).size,
    distinctCanonical: new Set(codes.map(canonicalForm)).size,
    distinctShapes: new Set(shapes.map((s) => s.join(' '))).size,
    ngramDistinctRatio: { 2: g[2].ratio, 3: g[3].ratio, 4: g[4].ratio },
    distinctNgrams: { 2: g[2].distinct, 3: g[3].distinct, 4: g[4].distinct },
  };
}
