import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { stringify as stableStringify } from 'safe-stable-stringify';
// Time-ordered ids: new rows land at the end of the primary-key index instead of random pages.
import { v7 as newId } from 'uuid';
import { auditInsert, prepareAudit, type Actor, type AuditEntry, type PreparedAudit } from '../../../platform/audit.js';
import { bulkRows } from '../../../platform/db/bulk-rows.js';
import type { Db } from '../../../platform/db/database.js';
import type { Provenance, SupplierCertification } from '../../../platform/db/schema.js';
import type { MergeContext, MergeOutcome, ValidRow } from '../../../platform/imports/import-kind.js';
import { sameValue } from '../../../platform/imports/upsert.js';
import { foldForSearch } from '../../../platform/text.js';
import { companyKey, nameKey, searchDocument } from '../suppliers.domain.js';
import { placementColumns, placementJoins } from '../suppliers.placement.js';
import { certifications as certificationVocabulary, componentCatalogue, processes as processVocabulary, tiers as tierVocabulary, type Labelled, type SizeClass } from '../suppliers.taxonomy.js';
import type { ScianLookup } from './scian.js';
import { yieldToEventLoop } from '../../../platform/event-loop.js';

/**
 * What every supplier importer produces, whatever its source (DENUE, RETC, the template):
 * one establishment (a plant) and, when the source names its legal owner, the company.
 * `null` means "the source does not say", never a default.
 */
export interface ImportedCompany {
  legalName: string;
  /** Already checked with `checkRfc`. */
  rfc: string | null;
  tradeNames: string[];
  sizeClass: SizeClass | null;
  /** ISO 3166-1 alpha-2. */
  ownershipCountry: string | null;
  website: string | null;
}

export interface ImportedEstablishment {
  /** `denue:<id>`, `retc:<nra>`, `template:<submitter slug>:<id>`. */
  sourceKey: string;
  name: string;
  /** Null when the source gives no legal name: such an establishment has no company. */
  company: ImportedCompany | null;
  street: string | null;
  exteriorNumber: string | null;
  neighbourhood: string | null;
  postalCode: string | null;
  locality: string | null;
  industrialPark: string | null;
  municipalityAsGiven: string | null;
  stateAsGiven: string | null;
  /** The municipality code the source gives (DENUE's cve_ent + cve_mun). */
  cvegeoAsGiven: string | null;
  /**
   * The state code the source's state name stands for, when it gives names and no codes
   * (RETC, the template): the merge then looks the municipality up by name within it.
   */
  cveEntAsGiven: string | null;
  lat: number;
  lon: number;
  scian: string | null;
  employeesStratum: '0-5' | '6-10' | '11-30' | '31-50' | '51-100' | '101-250' | '251+' | null;
  sizeClass: SizeClass | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: SupplierCertification[];
  oemCustomers: string[];
  exportMarkets: string[];
  evReadiness: 'makes_ev_parts' | 'could_convert' | 'not_yet' | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contactConsent: boolean;
  /** YYYY-MM-DD. */
  registeredOn: string | null;
}

/** Called with the establishments an import created or changed (the matcher). */
export type MatchEstablishments = (db: Db, establishmentIds: string[], actor: Actor) => Promise<unknown>;

/**
 * Bumped when what the merge derives from a record changes (search document, columns), so
 * that the next import rewrites records whose source did not change.
 */
const mergeVersion = 1;

export const contentHash = (e: ImportedEstablishment) =>
  createHash('sha256').update(`${mergeVersion}\n`).update(JSON.stringify(e)).digest('base64url');

const componentsByCode = new Map(componentCatalogue.map((c) => [c.code, c]));
const labels = (list: readonly Labelled[], codes: readonly string[]) =>
  codes.flatMap((code) => {
    const item = list.find((l) => l.code === code);
    return item ? [item.es, item.en] : [code];
  });

/** The folded text the directory searches: names, the SCIAN title, and the labels (es and en) of every facet. */
export function establishmentSearchDocument(
  e: Pick<ImportedEstablishment, 'name' | 'scian' | 'processes' | 'components' | 'tiers' | 'certifications'> & { legalName: string | null; tradeNames: readonly string[] },
  scian: ScianLookup,
): string {
  return searchDocument([
    e.name, e.legalName, ...e.tradeNames, scian.titleOf(e.scian),
    ...labels(processVocabulary, e.processes),
    ...e.components.flatMap((code) => {
      const c = componentsByCode.get(code);
      return c ? [c.es, c.en] : [code];
    }),
    ...labels(tierVocabulary, e.tiers),
    ...labels(certificationVocabulary, e.certifications.map((c) => c.code)),
  ]);
}

