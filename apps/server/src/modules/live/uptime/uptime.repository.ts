import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { ChargingOutageExclusionTable } from '../../../platform/db/schema.js';
import type { StatusSource } from '../status.domain.js';
import { outageStatuses, upStatuses, type ExclusionReason, type Span } from './uptime.domain.js';

/** A monitored port (a census EVSE with live status) and what its location says about it. */
export interface PortRow {
  location_id: string;
  evse_uid: string;
  location_name: string;
  country_code: string | null;
  cve_ent: string | null;
  cvegeo: string | null;
  state_name: string | null;
  us_state_abbr: string | null;
  operator_organisation_id: string | null;
  operator_organisation_name: string | null;
  operator_name: string | null;
  opening_hours: unknown;
}

export interface PortFilter {
  /** An INEGI state code (`09`) or a US state abbreviation (`TX`). */
  state?: string | undefined;
  /** An operator organisation id, or an operator name as the census writes it (any case). */
  operator?: string | undefined;
  /** Only locations of these operator organisations (an operator's editors see their own). */
  organisationIds?: string[] | undefined;
}

/** A run of consecutive statuses of one class from one source, clipped to the port's window. */
export interface StatusRun extends Span {
  kind: 'up' | 'outage' | 'not_in_service';
  source: StatusSource;
}

/** One port's window from the history: its runs in time order, and its newest report before the window's end. */
export interface PortHistory {
  location_id: string;
  evse_uid: string;
  runs: StatusRun[];
  last_report_at: Date | null;
}

export interface PortPeriod {
  locationId: string;
  evseUid: string;
  start: Date;
  end: Date;
}

