import { describe, expect, it } from 'vitest';
import { geometryPath, project } from './geo';

describe('geo', () => {
  it('projects the corners and the centre', () => {
    expect(project(-180, 90)).toEqual([0, 0]);
    expect(project(0, 0)).toEqual([480, 240]);
  });
  it('breaks rings at the antimeridian', () => {
    expect(geometryPath({ type: 'Polygon', coordinates: [[[179, 0], [-179, 0], [-179, 1]]] })).toBe('M957.3,240.0M2.7,240.0L2.7,237.3Z');
  });
});
