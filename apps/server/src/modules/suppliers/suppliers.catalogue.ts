import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { hasRole, type Principal } from '../accounts/accounts.domain.js';
import { actorOf } from '../accounts/accounts.service.js';
import { searchDocument } from './suppliers.domain.js';
import { componentCatalogue, componentGroups } from './suppliers.taxonomy.js';

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

// --- curation: analysts, moderators and admins of the Ministry of Economy edit the catalogue ---

/** What a curator may set on a component (POST gives all required ones, PATCH any subset). */
export interface ComponentInput {
  code?: string;
  group?: string;
  evSpecific?: boolean;
  nameEs?: string;
  nameEn?: string;
  descriptionEs?: string | null;
  descriptionEn?: string | null;
  hsCodes?: string[];
  retired?: boolean;
}

/** Catalogue codes: lower-case words joined by underscores, like the shipped ones. */
export const componentCodePattern = /^[a-z][a-z0-9_]{1,47}$/;
/** An HS heading (4 digits), subheading (6) or tariff item (8, Mexican TIGIE), dotted after the heading. */
export const hsCodePattern = /^[0-9]{4}(\.[0-9]{2}([0-9]{2})?)?$/;

const columnOf = {
  group: 'component_group', evSpecific: 'ev_specific', nameEs: 'name_es', nameEn: 'name_en', descriptionEs: 'description_es',
  descriptionEn: 'description_en', hsCodes: 'hs_codes', retired: 'retired',
} as const;
type Field = keyof typeof columnOf;

/** Problems of a curator's input, as `{ path, message }` (empty when valid). */
export function componentInputProblems(input: ComponentInput, mode: 'create' | 'update'): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (mode === 'create') {
    if (!input.code || !componentCodePattern.test(input.code)) {
      problems.push({ path: '/code', message: 'The code is 2 to 48 lower-case letters, digits or underscores, starting with a letter (e.g. solid_state_cell).' });
    }
    for (const f of ['group', 'evSpecific', 'nameEs', 'nameEn'] as const) if (input[f] === undefined) problems.push({ path: `/${f}`, message: 'required' });
  }
  if (input.group !== undefined && !componentGroups.some((g) => g.code === input.group)) {
    problems.push({ path: '/group', message: `Unknown group "${input.group}"; accepted values: ${componentGroups.map((g) => g.code).join(', ')}.` });
  }
  for (const f of ['nameEs', 'nameEn'] as const) {
    if (input[f] !== undefined && input[f]!.trim() === '') problems.push({ path: `/${f}`, message: 'A name cannot be empty.' });
  }
  for (const hs of input.hsCodes ?? []) {
    if (!hsCodePattern.test(hs)) problems.push({ path: '/hsCodes', message: `"${hs}" is not an HS heading (8507), subheading (8507.60) or TIGIE item (8507.6001).` });
  }
  return problems;
}

function valuesOf(input: ComponentInput): Partial<Record<Field, unknown>> {
  const out: Partial<Record<Field, unknown>> = {};
  for (const f of Object.keys(columnOf) as Field[]) {
    const v = input[f];
    if (v !== undefined) out[f] = typeof v === 'string' ? v.trim() : f === 'hsCodes' ? [...new Set(v as string[])] : v;
  }
  return out;
}

/**
 * Who changed what: per field, the curator and the date, next to the shipped provenance
 * (kept, so a renamed shipped component still says where it came from).
 */
function curatedProvenance(existing: Record<string, unknown>, fields: string[], principal: Principal, at: string) {
  const curated = { ...((existing.curated as Record<string, unknown> | undefined) ?? {}) };
  for (const f of fields) curated[f] = { source: shippedCatalogueProvenance.source, method: 'manual', userId: principal.userId, declaredAt: at };
  return { ...existing, curated };
}

function requireCurator(principal: Principal | null): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  if (!hasRole(principal, 'analyst') && !hasRole(principal, 'moderator')) {
    throw new AppError('ACCOUNTS.FORBIDDEN', 'Curating the component catalogue needs the analyst or moderator role.');
  }
}

