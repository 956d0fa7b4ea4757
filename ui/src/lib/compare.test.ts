import { describe, expect, test } from 'vitest';
import { reading, toMarkdown, type Comparison, type Variant } from './compare';

const variant = (article: number, text: string, extra: Partial<Variant> = {}): Variant => ({
  article, field: 'text', text, start: 0, end: text.length, value: null, ...extra,
});

// The shape `parallax compare --json` prints (field for field), cut down to one
// participant with an age conflict, one statement and one verdict.
const comparison: Comparison = {
  story: { id: 1, title: 'Fire destroys warehouse' },
  articles: [
    { id: 1, external_id: 'a1', source: 'Harbor Daily', title: 'Fire', published: '2024-03-02' },
    { id: 2, external_id: 'a2', source: 'Coast Herald', title: 'Blaze', published: '2024-03-02' },
  ],
  summary: { claims: {}, when_where: {}, quotes: {}, statements: { agreed: 1 }, participants: { conflict: 1 }, entity_variants: 0, reuse_pairs: 0, unique: 0 },
  claims: [], when: [], where: [], quotes: [], entities: [], reuse: [], unique: [],
  statements: [{ key: 's1', kind: 'statement', subject: 'lost, everyth', status: 'agreed', variants: [variant(1, 'We lost everything.'), variant(2, 'They lost everything.')] }],
  participants: [{
    key: 'p1', name: 'Maria Lopez', role: 'witness', titles: [], articles: [1, 2],
    names: [{ text: 'Maria Lopez', articles: [1, 2], mentions: [] }],
    attributes: [{ key: 'k1', kind: 'attribute', subject: 'age', status: 'conflict', note: 'Harbor Daily gives 52, Coast Herald 54',
      variants: [variant(1, 'Maria Lopez, 52', { reading: '52' }), variant(2, 'Maria Lopez, 54', { reading: '54' })] }],
  }],
  verdicts: {
    k1: { key: 'k1', verdict: 'wrong', note: 'one person', story: 1, kind: 'attribute', label: 'Maria Lopez: age', status: 'conflict', passages: [], decided_at: '2026-01-02T00:00:00Z' },
  },
};

describe('compare', () => {
  test('reading: the value as read, else the number, else the passage', () => {
    const cases: [Variant, string][] = [
      [variant(1, 'Maria Lopez, 52', { reading: '52' }), '52'],
      [variant(1, 'three firefighters', { value: 3 }), '3'],
      [variant(1, 'on Friday'), 'on Friday'],
    ];
    for (const [input, expected] of cases) expect(reading(input)).toBe(expected);
  });

  test('the Markdown export has the participants table, statements and verdicts', () => {
    const lines = toMarkdown(comparison).split('\n');
    for (const expected of [
      '| Participant | Status | Harbor Daily | Coast Herald |',
      '| **Maria Lopez** (witness) | | Maria Lopez | Maria Lopez |',
      '| age | conflict — Harbor Daily gives 52, Coast Herald 54 | 52 | 54 |',
      '- agreed:',
      '  - Coast Herald: “They lost everything.” [0–21]',
      '- ✗ wrong `k1` attribute: Maria Lopez: age — one person',
    ]) expect(lines).toContain(expected);
  });
});
