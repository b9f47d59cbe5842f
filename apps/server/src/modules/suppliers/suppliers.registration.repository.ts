import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';

/** An establishment as its company's editors read it, with its company, organisation and place names. */
export interface OwnEstablishmentRow {
  id: string;
  source_key: string;
  source: string;
  origin: 'import' | 'registered';
  company_id: string | null;
  name: string;
  legal_name: string | null;
  rfc: string | null;
  street: string | null;
  exterior_number: string | null;
  neighbourhood: string | null;
  postal_code: string | null;
  locality: string | null;
  industrial_park: string | null;
  lat: number;
  lon: number;
  cve_ent: string | null;
  cvegeo: string | null;
  state_name: string | null;
  municipality_name: string | null;
  location_flags: string[];
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
  merged_into: string | null;
  provenance: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  company_legal_name: string | null;
  company_trade_names: string[] | null;
  company_rfc: string | null;
  company_size_class: string | null;
  company_ownership_country: string | null;
  company_website: string | null;
  company_organisation_id: string | null;
  company_organisation_name: string | null;
  company_provenance: Record<string, unknown> | null;
  /** Organisations whose claim on this establishment a moderator approved. */
  approved_claim_organisation_ids: string[];
}

export interface CompanyRow {
  id: string;
  company_key: string;
  legal_name: string;
  name_key: string;
  trade_names: string[];
  rfc: string | null;
  size_class: string | null;
  ownership_country: string | null;
  website: string | null;
  organisation_id: string | null;
  provenance: Record<string, unknown>;
}

export interface ClaimRow {
  id: string;
  establishment_id: string;
  user_id: string;
  organisation_id: string;
  job_title: string | null;
  evidence: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
  establishment_name: string;
  establishment_legal_name: string | null;
  establishment_origin: 'import' | 'registered';
  establishment_source: string;
  establishment_merged_into: string | null;
  state_name: string | null;
  municipality_name: string | null;
  organisation_name: string;
  claimant_email: string;
  claimant_name: string;
  decided_by_name: string | null;
}

/** The columns an establishment's declaration writes, as stored. */
export interface EstablishmentColumns {
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
}

const establishmentSelect = sql`
  select e.id, e.source_key, e.source, e.origin, e.company_id, e.name, e.legal_name, e.rfc, e.street, e.exterior_number, e.neighbourhood,
         e.postal_code, e.locality, e.industrial_park, e.lat, e.lon, e.cve_ent, e.cvegeo, s.name as state_name, m.name as municipality_name,
         e.location_flags, e.scian, e.employees_stratum, e.size_class, e.tiers, e.processes, e.components, e.certifications, e.oem_customers,
         e.export_markets, e.ev_readiness, e.phone, e.email, e.website, e.contact_consent, e.registered_on::text as registered_on, e.merged_into,
         e.provenance, e.created_at, e.updated_at,
         c.legal_name as company_legal_name, c.trade_names as company_trade_names, c.rfc as company_rfc, c.size_class as company_size_class,
         c.ownership_country as company_ownership_country, c.website as company_website, c.organisation_id as company_organisation_id,
         o.name as company_organisation_name, c.provenance as company_provenance,
         array(select distinct k.organisation_id::text from supplier_claim k where k.establishment_id = e.id and k.status = 'approved') as approved_claim_organisation_ids
  from supplier_establishment e
  left join supplier_company c on c.id = e.company_id
  left join organisation o on o.id = c.organisation_id
  left join geo_state s on s.cve_ent = e.cve_ent
  left join geo_municipality m on m.cvegeo = e.cvegeo`;

const claimSelect = sql`
  select k.id, k.establishment_id, k.user_id, k.organisation_id, k.job_title, k.evidence, k.status, k.decided_by, k.decided_at, k.decision_note,
         k.created_at, e.name as establishment_name, e.legal_name as establishment_legal_name, e.origin as establishment_origin,
         e.source as establishment_source, e.merged_into as establishment_merged_into, s.name as state_name, m.name as municipality_name,
         o.name as organisation_name, u.email as claimant_email, u.display_name as claimant_name, d.display_name as decided_by_name
  from supplier_claim k
  join supplier_establishment e on e.id = k.establishment_id
  join organisation o on o.id = k.organisation_id
  join app_user u on u.id = k.user_id
  left join app_user d on d.id = k.decided_by
  left join geo_state s on s.cve_ent = e.cve_ent
  left join geo_municipality m on m.cvegeo = e.cvegeo`;

const companyColumns = ['id', 'company_key', 'legal_name', 'name_key', 'trade_names', 'rfc', 'size_class', 'ownership_country', 'website', 'organisation_id', 'provenance'] as const;

