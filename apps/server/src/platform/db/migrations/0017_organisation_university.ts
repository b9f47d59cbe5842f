import { type Kysely, sql } from 'kysely';

/**
 * Universities publish programmes and read demand and gaps (skills module); until now they
 * had to register as training centres. The list mirrors `organisationTypes` in contracts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation drop constraint organisation_type_check`.execute(db);
  await sql`
    alter table organisation add constraint organisation_type_check check (type in (
      'company', 'charge_point_operator', 'training_centre', 'university', 'recycler', 'government_office', 'industry_chamber'
    ))`.execute(db);
}