/** The establishment columns an import writes (besides id, source_key, company and provenance). */
interface EstablishmentColumns {
  name: string;
  name_key: string;
  legal_name: string | null;
  rfc: string | null;
  search_document: string;
  street: string | null;
  exterior_number: string | null;
  neighbourhood: string | null;
  postal_code: string | null;
  locality: string | null;
  industrial_park: string | null;
  municipality_as_given: string | null;
  state_as_given: string | null;
  cvegeo_as_given: string | null;
  lat: number;
  lon: number;
  scian: string | null;
  employees_stratum: string | null;
  size_class: string | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: SupplierCertification[];
  oem_customers: string[];
  export_markets: string[];
  ev_readiness: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contact_consent: boolean;
  registered_on: string | null;
}

const structured = new Set<keyof EstablishmentColumns>(['tiers', 'processes', 'components', 'certifications', 'oem_customers', 'export_markets']);
/** Columns that follow another when it is kept: the point is one value, the name key follows the name. */
const followers: Partial<Record<keyof EstablishmentColumns, keyof EstablishmentColumns>> = { lon: 'lat', name_key: 'name' };
const pointAliases = new Set(['lat', 'lon', 'geom', 'point', 'location', 'latitude', 'longitude']);

function columnsOf(e: ImportedEstablishment, scian: ScianLookup): EstablishmentColumns {
  const legalName = e.company?.legalName ?? null;
  return {
    name: e.name,
    name_key: nameKey(e.name),
    legal_name: legalName,
    rfc: e.company?.rfc ?? null,
    search_document: establishmentSearchDocument({ ...e, legalName, tradeNames: e.company?.tradeNames ?? [] }, scian),
    street: e.street,
    exterior_number: e.exteriorNumber,
    neighbourhood: e.neighbourhood,
    postal_code: e.postalCode,
    locality: e.locality,
    industrial_park: e.industrialPark,
    municipality_as_given: e.municipalityAsGiven,
    state_as_given: e.stateAsGiven,
    cvegeo_as_given: e.cvegeoAsGiven,
    lat: e.lat,
    lon: e.lon,
    scian: e.scian,
    employees_stratum: e.employeesStratum,
    size_class: e.sizeClass,
    tiers: e.tiers,
    processes: e.processes,
    components: e.components,
    certifications: e.certifications,
    oem_customers: e.oemCustomers,
    export_markets: e.exportMarkets,
    ev_readiness: e.evReadiness,
    phone: e.phone,
    email: e.email,
    website: e.website,
    contact_consent: e.contactConsent,
    registered_on: e.registeredOn,
  };
}

/** Provenance methods of machine-made values; every other method is a person's word. */
const importedMethods = new Set(['import', 'derived']);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The columns a re-import must leave as they are: those a person wrote (a company declaring
 * its claimed plant — provenance method 'declared by company' —, an admin correcting it, any
 * method but 'import' and 'derived'), and those another source filled in when a matching
 * record was folded into this one, while this source still has nothing for them.
 * Provenance keys are column names (camelCase spellings are accepted too).
 */
export function keptColumns(provenance: Record<string, Provenance | undefined>, incoming: EstablishmentColumns): Set<keyof EstablishmentColumns> {
  const kept = new Set<keyof EstablishmentColumns>();
  for (const [rawKey, entry] of Object.entries(provenance ?? {})) {
    if (rawKey === 'record' || !entry) continue;
    const key = snakeCase(rawKey);
    const columns = (pointAliases.has(key) ? ['lat', 'lon'] : [key]) as Array<keyof EstablishmentColumns>;
    for (const column of columns) {
      if (!(column in incoming)) continue;
      if (!importedMethods.has(String(entry.method)) || isEmpty(incoming[column])) kept.add(column);
    }
  }
  for (const [follower, leader] of Object.entries(followers) as Array<[keyof EstablishmentColumns, keyof EstablishmentColumns]>) {
    if (kept.has(leader)) kept.add(follower);
  }
  return kept;
}

const same = (column: keyof EstablishmentColumns, a: unknown, b: unknown) =>
  structured.has(column) ? stableStringify(a ?? null) === stableStringify(b ?? null) : sameValue(a, b);

