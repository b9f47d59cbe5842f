/**
 * Test data for the supplier census, made in code and labelled synthetic: establishments
 * written straight to the tables (as an import would leave them, placed from their point),
 * so that read-side, matching and claim tests need not go through an importer.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';
import { companyKey, nameKey, searchDocument } from './suppliers.domain.js';
import { placeEstablishments } from './suppliers.placement.js';

export interface EstablishmentFixture {
  sourceKey?: string;
  name?: string;
  legalName?: string | null;
  rfc?: string | null;
  lat?: number;
  lon?: number;
  cvegeoAsGiven?: string | null;
  scian?: string | null;
  employeesStratum?: string | null;
  sizeClass?: string | null;
  tiers?: string[];
  processes?: string[];
  components?: string[];
  certifications?: SupplierCertification[];
  evReadiness?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  contactConsent?: boolean;
  origin?: 'import' | 'registered';
  /** Extra words the directory should find the establishment by (labels of processes, products…). */
  searchWords?: string[];
}

/** Saltillo, Coahuila (05030): the default point, inside its municipality. */
export const saltillo = { lat: 25.4232, lon: -101.0053, cvegeo: '05030' } as const;

/**
 * Inserts synthetic establishments (and their companies, keyed like imports key them) and
 * places them. Returns their ids in order.
 */
export async function insertEstablishments(db: Db, fixtures: EstablishmentFixture[]): Promise<string[]> {
  const rows = fixtures.map((f, i) => {
    const name = f.name ?? `Planta sintética ${i + 1}`;
    const legalName = f.legalName === undefined ? `${name} S.A. de C.V.` : f.legalName;
    return {
      id: randomUUID(),
      source_key: f.sourceKey ?? `test:${randomUUID()}`,
      origin: f.origin ?? 'import',
      name,
      name_key: nameKey(name),
      legal_name: legalName,
      rfc: f.rfc ?? null,
      company_key: legalName ? companyKey({ rfc: f.rfc ?? null, legalName }) : null,
      search_document: searchDocument([name, legalName, ...(f.searchWords ?? [])]),
      lat: f.lat ?? saltillo.lat,
      lon: f.lon ?? saltillo.lon,
      cvegeo_as_given: f.cvegeoAsGiven ?? null,
      scian: f.scian ?? '336390',
      employees_stratum: f.employeesStratum ?? null,
      size_class: f.sizeClass ?? null,
      tiers: f.tiers ?? [],
      processes: f.processes ?? [],
      components: f.components ?? [],
      certifications: f.certifications ?? [],
      ev_readiness: f.evReadiness ?? null,
      phone: f.phone ?? null,
      email: f.email ?? null,
      website: f.website ?? null,
      contact_consent: f.contactConsent ?? false,
      provenance: { record: { source: 'test', method: 'manual' } },
    };
  });
  const companies = [...new Map(rows.filter((r) => r.company_key).map((r) => [r.company_key!, r])).values()];
  if (companies.length > 0) {
    await sql`
      insert into supplier_company (company_key, legal_name, name_key, rfc, provenance)
      select c.company_key, c.legal_name, c.name_key, c.rfc, '{"record":{"source":"test","method":"manual"}}'::jsonb
      from json_to_recordset(${JSON.stringify(companies.map((r) => ({ company_key: r.company_key, legal_name: r.legal_name, name_key: nameKey(r.legal_name!), rfc: r.rfc })))}::json)
        as c(company_key text, legal_name text, name_key text, rfc text)
      on conflict (company_key) do nothing`.execute(db);
  }
  await sql`
    insert into supplier_establishment (
      id, source_key, origin, company_id, name, name_key, legal_name, rfc, search_document, lat, lon, geom, cvegeo_as_given, scian,
      employees_stratum, size_class, tiers, processes, components, certifications, ev_readiness, phone, email, website, contact_consent,
      content_hash, provenance)
    select r.id, r.source_key, r.origin, c.id, r.name, r.name_key, r.legal_name, r.rfc, r.search_document, r.lat, r.lon,
      ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.cvegeo_as_given, r.scian, r.employees_stratum, r.size_class,
      array(select json_array_elements_text(r.tiers)), array(select json_array_elements_text(r.processes)),
      array(select json_array_elements_text(r.components)), r.certifications::jsonb, r.ev_readiness, r.phone, r.email, r.website,
      r.contact_consent, 'fixture', r.provenance::jsonb
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(
      id uuid, source_key text, origin text, company_key text, name text, name_key text, legal_name text, rfc text, search_document text,
      lat float8, lon float8, cvegeo_as_given text, scian text, employees_stratum text, size_class text, tiers json, processes json,
      components json, certifications json, ev_readiness text, phone text, email text, website text, contact_consent boolean, provenance json)
    left join supplier_company c on c.company_key = r.company_key`.execute(db);
  const ids = rows.map((r) => r.id);
  await placeEstablishments(db, ids);
  return ids;
}