const rowOf = (code: string, v: Partial<Record<Field, unknown>>) => ({
  code, group: v.group, evSpecific: v.evSpecific, nameEs: v.nameEs, nameEn: v.nameEn, descriptionEs: v.descriptionEs ?? null,
  descriptionEn: v.descriptionEn ?? null, hsCodes: v.hsCodes ?? [], retired: v.retired ?? false,
});

/** Adds a component to the catalogue (audited). */
export async function createComponent(db: Db, principal: Principal | null, input: ComponentInput) {
  requireCurator(principal);
  const problems = componentInputProblems(input, 'create');
  if (problems.length > 0) throw new AppError('PLATFORM.VALIDATION_FAILED', problems.map((p) => p.message).join(' '), problems);
  const v = valuesOf(input);
  const code = input.code!;
  const at = new Date().toISOString();
  return db.transaction().execute(async (tx) => {
    const inserted = await tx.insertInto('supplier_component').values({
      code, component_group: v.group as string, ev_specific: v.evSpecific as boolean, name_es: v.nameEs as string, name_en: v.nameEn as string,
      description_es: (v.descriptionEs as string | null | undefined) ?? null, description_en: (v.descriptionEn as string | null | undefined) ?? null,
      hs_codes: (v.hsCodes as string[] | undefined) ?? [], retired: (v.retired as boolean | undefined) ?? false,
      provenance: JSON.stringify({ source: shippedCatalogueProvenance.source, method: 'manual', userId: principal.userId, declaredAt: at, note: 'Added by a curator.' }),
      updated_by: principal.userId,
    }).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
    if (!inserted) throw new AppError('SUPPLIERS.COMPONENT_EXISTS', `The catalogue already has a component "${code}"; change it with PATCH instead.`);
    await recordAudit(tx, actorOf(principal), [{ entityType: 'suppliers.component', entityId: code, action: 'create', before: null, after: rowOf(code, v) }]);
    return code;
  });
}

/** Changes a component (names, group, HS codes, retirement); only changed fields are audited. */
export async function updateComponent(db: Db, principal: Principal | null, code: string, input: ComponentInput) {
  requireCurator(principal);
  const problems = componentInputProblems(input, 'update');
  if (problems.length > 0) throw new AppError('PLATFORM.VALIDATION_FAILED', problems.map((p) => p.message).join(' '), problems);
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('supplier_component').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('SUPPLIERS.COMPONENT_NOT_FOUND', `The catalogue has no component "${code}".`);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [f, v] of Object.entries(valuesOf(input)) as Array<[Field, unknown]>) {
      const column = columnOf[f];
      const old = (current as Record<string, unknown>)[column];
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      before[f] = old;
      after[f] = v;
      set[column] = v;
    }
    const changed = Object.keys(after);
    if (changed.length === 0) return code;
    const existing = (typeof current.provenance === 'string' ? JSON.parse(current.provenance) : current.provenance) as Record<string, unknown>;
    await tx.updateTable('supplier_component').set({
      ...set, provenance: JSON.stringify(curatedProvenance(existing ?? {}, changed, principal, new Date().toISOString())),
      updated_by: principal.userId, updated_at: sql`now()`,
    } as never).where('code', '=', code).execute();
    await recordAudit(tx, actorOf(principal), [{ entityType: 'suppliers.component', entityId: code, action: 'update', before, after }]);
    if (changed.includes('nameEs') || changed.includes('nameEn')) {
      // The directory finds plants by their components' names: the new names are added to the
      // search text of the plants declaring the component (the old ones stay, as synonyms).
      const words = searchDocument([after.nameEs as string | undefined, after.nameEn as string | undefined]);
      await sql`
        update supplier_establishment set search_document = search_document || ' ' || ${words}
        where components @> array[${code}]::text[] and position(${words} in search_document) = 0`.execute(tx);
    }
    return code;
  });
}
