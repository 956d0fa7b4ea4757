// Coverage of stories by outlets (the `parallax coverage --json` contract)
// and the outlets × stories grid the Coverage tab draws from it.

import type { Coverage } from './generated/Coverage';
import type { OutletCoverage } from './generated/OutletCoverage';
import type { StoryCoverage } from './generated/StoryCoverage';

export type { Coverage, OutletCoverage, StoryCoverage };

/** `outside`: not reported, and outside the outlet's period or regions, so not a miss. */
export type CellState = 'first' | 'covered' | 'missed' | 'outside';

export interface CoverageCell {
  state: CellState;
  /** Date the outlet first reported the story. */
  date: string | null;
  /** Days after the earliest report (0 for the first reporter), when both are dated. */
  lag: number | null;
}

export interface CoverageGrid {
  outlets: OutletCoverage[];
  stories: StoryCoverage[];
  cell(story: number, outlet: string): CoverageCell;
}

/**
 * Rows (stories, most outlets first, then by date) and columns (outlets,
 * most stories first) of the grid, with a cell per pair: who reported first,
 * who followed and how many days later, who missed it (only stories in the
 * outlet's `missed` list; other gaps are `outside` its period or area).
 */
export function coverageGrid(coverage: Coverage, maxStories = 200, maxOutlets = 40): CoverageGrid {
  const outlets = [...coverage.outlets].sort((a, b) => b.stories - a.stories || a.source.localeCompare(b.source)).slice(0, maxOutlets);
  const stories = [...coverage.stories]
    .sort((a, b) => b.outlets.length - a.outlets.length || String(b.date ?? '').localeCompare(String(a.date ?? '')) || a.story - b.story)
    .slice(0, maxStories);
  const byStory = new Map(stories.map((s) => [s.story, s]));
  const missed = new Map(coverage.outlets.map((o) => [o.source, new Set(o.missed)]));
  return {
    outlets,
    stories,
    cell(story, outlet) {
      const row = byStory.get(story);
      const entry = row?.outlets.find(([name]) => name === outlet);
      if (!row || !entry) return { state: missed.get(outlet)?.has(story) ? 'missed' : 'outside', date: null, lag: null };
      const earliest = row.outlets.map(([, d]) => d).filter((d): d is string => !!d).sort()[0] ?? null;
      const lag = entry[1] && earliest ? Math.round((Date.parse(entry[1]) - Date.parse(earliest)) / 86_400_000) : null;
      return { state: row.first_reporter === outlet ? 'first' : 'covered', date: entry[1], lag };
    },
  };
}
