import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { municipalBoundaryVintage } from '../geo/geo.domain.js';

/** Flags a placement may leave on an establishment (`location_flags`). */
export const locationFlags = {
  /** The point lies more than ~1 km outside the municipality the source names. */
  outsideGivenMunicipality: 'point_outside_given_municipality',
  /** The point lies in another state than the one the source names. */
  outsideGivenState: 'point_outside_given_state',
  /** No municipal boundary covers the point (the simplified shores); only the nearest state is known. */
  unplaced: 'point_without_municipality',
} as const;

/**
 * How far outside the named municipality a point may lie before it is flagged, in degrees
 * (~1.1 km): the 2010 municipal shapes are simplified to a ~300 m grid, so points near a
 * border would otherwise be flagged for the shape's error, not the record's.
 */
const givenMunicipalityToleranceDeg = 0.01;

const idsPerStatement = 20_000;

/**
 * Places establishments from their point: the municipality whose (2010) boundary covers
 * it, else the nearest state within 0.1° (shores). Then compares with what the source
 * claims (`cvegeo_as_given`): a point outside the named municipality or state is flagged,
 * never moved and never rejected — the point decides, the flag tells the moderator.
 * Set-based: one statement per 20,000 establishments.
 */
export async function placeEstablishments(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += idsPerStatement) {
    const chunk = ids.slice(i, i + idsPerStatement);
    await sql`
      update supplier_establishment e
      set cvegeo = p.cvegeo, cve_ent = p.cve_ent, location_flags = p.flags
      from (
        select x.id, x.cvegeo, x.cve_ent,
          array_remove(array[
            case when x.cvegeo is null then ${locationFlags.unplaced} end,
            case when x.given is not null and x.cve_ent is not null and substr(x.given, 1, 2) <> x.cve_ent
              then ${locationFlags.outsideGivenState} end,
            case when x.given is not null and x.cvegeo is not null and x.given <> x.cvegeo and not coalesce((
                select ST_DWithin(g.geom, x.geom, ${givenMunicipalityToleranceDeg}) from geo_municipal_boundary g
                where g.vintage = ${municipalBoundaryVintage} and g.cvegeo = x.given), true)
              then ${locationFlags.outsideGivenMunicipality} end
          ]::text[], null) as flags
        from (
          select e2.id, e2.geom, e2.cvegeo_as_given as given, m.cvegeo,
            coalesce(substr(m.cvegeo, 1, 2), n.cve_ent) as cve_ent
          from supplier_establishment e2
          left join lateral (
            select b.cvegeo from geo_municipal_boundary b
            where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, e2.geom) limit 1
          ) m on true
          left join lateral (
            select s.cve_ent from geo_state s
            where m.cvegeo is null and ST_DWithin(s.geom, e2.geom, 0.1)
            order by ST_Distance(s.geom, e2.geom) limit 1
          ) n on true
          where e2.id = any(${chunk}::uuid[])
        ) x
      ) p
      where e.id = p.id`.execute(db);
  }
}
