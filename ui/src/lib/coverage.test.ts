import { describe, expect, it } from 'vitest';
import { coverageGrid, type Coverage } from './coverage';

const coverage: Coverage = {
  outlets: [
    { source: 'Evening Star', stories: 1, first_reports: 0, missed: [2], missed_judged: true, active_from: '2024-01-10', active_to: '2024-03-02', regions: ['Ohio, US'] },
    { source: 'Daily Post', stories: 2, first_reports: 2, missed: [], missed_judged: true, active_from: '2024-01-01', active_to: '2024-03-02', regions: ['Ohio, US'] },
    { source: 'Harbor News', stories: 2, first_reports: 0, missed: [], missed_judged: false, active_from: null, active_to: null, regions: [] },
  ],
  stories: [
    { story: 2, title: 'Fire at the docks', date: '2024-02-01', outlets: [['Daily Post', '2024-02-01'], ['Harbor News', '2024-02-03']], first_reporter: 'Daily Post' },
    { story: 1, title: 'Bridge closes', date: '2024-03-02', outlets: [['Daily Post', '2024-03-02'], ['Evening Star', '2024-03-02'], ['Harbor News', null]], first_reporter: 'Daily Post' },
  ],
};

describe('coverageGrid', () => {
  it('orders outlets by stories covered and stories by outlets', () => {
    const grid = coverageGrid(coverage);
    expect(grid.outlets.map((o) => o.source)).toEqual(['Daily Post', 'Harbor News', 'Evening Star']);
    expect(grid.stories.map((s) => s.story)).toEqual([1, 2]);
  });
  it('marks first reporter, followers with their lag, and misses', () => {
    const grid = coverageGrid(coverage);
    expect(grid.cell(2, 'Daily Post')).toEqual({ state: 'first', date: '2024-02-01', lag: 0 });
    expect(grid.cell(2, 'Harbor News')).toEqual({ state: 'covered', date: '2024-02-03', lag: 2 });
    expect(grid.cell(2, 'Evening Star')).toEqual({ state: 'missed', date: null, lag: null });
    expect(grid.cell(1, 'Harbor News')).toEqual({ state: 'covered', date: null, lag: null });
  });
  it('counts a gap as a miss only when the outlet could have covered the story', () => {
    const grid = coverageGrid({ ...coverage, outlets: coverage.outlets.map((o) => ({ ...o, missed: [] })) });
    expect(grid.cell(2, 'Evening Star')).toEqual({ state: 'outside', date: null, lag: null });
  });
});
