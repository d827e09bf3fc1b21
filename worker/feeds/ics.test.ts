// Folding and escaping, the two rules every calendar line passes through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine } from './ics.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('foldLine', () => {
  it('keeps every line within 75 octets, never splits a character, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${text.replace(/[\r\n]/g, ' ')}`;
        const folded = foldLine(line);
        expect(folded.endsWith('\r\n')).toBe(true);
        const lines = folded.slice(0, -2).split('\r\n');
        for (const l of lines) expect(bytes(l)).toBeLessThanOrEqual(75);
        for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
        expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
        // No character split into replacement characters (the input itself may hold one).
        expect(folded.split('\uFFFD').length).toBe(line.split('\uFFFD').length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeText', () => {
  it('escapes what RFC 5545 reserves in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});
