import { describe, expect, it } from 'vitest';
import { monthTicks, nearbyStories, robustRange, storyLabel, type StorySummary } from './stories';

const story = (id: number, date: string | null, sources = 1): StorySummary => ({
  id, title: `Story title ${id}`, date, place: null, articles: [id], sources: Array.from({ length: sources }, (_, i) => `o${i}`), killed: null, injured: null, first_reporter: null, pinned: false,
});

describe('nearbyStories', () => {
  it('orders by distance in days, then outlets, excludes the current story and puts undated last', () => {
    const current = story(1, '2024-03-10');
    const list = [current, story(2, '2024-05-01'), story(3, '2024-03-11'), story(4, null), story(5, '2024-03-09', 3)];
    expect(nearbyStories(list, current).map((s) => s.id)).toEqual([5, 3, 2, 4]);
    expect(nearbyStories(list, current, 2).map((s) => s.id)).toEqual([5, 3]);
  });
});

describe('storyLabel', () => {
  it('names id, title, date and size', () => {
    expect(storyLabel(story(7, null))).toBe('#7 · Story title 7 · undated · 1 article');
  });
});

describe('robustRange', () => {
  it('keeps one far outlier out of the default view and counts it', () => {
    const base = Date.UTC(2024, 0, 1);
    const times = Array.from({ length: 60 }, (_, i) => base + i * 86_400_000);
    times.push(Date.UTC(1999, 5, 1));
    const r = robustRange(times);
    expect(r.before).toBe(1);
    expect(r.after).toBe(0);
    expect(r.lo).toBeGreaterThan(Date.UTC(2023, 11, 1));
    expect(r.hi).toBeLessThan(Date.UTC(2024, 2, 15));
  });
  it('uses the full range for a few points', () => {
    const r = robustRange([Date.UTC(2020, 0, 1), Date.UTC(2024, 0, 1)]);
    expect([r.lo, r.hi, r.before, r.after]).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2024, 0, 1), 0, 0]);
  });
});

describe('monthTicks', () => {
  it('gives month starts inside a range of months', () => {
    expect(monthTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 4, 2)).map((t) => t.label)).toEqual(['2024-02', '2024-03', '2024-04', '2024-05']);
  });
  it('gives days inside a range of days', () => {
    expect(monthTicks(Date.UTC(2024, 2, 1, 12), Date.UTC(2024, 2, 5, 12)).map((t) => t.label)).toEqual(['2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05']);
  });
  it('gives years for a long range', () => {
    expect(monthTicks(Date.UTC(2001, 3, 1), Date.UTC(2012, 0, 1)).map((t) => t.label)).toEqual(['2002', '2004', '2006', '2008', '2010', '2012']);
  });
});
