// Stories as the list, the editor and the timeline use them: the shape
// `parallax stories --json` returns, the choice of target stories for a move
// or merge, and a timeline scale that one far-off date cannot squash.

import type { StorySummary } from './generated/StorySummary';

export type { StorySummary };

const DAY = 86_400_000;

/**
 * Stories to offer as the target of a move or merge from `current`: those
 * closest in event date first (the likeliest duplicates of the same event),
 * undated ones last, never `current` itself.
 */
export function nearbyStories(stories: StorySummary[], current: StorySummary | null, limit = 60): StorySummary[] {
  const anchor = current?.date ? Date.parse(current.date) : NaN;
  const distance = (s: StorySummary) => {
    if (!s.date) return Number.POSITIVE_INFINITY;
    return Number.isNaN(anchor) ? 0 : Math.abs(Date.parse(s.date) - anchor) / DAY;
  };
  return stories
    .filter((s) => s.id !== current?.id)
    .map((s) => ({ s, d: distance(s) }))
    .sort((a, b) => a.d - b.d || b.s.sources.length - a.s.sources.length || a.s.id - b.s.id)
    .slice(0, limit)
    .map((x) => x.s);
}

/** A label for pickers: title, date and size. */
export function storyLabel(s: StorySummary): string {
  const title = s.title ?? `Story ${s.id}`;
  const short = title.length > 70 ? `${title.slice(0, 69)}…` : title;
  return `#${s.id} · ${short} · ${s.date ?? 'undated'} · ${s.articles.length} article${s.articles.length === 1 ? '' : 's'}`;
}

/**
 * The date range a timeline shows. The default view spans the dates between
 * the 2nd and 98th percentile, widened by a small margin, so a single story
 * dated years away (a misread date, an anniversary piece) does not squash
 * every other point into one column; points outside are counted and drawn
 * as arrows at the edges. With few points the full range is used.
 */
export function robustRange(times: number[]): { lo: number; hi: number; before: number; after: number } {
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  if (sorted.length === 0) return { lo: 0, hi: DAY, before: 0, after: 0 };
  let lo = sorted[0];
  let hi = sorted[sorted.length - 1];
  if (sorted.length >= 20) {
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
    const qlo = at(0.02);
    const qhi = at(0.98);
    const margin = Math.max(DAY, (qhi - qlo) * 0.05);
    lo = Math.max(lo, qlo - margin);
    hi = Math.min(hi, qhi + margin);
  }
  if (hi - lo < DAY) { lo -= DAY / 2; hi += DAY / 2; }
  return { lo, hi, before: sorted.filter((t) => t < lo).length, after: sorted.filter((t) => t > hi).length };
}

/** Round calendar ticks within a range: days for short spans, else month or year starts. */
export function monthTicks(lo: number, hi: number, maxTicks = 10): { time: number; label: string }[] {
  const days = (hi - lo) / DAY;
  if (days <= 92) {
    const step = [1, 2, 5, 7, 14, 31].find((s) => days / s <= maxTicks) ?? 31;
    const ticks: { time: number; label: string }[] = [];
    for (let t = Math.ceil(lo / DAY) * DAY; t <= hi && ticks.length < 100; t += step * DAY) {
      ticks.push({ time: t, label: new Date(t).toISOString().slice(0, 10) });
    }
    return ticks;
  }
  const start = new Date(lo);
  const months = (new Date(hi).getUTCFullYear() - start.getUTCFullYear()) * 12 + new Date(hi).getUTCMonth() - start.getUTCMonth() + 1;
  const steps = [1, 2, 3, 6, 12, 24, 60, 120];
  const step = steps.find((s) => months / s <= maxTicks) ?? Math.ceil(months / maxTicks);
  const ticks: { time: number; label: string }[] = [];
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  if (step >= 12) { const years = step / 12; year = Math.ceil(year / years) * years; month = 0; } else { month = Math.ceil(month / step) * step; }
  for (let guard = 0; guard < 400; guard++) {
    const t = Date.UTC(year + Math.floor(month / 12), month % 12, 1);
    if (t > hi) break;
    if (t >= lo) {
      const d = new Date(t);
      ticks.push({ time: t, label: step >= 12 ? String(d.getUTCFullYear()) : d.toISOString().slice(0, 7) });
    }
    month += step;
  }
  return ticks;
}