interface CompanyRow {
  id: string;
  company_key: string;
  rfc: string | null;
  size_class: string | null;
  ownership_country: string | null;
  website: string | null;
  trade_names: string[];
  organisation_id: string | null;
}

/** A changed record as it is stored, read before its update is planned. */
type CurrentRow = EstablishmentColumns & { id: string; company_id: string | null; provenance: Record<string, Provenance>; company_managed: boolean };

/** A row with what the merge derives from it before looking at the database. */
interface PreparedRow {
  row: ValidRow<ImportedEstablishment>;
  hash: string;
  columns: EstablishmentColumns;
}

/** What a chunk needs from the database before its writes can be planned. */
interface ChunkRead {
  prepared: PreparedRow[];
  existing: Map<string, { id: string; content_hash: string }>;
  /** Records whose source changed, as stored now. */
  current: Map<string, CurrentRow>;
  /** Companies the chunk's rows name, found by key or RFC (as they were when read). */
  companies: CompanyRow[];
}

/**
 * The companies this import found or created, by key and by RFC, as this import left them.
 * A chunk's companies are read before the previous chunk's writes run (see the merge), so a
 * company created or filled there is taken from here, never from the chunk's own read.
 */
class CompanyLedger {
  private readonly byKey = new Map<string, CompanyRow>();
  private readonly byRfc = new Map<string, CompanyRow>();
  find(key: string, rfc: string | null): CompanyRow | undefined {
    return this.byKey.get(key) ?? (rfc ? this.byRfc.get(rfc) : undefined);
  }
  keep(company: CompanyRow, key: string) {
    this.byKey.set(key, company);
    this.byKey.set(company.company_key, company);
    if (company.rfc) this.byRfc.set(company.rfc, company);
  }
}

/** Rows merged per round trip: each statement carries its rows as one JSON document. */
const defaultChunkSize = 5000;
/**
 * Chunks whose statements may still be running while the next one is planned. The database
 * writes one chunk (its establishments, companies and audit) while Node plans the next; the
 * next chunk's reads are sent before this chunk's writes, so its answer is waiting when the
 * planning starts.
 */
const chunksWritingBehind = 2;
/**
 * Rows planned between turns of the event loop: statements queued on the connection are sent
 * when the database answers the one before, which the event loop must be free to notice.
 */
const rowsPerYield = 500;

/**
 * Merges supplier establishments from any source: inserts new ones (with their company),
 * updates changed ones, leaves unchanged ones alone (their `content_hash` decides), places
 * new and changed points, and audits every write. Runs in the import's transaction; a
 * second import of the same file finds every row unchanged and writes nothing.
 *
 * Set-based: per chunk of 5,000 rows one lookup of hashes, one statement per table written,
 * rows travelling as one JSON document (positional rows, ADR 0007), ids made here. Pipelined: a
 * chunk is planned while the previous ones are written (see `chunksWritingBehind`).
 */
