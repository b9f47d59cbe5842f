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
 * Lateral joins that place `point` (a geometry column of the FROM clause): `m.cvegeo`, the
 * municipality whose (2010) boundary covers it; `n.cve_ent`, the nearest state within 0.1°
 * when none does (shores). Shared by the import's INSERT (a new record is placed as it is
 * written, not rewritten afterwards) and by `placeEstablishments`.
 *
 * `placedBy` names a column holding the municipality the import pipeline already found for
 * the point with the same boundaries in memory: where it is set, the boundary search is
 * skipped (COALESCE evaluates the search only for the rows it is null for).
 */
export const placementJoins = (point: string, placedBy?: string) => {
  const p = sql.raw(point);
  const covering = sql`(
    select b.cvegeo::text from geo_municipal_boundary b
    where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, ${p}) limit 1)`;
  return sql`
  left join lateral (
    select ${placedBy === undefined ? covering : sql`coalesce(${sql.raw(placedBy)}, ${covering})`} as cvegeo
  ) m on true
  left join lateral (
    select s.cve_ent from geo_state s
    where m.cvegeo is null and ST_DWithin(s.geom, ${p}, 0.1)
    order by ST_Distance(s.geom, ${p}) limit 1
  ) n on true`;
};

/**
 * With `placementJoins`: the placed municipality, its state, and the flags that compare
 * them with what the source claims (`given`, a municipality code column), as the columns
 * `cvegeo`, `cve_ent` and `location_flags`. A point outside
 * the named municipality or state is flagged, never moved and never rejected.
 */
export const placementColumns = (point: string, given: string) => {
  const p = sql.raw(point);
  const g = sql.raw(given);
  return sql`
  m.cvegeo as cvegeo,
  coalesce(substr(m.cvegeo, 1, 2), n.cve_ent) as cve_ent,
  array_remove(array[
    case when m.cvegeo is null then ${locationFlags.unplaced} end,
    case when ${g} is not null and coalesce(substr(m.cvegeo, 1, 2), n.cve_ent) is not null
      and substr(${g}, 1, 2) <> coalesce(substr(m.cvegeo, 1, 2), n.cve_ent)
      then ${locationFlags.outsideGivenState} end,
    case when ${g} is not null and m.cvegeo is not null and ${g} <> m.cvegeo and not coalesce((
        select ST_DWithin(g.geom, ${p}, ${givenMunicipalityToleranceDeg}) from geo_municipal_boundary g
        where g.vintage = ${municipalBoundaryVintage} and g.cvegeo = (${g})::char(5)), true)
      then ${locationFlags.outsideGivenMunicipality} end
  ]::text[], null) as location_flags`;
};

/**
 * Places stored establishments from their point (see `placementJoins`) and flags where the
 * point disagrees with the municipality the source claims (`cvegeo_as_given`).
 * Set-based: one statement per 20,000 establishments.
 */
export async function placeEstablishments(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += idsPerStatement) {
    const chunk = ids.slice(i, i + idsPerStatement);
    await sql`
      update supplier_establishment e
      set cvegeo = p.cvegeo, cve_ent = p.cve_ent, location_flags = p.location_flags
      from (
        select x.id, ${placementColumns('x.geom', 'x.cvegeo_as_given')}
        from supplier_establishment x
        ${placementJoins('x.geom')}
        where x.id = any(${chunk}::uuid[])
      ) p
      where e.id = p.id`.execute(db);
  }
}
