import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import { foldForSearch } from '../../platform/text.js';
import { hasRole, type Principal } from '../accounts/accounts.domain.js';
import { groupByEvse, northAmericanStandards, sourceOfKey } from './charging.domain.js';
import { summarise, toLiveStatus } from '../live/live.domain.js';
import type { ChargingRepository, ExportLocationRow, LocationFilter, StatsRow } from './charging.repository.js';
import type { ClusterService } from './charging.clusters.js';
import { jsonDocument, toGeoJsonFeature, toOcpiLocation, type FeatureSource } from './charging.export.js';

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function createChargingService(deps: { db: Db; repository: ChargingRepository; clusters: ClusterService }) {
  const { db, repository } = deps;

  /**
   * Sources of every charging figure — the data sources actually present in the census
   * (by source-key prefix and recorded provenance) plus the population census — with the
   * date of the newest data behind them, and how to cite each record by its prefix.
   */
  async function provenance() {
    const present = await repository.sourcesPresent();
    const ids = new Set<string>(['inegi-censo-2020-states', 'inegi-municipalities-censo-2020']);
    // Registered locations (`reg:`) carry per-field provenance; their data source is `registration`.
    const sourceOfPrefix = (prefix: string) => (prefix === 'reg' ? 'registration' : prefix);
    for (const p of present) {
      ids.add(sourceOfPrefix(p.prefix));
      if (p.source_id) ids.add(p.source_id);
    }
    const rows = await db.selectFrom('data_source').selectAll().where('id', 'in', [...ids]).orderBy('id').execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const citeByPrefix = new Map<string, FeatureSource>();
    for (const p of present) {
      const found = (p.source_id ? byId.get(p.source_id) : undefined) ?? byId.get(sourceOfPrefix(p.prefix));
      citeByPrefix.set(p.prefix, found ? { source: found.attribution || found.name, licence: found.licence || null } : { source: p.prefix, licence: null });
    }
    const newest = await repository.newestData();
    return {
      sources: rows.map(citeSource),
      asOf: newest ? newest.toISOString() : null,
      citeFor: (sourceKey: string): FeatureSource => citeByPrefix.get(sourceOfKey(sourceKey)) ?? { source: sourceOfKey(sourceKey), licence: null },
    };
  }
  const published = async () => {
    const { sources, asOf } = await provenance();
    return { sources, asOf };
  };

  type LocationQuery = Omit<LocationFilter, 'includePrivate' | 'searchName'> & { q?: string | undefined };
  const filterFor = (principal: Principal | null, query: LocationQuery): LocationFilter => {
    const { q, ...filter } = query;
    // Private chargers are listed only for analysts and admins (recommendation 18 keeps them out of public view).
    return { ...filter, searchName: q ? foldForSearch(q) || undefined : undefined, includePrivate: hasRole(principal, 'analyst') };
  };

  /** The filtered locations batch by batch in list order, up to the export cap. */
  async function* exportBatches(filter: LocationFilter): AsyncGenerator<ExportLocationRow[]> {
    let after: { name: string; id: string } | null = null;
    let sent = 0;
    while (sent < csvRowLimit) {
      const limit = Math.min(exportBatchSize, csvRowLimit - sent);
      const rows = await repository.exportBatch(filter, after, limit);
      if (rows.length === 0) return;
      yield rows;
      sent += rows.length;
      if (rows.length < limit) return;
      const last = rows[rows.length - 1]!;
      after = { name: last.name, id: last.id };
    }
  }

  const service = {
    /**
     * One page of the filtered list, by `offset` or by an opaque `cursor` (which wins when
     * both are given); `nextCursor` continues after this page, `total` counts the whole list.
     */
    async listLocations(principal: Principal | null, query: LocationQuery, page: { limit: number; offset: number; cursor?: string | undefined }) {
      const after = page.cursor !== undefined ? decodeCursor(page.cursor) : null;
      const { rows, total, hasMore } = await repository.listLocations(filterFor(principal, query), { limit: page.limit, offset: page.offset, after });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({
          id: r.id, sourceKey: r.source_key, name: r.name, operatorName: r.operator_name, access: r.access, lifecycleStatus: r.lifecycle_status,
          lat: r.lat, lon: r.lon, cveEnt: r.cve_ent, cvegeo: r.cvegeo, stateName: r.state_name, municipalityName: r.municipality_name,
          uses: r.uses ?? [], connectorStandards: r.standards ?? [], maxPowerKw: r.max_power_kw, evseCount: r.evse_count,
        })),
        total,
        limit: page.limit,
        offset: after ? 0 : page.offset,
        nextCursor: hasMore && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      };
    },

    async getLocation(principal: Principal | null, id: string) {
      const found = await repository.findLocation(id);
      if (!found || (found.location.access === 'private' && !hasRole(principal, 'analyst'))) {
        throw new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no charging location ${id} that you can see.`);
      }
      const l = found.location;
      const evses = groupByEvse(
        found.connectors,
        (c) => ({
          evseUid: c.evse_uid, lifecycleStatus: c.lifecycle_status,
          liveStatus: c.live_status && c.live_status_at && c.live_received_at && c.live_source
            ? toLiveStatus({ status: c.live_status, status_at: c.live_status_at, received_at: c.live_received_at, source: c.live_source })
            : null,
        }),
        (c) => ({
          connectorId: c.connector_id, standard: c.standard, sourceCode: c.source_code, sourceLabel: c.source_label, format: c.format,
          powerType: c.power_type, maxVoltageV: c.max_voltage_v, maxAmperageA: c.max_amperage_a, maxElectricPowerKw: c.max_electric_power_kw,
          chargingLevel: c.charging_level, unknownStandard: c.standard === null,
        }),
      );
      return {
        id: l.id, sourceKey: l.source_key, name: l.name, address: l.address, city: l.city, postalCode: l.postal_code, countryCode: l.country_code,
        stateAsGiven: l.state_as_given, lat: l.lat, lon: l.lon, cveEnt: l.cve_ent, cvegeo: l.cvegeo, stateName: l.state_name, municipalityName: l.municipality_name,
        access: l.access, operatorName: l.operator_name, lifecycleStatus: l.lifecycle_status,
        lastVerifiedAt: l.last_verified_at ? new Date(l.last_verified_at).toISOString() : null, updatedAt: new Date(l.updated_at).toISOString(),
        evses, liveStatusSummary: summarise(evses), provenance: l.provenance, ...(await published()),
      };
    },

    async stats(groupBy: 'state' | 'municipality') {
      const [rows, populations, states] = await Promise.all([
        repository.stats(groupBy),
        groupBy === 'state'
          ? db.selectFrom('geo_state').select(['cve_ent as code', 'name', 'population_2020']).execute()
          : db.selectFrom('geo_municipality').select(['cvegeo as code', 'name', 'population_2020']).execute(),
        db.selectFrom('geo_state').select('population_2020').execute(),
      ]);
      const areas = new Map(populations.map((p) => [String(p.code).trimEnd(), p]));
      const items = rows.map((r) => {
        const code = r.code ? String(r.code).trimEnd() : null;
        const area = code ? areas.get(code) : undefined;
        return { code, name: area?.name ?? null, ...figures(r, area?.population_2020 ?? null) };
      });
      // Mexico as a whole: every location placed in a Mexican area (not the US side, not unplaced).
      const nationalPopulation = states.reduce((n, s) => n + (s.population_2020 ?? 0), 0) || null;
      const national = { code: 'MX', name: null, ...figures(sumStats(rows.filter((r) => r.code)), nationalPopulation) };
      return { groupBy, items, national, method: statsMethod, ...(await published()) };
    },

    /** The standards dashboard (recommendation 19): national connectors by standard, OCPP, payment. */
    async standards() {
      const [rows, cited] = await Promise.all([repository.stats('state'), published()]);
      const n = sumStats(rows.filter((r) => r.code));
      const f = figures(n, null);
      return {
        publicLocations: f.publicLocations,
        connectors: f.connectors,
        connectorsByStandard: f.connectorsByStandard,
        northAmericanStandards: [...northAmericanStandards],
        northAmericanStandardConnectors: n.na_standard_connectors,
        northAmericanStandardShare: f.northAmericanStandardShare,
        ocpp: f.ocpp,
        paymentMethods: f.paymentMethods,
        paymentUndeclared: f.paymentUndeclared,
        method: standardsMethod,
        ...cited,
      };
    },

    clusters(principal: Principal | null, query: LocationQuery, bbox: [number, number, number, number], zoom: number) {
      return deps.clusters.clusters(filterFor(principal, query), bbox, zoom);
    },

    /** The filtered list as CSV, one row per location, each with its source and licence (read batch by batch, like the exports). */
    async locationsCsv(principal: Principal | null, query: LocationQuery) {
      const { asOf, citeFor } = await provenance();
      const rows: Array<Record<string, unknown>> = [];
      for await (const batch of exportBatches(filterFor(principal, query))) {
        for (const l of batch) {
          const cite = citeFor(l.source_key);
          rows.push({
            id: l.id, source_key: l.source_key, name: l.name, operator: l.operator_name, access: l.access, status: l.lifecycle_status, lat: l.lat, lon: l.lon,
            cve_ent: l.cve_ent, state: l.state_name, cvegeo: l.cvegeo, municipality: l.municipality_name, uses: (l.uses ?? []).join('|'),
            connector_standards: (l.standards ?? []).join('|'), max_power_kw: l.max_power_kw, evses: l.evse_count,
            source: cite.source, licence: cite.licence ?? '', as_of: asOf,
          });
        }
      }
      return stringify(rows, { header: true, columns: csvColumns });
    },

    /** The filtered list as a GeoJSON FeatureCollection, streamed batch by batch (same cap as the CSV). */
    async locationsGeoJson(principal: Principal | null, query: LocationQuery): Promise<AsyncIterable<string>> {
      const { asOf, citeFor } = await provenance();
      const head = `{"type":"FeatureCollection","asOf":${JSON.stringify(asOf)},"features":[`;
      return jsonDocument(head, exportBatches(filterFor(principal, query)), (row) => toGeoJsonFeature(row, citeFor(row.source_key), asOf), ']}');
    },

    /** The filtered list as a JSON array of OCPI 2.2.1 Location objects, streamed batch by batch. */
    async locationsOcpi(principal: Principal | null, query: LocationQuery): Promise<AsyncIterable<string>> {
      return jsonDocument('[', exportBatches(filterFor(principal, query)), toOcpiLocation, ']');
    },

    /** The statistics table as CSV, with the method, sources and date in every row; the national total last. */
    async statsCsv(groupBy: 'state' | 'municipality') {
      const s = await service.stats(groupBy);
      const all = [...s.items, s.national];
      const standards = [...new Set(all.flatMap((r) => Object.keys(r.connectorsByStandard)))].sort();
      const payments = [...new Set(all.flatMap((r) => Object.keys(r.paymentMethods)))].sort();
      const sourceText = s.sources.map((x) => x.attribution).join('; ');
      return stringify(
        all.map((r) => ({
          code: r.code, name: r.code === 'MX' ? 'México' : r.name, population_2020: r.population2020, public_locations: r.publicLocations,
          private_locations: r.privateLocations, evses: r.evses, connectors: r.connectors,
          ...Object.fromEntries(standards.map((k) => [`connectors_${k.toLowerCase()}`, r.connectorsByStandard[k] ?? 0])),
          installed_kw: r.installedKw, public_locations_per_100k: r.publicLocationsPer100k, dc_fast_share: r.dcFastShare,
          north_american_standard_share: r.northAmericanStandardShare, ocpp_declared_yes: r.ocpp.declaredYes, ocpp_declared_no: r.ocpp.declaredNo,
          ocpp_not_declared: r.ocpp.notDeclared, ocpp_share: r.ocpp.share,
          ...Object.fromEntries(payments.map((k) => [`payment_${k}`, r.paymentMethods[k] ?? 0])), payment_not_declared: r.paymentUndeclared,
          method: s.method, sources: sourceText, as_of: s.asOf,
        })),
        { header: true },
      );
    },

    /** The standards dashboard as CSV: one row per figure, each with method, sources and date. */
    async standardsCsv() {
      const s = await service.standards();
      const sourceText = s.sources.map((x) => x.attribution).join('; ');
      const rows: Array<{ table: string; item: string; value: number | null; share: number | null }> = [
        ...Object.entries(s.connectorsByStandard).sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => ({ table: 'connectors_by_standard', item: k, value: n, share: s.connectors > 0 ? round(n / s.connectors, 4) : null })),
        { table: 'north_american_standard', item: northAmericanStandards.join('|'), value: s.northAmericanStandardConnectors, share: s.northAmericanStandardShare },
        { table: 'ocpp', item: 'declared_yes', value: s.ocpp.declaredYes, share: s.ocpp.share },
        { table: 'ocpp', item: 'declared_no', value: s.ocpp.declaredNo, share: null },
        { table: 'ocpp', item: 'not_declared', value: s.ocpp.notDeclared, share: null },
        ...Object.entries(s.paymentMethods).sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => ({ table: 'payment_methods', item: k, value: n, share: s.publicLocations > 0 ? round(n / s.publicLocations, 4) : null })),
        { table: 'payment_methods', item: 'not_declared', value: s.paymentUndeclared, share: s.publicLocations > 0 ? round(s.paymentUndeclared / s.publicLocations, 4) : null },
      ];
      return stringify(rows.map((r) => ({ ...r, method: s.method, sources: sourceText, as_of: s.asOf })), { header: true });
    },
  };
  return service;
}

const csvColumns = ['id', 'source_key', 'name', 'operator', 'access', 'status', 'lat', 'lon', 'cve_ent', 'state', 'cvegeo', 'municipality', 'uses',
  'connector_standards', 'max_power_kw', 'evses', 'source', 'licence', 'as_of'];

/** Locations read per round trip while streaming an export. */
const exportBatchSize = 2000;

/** Largest CSV export of locations in one request. */
export const csvRowLimit = 100_000;

const statsMethod =
  'Public, not decommissioned locations not merged into another record; connectors counted per EVSE; installed kW is the sum of connector maximum power; ' +
  'per 100,000 inhabitants uses the 2020 census; DC fast includes ultra-fast (≥ 150 kW); the North American standard is J1772, CCS1 and NACS; ' +
  'the OCPP share is of the locations that declare OCPP support or its absence; private chargers are counted per area, never shown; ' +
  'the national row covers locations placed in a Mexican state.';
const standardsMethod =
  'Public, not decommissioned locations placed in a Mexican state, not merged into another record; connectors counted per EVSE and mapped to one vocabulary ' +
  '(UNKNOWN: a source code the census does not recognise); the North American standard is J1772, CCS1 and NACS; the OCPP share is of the locations that ' +
  'declare OCPP support or its absence; payment methods count locations offering each method.';

/** Sums area rows into one (national) row. */
function sumStats(rows: StatsRow[]): StatsRow {
  const total: StatsRow = {
    code: 'MX', locations: 0, private_locations: 0, evses: 0, connectors: 0, installed_kw: 0, dc_fast_connectors: 0, na_standard_connectors: 0,
    by_standard: {}, ocpp_yes: 0, ocpp_no: 0, ocpp_unknown: 0, payment_undeclared: 0, by_payment: {},
  };
  const add = (into: Record<string, number>, from: Record<string, number> | null) => {
    for (const [k, n] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + n;
  };
  for (const r of rows) {
    for (const k of ['locations', 'private_locations', 'evses', 'connectors', 'dc_fast_connectors', 'na_standard_connectors', 'ocpp_yes', 'ocpp_no', 'ocpp_unknown', 'payment_undeclared'] as const) {
      total[k] += r[k];
    }
    total.installed_kw = (total.installed_kw ?? 0) + (r.installed_kw ?? 0);
    add(total.by_standard!, r.by_standard);
    add(total.by_payment!, r.by_payment);
  }
  return total;
}

/** The published figures of one area row. */
function figures(r: StatsRow, population: number | null) {
  const declared = r.ocpp_yes + r.ocpp_no;
  return {
    population2020: population,
    publicLocations: r.locations,
    privateLocations: r.private_locations,
    evses: r.evses,
    connectors: r.connectors,
    connectorsByStandard: r.by_standard ?? {},
    installedKw: r.installed_kw === null ? 0 : round(r.installed_kw, 1),
    publicLocationsPer100k: population ? round((r.locations / population) * 100_000, 3) : null,
    dcFastShare: r.connectors > 0 ? round(r.dc_fast_connectors / r.connectors, 4) : null,
    northAmericanStandardShare: r.connectors > 0 ? round(r.na_standard_connectors / r.connectors, 4) : null,
    ocpp: { declaredYes: r.ocpp_yes, declaredNo: r.ocpp_no, notDeclared: r.ocpp_unknown, share: declared > 0 ? round(r.ocpp_yes / declared, 4) : null },
    paymentMethods: r.by_payment ?? {},
    paymentUndeclared: r.payment_undeclared,
  };
}

/** An opaque page cursor: the `(name, id)` of the last row shown, base64url-encoded JSON. */
export function encodeCursor(key: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([key.name, key.id]), 'utf8').toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function decodeCursor(cursor: string): { name: string; id: string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string' || !uuidPattern.test(key[1])) {
    throw new AppError('CHARGING.INVALID_CURSOR', 'The cursor is not one this list gave out; start again without a cursor.');
  }
  return { name: key[0], id: key[1] };
}

export type ChargingService = ReturnType<typeof createChargingService>;
