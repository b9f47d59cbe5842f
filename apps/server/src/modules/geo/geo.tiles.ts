import geojsonvt from 'geojson-vt';
// vt-pbf ships CommonJS without types.
// @ts-expect-error no type declarations
import vtpbf from 'vt-pbf';
import type { GeoRepository } from './geo.repository.js';

export const tileLayers = ['states', 'municipalities', 'us-states'] as const;
export type TileLayer = (typeof tileLayers)[number];

interface LayerIndex {
  version: string;
  index: ReturnType<typeof geojsonvt>;
}

/**
 * Mapbox Vector Tiles cut in the app from the stored boundaries (PGlite's PostGIS has
 * no ST_AsMVT), kept in memory per layer and rebuilt when a geography import lands.
 */
export function createTileService(repository: GeoRepository, options: { versionCheckMs?: number } = {}) {
  const indexes = new Map<TileLayer, Promise<LayerIndex>>();
  let knownVersion: { value: string; checkedAt: number } | null = null;
  const versionCheckMs = options.versionCheckMs ?? 5000;

  async function currentVersion(): Promise<string> {
    const now = Date.now();
    if (!knownVersion || now - knownVersion.checkedAt > versionCheckMs) {
      knownVersion = { value: await repository.geoVersion(), checkedAt: now };
    }
    return knownVersion.value;
  }

  async function build(layer: TileLayer, version: string): Promise<LayerIndex> {
    const features = await repository.layerFeatures(layer);
    const index = geojsonvt(features as any, { maxZoom: 10, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
    return { version, index };
  }

  async function layerIndex(layer: TileLayer): Promise<LayerIndex> {
    const version = await currentVersion();
    const cached = indexes.get(layer);
    if (cached) {
      const built = await cached.catch(() => null);
      if (built && built.version === version) return built;
    }
    const pending = build(layer, version);
    indexes.set(layer, pending);
    return pending;
  }

  return {
    /** The tile as protobuf bytes, or null when it has no features. */
    async tile(layer: TileLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
      const { index } = await layerIndex(layer);
      const tile = index.getTile(z, x, y);
      if (!tile || tile.features.length === 0) return null;
      return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 }) as Uint8Array;
    },
    invalidate() {
      knownVersion = null;
    },
  };
}

export type TileService = ReturnType<typeof createTileService>;
