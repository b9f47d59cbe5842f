import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import { foldForSearch } from '../../platform/text.js';
import type { CheckedPoint, PointArea, PointChecker, PointPlacer } from '../../platform/imports/import-kind.js';
import { PointLocator } from './point-locator.js';
import { inBbox, municipalBoundaryVintage, municipalityNotes } from './geo.domain.js';
import type { GeoRepository } from './geo.repository.js';

const stateSources = ['inegi-censo-2020-states', 'inegi-mgn-states-simplified'];
const municipalSources = ['inegi-municipalities-censo-2020', 'inegi-mgn-2010-municipalities'];

/** How far outside the (simplified) boundaries a point may fall and still be assigned. */
export const locateToleranceKm = 5;
/** Import check: a point this far from every state (in degrees, ≈ 11 km) is outside Mexico. */
const importToleranceDeg = 0.1;

export function createGeoService(repository: GeoRepository) {
  async function sources(ids: string[]) {
    return (await repository.dataSources(ids)).map(citeSource);
  }

  let locator: { version: string; built: Promise<PointLocator> } | null = null;

  /** The in-memory locator for the boundaries as they are now; rebuilt after a boundary import. */
  async function currentLocator(): Promise<PointLocator> {
    const version = await repository.placementVersion();
    if (locator?.version !== version) {
      const built = repository.placementAreas().then((areas) => new PointLocator(areas));
      locator = { version, built };
      built.catch(() => {
        if (locator?.built === built) locator = null;
      });
    }
    return locator.built;
  }

  /**
   * Checks that points fall in Mexico (or the US, for kinds that cover it) or were swapped,
   * and places those the boundaries cover. A point covered by a municipality is in Mexico,
   * and one covered by a US state is in the US: only the rest go to the database's
   * tolerance and swap checks.
   */
  async function checkAndPlacePoints(points: Array<{ lat: number; lon: number }>, area: PointArea): Promise<CheckedPoint[]> {
    const includeUs = area === 'mexico-and-us';
    const located = await currentLocator();
    const placements = points.map((p) => located.locate(p.lon, p.lat));
    const uncertain: number[] = [];
    placements.forEach((placement, i) => {
      if (!placement || (placement.usStateAbbr !== null && !includeUs)) uncertain.push(i);
    });
    const results: CheckedPoint[] = placements.map((placement) => ({ problem: null, placement }));
    if (uncertain.length === 0) return results;
    const checked = await repository.pointsNearCoverage(uncertain.map((i) => points[i]!), importToleranceDeg, includeUs);
    if (!checked) return results;
    const coverage = includeUs ? 'Mexico or the United States' : 'Mexico';
    const km = Math.round(importToleranceDeg * 111);
    checked.forEach((r, k) => {
      if (r.inside) return;
      const i = uncertain[k]!;
      const p = points[i]!;
      const problem = r.swappedInside
        ? { code: 'IMPORT.ROW_SWAPPED_COORDINATES' as const, message: `Latitude ${p.lat} and longitude ${p.lon} look swapped: the swapped point is in ${coverage}.` }
        : includeUs
          ? { code: 'IMPORT.ROW_OUTSIDE_COVERAGE' as const, message: `(${p.lat}, ${p.lon}) is not within ${km} km of any Mexican or US state.` }
          : { code: 'IMPORT.ROW_OUTSIDE_MEXICO' as const, message: `(${p.lat}, ${p.lon}) is not within ${km} km of any Mexican state.` };
      results[i] = { problem, placement: null };
    });
    return results;
  }

  return {
    async listStates() {
      const rows = await repository.listStates();
      return {
        items: rows.map((r) => ({
          cveEnt: r.cve_ent, name: r.name, shortName: r.short_name, population2020: r.population_2020, areaKm2: r.area_km2, municipalityCount: r.municipality_count,
        })),
        total: rows.length,
        sources: await sources(stateSources),
      };
    },

    async getState(cveEnt: string) {
      const r = await repository.findState(cveEnt);
      if (!r) throw new AppError('GEO.STATE_NOT_FOUND', `There is no state with code "${cveEnt}"; codes run from 01 to 32.`);
      return {
        cveEnt: r.cve_ent, name: r.name, shortName: r.short_name, population2020: r.population_2020,
        populationMale2020: r.population_male_2020, populationFemale2020: r.population_female_2020, areaKm2: r.area_km2,
        municipalityCount: r.municipality_count, bbox: r.bbox, sources: await sources(stateSources),
      };
    },

    async listMunicipalities(cveEnt: string, page: { q?: string | undefined; limit: number; offset: number }) {
      if (!(await repository.findState(cveEnt))) {
        throw new AppError('GEO.STATE_NOT_FOUND', `There is no state with code "${cveEnt}"; codes run from 01 to 32.`);
      }
      const folded = page.q ? foldForSearch(page.q) : null;
      const { rows, total } = await repository.listMunicipalities({ cveEnt, searchName: folded || null, limit: page.limit, offset: page.offset });
      return {
        items: rows.map((r) => ({
          cvegeo: r.cvegeo, cveEnt: r.cve_ent, cveMun: r.cve_mun, name: r.name, population2020: r.population_2020, areaKm2: r.area_km2, hasBoundary: r.has_boundary,
        })),
        total, limit: page.limit, offset: page.offset,
      };
    },

    async getMunicipality(cvegeo: string) {
      const r = await repository.findMunicipality(cvegeo);
      if (!r) throw new AppError('GEO.MUNICIPALITY_NOT_FOUND', `There is no municipality with CVEGEO "${cvegeo}" (5 digits: state + municipality).`);
      const hasBoundary = r.boundary_vintage !== null;
      return {
        cvegeo: r.cvegeo, cveEnt: r.cve_ent, cveMun: r.cve_mun, name: r.name, stateName: r.state_name, seatName: r.seat_name,
        population2020: r.population_2020, households2020: r.households_2020, areaKm2: r.area_km2, hasBoundary,
        boundaryVintage: r.boundary_vintage, catalogueVintage: r.catalogue_vintage, bbox: r.bbox,
        notes: municipalityNotes({ hasBoundary, population2020: r.population_2020 }),
        sources: await sources(municipalSources),
      };
    },

    async search(q: string, limit: number) {
      const folded = foldForSearch(q);
      if (folded.length < 2) {
        throw new AppError('PLATFORM.VALIDATION_FAILED', 'Type at least 2 letters or digits to search.', [{ path: '/q', message: 'too short' }]);
      }
      const rows = await repository.search(folded, limit);
      return {
        items: rows.map((r) => ({
          type: r.type, code: r.code, name: r.name, stateName: r.state_name, population2020: r.population_2020,
          center: r.lon === null || r.lat === null ? null : [r.lon, r.lat] as [number, number],
        })),
        total: rows[0]?.total ?? 0,
      };
    },

    async locate(lat: number, lon: number) {
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        throw new AppError('GEO.INVALID_COORDINATES', 'lat must be within ±90 and lon within ±180 (decimal degrees, WGS84).');
      }
      const hit = inBbox(lat, lon) ? await repository.locate(lat, lon, locateToleranceKm) : null;
      if (!hit) {
        const hint = inBbox(lon, lat)
          ? ' Latitude and longitude may be swapped.'
          : inBbox(lat, -lon)
            ? ` Longitudes in Mexico are negative (west); did you mean lon=${-lon}?`
            : '';
        throw new AppError('GEO.POINT_OUTSIDE_COVERAGE', `(${lat}, ${lon}) is not inside Mexico.${hint}`);
      }
      const notes: string[] = [];
      if (hit.method === 'nearest') notes.push('assigned_to_nearest_boundary');
      if (hit.method === 'state') notes.push('no_municipal_boundary_here');
      if (hit.cvegeo && hit.name === null) notes.push('boundary_not_in_catalogue');
      if ((await repository.countStatesWithoutBoundaryMunicipalities(hit.cve_ent)) > 0) notes.push('state_has_municipalities_without_boundary');
      return {
        state: { cveEnt: hit.cve_ent, name: hit.state_name },
        municipality: hit.cvegeo ? { cvegeo: hit.cvegeo, name: hit.name ?? hit.boundary_name } : null,
        method: hit.method,
        distanceKm: hit.distanceKm === null ? null : Math.round(hit.distanceKm * 1000) / 1000,
        boundaryVintage: hit.vintage ?? municipalBoundaryVintage,
        notes,
      };
    },

    /** The import pipeline's check that points fall in Mexico (or the US, for kinds that cover it), or were swapped. */
    checkPoints: (async (points, area) => (await checkAndPlacePoints(points, area)).map((r) => r.problem)) satisfies PointChecker,

    /** {@link checkAndPlacePoints}: the pipeline's check, with each accepted point's place when the boundaries cover it. */
    checkAndPlacePoints: checkAndPlacePoints satisfies PointPlacer,
  };
}

export type GeoService = ReturnType<typeof createGeoService>;
