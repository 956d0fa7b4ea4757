import { describe, expect, it } from 'vitest';
import { context, csvField, scalarToUtf16, segment, splitMarked, toCsv, toUtf16Spans, utf16ToScalar, wordDiff } from './text';

describe('splitMarked', () => {
  it('keeps escaped markup as text and marks matches', () => {
    expect(splitMarked('a &lt;script&gt; <mark>drone</mark> &amp; b')).toEqual([
      { text: 'a <script> ', match: false },
      { text: 'drone', match: true },
      { text: ' & b', match: false },
    ]);
  });
  it('does not treat other tags as markers', () => {
    expect(splitMarked('&lt;mark&gt;x')).toEqual([{ text: '<mark>x', match: false }]);
  });
});

describe('offsets', () => {
  it('maps scalar offsets to UTF-16 around astral characters', () => {
    const text = 'a😀b café';
    expect(Array.from(scalarToUtf16(text))).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9]);
    const [span] = toUtf16Spans(text, [{ start: 4, end: 8, kind: 'entity', item: 0 }]);
    expect(text.slice(span.start, span.end)).toBe('café');
  });
  it('drops spans outside the text', () => {
    expect(toUtf16Spans('abc', [{ start: 2, end: 9, kind: 'date', item: 0 }])).toEqual([]);
  });
});

describe('segment', () => {
  it('cuts at every boundary and lists covering spans', () => {
    const segments = segment('Three were wounded', [
      { start: 0, end: 5, kind: 'figure', item: 0 },
      { start: 0, end: 18, kind: 'event', item: 1 },
    ]);
    expect(segments.map((s) => [s.text, s.spans.map((x) => x.kind).join('+')])).toEqual([
      ['Three', 'figure+event'],
      [' were wounded', 'event'],
    ]);
  });
});

describe('wordDiff', () => {
  it('shows reworded quotations word by word', () => {
    expect(wordDiff('we will respond firmly', 'we shall respond firmly')).toEqual([
      { text: 'we ', op: 'equal' },
      { text: 'will', op: 'delete' },
      { text: 'shall', op: 'insert' },
      { text: ' respond firmly', op: 'equal' },
    ]);
  });
});

describe('csv', () => {
  it('quotes and neutralises formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(toCsv(['id', 'title'], [[1, 'a, b']])).toBe('id,title\r\n1,"a, b"\r\n');
  });
});

describe('context', () => {
  it('returns the passage with text around it', () => {
    expect(context('The mayor said no.', 4, 9, 4)).toEqual({ before: 'The ', passage: 'mayor', after: ' sai…', offset: 0, lead: 0 });
  });
  it('maps an offset in the shown text back to the text, past a leading ellipsis and wide characters', () => {
    const text = 'Earlier 😀 news. The mayor said no.';
    const cases: [number, number, string][] = [
      // (start, end) in scalars → the passage found again from its shown offset
      [20, 25, 'mayor'],
      [8, 9, '😀'],
    ];
    for (const [start, end, passage] of cases) {
      const shown = context(text, start, end, 6);
      const at = shown.before.length;
      const back = shown.offset + at - shown.lead;
      expect(text.slice(back, back + passage.length)).toBe(passage);
    }
  });
});

describe('utf16ToScalar', () => {
  it('counts characters, not UTF-16 units, before an offset', () => {
    const text = 'a😀b café';
    expect([0, 1, 3, 4, 9].map((i) => utf16ToScalar(text, i))).toEqual([0, 1, 2, 3, 8]);
    // Inside the surrogate pair: the emoji is not counted.
    expect(utf16ToScalar(text, 2)).toBe(1);
  });
});
