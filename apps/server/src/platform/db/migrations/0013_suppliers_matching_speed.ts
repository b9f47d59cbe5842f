import { type Kysely, sql } from 'kysely';

/**
 * Supplier census: partial indexes for the keyed blocks of matching (see "Matching between
 * sources" in modules/suppliers/README.md and docs/adr/0010-supplier-matching-blocking.md).
 *
 * Matching only ever looks for records still shown (not folded into another), so each index
 * holds those alone; the expressions are exactly the ones the matching repository joins on
 * (keep them in step with `otherPhoneKeySql` and `otherEmailKeySql`):
 * - the phone key: the last ten digits ("+52 1 (844) 438-1000" and "844 438 1000" agree);
 * - the email key: trimmed, lower case;
 * - the name key with the latitude, so that "the same name within 5 km" is one range probe.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index supplier_establishment_match_phone_idx on supplier_establishment (right(regexp_replace(phone, '[^0-9]', '', 'g'), 10))
    where merged_into is null and phone is not null`.execute(db);
  await sql`
    create index supplier_establishment_match_email_idx on supplier_establishment (lower(btrim(email)))
    where merged_into is null and email is not null`.execute(db);
  await sql`create index supplier_establishment_match_name_idx on supplier_establishment (name_key, lat) where merged_into is null`.execute(db);
}