export function createEstablishmentMerge(deps: {
  scian: ScianLookup;
  match?: MatchEstablishments;
  /** Rows per chunk; tests make it small to cross chunks with a few rows. */
  rowsPerChunk?: number;
}) {
  const { scian } = deps;
  const chunkSize = deps.rowsPerChunk ?? defaultChunkSize;

  return async function mergeEstablishments(db: Db, rows: ValidRow<ImportedEstablishment>[], context: MergeContext): Promise<MergeOutcome[]> {
    const outcomes: MergeOutcome[] = [];
    const touched: string[] = [];
    const ledger = new CompanyLedger();
    const readFrom = (from: number): Promise<ChunkRead> | null => {
      if (from >= rows.length) return null;
      const read = readChunk(db, rows.slice(from, from + chunkSize));
      read.catch(() => {}); // awaited on its chunk's turn; an early failure must not be unhandled meanwhile
      return read;
    };
    const writes: Array<Promise<void>> = [];
    let ahead = readFrom(0);
    for (let i = 0; i < rows.length; i += chunkSize) {
      let planned: ChunkPlan;
      try {
        const read = await ahead!;
        // Sent now, it runs before this chunk's writes: its answer waits for the next turn.
        ahead = readFrom(i + chunkSize);
        planned = await planChunk(read, context, ledger);
      } catch (error) {
        // A failed write aborts the transaction: report that failure, not what followed from it.
        for (const written of writes) await written;
        throw error;
      }
      for (const outcome of planned.outcomes) outcomes.push(outcome);
      for (const id of planned.written) touched.push(id);
      const writing = writeChunk(db, planned, context);
      writing.catch(() => {}); // awaited below, in order
      writes.push(writing);
      // A large first import grows the table far beyond what the planner last saw. Only the
      // columns the merge looks rows up by: the whole table (its search vectors) took seconds.
      if (i > 0 && i % 100_000 === 0) {
        const analyzing = sql`analyze supplier_establishment (id, source_key, company_id), supplier_company (id, company_key, rfc)`.execute(db).then(() => {});
        analyzing.catch(() => {});
        writes.push(analyzing);
      }
      while (writes.length > chunksWritingBehind) await writes.shift()!;
    }
    for (const written of writes) await written;
    for (const table of ['supplier_establishment', 'supplier_company']) context.touchedTables?.add(table);
    // Matching reads by place, name, phone and email: after a large merge, its plans need the whole table's statistics.
    if (rows.length >= 100_000) await sql`analyze supplier_establishment`.execute(db);
    if (deps.match && touched.length > 0) await deps.match(db, touched, context.actor);
    return outcomes;
  };

  /**
   * What the database holds of a chunk's records and companies, with the chunk's hashes and
   * columns (CPU) computed while the reads run.
   */
  async function readChunk(db: Db, chunk: ValidRow<ImportedEstablishment>[]): Promise<ChunkRead> {
    const keys = chunk.map((r) => r.value.sourceKey);
    const companyKeys = new Set<string>();
    const rfcs = new Set<string>();
    for (const { value } of chunk) {
      if (!value.company) continue;
      const key = companyKey({ rfc: value.company.rfc, legalName: value.company.legalName });
      if (key) companyKeys.add(key);
      if (value.company.rfc) rfcs.add(value.company.rfc);
    }
    // Both go out at once; the changed records' state follows once their ids are known.
    const existingRead = sql<{ id: string; source_key: string; content_hash: string }>`
      select id, source_key, content_hash from supplier_establishment where source_key = any(${keys}::text[])`.execute(db);
    const companiesRead = companyKeys.size === 0
      ? Promise.resolve({ rows: [] as CompanyRow[] })
      : sql<CompanyRow>`
        select id, company_key, rfc, size_class, ownership_country, website, trade_names, organisation_id
        from supplier_company where company_key = any(${[...companyKeys]}::text[]) or rfc = any(${[...rfcs]}::text[])`.execute(db);
    existingRead.catch(() => {});
    companiesRead.catch(() => {}); // both awaited below
    const prepared: PreparedRow[] = [];
    for (const [k, row] of chunk.entries()) {
      if (k > 0 && k % rowsPerYield === 0) await yieldToEventLoop();
      prepared.push({ row, hash: contentHash(row.value), columns: columnsOf(row.value, scian) });
    }
    const existing = new Map((await existingRead).rows.map((e) => [e.source_key, e]));
    const changedIds = prepared.flatMap((p) => {
      const before = existing.get(p.row.value.sourceKey);
      return before && before.content_hash !== p.hash ? [before.id] : [];
    });
    const current = changedIds.length === 0 ? new Map<string, CurrentRow>() : await currentStates(db, changedIds);
    return { prepared, existing, current, companies: (await companiesRead).rows };
  }

  /** Decides, row by row, what a chunk writes: new records, changed ones, the companies they name, and the audit. */
  async function planChunk(read: ChunkRead, context: MergeContext, ledger: CompanyLedger): Promise<ChunkPlan> {
    const outcomes: MergeOutcome[] = [];
    const fresh: PreparedRow[] = [];
    const changed: Array<PreparedRow & { id: string }> = [];
    for (const prepared of read.prepared) {
      const before = read.existing.get(prepared.row.value.sourceKey);
      if (!before) {
        fresh.push(prepared);
        outcomes.push('new');
      } else if (before.content_hash === prepared.hash) {
        outcomes.push('unchanged');
      } else {
        changed.push({ ...prepared, id: before.id });
        outcomes.push('updated');
      }
    }
    const audits: AuditEntry[] = [];
    const companies = planCompanies([...fresh, ...changed].map((x) => x.row), read.companies, ledger, context, audits);
    const companyIdOf = (e: ImportedEstablishment) => {
      if (!e.company) return null;
      const key = companyKey({ rfc: e.company.rfc, legalName: e.company.legalName });
      return key ? companies.ids.get(key) ?? null : null;
    };

    const inserts: Array<Record<string, unknown>> = [];
    for (const [k, { row, hash, columns }] of fresh.entries()) {
      if (k > 0 && k % rowsPerYield === 0) await yieldToEventLoop();
      const id = newId();
      const record = {
        id, source_key: row.value.sourceKey, company_id: companyIdOf(row.value), ...columns,
        cve_ent_as_given: row.value.cveEntAsGiven, municipality_key: municipalityKey(row.value), placed_cvegeo: row.placement?.cvegeo ?? null,
        content_hash: hash, provenance: { record: context.provenance(row.rowNumber) },
      };
      const { search_document: _doc, name_key: _key, ...shown } = columns;
      audits.push({ entityType: 'suppliers.establishment', entityId: id, action: 'create', before: null, after: { source_key: record.source_key, company_id: record.company_id, ...shown } });
      inserts.push(record);
    }
    const updates = changed.map((c) => planUpdate(c, read.current.get(c.id)!, context, audits, companyIdOf));
    await yieldToEventLoop();
    return {
      outcomes,
      companyInserts: companies.inserts.length > 0 ? JSON.stringify(companies.inserts) : null,
      companyFills: companies.fills.length > 0 ? JSON.stringify(companies.fills) : null,
      inserts: inserts.length > 0 ? { count: inserts.length, json: establishmentRows.serialise(inserts) } : null,
      updates: updates.length > 0 ? { count: updates.length, json: establishmentRows.serialise(updates) } : null,
      audit: prepareAudit(audits),
      // Every written record was placed as it was written: its point or the municipality it claims may have changed.
      written: [...inserts.map((r) => r.id as string), ...updates.map((r) => r.id)],
    };
  }

  /** Changed records: what the source says now, except the columns a company declared (or a fold filled). */
  function planUpdate(
    { row, hash, id, columns: incoming }: PreparedRow & { id: string },
    before: CurrentRow,
    context: MergeContext,
    audits: AuditEntry[],
    companyIdOf: (e: ImportedEstablishment) => string | null,
  ) {
    const kept = keptColumns(before.provenance, incoming);
    const after = { ...incoming } as Record<keyof EstablishmentColumns, unknown>;
    for (const column of kept) after[column] = before[column];
    // A company linked to an organisation (a claim was approved) keeps its plants.
    const companyId = before.company_managed ? before.company_id : companyIdOf(row.value) ?? (row.value.company ? null : before.company_id);
    if (kept.size > 0) {
      after.search_document = establishmentSearchDocument({
        name: after.name as string, scian: after.scian as string | null, processes: after.processes as string[], components: after.components as string[],
        tiers: after.tiers as string[], certifications: after.certifications as SupplierCertification[],
        legalName: after.legal_name as string | null, tradeNames: row.value.company?.tradeNames ?? [],
      }, scian);
    }
    // The record's provenance is this import's; per-field entries survive only for the columns kept.
    const provenance: Record<string, Provenance> = { record: context.provenance(row.rowNumber) };
    for (const [key, entry] of Object.entries(before.provenance ?? {})) {
      if (key === 'record') continue;
      const column = snakeCase(key);
      const columns = pointAliases.has(column) ? ['lat', 'lon'] : [column];
      if (columns.some((c) => kept.has(c as keyof EstablishmentColumns)) || !(column in incoming || pointAliases.has(column))) provenance[key] = entry;
    }
    const differing = (Object.keys(incoming) as Array<keyof EstablishmentColumns>)
      .filter((c) => c !== 'search_document' && c !== 'name_key' && !same(c, before[c], after[c]))
      // The claimed municipality is resolved from names in SQL; only a code the source gives is compared.
      .filter((c) => c !== 'cvegeo_as_given' || after[c] !== null);
    if (companyId !== before.company_id) differing.push('company_id' as keyof EstablishmentColumns);
    const full = { ...after, company_id: companyId } as Record<string, unknown>;
    audits.push({
      entityType: 'suppliers.establishment', entityId: id, action: 'update',
      before: Object.fromEntries(differing.map((c) => [c, (before as unknown as Record<string, unknown>)[c]])),
      after: { ...Object.fromEntries(differing.map((c) => [c, full[c]])), ...(kept.size > 0 && { kept_as_declared: [...kept] }) },
    });
    return {
      id, source_key: row.value.sourceKey, company_id: companyId, ...(after as unknown as EstablishmentColumns),
      cve_ent_as_given: row.value.cveEntAsGiven, municipality_key: municipalityKey(row.value),
      // The pipeline placed the point the source gives, not one a company declared and kept.
      placed_cvegeo: kept.has('lat') ? null : row.placement?.cvegeo ?? null,
      content_hash: hash, provenance,
    };
  }
}

