import { describe, expect, test } from 'vitest';
import { notesByFinding, reading, type Variant } from './compare';
import type { Note } from './generated/Note';

const variant = (article: number, text: string, extra: Partial<Variant> = {}): Variant => ({
  article, field: 'text', text, start: 0, end: text.length, value: null, ...extra,
});

describe('compare', () => {
  test('reading: the value as read, else the number, else the passage', () => {
    const cases: [Variant, string][] = [
      [variant(1, 'Maria Lopez, 52', { reading: '52' }), '52'],
      [variant(1, 'three firefighters', { value: 3 }), '3'],
      [variant(1, 'on Friday'), 'on Friday'],
    ];
    for (const [input, expected] of cases) expect(reading(input)).toBe(expected);
  });

  test('notesByFinding: each finding its notes, oldest first; other notes left out', () => {
    const note = (id: number, finding: string | null): Note => ({
      id, on: finding ? 'finding' : 'story', finding, story: 3, orphaned: false, body: `n${id}`, created_at: '', updated_at: '',
    });
    const grouped = notesByFinding([note(1, 'k1'), note(2, null), note(3, 'k2'), note(4, 'k1')]);
    expect([...grouped].map(([key, notes]) => [key, notes.map((n) => n.id)])).toEqual([['k1', [1, 4]], ['k2', [3]]]);
  });
});
