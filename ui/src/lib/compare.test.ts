import { describe, expect, test } from 'vitest';
import { reading, type Variant } from './compare';

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
});
