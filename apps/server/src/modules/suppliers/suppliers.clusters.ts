import Supercluster from 'supercluster';
import type { SuppliersRepository } from './suppliers.repository.js';
import type { EstablishmentFilter } from './suppliers.search.js';

interface PointProps {
  id: string;
  name: string;
  tiers: string[];
}

/**
 * Server-side clusters for the directory's map (as charging.clusters.ts): the browser gets
 * a screenful of clusters and points, never the census. One index per filter combination,
 * dropped when the establishments change (checked at most every 5 s).
 */
export function createSupplierClusterService(repository: SuppliersRepository, options: { maxIndexes?: number; versionCheckMs?: number } = {}) {
  const maxIndexes = options.maxIndexes ?? 20;
  const versionCheckMs = options.versionCheckMs ?? 5000;
  const indexes = new Map<string, Promise<Supercluster<PointProps>>>();
  let version: { value: string; checkedAt: number } | null = null;

  async function currentVersion() {
    if (!version || Date.now() - version.checkedAt > versionCheckMs) {
      const value = await repository.dataVersion();
      if (version && version.value !== value) indexes.clear();
      version = { value, checkedAt: Date.now() };
    }
  }

  async function build(filter: EstablishmentFilter) {
    const points = await repository.points(filter);
    const index = new Supercluster<PointProps>({ radius: 60, maxZoom: 16 });
    index.load(points.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: { id: p.id, name: p.name, tiers: p.tiers ?? [] },
    })));
    return index;
  }

  return {
    async clusters(filter: EstablishmentFilter, bbox: [number, number, number, number], zoom: number) {
      await currentVersion();
      const key = JSON.stringify(filter);
      let index = indexes.get(key);
      if (!index) {
        if (indexes.size >= maxIndexes) indexes.delete(indexes.keys().next().value!);
        index = build(filter);
        indexes.set(key, index);
        index.catch(() => indexes.delete(key));
      }
      const features = (await index).getClusters(bbox, Math.floor(zoom));
      return {
        type: 'FeatureCollection' as const,
        features: features.map((f) => {
          const p = f.properties as Record<string, unknown>;
          return {
            type: 'Feature' as const,
            geometry: f.geometry,
            properties: p.cluster
              ? { cluster: true, count: p.point_count as number, clusterId: p.cluster_id as number }
              : { cluster: false, count: 1, id: p.id as string, name: p.name as string, tiers: p.tiers as string[] },
          };
        }),
      };
    },
    /** Forget every index now (after a write this process made). */
    invalidate() {
      indexes.clear();
      version = null;
    },
  };
}

export type SupplierClusterService = ReturnType<typeof createSupplierClusterService>;
