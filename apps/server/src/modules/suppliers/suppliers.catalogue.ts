import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { componentCatalogue } from './suppliers.taxonomy.js';

/** Where the shipped catalogue entries come from, kept on each seeded row. */
export const shippedCatalogueProvenance = {
  source: 'electrifica-taxonomy',
  method: 'derived',
  note: 'Seeded from the catalogue Electrifica ships (HS 2022 headings compiled from the WCO nomenclature and TIGIE); curated in the app afterwards.',
};

/**
 * Adds the shipped components the database does not have yet. Existing rows are left as
 * curators made them: a renamed or retired component stays so after an upgrade.
 */
export async function seedComponentCatalogue(db: Db): Promise<void> {
  const rows = componentCatalogue.map((c) => ({
    code: c.code, component_group: c.group, ev_specific: c.evSpecific, name_es: c.es, name_en: c.en, hs_codes: c.hsCodes,
  }));
  await sql`
    insert into supplier_component (code, component_group, ev_specific, name_es, name_en, hs_codes, provenance)
    select r.code, r.component_group, r.ev_specific, r.name_es, r.name_en, array(select json_array_elements_text(r.hs_codes)),
      ${JSON.stringify(shippedCatalogueProvenance)}::jsonb
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(code text, component_group text, ev_specific boolean, name_es text, name_en text, hs_codes json)
    on conflict (code) do nothing`.execute(db);
}