export function createSupplierRegistrationRepository(db: Db) {
  return {
    /** Organisations the user belongs to, with the role it holds (editors edit their plants; members see them). */
    memberships: (userId: string, tx: Db = db) =>
      tx
        .selectFrom('membership')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select(['organisation.id', 'organisation.name', 'membership.role'])
        .where('membership.user_id', '=', userId)
        .orderBy('organisation.name')
        .execute(),

    findOrganisation: (id: string, tx: Db = db) => tx.selectFrom('organisation').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst(),

    /** Catalogue components among `codes`, with whether they were retired. */
    async components(codes: readonly string[], tx: Db = db): Promise<Map<string, { retired: boolean; nameEs: string; nameEn: string }>> {
      if (codes.length === 0) return new Map();
      const rows = await tx.selectFrom('supplier_component').select(['code', 'retired', 'name_es', 'name_en']).where('code', 'in', [...new Set(codes)]).execute();
      return new Map(rows.map((r) => [r.code, { retired: r.retired, nameEs: r.name_es, nameEn: r.name_en }]));
    },

    findCompany: (where: { id: string } | { rfc: string } | { companyKey: string } | { organisationId: string }, tx: Db = db) => {
      const q = tx.selectFrom('supplier_company').select([...companyColumns]);
      const filtered = 'id' in where ? q.where('id', '=', where.id)
        : 'rfc' in where ? q.where('rfc', '=', where.rfc)
          : 'companyKey' in where ? q.where('company_key', '=', where.companyKey)
            : q.where('organisation_id', '=', where.organisationId);
      return filtered.executeTakeFirst() as Promise<CompanyRow | undefined>;
    },

    /** Locks a company row for the rest of the transaction (its organisation link is decided once). */
    lockCompany: async (id: string, tx: Db) => {
      await sql`select id from supplier_company where id = ${id} for update`.execute(tx);
    },

    /**
     * Inserts a company unless its key exists (a concurrent registration or import may
     * have made it); returns the id of the new row or null.
     */
    async insertCompany(tx: Db, c: {
      companyKey: string; legalName: string; nameKey: string; tradeNames: string[]; rfc: string | null; sizeClass: string | null;
      ownershipCountry: string | null; website: string | null; organisationId: string | null; provenance: object;
    }): Promise<string | null> {
      const row = await tx
        .insertInto('supplier_company')
        .values({
          company_key: c.companyKey, legal_name: c.legalName, name_key: c.nameKey, trade_names: c.tradeNames, rfc: c.rfc,
          size_class: c.sizeClass as CompanyRow['size_class'] as never, ownership_country: c.ownershipCountry, website: c.website,
          organisation_id: c.organisationId, provenance: JSON.stringify(c.provenance),
        })
        .onConflict((oc) => oc.column('company_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Writes declared company fields (and the organisation link) and merges their provenance. */
    async updateCompany(tx: Db, id: string, set: Partial<{
      company_key: string; legal_name: string; name_key: string; trade_names: string[]; rfc: string | null; size_class: string | null;
      ownership_country: string | null; website: string | null; organisation_id: string | null;
    }>, provenancePatch: object, at: Date): Promise<void> {
      await tx
        .updateTable('supplier_company')
        .set({ ...(set as object), provenance: sql`provenance || ${JSON.stringify(provenancePatch)}::jsonb`, updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async insertEstablishment(tx: Db, e: EstablishmentColumns & {
      id: string; source_key: string; company_id: string | null; content_hash: string; provenance: object; registered_on: string; at: Date;
    }): Promise<void> {
      await tx
        .insertInto('supplier_establishment')
        .values({
          id: e.id, source_key: e.source_key, origin: 'registered', company_id: e.company_id, name: e.name, name_key: e.name_key, legal_name: e.legal_name,
          rfc: e.rfc, search_document: e.search_document, street: e.street, exterior_number: e.exterior_number, neighbourhood: e.neighbourhood,
          postal_code: e.postal_code, locality: e.locality, industrial_park: e.industrial_park, lat: e.lat, lon: e.lon,
          geom: sql`ST_SetSRID(ST_MakePoint(${e.lon}, ${e.lat}), 4326)`, scian: e.scian,
          employees_stratum: e.employees_stratum as never, size_class: e.size_class as never, tiers: e.tiers, processes: e.processes,
          components: e.components, certifications: JSON.stringify(e.certifications), oem_customers: e.oem_customers, export_markets: e.export_markets,
          ev_readiness: e.ev_readiness as never, phone: e.phone, email: e.email, website: e.website, contact_consent: e.contact_consent,
          registered_on: e.registered_on, content_hash: e.content_hash, provenance: JSON.stringify(e.provenance), created_at: e.at, updated_at: e.at,
        })
        .execute();
    },

    /** Rewrites an establishment's declared columns and merges the provenance of the fields that changed. */
    async updateEstablishment(tx: Db, id: string, set: Partial<EstablishmentColumns> & { company_id?: string | null; content_hash?: string }, provenancePatch: object, at: Date): Promise<void> {
      const { certifications, lat, lon, ...rest } = set;
      const result = await tx
        .updateTable('supplier_establishment')
        .set({
          ...(rest as object),
          ...(certifications !== undefined ? { certifications: JSON.stringify(certifications) } : {}),
          ...(lat !== undefined && lon !== undefined ? { lat, lon, geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)` } : {}),
          provenance: sql`provenance || ${JSON.stringify(provenancePatch)}::jsonb`,
          updated_at: at,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) throw new Error(`The database stored nothing for supplier establishment ${id}.`);
    },

    async findEstablishment(id: string, tx: Db = db, lock = false): Promise<OwnEstablishmentRow | null> {
      if (lock) await sql`select id from supplier_establishment where id = ${id} for update`.execute(tx);
      const r = await sql<OwnEstablishmentRow>`${establishmentSelect} where e.id = ${id}`.execute(tx);
      return r.rows[0] ?? null;
    },

    /** Establishments of the companies these organisations manage, registered first, then by name. */
    async managedEstablishments(organisationIds: readonly string[]): Promise<OwnEstablishmentRow[]> {
      if (organisationIds.length === 0) return [];
      const r = await sql<OwnEstablishmentRow>`
        ${establishmentSelect}
        where c.organisation_id in (${sql.join([...organisationIds])})
        order by (e.origin = 'registered') desc, e.name, e.id
        limit 1000`.execute(db);
      return r.rows;
    },

    // --- claims ---

    async insertClaim(tx: Db, c: { establishmentId: string; userId: string; organisationId: string; jobTitle: string | null; evidence: string }): Promise<string | null> {
      // The partial unique index allows one pending claim per establishment and organisation.
      const r = await sql<{ id: string }>`
        insert into supplier_claim (establishment_id, user_id, organisation_id, job_title, evidence)
        values (${c.establishmentId}, ${c.userId}, ${c.organisationId}, ${c.jobTitle}, ${c.evidence})
        on conflict (establishment_id, organisation_id) where status = 'pending' do nothing
        returning id`.execute(tx);
      return r.rows[0]?.id ?? null;
    },

    pendingClaim: (establishmentId: string, organisationId: string, tx: Db = db) =>
      tx.selectFrom('supplier_claim').select('id').where('establishment_id', '=', establishmentId).where('organisation_id', '=', organisationId)
        .where('status', '=', 'pending').executeTakeFirst(),

    async findClaim(id: string, tx: Db = db, lock = false): Promise<ClaimRow | null> {
      if (lock) await sql`select id from supplier_claim where id = ${id} for update`.execute(tx);
      const r = await sql<ClaimRow>`${claimSelect} where k.id = ${id}`.execute(tx);
      return r.rows[0] ?? null;
    },

    /** Claims, newest first; `mineFor` limits them to the user's own and those of its organisations. */
    async listClaims(filter: { status?: string | undefined; mineFor?: { userId: string; organisationIds: string[] } | undefined; limit: number; offset: number }) {
      const mine = filter.mineFor;
      const where = sql.join([
        sql`true`,
        ...(filter.status ? [sql`k.status = ${filter.status}`] : []),
        ...(mine ? [mine.organisationIds.length > 0
          ? sql`(k.user_id = ${mine.userId} or k.organisation_id in (${sql.join(mine.organisationIds)}))`
          : sql`k.user_id = ${mine.userId}`] : []),
      ], sql` and `);
      const rows = await sql<ClaimRow>`${claimSelect} where ${where} order by k.created_at desc, k.id limit ${filter.limit} offset ${filter.offset}`.execute(db);
      const total = await sql<{ n: number }>`select count(*)::int as n from supplier_claim k where ${where}`.execute(db);
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
    },

    async decideClaim(tx: Db, id: string, d: { status: 'approved' | 'rejected'; userId: string; note: string | null; at: Date }): Promise<void> {
      await tx.updateTable('supplier_claim')
        .set({ status: d.status, decided_by: d.userId, decided_at: d.at, decision_note: d.note })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },
  };
}

export type SupplierRegistrationRepository = ReturnType<typeof createSupplierRegistrationRepository>;
