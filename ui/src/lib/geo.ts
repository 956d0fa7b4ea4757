// Equirectangular projection of GeoJSON country shapes to SVG paths (960×480).

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: string; coordinates?: unknown };

export function project(lon: number, lat: number): [number, number] {
  return [((lon + 180) / 360) * 960, ((90 - lat) / 180) * 480];
}

function ringPath(ring: Ring): string {
  let d = '';
  let previousLon: number | null = null;
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat);
    // A jump across the antimeridian starts a new subpath instead of a line across the map.
    const jump = previousLon !== null && Math.abs(lon - previousLon) > 180;
    d += `${d === '' || jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    previousLon = lon;
  }
  return d + 'Z';
}

export function geometryPath(geometry: Geometry | null): string {
  if (!geometry) return '';
  if (geometry.type === 'Polygon') return (geometry.coordinates as Ring[]).map(ringPath).join('');
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).flatMap((p) => p.map(ringPath)).join('');
  return '';
}

export function worldPaths(features: { geometry: unknown; properties: { name: string } }[]): { name: string; d: string }[] {
  return features.map((f) => ({ name: f.properties?.name ?? '', d: geometryPath(f.geometry as Geometry) }));
}
