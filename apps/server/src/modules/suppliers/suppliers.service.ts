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
import type { ComponentCoverageRow, ComponentRow, EstablishmentSummaryRow, SuppliersRepository } from './suppliers.repository.js';
import {
  facetNames, parseEstablishmentQuery, selectedValues, type EstablishmentFilter, type FacetName, type RawEstablishmentQuery, type SortOrder,
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
}) {
  const { db, repository, scian } = deps;
  const rowLimit = deps.exportRowLimit ?? exportRowLimit;

  /**
   * The sources of the directory's figures (data sources recorded on the establishments,
   * folded ones included) and the date of the newest data; `citeFor` cites one record.
   */
  async function provenance(extra: string[] = []) {
    const present = await repository.sourcesPresent();
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
      cites.set(p.prefix, found ? { source: found.attribution || found.name, licence: found.licence || null } : { source: p.prefix, licence: null });
    }
    const newest = await repository.newestData();
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

  /** Facet counts keyed by facet, selected values always present; states and municipalities named. */
  async function facetsOf(filter: EstablishmentFilter) {
    const rows = await repository.facets(filter);
    const total = rows.find((r) => r.facet === 'total')?.n ?? 0;
    const facets = Object.fromEntries(facetNames.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
    for (const r of rows) if (r.facet !== 'total' && r.value !== null) facets[r.facet as FacetName].set(String(r.value).trimEnd(), r.n);
    for (const f of facetNames) for (const v of selectedValues(filter, f)) if (!facets[f].has(v)) facets[f].set(v, 0);
    const names = await repository.areaNames([...facets.state.keys()], [...facets.municipality.keys()]);
    const out = Object.fromEntries(facetNames.map((f) => [f, [...facets[f]]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([value, count]) => ({ value, count, ...(f === 'state' || f === 'municipality' ? { name: names.get(value) ?? null } : {}) }))]));
    return { total, facets: out as Record<FacetName, Array<{ value: string; count: number; name?: string | null }>> };
  }

  async function search(filter: EstablishmentFilter, sort: SortOrder, page: { limit: number; offset: number }, withFacets: boolean) {
    const [rows, counted] = await Promise.all([
      repository.page(filter, sort, page.limit, page.offset),
      withFacets ? facetsOf(filter) : repository.count(filter).then((total) => ({ total, facets: undefined })),
    ]);
    return { items: rows.map(item), total: counted.total, limit: page.limit, offset: page.offset, sort, ...(counted.facets ? { facets: counted.facets } : {}) };
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
    const [total, cited] = await Promise.all([repository.count(filter), provenance()]);
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
      const sources = await repository.dataSources([...sourceIds]);
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
        updatedAt: new Date(e.updated_at).toISOString(),
      };
    },

    async getCompany(id: string) {
      const company = await repository.findCompany(id);
      if (!company) throw new AppError('SUPPLIERS.COMPANY_NOT_FOUND', `The census has no company ${id}.`);
      const establishments = await repository.companyEstablishments(id);
      return {
        id: company.id, legalName: company.legal_name, tradeNames: company.trade_names ?? [], rfc: publicRfc(company.rfc), sizeClass: company.size_class,
        ownershipCountry: company.ownership_country, provenance: publicProvenance(company.provenance),
        establishments: establishments.map(item), total: establishments.length,
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
      const [components, coverage, cited] = await Promise.all([repository.components(options.includeRetired), repository.componentCoverage(), provenance([shippedCatalogueProvenance.source])]);
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
      const [coverage] = await repository.componentCoverage(code);
      const suppliers = await search({ ...filter, components: [code] }, sort, page, raw.facets === true);
      return { ...coverageOf(c, coverage), provenance: publicProvenance(c.provenance), updatedAt: new Date(c.updated_at).toISOString(), suppliers };
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
      const [rows, national, states, components, cited] = await Promise.all([
        repository.stats(groupBy),
        repository.stats('national'),
        db.selectFrom('geo_state').select(['cve_ent', 'name']).execute(),
        groupBy === 'component' ? repository.components(true) : Promise.resolve([]),
        provenance(groupBy === 'component' ? [shippedCatalogueProvenance.source] : []),
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
