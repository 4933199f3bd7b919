import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tokenizer, pretokenize, MARKERS } from './tokenizer.ts';
import { encodeExample } from './example.ts';

const prompt = '[PYTHON] def f(x):\n    total = x * 14\n    return total - 18\nassert f(3) == ?? [/PYTHON]';
const target =
  '[THOUGHT] Line 2: `total` becomes 42. Line 3: f returns 24. [/THOUGHT] [ANSWER] assert f(3) == 24 [/ANSWER]';
const corpus = Array.from({ length: 20 }, (_, i) => prompt.replace('3', String(i)) + '\n' + target);

describe('pretokenize', () => {
  it('gives the text back when its pieces are joined', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => pretokenize(s).join('') === s));
    expect(pretokenize(prompt).join('')).toBe(prompt);
  });

  it('keeps every digit a piece of its own and markers whole', () => {
    const pieces = pretokenize('x = 1234 + 56 [ANSWER] 7.5e10 [/ANSWER]');
    for (const p of pieces) if (/[0-9]/.test(p)) expect(p).toMatch(/^[0-9]$/);
    expect(pieces).toContain('[ANSWER]');
    expect(pieces).toContain('[/ANSWER]');
  });
});

describe('Tokenizer', () => {
  const tok = Tokenizer.fit(corpus, { vocabSize: 200, minCount: 2 });

  it('round-trips ASCII text, including text never seen in fitting', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...' abcxyz_01234\n\t()[]=+-*/:\'",.<>!?#{}'.split('')) }), (s) => {
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
    );
    expect(tok.decode(tok.encode(prompt))).toBe(prompt);
  });

  it('learns frequent multi-character pieces, so sequences are shorter than characters', () => {
    const ids = tok.encode(target);
    expect(ids.length).toBeLessThan(target.length / 2);
    expect(tok.vocab).toContain('total');
    expect(tok.vocab).toContain('\n    ');
  });

  it('gives a name the same token wherever it stands (scheme 2), so a value can be looked up by its name', () => {
    const piecesOf = (text: string) => tok.encode(text).map((i) => tok.vocab[i]);
    for (const text of ['f(total=3)', 'x = total * 2', '[total, 1]', '    return total']) {
      expect(piecesOf(text)).toContain('total');
    }
    expect(tok.vocab).not.toContain(' total');
    expect(tok.scheme).toBe(2);
  });

  it('still reads and encodes scheme-1 tokenizers exactly as before (checkpoints up to session 9)', () => {
    const v1 = Tokenizer.fit(corpus, { vocabSize: 200, minCount: 2, scheme: 1 });
    expect(v1.vocab).toContain(' total');
    expect(pretokenize('x = total', 1)).toEqual(['x', ' =', ' total']);
    expect(pretokenize('x = total', 2)).toEqual(['x', ' = ', 'total']);
    const back = Tokenizer.fromJSON(JSON.parse(JSON.stringify(v1.toJSON())));
    expect(back.scheme).toBe(1);
    expect(back.encode(prompt)).toEqual(v1.encode(prompt));
    expect(v1.decode(v1.encode(prompt))).toBe(prompt);
    expect(() => Tokenizer.fromJSON({ type: 'piece-vocab', version: 4, vocab: [] })).toThrow(/version:1, 2 or 3/);
  });

  it('scheme 3 makes a name and the = that binds it one token, so the bound value is the very next token', () => {
    expect(pretokenize('x = total', 3)).toEqual(['x = ', 'total']);
    expect(pretokenize('f(total=3, x=-1)', 3)).toEqual(['f', '(', 'total=', '3', ', ', 'x=', '-', '1', ')']);
    // Not a binding: a comparison, an augmented assignment.
    expect(pretokenize('if x == 3', 3)).toEqual(['if', ' ', 'x', ' == ', '3']);
    expect(pretokenize('x += 1', 3)).toEqual(['x', ' += ', '1']);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => pretokenize(t, 3).join('') === t));
    const v3 = Tokenizer.fit([...corpus, 'Call f(total=3).', 'Call f(total=4).'], { vocabSize: 400, minCount: 2, scheme: 3 });
    const pieces = (text: string) => v3.encode(text).map((i) => v3.vocab[i]);
    expect(pieces('f(total=3)')).toEqual(['f', '(', 'total=', '3', ')']);
    expect(v3.vocab).toContain('total');
    // A bound name too rare for a token of its own is its name and its =, not a spelling letter by letter.
    expect(v3.vocab).not.toContain('zork = ');
    expect(pieces('zork = 1')).toEqual([...'zork'].concat([' = ', '1']));
    expect(pieces('total = 1')).toEqual(['total = ', '1']);
    const back = Tokenizer.fromJSON(JSON.parse(JSON.stringify(v3.toJSON())));
    expect(back.scheme).toBe(3);
    expect(back.encode(prompt)).toEqual(v3.encode(prompt));
    expect(v3.decode(v3.encode(prompt))).toBe(prompt);
  });

  it('never puts a digit in a multi-character token', () => {
    for (const t of tok.vocab) if (t.length > 1 && !t.startsWith('<')) expect(t).not.toMatch(/[0-9]/);
    const ids = tok.encode('1234');
    expect(ids).toHaveLength(4);
    expect(ids.map((i) => tok.vocab[i])).toEqual(['1', '2', '3', '4']);
  });

  it('encodes each marker as one token', () => {
    for (const m of MARKERS) expect(tok.encode(m)).toHaveLength(1);
    expect(tok.encode('[/ANSWER]')).toEqual([tok.endId]);
  });

  it('is deterministic: same texts in another order give the same vocabulary; JSON round-trips', () => {
    const again = Tokenizer.fit([...corpus].reverse(), { vocabSize: 200, minCount: 2 });
    expect(again.vocab).toEqual(tok.vocab);
    const back = Tokenizer.fromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(back.encode(prompt)).toEqual(tok.encode(prompt));
    expect(() => Tokenizer.fromJSON({ type: 'bpe' })).toThrow(/piece-vocab/);
  });

  it('maps characters outside the vocabulary to <unk> instead of failing', () => {
    const ids = tok.encode('é');
    expect(ids).toEqual([tok.unkId]);
  });

  it('respects the vocabulary size bound', () => {
    const small = Tokenizer.fit(corpus, { vocabSize: 110, minCount: 1 });
    expect(small.size).toBeLessThanOrEqual(110);
  });
});

describe('encodeExample', () => {
  it('marks where the target starts, and the target begins with its first marker', () => {
    const tok = Tokenizer.fit(corpus, { minCount: 2 });
    const ex = encodeExample(tok, prompt, target);
    expect(tok.decode(ex.ids.slice(0, ex.targetStart))).toBe(prompt + '\n');
    expect(tok.vocab[ex.ids[ex.targetStart]!]).toBe('[THOUGHT]');
    expect(tok.decode(ex.ids.slice(ex.targetStart))).toBe(target);
  });
});
