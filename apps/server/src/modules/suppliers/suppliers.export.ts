/**
 * Exports of the directory: CSV, GeoJSON and JSON of public fields only (never a phone, an
 * email, a website or a person's RFC, whatever the caller's role), streamed batch by batch
 * and capped; a capped export says so in its headers and, for the JSON forms, in the body.
 */
import { stringify } from 'csv-stringify/sync';
import type { EstablishmentSummaryRow } from './suppliers.repository.js';

/** Largest export in one request (rows). */
export const exportRowLimit = 100_000;
/** Rows read per round trip while streaming. */
export const exportBatchSize = 2000;

export interface Cite {
  source: string;
  licence: string | null;
}

const isoDate = (d: Date | string) => new Date(d).toISOString();
const heldCodes = (row: EstablishmentSummaryRow, today: string) =>
  (row.certifications ?? []).filter((c) => !c.expiresOn || c.expiresOn >= today).map((c) => c.code);

/** The public fields of one establishment, as every export writes them. */
export function publicFields(row: EstablishmentSummaryRow, scianTitle: string | null, cite: Cite, asOf: string | null) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    companyId: row.company_id,
    scian: row.scian,
    scianTitle,
    cveEnt: row.cve_ent ? String(row.cve_ent).trimEnd() : null,
    stateName: row.state_name,
    cvegeo: row.cvegeo ? String(row.cvegeo).trimEnd() : null,
    municipalityName: row.municipality_name,
    lat: row.lat,
    lon: row.lon,
    tiers: row.tiers ?? [],
    processes: row.processes ?? [],
    components: row.components ?? [],
    certifications: heldCodes(row, today),
    sizeClass: row.size_class,
    employeesStratum: row.employees_stratum,
    evReadiness: row.ev_readiness,
    source: cite.source,
    licence: cite.licence,
    updatedAt: isoDate(row.updated_at),
    asOf,
  };
}
export type PublicFields = ReturnType<typeof publicFields>;

export const csvColumns = [
  'id', 'name', 'legal_name', 'company_id', 'scian', 'scian_title', 'cve_ent', 'state', 'cvegeo', 'municipality', 'lat', 'lon', 'tiers', 'processes',
  'components', 'certifications', 'size_class', 'employees_stratum', 'ev_readiness', 'source', 'licence', 'updated_at', 'as_of',
] as const;

export function csvLines(rows: PublicFields[], withHeader: boolean): string {
  return stringify(
    rows.map((r) => ({
      id: r.id, name: r.name, legal_name: r.legalName, company_id: r.companyId, scian: r.scian, scian_title: r.scianTitle, cve_ent: r.cveEnt,
      state: r.stateName, cvegeo: r.cvegeo, municipality: r.municipalityName, lat: r.lat, lon: r.lon, tiers: r.tiers.join('|'),
      processes: r.processes.join('|'), components: r.components.join('|'), certifications: r.certifications.join('|'), size_class: r.sizeClass,
      employees_stratum: r.employeesStratum, ev_readiness: r.evReadiness, source: r.source, licence: r.licence ?? '', updated_at: r.updatedAt, as_of: r.asOf ?? '',
    })),
    { header: withHeader, columns: [...csvColumns] },
  );
}

export function geoJsonFeature(r: PublicFields) {
  const { lat, lon, ...properties } = r;
  return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties };
}

/** Writes a JSON document around a stream of items: head, items separated by commas, tail. */
export async function* jsonDocument<T>(head: string, items: AsyncIterable<T[]>, toJson: (item: T) => unknown, tail: string): AsyncGenerator<string> {
  yield head;
  let first = true;
  for await (const batch of items) {
    if (batch.length === 0) continue;
    yield (first ? '' : ',') + batch.map((item) => JSON.stringify(toJson(item))).join(',');
    first = false;
  }
  yield tail;
}

/** The notice a capped export carries. */
export const cappedNotice = (limit: number, total: number) =>
  `This export holds the first ${limit.toLocaleString('en')} of ${total.toLocaleString('en')} matching establishments (by name); narrow the filters to get the rest.`;
