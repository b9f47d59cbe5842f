import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon-hao';

/** Where a point lies: a Mexican municipality (and its state), or a US state. */
export interface PointPlacement {
  cvegeo: string | null;
  cveEnt: string | null;
  usStateAbbr: string | null;
}

export interface PlacementArea {
  placement: PointPlacement;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

/** One searchable layer: each polygon of each area, indexed by its bounding box. */
class Layer {
  readonly #index: Flatbush | null;
  readonly #polygons: Array<{ rings: number[][][]; placement: PointPlacement }> = [];

  constructor(areas: PlacementArea[]) {
    for (const area of areas) {
      const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
      for (const rings of polygons) if (rings.length > 0 && rings[0]!.length >= 4) this.#polygons.push({ rings, placement: area.placement });
    }
    if (this.#polygons.length === 0) {
      this.#index = null;
      return;
    }
    const index = new Flatbush(this.#polygons.length);
    for (const { rings } of this.#polygons) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [x, y] of rings[0]!) {
        if (x! < minX) minX = x!;
        if (x! > maxX) maxX = x!;
        if (y! < minY) minY = y!;
        if (y! > maxY) maxY = y!;
      }
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    this.#index = index;
  }

  /** The first area whose polygon covers the point, boundary included (as PostGIS `ST_Covers`). */
  covering(lon: number, lat: number): PointPlacement | null {
    if (!this.#index) return null;
    // Candidates in index order; the first that covers wins, as `limit 1` does in SQL.
    for (const i of this.#index.search(lon, lat, lon, lat)) {
      const polygon = this.#polygons[i]!;
      // true inside, 0 on the boundary, false outside.
      if (pointInPolygon([lon, lat], polygon.rings) !== false) return polygon.placement;
    }
    return null;
  }
}

/**
 * Places points in memory against the same boundaries the database holds: a municipality
 * that covers the point, else a US state that covers it. Points in neither (in the gaps of
 * the simplified boundaries, at sea, abroad) get `null` and are left to the database's
 * nearest-boundary rules. Bulk imports use this so that the database — the one busy core
 * during a merge — does not test each point against the polygons; the answer is the same
 * (see point-locator.test.ts, which compares both on the loaded boundaries).
 */
export class PointLocator {
  readonly #municipalities: Layer;
  readonly #usStates: Layer;

  constructor(layers: { municipalities: PlacementArea[]; usStates: PlacementArea[] }) {
    this.#municipalities = new Layer(layers.municipalities);
    this.#usStates = new Layer(layers.usStates);
  }

  locate(lon: number, lat: number): PointPlacement | null {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    return this.#municipalities.covering(lon, lat) ?? this.#usStates.covering(lon, lat);
  }
}
