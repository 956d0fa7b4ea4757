import { describe, expect, it } from 'vitest';
import { markdown } from './markdown';

describe('markdown', () => {
  it('reads paragraphs, headings, list items, quotations and code', () => {
    expect(markdown('# Sources\nFirst line\nsame paragraph\n\n- one\n2. two\n> said\n```\n<b>x</b>\n```')).toEqual([
      { kind: 'h', runs: [{ text: 'Sources' }] },
      { kind: 'p', runs: [{ text: 'First line same paragraph' }] },
      { kind: 'li', runs: [{ text: 'one' }] },
      { kind: 'li', runs: [{ text: 'two' }] },
      { kind: 'quote', runs: [{ text: 'said' }] },
      { kind: 'code', runs: [{ text: '<b>x</b>', code: true }] },
    ]);
  });

  it('styles inline runs and links only http(s) addresses', () => {
    expect(markdown('**Age** differs: *52* or `54`, see [the report](https://example.org/a) not [this](javascript:alert)')[0].runs).toEqual([
      { text: 'Age', strong: true },
      { text: ' differs: ' },
      { text: '52', em: true },
      { text: ' or ' },
      { text: '54', code: true },
      { text: ', see ' },
      { text: 'the report', href: 'https://example.org/a' },
      { text: ' not ' },
      { text: '[this](javascript:alert)' },
    ]);
  });

  it('keeps markup as text', () => {
    expect(markdown('<img src=x onerror=alert(1)> & <script>')).toEqual([
      { kind: 'p', runs: [{ text: '<img src=x onerror=alert(1)> & <script>' }] },
    ]);
  });
});
