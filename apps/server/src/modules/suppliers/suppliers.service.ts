import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { citeSource } from '../../platform/sources.js';
import type { Principal } from '../accounts/accounts.domain.js';
import type { ScianLookup } from './import/scian.js';
import { createComponent, shippedCatalogueProvenance, updateComponent, type ComponentInput } from './suppliers.catalogue.js';
import type { SupplierClusterService } from './suppliers.clusters.js';
import {
  cappedNotice, csvLines, exportBatchSize, exportRowLimit, geoJsonFeature, jsonDocument, publicFields, type Cite, type PublicFields,
} from './suppliers.export.js';
import type { ComponentCoverageRow, ComponentRow, EstablishmentSummaryRow, FacetCountRow, SuppliersRepository } from './suppliers.repository.js';
import {
  emptyFilter, facetNames, filterKey, isEmptyFilter, parseEstablishmentQuery, selectedValues, VersionedCache, withoutFacet, type DataVersion, type EstablishmentFilter,
  type FacetName, type RawEstablishmentQuery, type SortOrder,
} from './suppliers.search.js';
import { nationalItem, statsCsv, statsItems, statsMethod, type StatsGroupBy } from './suppliers.stats.js';
import {
  certifications, componentGroups, employeeStrata, evReadiness, processes, sizeClasses, tiers,
} from './suppliers.taxonomy.js';

const trim = (v: string | null | undefined) => (v == null ? null : String(v).trimEnd());
const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const today = () => new Date().toISOString().slice(0, 10);

/** A legal entity's RFC (12 characters) is public; a person's (13) is personal data and is never shown. */
const publicRfc = (rfc: string | null) => (rfc && rfc.length === 12 ? rfc : null);

/** Provenance as published: the declaring user's id stays inside. */
function publicProvenance(p: unknown): Record<string, unknown> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'userId').map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return (strip(parseJson<Record<string, unknown>>(p) ?? {}) ?? {}) as Record<string, unknown>;
}

/** Every data source id a provenance document names (`source` at any depth). */
function sourceIdsOf(p: unknown, into = new Set<string>()): Set<string> {
  const v = parseJson<unknown>(p);
  if (Array.isArray(v)) v.forEach((x) => sourceIdsOf(x, into));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' && typeof x === 'string') into.add(x);
      else if (x && typeof x === 'object') sourceIdsOf(x, into);
    }
  }
  return into;
}

