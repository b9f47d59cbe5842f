import Supercluster from 'supercluster';
import type { ChargingRepository, LocationFilter } from './charging.repository.js';
import { bestStatus } from '../live/live.domain.js';
import { publicStatus, type PublicStatus } from '../live/status.domain.js';

interface PointProps {
  id: string;
  name: string;
  maxPowerKw: number | null;
}

/**
 * Server-side clusters for the public map: the browser receives at most a screenful of
 * clusters and points, never the whole census. One index per filter combination, kept
 * until a charging import lands (checked at most every 5 s).
 *
 * Live status changes far more often than the census, so it stays out of the index: the
 * points of the view are coloured with the status of this moment, read for those points
 * only. An index filtered by live status cannot avoid holding status; it is rebuilt when
 * older than `liveIndexMaxAgeMs` (30 s), so such a filtered map lags by at most that.
 */
export function createClusterService(
  repository: ChargingRepository,
  options: { maxIndexes?: number; versionCheckMs?: number; liveIndexMaxAgeMs?: number } = {},
) {
  const maxIndexes = options.maxIndexes ?? 20;
  const versionCheckMs = options.versionCheckMs ?? 5000;
  const liveIndexMaxAgeMs = options.liveIndexMaxAgeMs ?? 30_000;
  const indexes = new Map<string, Promise<Supercluster<PointProps>>>();
  const builtAt = new Map<string, number>();
  let version: { value: string; checkedAt: number } | null = null;

  async function currentVersion() {
    if (!version || Date.now() - version.checkedAt > versionCheckMs) {
      const value = await repository.dataVersion();
      if (version && version.value !== value) indexes.clear();
      version = { value, checkedAt: Date.now() };
    }
    return version.value;
  }

  async function build(filter: LocationFilter) {
    const points = await repository.locationPoints(filter);
    const index = new Supercluster<PointProps>({ radius: 60, maxZoom: 16 });
    index.load(points.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: { id: p.id, name: p.name, maxPowerKw: p.max_power_kw },
    })));
    return index;
  }

  /** The best public live status of each location (absent: no EVSE reports), read now. */
  async function liveStatusOf(ids: string[]) {
    const byLocation = new Map<string, Array<PublicStatus | null>>();
    for (const row of await repository.evseStatuses(ids)) {
      const list = byLocation.get(row.location_id) ?? [];
      list.push(row.status === null ? null : publicStatus(row.status));
      byLocation.set(row.location_id, list);
    }
    const best = new Map<string, PublicStatus>();
    for (const [id, statuses] of byLocation) {
      const b = bestStatus(statuses);
      if (b) best.set(id, b);
    }
    return best;
  }

  return {
    async clusters(filter: LocationFilter, bbox: [number, number, number, number], zoom: number) {
      await currentVersion();
      const key = JSON.stringify(filter);
      let index = indexes.get(key);
      if (index && filter.liveStatus && Date.now() - (builtAt.get(key) ?? 0) > liveIndexMaxAgeMs) {
        indexes.delete(key);
        index = undefined;
      }
      if (!index) {
        if (indexes.size >= maxIndexes) {
          const oldest = indexes.keys().next().value!;
          indexes.delete(oldest);
          builtAt.delete(oldest);
        }
        index = build(filter);
        indexes.set(key, index);
        builtAt.set(key, Date.now());
        index.catch(() => indexes.delete(key));
      }
      const features = (await index).getClusters(bbox, Math.floor(zoom));
      const live = await liveStatusOf(features.filter((f) => !(f.properties as { cluster?: boolean }).cluster).map((f) => (f.properties as PointProps).id));
      return {
        type: 'FeatureCollection' as const,
        features: features.map((f) => {
          const p = f.properties as Record<string, unknown>;
          return {
            type: 'Feature' as const,
            geometry: f.geometry,
            properties: p.cluster
              ? { cluster: true, count: p.point_count as number, clusterId: p.cluster_id as number }
              : {
                  cluster: false, count: 1, id: p.id as string, name: p.name as string, maxPowerKw: p.maxPowerKw as number | null,
                  liveStatus: live.get(p.id as string) ?? null,
                },
          };
        }),
      };
    },
  };
}

export type ClusterService = ReturnType<typeof createClusterService>;
