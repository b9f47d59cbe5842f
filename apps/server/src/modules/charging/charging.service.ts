import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import { foldForSearch } from '../../platform/text.js';
import { hasRole, type Principal } from '../accounts/accounts.domain.js';
import type { ChargingRepository, LocationFilter } from './charging.repository.js';
import type { ClusterService } from './charging.clusters.js';

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function createChargingService(deps: { db: Db; repository: ChargingRepository; clusters: ClusterService }) {
  const { db, repository } = deps;

  /** Sources of every charging figure, with the date of the newest import behind them. */
  async function provenance() {
    const sources = await db.selectFrom('data_source').selectAll().where('id', 'in', ['ocm', 'inegi-censo-2020-states', 'inegi-municipalities-censo-2020']).orderBy('id').execute();
    const last = await sql<{ at: Date | null }>`select max(finished_at) as at from import_run where kind like 'charging.%' and status = 'completed'`.execute(db);
    return {
      sources: sources.map(citeSource),
      asOf: last.rows[0]?.at ? new Date(last.rows[0].at).toISOString() : null,
    };
  }

  type LocationQuery = Omit<LocationFilter, 'includePrivate' | 'searchName'> & { q?: string | undefined };
  const filterFor = (principal: Principal | null, query: LocationQuery): LocationFilter => {
    const { q, ...filter } = query;
    // Private chargers are listed only for analysts and admins (recommendation 18 keeps them out of public view).
    return { ...filter, searchName: q ? foldForSearch(q) || undefined : undefined, includePrivate: hasRole(principal, 'analyst') };
  };

  const service = {
    async listLocations(principal: Principal | null, query: LocationQuery, page: { limit: number; offset: number }) {
      const { rows, total } = await repository.listLocations(filterFor(principal, query), page);
      return {
        items: rows.map((r) => ({
          id: r.id, sourceKey: r.source_key, name: r.name, operatorName: r.operator_name, access: r.access, lifecycleStatus: r.lifecycle_status,
          lat: r.lat, lon: r.lon, cveEnt: r.cve_ent, cvegeo: r.cvegeo, stateName: r.state_name, municipalityName: r.municipality_name,
          connectorStandards: r.standards ?? [], maxPowerKw: r.max_power_kw, evseCount: r.evse_count,
        })),
        total,
        limit: page.limit,
        offset: page.offset,
      };
    },

    async getLocation(principal: Principal | null, id: string) {
      const found = await repository.findLocation(id);
      if (!found || (found.location.access === 'private' && !hasRole(principal, 'analyst'))) {
        throw new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no charging location ${id} that you can see.`);
      }
      const l = found.location;
      const evses = new Map<string, { evseUid: string; lifecycleStatus: string | null; connectors: unknown[] }>();
      for (const c of found.connectors) {
        const evse = evses.get(c.evse_uid) ?? { evseUid: c.evse_uid, lifecycleStatus: c.lifecycle_status, connectors: [] };
        evse.connectors.push({
          connectorId: c.connector_id, standard: c.standard, sourceCode: c.source_code, sourceLabel: c.source_label, format: c.format,
          powerType: c.power_type, maxVoltageV: c.max_voltage_v, maxAmperageA: c.max_amperage_a, maxElectricPowerKw: c.max_electric_power_kw,
          chargingLevel: c.charging_level, unknownStandard: c.standard === null,
        });
        evses.set(c.evse_uid, evse);
      }
      return {
        id: l.id, sourceKey: l.source_key, name: l.name, address: l.address, city: l.city, postalCode: l.postal_code, countryCode: l.country_code,
        stateAsGiven: l.state_as_given, lat: l.lat, lon: l.lon, cveEnt: l.cve_ent, cvegeo: l.cvegeo, stateName: l.state_name, municipalityName: l.municipality_name,
        access: l.access, operatorName: l.operator_name, lifecycleStatus: l.lifecycle_status,
        lastVerifiedAt: l.last_verified_at ? new Date(l.last_verified_at).toISOString() : null, updatedAt: new Date(l.updated_at).toISOString(),
        evses: [...evses.values()], provenance: l.provenance, ...(await provenance()),
      };
    },

    async stats(groupBy: 'state' | 'municipality') {
      const rows = await repository.stats(groupBy);
      const populations = groupBy === 'state'
        ? await db.selectFrom('geo_state').select(['cve_ent as code', 'name', 'population_2020']).execute()
        : await db.selectFrom('geo_municipality').select(['cvegeo as code', 'name', 'population_2020']).execute();
      const areas = new Map(populations.map((p) => [String(p.code).trimEnd(), p]));
      return {
        groupBy,
        items: rows.map((r) => {
          const area = r.code ? areas.get(String(r.code).trimEnd()) : undefined;
          const population = area?.population_2020 ?? null;
          return {
            code: r.code ? String(r.code).trimEnd() : null,
            name: area?.name ?? null,
            population2020: population,
            publicLocations: r.locations,
            evses: r.evses,
            connectors: r.connectors,
            connectorsByStandard: r.by_standard ?? {},
            installedKw: r.installed_kw === null ? 0 : round(r.installed_kw, 1),
            publicLocationsPer100k: population ? round((r.locations / population) * 100_000, 3) : null,
            dcFastShare: r.connectors > 0 ? round(r.dc_fast_connectors / r.connectors, 4) : null,
            northAmericanStandardShare: r.connectors > 0 ? round(r.na_standard_connectors / r.connectors, 4) : null,
          };
        }),
        method: 'Public, not decommissioned locations; connectors counted per EVSE; installed kW is the sum of connector maximum power; per 100,000 inhabitants uses the 2020 census; DC fast includes ultra-fast (≥ 150 kW); the North American standard is J1772, CCS1 and NACS.',
        ...(await provenance()),
      };
    },

    clusters(principal: Principal | null, query: LocationQuery, bbox: [number, number, number, number], zoom: number) {
      return deps.clusters.clusters(filterFor(principal, query), bbox, zoom);
    },

    /** The filtered list as CSV, one row per location, each with its source and licence. */
    async locationsCsv(principal: Principal | null, query: LocationQuery) {
      const { items } = await service.listLocations(principal, query, { limit: csvRowLimit, offset: 0 });
      const { sources, asOf } = await provenance();
      const ocm = sources.find((s) => s.id === 'ocm');
      return stringify(
        items.map((l) => ({
          id: l.id, source_key: l.sourceKey, name: l.name, operator: l.operatorName, access: l.access, status: l.lifecycleStatus, lat: l.lat, lon: l.lon,
          cve_ent: l.cveEnt, state: l.stateName, cvegeo: l.cvegeo, municipality: l.municipalityName, connector_standards: l.connectorStandards.join('|'),
          max_power_kw: l.maxPowerKw, evses: l.evseCount,
          source: l.sourceKey.startsWith('ocm:') ? ocm?.attribution ?? 'Open Charge Map' : l.sourceKey.split(':')[0], licence: l.sourceKey.startsWith('ocm:') ? ocm?.licence ?? '' : '',
          as_of: asOf,
        })),
        { header: true },
      );
    },

    /** The statistics table as CSV, with the method, sources and date in every row. */
    async statsCsv(groupBy: 'state' | 'municipality') {
      const s = await service.stats(groupBy);
      const standards = [...new Set(s.items.flatMap((r) => Object.keys(r.connectorsByStandard)))].sort();
      const sourceText = s.sources.map((x) => x.attribution).join('; ');
      return stringify(
        s.items.map((r) => ({
          code: r.code, name: r.name, population_2020: r.population2020, public_locations: r.publicLocations, evses: r.evses, connectors: r.connectors,
          ...Object.fromEntries(standards.map((k) => [`connectors_${k.toLowerCase()}`, r.connectorsByStandard[k] ?? 0])),
          installed_kw: r.installedKw, public_locations_per_100k: r.publicLocationsPer100k, dc_fast_share: r.dcFastShare,
          north_american_standard_share: r.northAmericanStandardShare, method: s.method, sources: sourceText, as_of: s.asOf,
        })),
        { header: true },
      );
    },
  };
  return service;
}

/** Largest CSV export of locations in one request. */
export const csvRowLimit = 100_000;

export type ChargingService = ReturnType<typeof createChargingService>;