export function createSuppliersService(deps: {
  db: Db; repository: SuppliersRepository; clusters: SupplierClusterService; scian: ScianLookup;
  /** Largest export (rows); tests lower it. */
  exportRowLimit?: number;
  /** Size of the directory's cache of counts and pages (see `VersionedCache`). */
  cacheWeight?: number;
}) {
  const { db, repository, scian } = deps;
  const rowLimit = deps.exportRowLimit ?? exportRowLimit;
  const cache = new VersionedCache(deps.cacheWeight);

  /** Folds a log in the background, one fold at a time; a failed fold is retried by a later read. */
  const folding = new Map<string, Promise<void>>();
  function fold(name: string, run: () => Promise<void>) {
    if (folding.has(name)) return;
    folding.set(name, run().catch(() => {}).finally(() => folding.delete(name)));
  }

  /** The data version now (one small read); folds the version log when it has grown. */
  async function currentVersion(): Promise<DataVersion> {
    const { version, pending } = await repository.version();
    if (pending >= repository.versionLogFoldAt) fold('version', () => repository.foldVersionLog());
    return version;
  }

  /**
   * `compute` in one snapshot, cached under the version that snapshot saw: what the cache
   * returns is exactly what the query gives at that version.
   */
  async function cached<T>(version: DataVersion, key: string, compute: (ex: typeof db) => Promise<T>): Promise<T> {
    const hit = cache.get<T>(version, key);
    if (hit !== undefined) return hit;
    return cache.shared(version, key, async () => {
      const { version: at, value } = await repository.inSnapshot(compute);
      cache.set(at, key, value);
      return value;
    });
  }

  /**
   * The sources of the directory's figures (data sources recorded on the establishments,
   * folded ones included) and the date of the newest data; `citeFor` cites one record.
   */
  async function provenance(extra: string[] = [], version?: DataVersion) {
    const [present, newest] = await Promise.all([
      cached(version ?? (await currentVersion()), 'sources', (ex) => repository.sourcesPresent(ex)),
      repository.newestData(),
    ]);
    const ids = new Set<string>(extra);
    for (const p of present) {
      ids.add(p.prefix);
      if (p.source_id) ids.add(p.source_id);
    }
    const rows = await repository.dataSources([...ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const cites = new Map<string, Cite>();
    for (const p of present) {
      const found = (p.source_id ? byId.get(p.source_id) : undefined) ?? byId.get(p.prefix);
      if (found && !cites.has(p.prefix)) cites.set(p.prefix, { source: found.attribution || found.name, licence: found.licence || null });
    }
    return {
      sources: rows.map(citeSource),
      asOf: newest ? newest.toISOString() : null,
      citeFor: (prefix: string): Cite => cites.get(prefix) ?? { source: prefix, licence: null },
    };
  }

  async function parse(raw: RawEstablishmentQuery) {
    const codes = raw.component !== undefined ? await repository.componentCodes() : [];
    return parseEstablishmentQuery(raw, codes);
  }

  const item = (r: EstablishmentSummaryRow) => ({
    id: r.id, name: r.name, companyId: r.company_id, legalName: r.legal_name, scian: r.scian, scianTitle: scian.titleOf(r.scian),
    cveEnt: trim(r.cve_ent), stateName: r.state_name, cvegeo: trim(r.cvegeo), municipalityName: r.municipality_name, lat: r.lat, lon: r.lon,
    tiers: r.tiers ?? [], processes: r.processes ?? [], components: r.components ?? [],
    certifications: (parseJson<SupplierCertification[]>(r.certifications) ?? []).filter((c) => !c.expiresOn || c.expiresOn >= today()).map((c) => c.code),
    sizeClass: r.size_class, employeesStratum: r.employees_stratum, evReadiness: r.ev_readiness, source: r.source,
    ...(r.distance_km !== undefined ? { distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 1000) / 1000 } : {}),
  });

  /** One count the directory answers: the total of a filter, or one facet's counts over the rows it counts. */
  interface CountNeed {
    key: string;
    facet: FacetName | 'total';
    base: EstablishmentFilter;
  }
  type Counted = number | Array<[string, number]>;

  /** The cache entries a filter's counts come from; a selected facet counts the rows of the other filters (drill-down). */
  function countNeeds(filter: EstablishmentFilter, withFacets: boolean): CountNeed[] {
    const needs: CountNeed[] = [{ key: `total|${filterKey(filter)}`, facet: 'total', base: filter }];
    if (withFacets) {
      for (const facet of facetNames) {
        const base = selectedValues(filter, facet).length > 0 ? withoutFacet(filter, facet) : filter;
        needs.push({ key: `facet|${facet}|${filterKey(base)}`, facet, base });
      }
    }
    return needs;
  }

  /** Rows of a facet statement (or the summary) as cache entries: the total and each facet's value counts. */
  function entriesOf(rows: FacetCountRow[]) {
    const total = rows.find((r) => r.facet === 'total')?.n ?? 0;
    const byFacet = new Map<string, Array<[string, number]>>();
    for (const r of rows) {
      if (r.facet === 'total' || r.value === null) continue;
      let list = byFacet.get(r.facet);
      if (!list) byFacet.set(r.facet, (list = []));
      list.push([String(r.value).trimEnd(), r.n]);
    }
    return { total, of: (facet: FacetName) => byFacet.get(facet) ?? [] };
  }

  /** The whole directory's counts, from the summary the writes keep (no scan). */
  function summaryCounts(version: DataVersion): Promise<Map<string, Counted>> {
    return cache.shared(version, 'summary', async () => {
      const { version: at, value } = await repository.inSnapshot((ex) => repository.facetSummary(ex));
      if (value.deltaRows >= repository.facetSummaryFoldAt) fold('summary', () => repository.foldFacetSummary());
      const { total, of } = entriesOf(value.rows);
      const out = new Map<string, Counted>();
      for (const n of countNeeds(emptyFilter(), true)) out.set(n.key, n.facet === 'total' ? total : of(n.facet));
      for (const [key, v] of out) cache.set(at, key, v);
      return out;
    });
  }

  /** Counts not cached, in one statement (one snapshot) over the filter's rows. */
  function liveCounts(version: DataVersion, filter: EstablishmentFilter, needs: CountNeed[]): Promise<Map<string, Counted>> {
    const facets = needs.flatMap((n) => (n.facet === 'total' ? [] : [n.facet]));
    const total = needs.some((n) => n.facet === 'total');
    return cache.shared(version, `live|${filterKey(filter)}|${total}|${facets.join(',')}`, async () => {
      const out = new Map<string, Counted>();
      const { version: at, value: rows } = await repository.inSnapshot(async (ex) => (facets.length > 0
        ? repository.facets(filter, { facets, total }, ex)
        : [{ facet: 'total', value: null, n: await repository.count(filter, ex) }]));
      const counted = entriesOf(rows);
      for (const n of needs) out.set(n.key, n.facet === 'total' ? counted.total : counted.of(n.facet));
      for (const [key, v] of out) cache.set(at, key, v);
      return out;
    });
  }

  /** The total and (when asked) the facet counts of a filter: from the cache, the summary, or one statement for what is missing. */
  async function countsOf(version: DataVersion, filter: EstablishmentFilter, withFacets: boolean) {
    const needs = countNeeds(filter, withFacets);
    const found = new Map<string, Counted>();
    const missing = needs.filter((n) => {
      const hit = cache.get<Counted>(version, n.key);
      if (hit !== undefined) found.set(n.key, hit);
      return hit === undefined;
    });
    const fromSummary = missing.filter((n) => isEmptyFilter(n.base));
    const live = missing.filter((n) => !isEmptyFilter(n.base));
    const computed = await Promise.all([
      fromSummary.length > 0 ? summaryCounts(version) : null,
      live.length > 0 ? liveCounts(version, filter, live) : null,
    ]);
    for (const m of computed) if (m) for (const n of missing) if (m.has(n.key)) found.set(n.key, m.get(n.key)!);
    const total = found.get(needs[0]!.key) as number;
    if (!withFacets) return { total, facets: undefined };
    const facets = Object.fromEntries(needs.slice(1).map((n) => [n.facet, new Map(found.get(n.key) as Array<[string, number]>)])) as Record<FacetName, Map<string, number>>;
    return { total, facets };
  }

  /**
   * State and municipality names for the facets, read whole (one small read) and kept a minute:
   * an unfiltered directory lists some 2,500 areas, and names change only with reference data.
   */
  let areaNames: { at: number; names: Promise<Map<string, string>> } | null = null;
  function namesOfAreas() {
    if (!areaNames || Date.now() - areaNames.at > 60_000) {
      const names = repository.allAreaNames();
      areaNames = { at: Date.now(), names };
      names.catch(() => { areaNames = null; });
    }
    return areaNames.names;
  }

  /** Facet counts keyed by facet, selected values always present; states and municipalities named. */
  async function facetsOf(filter: EstablishmentFilter, counted: Record<FacetName, Map<string, number>>) {
    const facets = Object.fromEntries(facetNames.map((f) => [f, new Map(counted[f])])) as Record<FacetName, Map<string, number>>;
    for (const f of facetNames) for (const v of selectedValues(filter, f)) if (!facets[f].has(v)) facets[f].set(v, 0);
    const names = await namesOfAreas();
    const out = Object.fromEntries(facetNames.map((f) => [f, [...facets[f]]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([value, count]) => ({ value, count, ...(f === 'state' || f === 'municipality' ? { name: names.get(value) ?? null } : {}) }))]));
    return out as Record<FacetName, Array<{ value: string; count: number; name?: string | null }>>;
  }

  /**
   * One page, cached per version (a broad relevance sort ranks every match once per version).
   * Any write to the establishments changes the version, so a cached row is the row as it is;
   * only the area names, read apart, are refreshed.
   */
  async function pageOf(version: DataVersion, filter: EstablishmentFilter, sort: SortOrder, limit: number, offset: number) {
    const key = `page|${filterKey(filter)}|${sort}|${limit}|${offset}`;
    const rows = await cached(version, key, (ex) => repository.page(filter, sort, limit, offset, ex));
    const names = await namesOfAreas();
    return rows.map((r) => ({
      ...r,
      state_name: r.cve_ent ? names.get(String(r.cve_ent).trimEnd()) ?? r.state_name : r.state_name,
      municipality_name: r.cvegeo ? names.get(String(r.cvegeo).trimEnd()) ?? r.municipality_name : r.municipality_name,
    }));
  }

  async function search(filter: EstablishmentFilter, sort: SortOrder, page: { limit: number; offset: number }, withFacets: boolean) {
    const version = await currentVersion();
    const [rows, counted, cited] = await Promise.all([
      pageOf(version, filter, sort, page.limit, page.offset),
      countsOf(version, filter, withFacets),
      provenance([], version),
    ]);
    const facets = counted.facets ? await facetsOf(filter, counted.facets) : undefined;
    return {
      items: rows.map(item), total: counted.total, limit: page.limit, offset: page.offset, sort, ...(facets ? { facets } : {}),
      sources: cited.sources, asOf: cited.asOf,
    };
  }

  /** The filtered establishments batch by batch in (name, id) order, up to the export cap. */
  async function* batches(filter: EstablishmentFilter): AsyncGenerator<EstablishmentSummaryRow[]> {
    let after: { name: string; id: string } | null = null;
    let sent = 0;
    while (sent < rowLimit) {
      const limit = Math.min(exportBatchSize, rowLimit - sent);
      const rows = await repository.exportBatch(filter, after, limit);
      if (rows.length === 0) return;
      yield rows;
      sent += rows.length;
      if (rows.length < limit) return;
      const last = rows[rows.length - 1]!;
      after = { name: last.name, id: last.id };
    }
  }

  async function exportOf(raw: RawEstablishmentQuery) {
    const { filter } = await parse(raw);
    const version = await currentVersion();
    const [{ total }, cited] = await Promise.all([countsOf(version, filter, false), provenance([], version)]);
    const capped = total > rowLimit;
    async function* rows(): AsyncGenerator<PublicFields[]> {
      for await (const batch of batches(filter)) yield batch.map((r) => publicFields(r, scian.titleOf(r.scian), cited.citeFor(r.source), cited.asOf));
    }
    return { total, capped, limit: rowLimit, notice: capped ? cappedNotice(rowLimit, total) : null, cited, rows };
  }

  function coverageOf(c: ComponentRow, cov: ComponentCoverageRow | undefined) {
    const states = (cov?.states ?? []).map((s) => String(s).trimEnd());
    return {
      code: c.code, group: c.component_group, evSpecific: c.ev_specific, nameEs: c.name_es, nameEn: c.name_en,
      descriptionEs: c.description_es, descriptionEn: c.description_en, hsCodes: c.hs_codes ?? [], retired: c.retired,
      establishments: cov?.establishments ?? 0, companies: cov?.companies ?? 0, states, statesCount: states.length, tiers: cov?.by_tier ?? {},
      byState: cov?.by_state ?? {},
      hasDomesticSupplier: (cov?.domestic_establishments ?? 0) > 0,
    };
  }

  const service = {
    async listEstablishments(raw: RawEstablishmentQuery & { facets?: boolean }, page: { limit: number; offset: number }) {
      const { filter, sort } = await parse(raw);
      return search(filter, sort, page, raw.facets === true);
    },

    async getEstablishment(principal: Principal | null, id: string) {
      const e = await repository.findEstablishment(id);
      if (!e) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `The census has no establishment ${id}.`);
      const [company, folded, canonical] = await Promise.all([
        e.company_id ? repository.findCompany(e.company_id) : Promise.resolve(null),
        repository.foldedInto(e.id),
        e.merged_into ? repository.establishmentName(e.merged_into) : Promise.resolve(null),
      ]);
      const sourceIds = sourceIdsOf(e.provenance, new Set([e.source]));
      for (const f of folded) sourceIdsOf(f.provenance, sourceIds.add(f.source));
      const [sources, newest] = await Promise.all([repository.dataSources([...sourceIds]), repository.newestData()]);
      const byId = new Map(sources.map((s) => [s.id, s]));
      const citeOf = (prefix: string, p: unknown): Cite => {
        const recordSource = (parseJson<Record<string, any>>(p) ?? {}).record?.source as string | undefined;
        const s = (recordSource ? byId.get(recordSource) : undefined) ?? byId.get(prefix);
        return s ? { source: s.attribution || s.name, licence: s.licence || null } : { source: prefix, licence: null };
      };
      const t = today();
      const contactHidden = !e.contact_consent ? 'no_consent' : !principal ? 'sign_in' : null;
      return {
        id: e.id, source: e.source, origin: e.origin, name: e.name, legalName: e.legal_name, rfc: publicRfc(e.rfc),
        company: company
          ? {
              id: company.id, legalName: company.legal_name, tradeNames: company.trade_names ?? [], rfc: publicRfc(company.rfc), sizeClass: company.size_class,
              ownershipCountry: company.ownership_country,
            }
          : null,
        // Managed: a moderator approved a claim (or the company registered itself), so the company keeps this record.
        managed: company?.organisation_id != null,
        address: {
          street: e.street, exteriorNumber: e.exterior_number, neighbourhood: e.neighbourhood, postalCode: e.postal_code, locality: e.locality,
          industrialPark: e.industrial_park, municipalityAsGiven: e.municipality_as_given, stateAsGiven: e.state_as_given, cvegeoAsGiven: trim(e.cvegeo_as_given),
        },
        lat: e.lat, lon: e.lon, cveEnt: trim(e.cve_ent), stateName: e.state_name, cvegeo: trim(e.cvegeo), municipalityName: e.municipality_name,
        locationFlags: e.location_flags ?? [],
        scian: e.scian, scianTitle: scian.titleOf(e.scian),
        employeesStratum: e.employees_stratum, sizeClass: e.size_class, tiers: e.tiers ?? [], processes: e.processes ?? [], components: e.components ?? [],
        certifications: (parseJson<SupplierCertification[]>(e.certifications) ?? []).map((c) => ({
          code: c.code, expiresOn: c.expiresOn ?? null, certificateId: c.certificateId ?? null, issuer: c.issuer ?? null, expired: !!c.expiresOn && c.expiresOn < t,
        })),
        oemCustomers: e.oem_customers ?? [], exportMarkets: e.export_markets ?? [], evReadiness: e.ev_readiness,
        registeredOn: e.registered_on ? String(e.registered_on instanceof Date ? e.registered_on.toISOString().slice(0, 10) : e.registered_on) : null,
        // A folded record still answers (old links keep working) and points to the record that now stands for the plant.
        mergedInto: canonical ? { id: canonical.id, name: canonical.name } : null,
        alsoReportedBy: folded.map((f) => {
          const cite = citeOf(f.source, f.provenance);
          return { id: f.id, source: f.source, name: f.name, attribution: cite.source, licence: cite.licence };
        }),
        contact: principal && e.contact_consent ? { phone: e.phone, email: e.email, website: e.website ?? company?.website ?? null } : null,
        contactHidden,
        provenance: publicProvenance(e.provenance),
        cite: citeOf(e.source, e.provenance),
        sources: sources.map(citeSource),
        asOf: newest ? newest.toISOString() : null,
        updatedAt: new Date(e.updated_at).toISOString(),
      };
    },

    async getCompany(id: string) {
      const company = await repository.findCompany(id);
      if (!company) throw new AppError('SUPPLIERS.COMPANY_NOT_FOUND', `The census has no company ${id}.`);
      const establishments = await repository.companyEstablishments(id);
      const sourceIds = sourceIdsOf(company.provenance);
      for (const e of establishments) {
        sourceIds.add(e.source);
        if (e.record_source) sourceIds.add(e.record_source);
      }
      const [sources, newest] = await Promise.all([repository.dataSources([...sourceIds]), repository.newestData()]);
      return {
        id: company.id, legalName: company.legal_name, tradeNames: company.trade_names ?? [], rfc: publicRfc(company.rfc), sizeClass: company.size_class,
        ownershipCountry: company.ownership_country, managed: company.organisation_id != null, provenance: publicProvenance(company.provenance),
        establishments: establishments.map(item), total: establishments.length, sources: sources.map(citeSource), asOf: newest ? newest.toISOString() : null,
      };
    },

    async taxonomy() {
      const components = await repository.components(false);
      return {
        tiers, processes, certifications, employeeStrata: employeeStrata.map(({ code, es, en }) => ({ code, es, en })), sizeClasses, evReadiness, componentGroups,
        components: components.map((c) => ({ code: c.code, group: c.component_group, evSpecific: c.ev_specific, es: c.name_es, en: c.name_en, hsCodes: c.hs_codes ?? [] })),
      };
    },

    /** The catalogue (recommendation 12) with its coverage; components nobody in Mexico declares have `hasDomesticSupplier: false`. */
    async components(options: { includeRetired: boolean }) {
      const version = await currentVersion();
      const [components, coverage, cited] = await Promise.all([
        repository.components(options.includeRetired),
        cached(version, 'coverage', (ex) => repository.componentCoverage(undefined, ex)),
        provenance([shippedCatalogueProvenance.source], version),
      ]);
      const byCode = new Map(coverage.map((c) => [c.code, c]));
      const items = components.map((c) => coverageOf(c, byCode.get(c.code)));
      return {
        items, total: items.length, withoutDomesticSupplier: items.filter((c) => !c.hasDomesticSupplier && !c.retired).map((c) => c.code),
        method: statsMethod, sources: cited.sources, asOf: cited.asOf,
      };
    },

    /** One component with its suppliers ("suppliers of this component near this plant": the same filters, `near` included). */
    async component(code: string, raw: RawEstablishmentQuery & { facets?: boolean }, page: { limit: number; offset: number }) {
      const c = await repository.findComponent(code);
      if (!c) throw new AppError('SUPPLIERS.COMPONENT_NOT_FOUND', `The catalogue has no component "${code}".`);
      const { filter, sort } = await parse({ ...raw, component: undefined });
      const version = await currentVersion();
      const [[coverage], suppliers] = await Promise.all([
        cached(version, `coverage|${code}`, (ex) => repository.componentCoverage(code, ex)),
        search({ ...filter, components: [code] }, sort, page, raw.facets === true),
      ]);
      const cited = await provenance([shippedCatalogueProvenance.source], version);
      return {
        ...coverageOf(c, coverage), provenance: publicProvenance(c.provenance), updatedAt: new Date(c.updated_at).toISOString(), suppliers,
        sources: cited.sources, asOf: cited.asOf,
      };
    },

    async createComponent(principal: Principal | null, input: ComponentInput) {
      const code = await createComponent(db, principal, input);
      return service.component(code, {}, { limit: 1, offset: 0 });
    },

    async updateComponent(principal: Principal | null, code: string, input: ComponentInput) {
      await updateComponent(db, principal, code, input);
      return service.component(code, {}, { limit: 1, offset: 0 });
    },

    async stats(groupBy: StatsGroupBy) {
      const version = await currentVersion();
      const [rows, national, states, components, cited] = await Promise.all([
        cached(version, `stats|${groupBy}`, (ex) => repository.stats(groupBy, ex)),
        cached(version, 'stats|national', (ex) => repository.stats('national', ex)),
        db.selectFrom('geo_state').select(['cve_ent', 'name']).execute(),
        groupBy === 'component' ? repository.components(true) : Promise.resolve([]),
        provenance(groupBy === 'component' ? [shippedCatalogueProvenance.source] : [], version),
      ]);
      const stateNames = new Map(states.map((s) => [String(s.cve_ent).trimEnd(), s.name]));
      const items = statsItems(groupBy, rows, { stateNames, components });
      return {
        groupBy, items, national: nationalItem(national[0]),
        ...(groupBy === 'component' ? { withoutDomesticSupplier: items.filter((i) => i.code && i.hasDomesticSupplier === false && !i.retired).map((i) => i.code!) } : {}),
        method: statsMethod, sources: cited.sources, asOf: cited.asOf,
      };
    },

    async statsCsv(groupBy: StatsGroupBy) {
      return statsCsv(await service.stats(groupBy));
    },

    async exportCsv(raw: RawEstablishmentQuery) {
      const x = await exportOf(raw);
      async function* body() {
        let header = true;
        for await (const batch of x.rows()) {
          yield csvLines(batch, header);
          header = false;
        }
        if (header) yield csvLines([], true);
      }
      return { ...x, body: body() };
    },

    async exportGeoJson(raw: RawEstablishmentQuery) {
      const x = await exportOf(raw);
      const head = `{"type":"FeatureCollection","total":${x.total},"truncated":${x.capped},"notice":${JSON.stringify(x.notice)},"asOf":${JSON.stringify(x.cited.asOf)},` +
        `"sources":${JSON.stringify(x.cited.sources)},"features":[`;
      return { ...x, body: jsonDocument(head, x.rows(), geoJsonFeature, ']}') };
    },

    async exportJson(raw: RawEstablishmentQuery) {
      const x = await exportOf(raw);
      const head = `{"total":${x.total},"truncated":${x.capped},"notice":${JSON.stringify(x.notice)},"asOf":${JSON.stringify(x.cited.asOf)},` +
        `"sources":${JSON.stringify(x.cited.sources)},"items":[`;
      return { ...x, body: jsonDocument(head, x.rows(), (r: PublicFields) => r, ']}') };
    },

    async clusters(raw: RawEstablishmentQuery, bbox: [number, number, number, number], zoom: number) {
      const { filter } = await parse(raw);
      return deps.clusters.clusters(filter, bbox, zoom);
    },
  };
  return service;
}

export type SuppliersService = ReturnType<typeof createSuppliersService>;
