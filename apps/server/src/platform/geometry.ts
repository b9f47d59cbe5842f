import type { MultiPolygon, Polygon } from 'geojson';
import { union } from 'polyclip-ts';

/**
 * Normalises a polygon in JavaScript before it reaches the database: self-intersections
 * are resolved (the polygon is unioned with itself), rings are closed and oriented, and
 * the result is always a MultiPolygon. Done here rather than only with ST_MakeValid because
 * PGlite's PostGIS returns no row at all for some invalid shapes instead of repairing them
 * or failing, which would drop the record silently (see docs/adr/0006).
 *
 * Returns null when nothing with an area is left.
 */
export function normalisePolygonal(geometry: Polygon | MultiPolygon): MultiPolygon | null {
  const coordinates = union(geometry.coordinates as Parameters<typeof union>[0]);
  const withArea = coordinates.filter((polygon) => polygon.length > 0 && polygon[0]!.length >= 4);
  return withArea.length === 0 ? null : { type: 'MultiPolygon', coordinates: withArea };
}