/** What one chunk writes, serialised ahead of the writing. */
interface ChunkPlan {
  outcomes: MergeOutcome[];
  companyInserts: string | null;
  companyFills: string | null;
  inserts: { count: number; json: string } | null;
  updates: { count: number; json: string } | null;
  audit: PreparedAudit;
  written: string[];
}

async function currentStates(db: Db, ids: string[]): Promise<Map<string, CurrentRow>> {
  const current = await sql<CurrentRow>`
    select e.id, e.company_id, e.name, e.name_key, e.legal_name, e.rfc, e.search_document, e.street, e.exterior_number, e.neighbourhood,
      e.postal_code, e.locality, e.industrial_park, e.municipality_as_given, e.state_as_given, e.cvegeo_as_given, e.lat, e.lon, e.scian,
      e.employees_stratum, e.size_class, e.tiers, e.processes, e.components, e.certifications, e.oem_customers, e.export_markets,
      e.ev_readiness, e.phone, e.email, e.website, e.contact_consent, e.registered_on::text as registered_on, e.provenance,
      (c.organisation_id is not null) as company_managed
    from supplier_establishment e left join supplier_company c on c.id = e.company_id
    where e.id = any(${ids}::uuid[])`.execute(db);
  return new Map(current.rows.map((r) => [r.id, r]));
}