export type ExclusionRow = Selectable<ChargingOutageExclusionTable>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createUptimeRepository(db: Db) {
  return {
    /** Ports with a live status on public and restricted locations (private chargers are nobody's uptime to publish). */
    async ports(filter: PortFilter): Promise<PortRow[]> {
      let q = db
        .selectFrom('charging_evse_status as s')
        .innerJoin('charging_location as l', 'l.id', 's.location_id')
        .leftJoin('organisation as o', 'o.id', 'l.operator_organisation_id')
        .leftJoin('geo_state as g', 'g.cve_ent', 'l.cve_ent')
        .select([
          's.location_id', 's.evse_uid', 'l.name as location_name', 'l.country_code', 'l.cve_ent', 'l.cvegeo', 'g.name as state_name', 'l.us_state_abbr',
          'l.operator_organisation_id', 'o.name as operator_organisation_name', 'l.operator_name', 'l.opening_hours',
        ])
        .where('l.merged_into', 'is', null)
        .where(sql<boolean>`l.access is distinct from 'private'`);
      if (filter.state) {
        const state = filter.state;
        q = /^\d{2}$/.test(state) ? q.where('l.cve_ent', '=', state) : q.where('l.us_state_abbr', '=', state.toUpperCase());
      }
      if (filter.operator) {
        const operator = filter.operator;
        q = uuidPattern.test(operator)
          ? q.where('l.operator_organisation_id', '=', operator)
          : q.where(sql<boolean>`lower(coalesce(o.name, l.operator_name)) = lower(${operator})`);
      }
      if (filter.organisationIds) {
        if (filter.organisationIds.length === 0) return [];
        q = q.where('l.operator_organisation_id', 'in', filter.organisationIds);
      }
      const rows = await q.orderBy('l.name').orderBy('s.location_id').orderBy('s.evse_uid').execute();
      return rows.map((r) => ({ ...r, cve_ent: r.cve_ent?.trim() ?? null, cvegeo: r.cvegeo?.trim() ?? null }));
    },

    /**
     * Each port's window from the history, in one statement however long the window (the
     * twelve months of the rule and the status carried into them): the last status before
     * the window is carried into it, every change within it follows, `lead()` makes each
     * change last until the next, and each span is clipped to the window. Consecutive spans
     * of the same class (up, outage, not in service) and source are merged into runs, so a
     * year of sessions (AVAILABLE ↔ CHARGING) is one run, not thousands of rows. The
     * current status joins the history as its newest entry. A port with no status before
     * the window's end has no row.
     */
    async histories(periods: PortPeriod[]): Promise<PortHistory[]> {
      if (periods.length === 0) return [];
      const json = JSON.stringify(periods.map((p) => ({ location_id: p.locationId, evse_uid: p.evseUid, p_start: p.start.toISOString(), p_end: p.end.toISOString() })));
      const up = sql.join(upStatuses.map((s) => sql.lit(s)));
      const outage = sql.join(outageStatuses.map((s) => sql.lit(s)));
      const { rows } = await sql<{ location_id: string; evse_uid: string; runs: Array<[StatusRun['kind'], number, number, StatusSource]> | string; last_report_at: Date | string | null }>`
        with ports as (
          select * from json_to_recordset(${json}::json) as p(location_id uuid, evse_uid text, p_start timestamptz, p_end timestamptz)
        ),
        ev as (
          select p.location_id, p.evse_uid, p.p_start, p.p_end, x.status, x.source, x.at, x.seq
          from ports p
          cross join lateral (
            (select e.status, e.source, e.occurred_at as at, e.id as seq from charging_status_event e
              where e.location_id = p.location_id and e.evse_uid = p.evse_uid and e.occurred_at <= p.p_start
              order by e.occurred_at desc, e.id desc limit 1)
            union all
            select e.status, e.source, e.occurred_at, e.id from charging_status_event e
              where e.location_id = p.location_id and e.evse_uid = p.evse_uid and e.occurred_at > p.p_start and e.occurred_at < p.p_end
            union all
            select s.status, s.source, s.status_at, 9223372036854775807 from charging_evse_status s
              where s.location_id = p.location_id and s.evse_uid = p.evse_uid and s.status_at < p.p_end
          ) x
        ),
        spans as (
          select location_id, evse_uid, source::text as source, at, seq,
            case when status in (${up}) then 'up' when status in (${outage}) then 'outage' else 'not_in_service' end as kind,
            greatest(at, p_start) as s,
            least(coalesce(lead(at) over (partition by location_id, evse_uid order by at, seq), p_end), p_end) as e
          from ev
        ),
        marked as (
          select *, case when (kind, source) is distinct from (lag(kind) over w, lag(source) over w) then 1 else 0 end as brk
          from spans where e > s
          window w as (partition by location_id, evse_uid order by at, seq)
        ),
        numbered as (
          select *, sum(brk) over (partition by location_id, evse_uid order by at, seq rows unbounded preceding) as run from marked
        ),
        runs as (
          select location_id, evse_uid, kind, source, min(s) as s, max(e) as e from numbered group by location_id, evse_uid, run, kind, source
        ),
        latest as (
          select location_id, evse_uid, max(at) as last_report_at from ev group by location_id, evse_uid
        )
        select l.location_id, l.evse_uid, l.last_report_at,
          coalesce(jsonb_agg(jsonb_build_array(r.kind, (extract(epoch from r.s) * 1000)::float8, (extract(epoch from r.e) * 1000)::float8, r.source) order by r.s)
            filter (where r.s is not null), '[]'::jsonb) as runs
        from latest l
        left join runs r on r.location_id = l.location_id and r.evse_uid = l.evse_uid
        group by l.location_id, l.evse_uid, l.last_report_at`.execute(db);
      const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
      return rows.map((r) => ({
        location_id: r.location_id,
        evse_uid: r.evse_uid,
        runs: parse(r.runs).map(([kind, start, end, source]) => ({ kind, start: Math.round(start), end: Math.round(end), source })),
        last_report_at: r.last_report_at === null ? null : new Date(r.last_report_at),
      }));
    },

    /** Standing exclusions of these locations that overlap the window. */
    async exclusionsFor(locationIds: string[], window: Span): Promise<ExclusionRow[]> {
      if (locationIds.length === 0) return [];
      return db.selectFrom('charging_outage_exclusion').selectAll()
        .where('location_id', 'in', [...new Set(locationIds)])
        .where('withdrawn_at', 'is', null)
        .where('starts_at', '<', new Date(window.end))
        .where('ends_at', '>', new Date(window.start))
        .orderBy('starts_at')
        .execute() as Promise<ExclusionRow[]>;
    },

    async listExclusions(filter: { locationId?: string | undefined; organisationIds?: string[] | undefined; from?: Date | undefined; to?: Date | undefined; includeWithdrawn: boolean; limit: number; offset: number }) {
      let q = db.selectFrom('charging_outage_exclusion as x').innerJoin('charging_location as l', 'l.id', 'x.location_id');
      if (filter.locationId) q = q.where('x.location_id', '=', filter.locationId);
      if (filter.organisationIds) {
        if (filter.organisationIds.length === 0) return { rows: [], total: 0 };
        q = q.where('l.operator_organisation_id', 'in', filter.organisationIds);
      }
      if (filter.from) q = q.where('x.ends_at', '>', filter.from);
      if (filter.to) q = q.where('x.starts_at', '<', filter.to);
      if (!filter.includeWithdrawn) q = q.where('x.withdrawn_at', 'is', null);
      const [{ total }] = await q.select((eb) => eb.fn.countAll<string>().as('total')).execute() as [{ total: string }];
      const rows = await q.selectAll('x').select('l.name as location_name')
        .orderBy('x.starts_at', 'desc').orderBy('x.id').limit(filter.limit).offset(filter.offset).execute();
      return { rows: rows as Array<ExclusionRow & { location_name: string }>, total: Number(total) };
    },

    async findExclusion(id: string, tx: Db = db, forUpdate = false) {
      let q = tx.selectFrom('charging_outage_exclusion as x').innerJoin('charging_location as l', 'l.id', 'x.location_id')
        .selectAll('x').select(['l.name as location_name', 'l.operator_organisation_id']).where('x.id', '=', id);
      if (forUpdate) q = q.forUpdate('x');
      return (await q.executeTakeFirst()) as (ExclusionRow & { location_name: string; operator_organisation_id: string | null }) | undefined;
    },

    async findLocation(id: string) {
      return db.selectFrom('charging_location').select(['id', 'name', 'operator_organisation_id', 'access', 'merged_into']).where('id', '=', id).executeTakeFirst();
    },

    /** Whether the location has this port, in the census or in its live status. */
    async portExists(locationId: string, evseUid: string): Promise<boolean> {
      const { rows } = await sql<{ found: boolean }>`
        select exists (select 1 from charging_evse where location_id = ${locationId} and evse_uid = ${evseUid})
            or exists (select 1 from charging_evse_status where location_id = ${locationId} and evse_uid = ${evseUid}) as found`.execute(db);
      return rows[0]?.found === true;
    },

    async insertExclusion(tx: Db, row: {
      locationId: string; evseUid: string | null; startsAt: Date; endsAt: Date; reason: ExclusionReason; note: string;
      recordedBy: string | null; recordedByLabel: string; provenance: Record<string, unknown>;
    }) {
      return tx.insertInto('charging_outage_exclusion').values({
        location_id: row.locationId, evse_uid: row.evseUid, starts_at: row.startsAt, ends_at: row.endsAt, reason: row.reason, note: row.note,
        recorded_by: row.recordedBy, recorded_by_label: row.recordedByLabel, provenance: JSON.stringify(row.provenance),
      }).returning('id').executeTakeFirstOrThrow();
    },

    async withdrawExclusion(tx: Db, id: string, by: string | null, reason: string | null) {
      await tx.updateTable('charging_outage_exclusion').set({ withdrawn_at: new Date(), withdrawn_by: by, withdrawn_reason: reason }).where('id', '=', id).execute();
    },
  };
}

export type UptimeRepository = ReturnType<typeof createUptimeRepository>;