/**
 * Sends a chunk's statements at once, in order — companies, establishments, audit — and
 * resolves when the last has run; they queue on the transaction's connection behind the
 * statements sent before them.
 */
async function writeChunk(db: Db, plan: ChunkPlan, context: MergeContext): Promise<void> {
  const statements: Array<Promise<unknown>> = [];
  if (plan.companyInserts) {
    statements.push(sql`
      insert into supplier_company (id, company_key, legal_name, name_key, trade_names, rfc, size_class, ownership_country, website, provenance)
      select v.id, v.company_key, v.legal_name, v.name_key, coalesce(v.trade_names, '{}'), v.rfc, v.size_class, v.ownership_country, v.website, v.provenance
      from json_to_recordset(${plan.companyInserts}::json) as v(${companyColumns})`.execute(db));
  }
  if (plan.companyFills) {
    statements.push(sql`
      update supplier_company c set size_class = v.size_class, ownership_country = v.ownership_country, website = v.website,
        trade_names = coalesce(v.trade_names, '{}'), provenance = c.provenance || v.provenance, updated_at = now()
      from json_to_recordset(${plan.companyFills}::json) as v(${companyColumns})
      where c.id = v.id`.execute(db));
  }
  if (plan.inserts) {
    const expected = plan.inserts.count;
    statements.push(sql`
      insert into supplier_establishment (
        id, source_key, company_id, name, name_key, legal_name, rfc, search_document, street, exterior_number, neighbourhood,
        postal_code, locality, industrial_park, municipality_as_given, state_as_given, cvegeo_as_given, lat, lon, geom, scian,
        employees_stratum, size_class, tiers, processes, components, certifications, oem_customers, export_markets, ev_readiness,
        phone, email, website, contact_consent, registered_on, content_hash, provenance, cvegeo, cve_ent, location_flags)
      select v.id, v.source_key, v.company_id, v.name, v.name_key, v.legal_name, v.rfc, v.search_document, v.street, v.exterior_number,
        v.neighbourhood, v.postal_code, v.locality, v.industrial_park, v.municipality_as_given, v.state_as_given,
        v.given, v.lat, v.lon, v.geom, v.scian,
        v.employees_stratum, v.size_class, coalesce(v.tiers, '{}'), coalesce(v.processes, '{}'), coalesce(v.components, '{}'),
        coalesce(v.certifications, '[]'), coalesce(v.oem_customers, '{}'), coalesce(v.export_markets, '{}'), v.ev_readiness,
        v.phone, v.email, v.website, v.contact_consent, v.registered_on, v.content_hash, v.provenance,
        ${placementColumns('v.geom', 'v.given')}
      from ${recordset(plan.inserts.json)}
      ${placementJoins('v.geom', 'v.placed_cvegeo')}`.execute(db).then((result) => {
      if (Number(result.numAffectedRows) !== expected) throw new Error(`The database stored ${result.numAffectedRows} of ${expected} new establishments.`);
    }));
  }
  if (plan.updates) {
    const expected = plan.updates.count;
    statements.push(sql`
      update supplier_establishment e set
        company_id = p.company_id, name = p.name, name_key = p.name_key, legal_name = p.legal_name, rfc = p.rfc,
        search_document = p.search_document, street = p.street, exterior_number = p.exterior_number, neighbourhood = p.neighbourhood,
        postal_code = p.postal_code, locality = p.locality, industrial_park = p.industrial_park,
        municipality_as_given = p.municipality_as_given, state_as_given = p.state_as_given,
        cvegeo_as_given = p.given, lat = p.lat, lon = p.lon, geom = p.geom, scian = p.scian, employees_stratum = p.employees_stratum,
        size_class = p.size_class, tiers = coalesce(p.tiers, '{}'), processes = coalesce(p.processes, '{}'),
        components = coalesce(p.components, '{}'), certifications = coalesce(p.certifications, '[]'),
        oem_customers = coalesce(p.oem_customers, '{}'), export_markets = coalesce(p.export_markets, '{}'),
        ev_readiness = p.ev_readiness, phone = p.phone, email = p.email, website = p.website, contact_consent = p.contact_consent,
        registered_on = p.registered_on, content_hash = p.content_hash, provenance = p.provenance, updated_at = now(),
        cvegeo = p.cvegeo, cve_ent = p.cve_ent, location_flags = p.location_flags
      from (
        select v.*, ${placementColumns('v.geom', 'v.given')}
        from ${recordset(plan.updates.json)}
        ${placementJoins('v.geom', 'v.placed_cvegeo')}
      ) p
      where e.id = p.id`.execute(db).then((result) => {
      if (Number(result.numAffectedRows) !== expected) throw new Error(`The database updated ${result.numAffectedRows} of ${expected} changed establishments.`);
    }));
  }
  for (const payload of plan.audit.payloads) statements.push(auditInsert(context.actor, payload).execute(db));
  // Every statement is awaited, so a failure after the first is never left unhandled.
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The folded municipality name, looked up within the given state when the source gives no code. */
const municipalityKey = (e: ImportedEstablishment) =>
  e.cvegeoAsGiven === null && e.cveEntAsGiven !== null && e.municipalityAsGiven ? foldForSearch(e.municipalityAsGiven) : null;

/**
 * The municipality a name stands for within the given state: the one whose folded name is
 * the same, else the only one whose name starts with it ("Silao" → "Silao de la Victoria");
 * null when there is none or several. `v` is the recordset row.
 */
const resolvedMunicipality = sql`(
  select case
    when count(*) filter (where m.search_name = r.municipality_key) > 0 then min(m.cvegeo) filter (where m.search_name = r.municipality_key)
    when count(*) = 1 then min(m.cvegeo) end
  from geo_municipality m
  where r.municipality_key is not null and m.cve_ent = r.cve_ent_as_given
    and (m.search_name = r.municipality_key or m.search_name like r.municipality_key || ' %'))`;

/**
 * The rows of one statement as a derived table `v`: the positional JSON rows (`establishmentRows`),
 * with the point as a geometry and `given`, the municipality the source claims (its code, or
 * the one its name stands for).
 */
const recordset = (json: string) => sql`(
  select r.*, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) as geom, coalesce(r.cvegeo_as_given, ${resolvedMunicipality}) as given
  from ${establishmentRows.from(json, 'r')}
) v`;

/** The columns of the establishment rows a merge statement carries (ADR 0007: positional rows). */
const establishmentRows = bulkRows({
  id: 'uuid', source_key: 'text', company_id: 'uuid', name: 'text', name_key: 'text', legal_name: 'text', rfc: 'text', search_document: 'text',
  street: 'text', exterior_number: 'text', neighbourhood: 'text', postal_code: 'text', locality: 'text', industrial_park: 'text',
  municipality_as_given: 'text', state_as_given: 'text', cvegeo_as_given: 'text', cve_ent_as_given: 'text', municipality_key: 'text',
  lat: 'float8', lon: 'float8', scian: 'text', employees_stratum: 'text', size_class: 'text', tiers: 'text[]', processes: 'text[]',
  components: 'text[]', certifications: 'jsonb', oem_customers: 'text[]', export_markets: 'text[]', ev_readiness: 'text', phone: 'text',
  email: 'text', website: 'text', contact_consent: 'boolean', registered_on: 'date', content_hash: 'text', provenance: 'jsonb', placed_cvegeo: 'text',
});

const companyColumns = sql.raw('id uuid, company_key text, legal_name text, name_key text, trade_names text[], rfc text, size_class text, ownership_country text, website text, provenance jsonb');

/**
 * The companies these rows name, by company key: found (in this import's ledger, then in what
 * the chunk read, by key or by RFC) or created. An existing company only gains what it lacked
 * (size, ownership, website, trade names): what a company or a curator wrote is never
 * replaced by an import.
 */
function planCompanies(
  rows: ValidRow<ImportedEstablishment>[], found: CompanyRow[], ledger: CompanyLedger, context: MergeContext, audits: AuditEntry[],
): { ids: Map<string, string>; inserts: Array<Record<string, unknown>>; fills: Array<Record<string, unknown>> } {
  const wanted = new Map<string, { company: ImportedCompany; rowNumber: number }>();
  for (const row of rows) {
    const c = row.value.company;
    if (!c) continue;
    const key = companyKey({ rfc: c.rfc, legalName: c.legalName });
    if (key && !wanted.has(key)) wanted.set(key, { company: c, rowNumber: row.rowNumber });
  }
  const ids = new Map<string, string>();
  const inserts: Array<Record<string, unknown>> = [];
  const fills: Array<Record<string, unknown>> = [];
  if (wanted.size === 0) return { ids, inserts, fills };
  const byKey = new Map(found.map((c) => [c.company_key, c]));
  const byRfc = new Map(found.filter((c) => c.rfc).map((c) => [c.rfc!, c]));

  for (const [key, { company, rowNumber }] of wanted) {
    const existing = ledger.find(key, company.rfc) ?? byKey.get(key) ?? (company.rfc ? byRfc.get(company.rfc) : undefined);
    if (!existing) {
      const id = newId();
      const record = {
        id, company_key: key, legal_name: company.legalName, name_key: nameKey(company.legalName), trade_names: company.tradeNames,
        rfc: company.rfc, size_class: company.sizeClass, ownership_country: company.ownershipCountry, website: company.website,
        provenance: { record: context.provenance(rowNumber) },
      };
      inserts.push(record);
      const { provenance: _p, ...shown } = record;
      audits.push({ entityType: 'suppliers.company', entityId: id, action: 'create', before: null, after: shown });
      ids.set(key, id);
      ledger.keep({
        id, company_key: key, rfc: company.rfc, size_class: company.sizeClass, ownership_country: company.ownershipCountry, website: company.website,
        trade_names: company.tradeNames, organisation_id: null,
      }, key);
      continue;
    }
    ids.set(key, existing.id);
    const filled: Record<string, unknown> = {};
    if (existing.size_class === null && company.sizeClass) filled.size_class = company.sizeClass;
    if (existing.ownership_country === null && company.ownershipCountry) filled.ownership_country = company.ownershipCountry;
    if (existing.website === null && company.website) filled.website = company.website;
    const newTradeNames = company.tradeNames.filter((n) => !existing.trade_names.includes(n));
    if (newTradeNames.length > 0) filled.trade_names = [...existing.trade_names, ...newTradeNames];
    if (Object.keys(filled).length === 0) {
      ledger.keep(existing, key);
      continue;
    }
    const after = { ...existing, ...filled } as CompanyRow;
    ledger.keep(after, key);
    const provenance = Object.fromEntries(Object.keys(filled).map((k) => [k, context.provenance(rowNumber)]));
    fills.push({ id: existing.id, size_class: after.size_class, ownership_country: after.ownership_country, website: after.website, trade_names: after.trade_names, provenance });
    audits.push({
      entityType: 'suppliers.company', entityId: existing.id, action: 'update',
      before: Object.fromEntries(Object.keys(filled).map((k) => [k, (existing as unknown as Record<string, unknown>)[k]])), after: filled,
    });
  }
  return { ids, inserts, fills };
}
