/**
 * Loads the shipped taxonomy (data/reference/skills) into the database: ESCO and O*NET
 * occupations and skills, their links, the crosswalk, US wages, ISCO groups, the EV tagging,
 * the Electrifica-curated entries and Mexican labels, and the CONOCER certifications.
 *
 * Bulk and set-based: rows go in as JSON documents of a few thousand rows per statement, not
 * through the per-row import pipeline (150,000 links would take minutes on PGlite). One
 * transaction: a failed load leaves the previous taxonomy. Skipped when the files' bytes are
 * those of the last load. What moderators added (local entries, alternative labels, links
 * they made) is never removed: source rows are upserted, and curated labels are put back.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { foldForSearch } from '../../../platform/text.js';
import { searchColumns } from './taxonomy.domain.js';
import { flushSearchIndexes, forgetCorrections, rebuildSearchWords } from './taxonomy.repository.js';

/** Where the files live under the reference data folder. */
export const skillsReferenceDir = 'skills';
/** Bumped when the loader changes how files become rows: the next start reloads. */
const loaderVersion = '1';
const rowsPerStatement = 5000;

export interface TaxonomyLoadResult {
  skipped: boolean;
  sha256: string;
  counts: Record<string, number>;
  durationMs: number;
}

type Row = Record<string, string>;

function readCsv(dir: string, file: string): Row[] {
  const bytes = fs.readFileSync(path.join(dir, file));
  return parse(file.endsWith('.gz') ? gunzipSync(bytes) : bytes, { columns: true, bom: true }) as Row[];
}

const split = (v: string | undefined, by = '|') => (v ? v.split(by).map((s) => s.trim()).filter(Boolean) : []);
const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v);

/** The SHA-256 of every shipped file (names and bytes, in name order) and the loader version. */
export function taxonomyHash(dir: string): string {
  const hash = createHash('sha256').update(`loader ${loaderVersion}\n`);
  for (const name of fs.readdirSync(dir).sort()) {
    hash.update(`${name}\n`).update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex');
}

interface EntityRow {
  id: string;
  scheme: 'esco' | 'onet' | 'local';
  label_es: string | null;
  label_en: string | null;
  alt_labels_es: string[];
  alt_labels_en: string[];
  description_en: string | null;
  description_es: string | null;
  ev_related: boolean;
  provenance: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Adds the curated labels and the search text; drops alternatives equal to the preferred label. */
function finish(rows: EntityRow[], curated: Map<string, { es: string[]; en: string[] }>) {
  return rows.map((r) => {
    const c = curated.get(r.id);
    const dedupe = (labels: string[], preferred: string | null) => {
      const seen = new Set(preferred ? [foldForSearch(preferred)] : []);
      return labels.filter((l) => {
        const k = foldForSearch(l);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    };
    const altEs = dedupe([...r.alt_labels_es, ...(c?.es ?? [])], r.label_es);
    const altEn = dedupe([...r.alt_labels_en, ...(c?.en ?? [])], r.label_en);
    return { ...r, alt_labels_es: altEs, alt_labels_en: altEn, ...searchColumns({ labelEs: r.label_es, labelEn: r.label_en, altLabelsEs: altEs, altLabelsEn: altEn }) };
  });
}

async function inChunks<T>(rows: T[], run: (json: string) => Promise<unknown>, size = rowsPerStatement) {
  for (let i = 0; i < rows.length; i += size) await run(JSON.stringify(rows.slice(i, i + size)));
}

const entityColumns = sql.raw(`id, scheme, label_es, label_en, alt_labels_es, alt_labels_en, description_en, description_es, ev_related, provenance,
  search_label_es, search_label_en, search_labels, search_alts`);
const entityRecord = sql.raw(`id text, scheme text, label_es text, label_en text, alt_labels_es json, alt_labels_en json, description_en text,
  description_es text, ev_related boolean, provenance jsonb, search_label_es text, search_label_en text, search_labels text, search_alts text`);
const entitySelect = sql.raw(`r.id, r.scheme, r.label_es, r.label_en, array(select json_array_elements_text(r.alt_labels_es)),
  array(select json_array_elements_text(r.alt_labels_en)), r.description_en, r.description_es, r.ev_related, r.provenance,
  r.search_label_es, r.search_label_en, r.search_labels, r.search_alts`);
const entityUpdate = (table: string, extra: string[]) => {
  const cols = ['label_es', 'label_en', 'alt_labels_es', 'alt_labels_en', 'description_en', 'description_es', 'ev_related', 'provenance',
    'search_label_es', 'search_label_en', 'search_labels', 'search_alts', ...extra];
  return sql.raw(`${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
    where (${cols.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${cols.map((c) => `excluded.${c}`).join(', ')})`);
};

/**
 * Loads the taxonomy from `<referenceDataDir>/skills` unless the same bytes were loaded last
 * (`force` reloads anyway).
 */
export async function loadSkillsTaxonomy(
  db: Db,
  referenceDataDir: string,
  options: { force?: boolean; log?: (message: string) => void } = {},
): Promise<TaxonomyLoadResult> {
  const started = Date.now();
  const dir = path.join(referenceDataDir, skillsReferenceDir);
  const sha256 = taxonomyHash(dir);
  const last = await db.selectFrom('skills_taxonomy_load').select(['sha256', 'counts']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!options.force && last?.sha256 === sha256) {
    const counts = typeof last.counts === 'string' ? JSON.parse(last.counts) : last.counts;
    // A database loaded before the flush below existed still holds its load in the pending lists.
    await flushSearchIndexes(db);
    return { skipped: true, sha256, counts, durationMs: Date.now() - started };
  }
  options.log?.('skills taxonomy: loading data/reference/skills…');

  const sources = JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8')) as Array<Record<string, string | null>>;
  const evCurated = new Map(readCsv(dir, 'ev_curated.csv').map((r) => [r.id!, r.decision_note ?? '']));
  const evProvenance = (id: string) => (evCurated.has(id)
    ? { evRelated: { source: 'electrifica-skills', method: 'curated from keyword extract', note: evCurated.get(id) } } : {});

  // --- occupations ---
  const isco = new Map<string, Set<string>>();
  for (const r of readCsv(dir, 'soc2018_isco08.csv')) {
    if (!isco.has(r.soc2018!)) isco.set(r.soc2018!, new Set());
    isco.get(r.soc2018!)!.add(r.isco08!);
  }
  const occupations: EntityRow[] = [];
  for (const r of readCsv(dir, 'esco_occupations.csv.gz')) {
    const id = `esco:${r.id}`;
    occupations.push({
      id, scheme: 'esco', label_es: orNull(r.label_es), label_en: orNull(r.label_en), alt_labels_es: split(r.alt_labels_es), alt_labels_en: split(r.alt_labels_en),
      description_en: orNull(r.description_en), description_es: null, isco_code: orNull(r.isco_code), soc_code: null, esco_version: r.esco_version,
      ev_related: evCurated.has(id),
      provenance: { record: { source: 'esco', vintage: `ESCO v${r.esco_version}`, method: 'import' }, ...evProvenance(id) },
    });
  }
  for (const r of readCsv(dir, 'onet_occupations.csv.gz')) {
    const id = `onet:${r.code}`;
    const soc = r.code!.slice(0, 7);
    const iscoCodes = [...(isco.get(soc) ?? [])];
    occupations.push({
      id, scheme: 'onet', label_es: null, label_en: r.title!, alt_labels_es: [], alt_labels_en: split(r.alternate_titles),
      description_en: orNull(r.description), description_es: null, isco_code: iscoCodes.length === 1 ? iscoCodes[0]! : null, soc_code: soc, esco_version: null,
      ev_related: evCurated.has(id),
      provenance: {
        record: { source: 'onet', vintage: 'O*NET 29.2', method: 'import' },
        ...(iscoCodes.length === 1 ? { iscoCode: { source: 'bls-soc-isco', method: 'derived', note: 'the only ISCO-08 group of its SOC 2018 code' } } : {}),
        ...evProvenance(id),
      },
    });
  }
  const locals = readCsv(dir, 'local_entries.csv');
  const localProvenance = (r: Row) => ({
    record: { source: 'electrifica-skills', method: 'manual', note: `Electrifica-curated: ${r.why_local}` },
    evRelated: { source: 'electrifica-skills', method: 'manual', note: 'EV-specific entry added by Electrifica' },
  });
  const localEntity = (r: Row): EntityRow => ({
    id: r.id!, scheme: 'local', label_es: r.label_es!, label_en: r.label_en!, alt_labels_es: split(r.alt_labels_es), alt_labels_en: split(r.alt_labels_en),
    description_en: orNull(r.description_en), description_es: orNull(r.description_es), ev_related: true, provenance: localProvenance(r),
  });
  for (const r of locals.filter((l) => l.kind === 'occupation')) occupations.push({ ...localEntity(r), isco_code: orNull(r.isco_code), soc_code: null, esco_version: null });

  // --- skills ---
  const skills: EntityRow[] = [];
  for (const r of readCsv(dir, 'esco_skills.csv.gz')) {
    const id = `esco:${r.id}`;
    skills.push({
      id, scheme: 'esco', skill_type: r.skill_type, reuse_level: orNull(r.reuse_level), label_es: orNull(r.label_es), label_en: orNull(r.label_en),
      alt_labels_es: split(r.alt_labels_es), alt_labels_en: split(r.alt_labels_en), description_en: orNull(r.description_en), description_es: null,
      ev_related: evCurated.has(id),
      provenance: { record: { source: 'esco', vintage: `ESCO v${r.esco_version}`, method: 'import' }, ...evProvenance(id) },
    });
  }
  const elementEs = new Map(readCsv(dir, 'onet_elements_es.csv').map((r) => [r.element_id!, r.label_es!]));
  for (const r of readCsv(dir, 'onet_elements.csv')) {
    const id = `onet:${r.element_id}`;
    skills.push({
      id, scheme: 'onet', skill_type: r.skill_type, reuse_level: 'cross-sector', label_es: elementEs.get(r.element_id!) ?? null, label_en: r.name!,
      alt_labels_es: [], alt_labels_en: [], description_en: orNull(r.description), description_es: null, ev_related: false,
      provenance: {
        record: { source: 'onet', vintage: 'O*NET 29.2', method: 'import' },
        ...(elementEs.has(r.element_id!) ? { labelEs: { source: 'electrifica-skills', method: 'manual', note: 'Electrifica translation' } } : {}),
      },
    });
  }
  for (const r of locals.filter((l) => l.kind === 'skill')) skills.push({ ...localEntity(r), skill_type: r.skill_type, reuse_level: null });

  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    for (const s of sources) {
      const row = { id: s.id!, name: s.name!, publisher: s.publisher!, licence: s.licence!, attribution: s.attribution!, vintage: s.vintage!, url: s.url ?? null, notes: s.notes ?? null };
      await tx.insertInto('data_source').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    // Shipped Mexican labels join the moderators' curated labels (a moderator's identical label is kept).
    const mx = readCsv(dir, 'mx_alt_labels.csv').map((r) => ({
      entity_id: r.id!, lang: r.lang!, label: r.label!.trim(), label_key: foldForSearch(r.label!),
      provenance: { source: 'electrifica-skills', method: 'manual', note: `Mexican label shipped with Electrifica: ${r.note}` },
    }));
    await sql`
      insert into skills_curated_label (entity_id, lang, label, label_key, provenance)
      select r.entity_id, r.lang, r.label, r.label_key, r.provenance
      from json_to_recordset(${JSON.stringify(mx)}::json) as r(entity_id text, lang text, label text, label_key text, provenance jsonb)
      on conflict (entity_id, lang, label_key) do nothing`.execute(tx);
    const curated = new Map<string, { es: string[]; en: string[] }>();
    for (const c of await tx.selectFrom('skills_curated_label').select(['entity_id', 'lang', 'label']).orderBy('id').execute()) {
      if (!curated.has(c.entity_id)) curated.set(c.entity_id, { es: [], en: [] });
      curated.get(c.entity_id)![c.lang].push(c.label);
    }

    await inChunks(finish(occupations, curated), (json) => sql`
      insert into skills_occupation (${entityColumns}, isco_code, soc_code, esco_version)
      select ${entitySelect}, r.isco_code, r.soc_code, r.esco_version
      from json_to_recordset(${json}::json) as r(${entityRecord}, isco_code text, soc_code text, esco_version text)
      on conflict (id) do update set ${entityUpdate('skills_occupation', ['isco_code', 'soc_code', 'esco_version'])}`.execute(tx));
    counts.occupations = occupations.length;
    // Identity order follows insertion: sorted ids keep `seq` stable between installations.
    await inChunks(finish(skills, curated).sort((a, b) => a.id.localeCompare(b.id)), (json) => sql`
      insert into skills_skill (${entityColumns}, skill_type, reuse_level)
      select ${entitySelect}, r.skill_type, r.reuse_level
      from json_to_recordset(${json}::json) as r(${entityRecord}, skill_type text, reuse_level text)
      on conflict (id) do update set ${entityUpdate('skills_skill', ['skill_type', 'reuse_level'])}`.execute(tx));
    counts.skills = skills.length;

    // --- links: the rows the loader owns are replaced; moderators' links stay ---
    await sql`delete from skills_occupation_skill where provenance->>'method' = 'import'`.execute(tx);
    const links: Array<[string, string, string, number | null]> = [];
    for (const r of readCsv(dir, 'esco_occupation_skills.csv.gz')) {
      for (const s of r.skill_ids!.split(' ')) links.push([`esco:${r.occupation_id}`, `esco:${s}`, r.relation!, null]);
    }
    for (const r of readCsv(dir, 'onet_occupation_elements.csv')) {
      const importance = Number(r.importance);
      // O*NET rates every skill for every occupation; "essential" is read as important or more (≥ 3.5 of 5).
      links.push([`onet:${r.code}`, `onet:${r.element_id}`, importance >= 3.5 ? 'essential' : 'optional', importance]);
    }
    for (const r of locals.filter((l) => l.kind === 'occupation')) {
      for (const s of split(r.essential_skills, ' ')) links.push([r.id!, s, 'essential', null]);
    }
    const provenanceOf = (occupationId: string) => (occupationId.startsWith('esco:')
      ? { source: 'esco', vintage: 'ESCO v1.2.0', method: 'import', note: 'derived: skill labels resolved to ESCO ids' }
      : occupationId.startsWith('onet:') ? { source: 'onet', vintage: 'O*NET 29.2', method: 'import', note: 'importance (IM) ≥ 3.0' }
        : { source: 'electrifica-skills', method: 'import', note: 'Electrifica-curated' });
    const provenances = ['esco:', 'onet:', 'local:'].map((p) => JSON.stringify(provenanceOf(p)));
    await inChunks(links.map(([o, s, r, i]) => [o, s, r, i, o.startsWith('esco:') ? 0 : o.startsWith('onet:') ? 1 : 2]), (json) => sql`
      insert into skills_occupation_skill (occupation_id, skill_id, relation, importance, provenance)
      select r->>0, r->>1, r->>2, (r->>3)::numeric, (${JSON.stringify(provenances)}::jsonb)->((r->>4)::int)
      from json_array_elements(${json}::json) r
      on conflict (occupation_id, skill_id) do nothing`.execute(tx), 20_000);
    counts.occupationSkills = links.length;

    const occupationIds = new Set(occupations.map((o) => o.id));
    await sql`delete from skills_crosswalk`.execute(tx);
    const crosswalk = readCsv(dir, 'esco_onet_crosswalk.csv')
      .map((r) => ({ esco_id: `esco:${r.esco_id}`, onet_id: `onet:${r.onet_code}`, confidence: Number(r.confidence), method: r.mapping === 'same code'
        ? 'Nesta crosswalk' : `Nesta crosswalk; O*NET ${r.onet_code_2010} mapped through ${r.mapping}` }))
      .filter((r) => occupationIds.has(r.esco_id) && occupationIds.has(r.onet_id));
    await inChunks(crosswalk, (json) => sql`
      insert into skills_crosswalk (esco_id, onet_id, confidence, method, provenance)
      select r.esco_id, r.onet_id, r.confidence, r.method, ${JSON.stringify({ source: 'nesta-esco-onet', vintage: 'November 2020', method: 'import' })}::jsonb
      from json_to_recordset(${json}::json) as r(esco_id text, onet_id text, confidence numeric, method text)
      on conflict do nothing`.execute(tx));
    counts.crosswalk = crosswalk.length;

    await sql`delete from skills_related_occupation`.execute(tx);
    const related = readCsv(dir, 'onet_related_occupations.csv')
      .map((r) => ({ occupation_id: `onet:${r.code}`, related_id: `onet:${r.related_code}`, tier: r.tier!, rank: Number(r.rank) }))
      .filter((r) => occupationIds.has(r.occupation_id) && occupationIds.has(r.related_id));
    await inChunks(related, (json) => sql`
      insert into skills_related_occupation (occupation_id, related_id, tier, rank, provenance)
      select r.occupation_id, r.related_id, r.tier, r.rank, ${JSON.stringify({ source: 'onet', vintage: 'O*NET 29.2', method: 'import' })}::jsonb
      from json_to_recordset(${json}::json) as r(occupation_id text, related_id text, tier text, rank int)
      on conflict do nothing`.execute(tx));
    counts.related = related.length;

    const groups = readCsv(dir, 'isco08_groups.csv');
    await sql`
      insert into skills_isco_group (code, label_en, label_es)
      select r.code, r.label_en, nullif(r.label_es, '') from json_to_recordset(${JSON.stringify(groups)}::json) as r(code text, label_en text, label_es text)
      on conflict (code) do update set label_en = excluded.label_en, label_es = excluded.label_es`.execute(tx);
    counts.iscoGroups = groups.length;

    const wageColumns = ['hourly_mean', 'hourly_median', 'annual_mean', 'annual_p10', 'annual_p25', 'annual_median', 'annual_p75', 'annual_p90'];
    const wages = readCsv(dir, 'oews_2024_national.csv').map((r) => ({
      soc_code: r.soc, soc_group: r.group, title: r.title, employment: r.employment ? Number(r.employment) : null,
      ...Object.fromEntries(wageColumns.map((c) => [`${c}_usd`, r[c] && r[c] !== 'top' ? Number(r[c]) : null])),
      top_coded: wageColumns.filter((c) => r[c] === 'top'),
    }));
    await sql`delete from skills_us_wage`.execute(tx);
    await sql`
      insert into skills_us_wage (soc_code, soc_group, title, employment, ${sql.raw(wageColumns.map((c) => `${c}_usd`).join(', '))}, top_coded, source, vintage)
      select r.soc_code, r.soc_group, r.title, r.employment, ${sql.raw(wageColumns.map((c) => `r.${c}_usd`).join(', '))},
        array(select json_array_elements_text(r.top_coded)), 'bls-oews-2024', 'May 2024'
      from json_to_recordset(${JSON.stringify(wages)}::json) as r(soc_code text, soc_group text, title text, employment int,
        ${sql.raw(wageColumns.map((c) => `${c}_usd numeric`).join(', '))}, top_coded json)`.execute(tx);
    counts.usWages = wages.length;

    const certifications = readCsv(dir, 'conocer_ev_standards.csv').map((r) => ({
      code: r.code, title_es: r.title_es, level: r.level ? Number(r.level) : null, committee: orNull(r.committee),
      skill_ids: split(r.skill_ids, ' '), occupation_ids: split(r.occupation_ids, ' '),
    }));
    await sql`
      insert into skills_certification (code, scheme, title_es, level, committee, skill_ids, occupation_ids, ev_related, provenance)
      select r.code, 'conocer', r.title_es, r.level, r.committee, array(select json_array_elements_text(r.skill_ids)),
        array(select json_array_elements_text(r.occupation_ids)), true,
        ${JSON.stringify({ source: 'conocer-renec', vintage: 'RENEC 2025-11-28', method: 'import', note: 'EV-related standards only; links to skills and occupations curated by Electrifica' })}::jsonb
      from json_to_recordset(${JSON.stringify(certifications)}::json) as r(code text, title_es text, level int, committee text, skill_ids json, occupation_ids json)
      on conflict (code) do update set title_es = excluded.title_es, level = excluded.level, committee = excluded.committee,
        skill_ids = excluded.skill_ids, occupation_ids = excluded.occupation_ids, provenance = excluded.provenance`.execute(tx);
    counts.certifications = certifications.length;
    counts.curatedLabels = mx.length;

    await rebuildSearchWords(tx);
    await tx.insertInto('skills_taxonomy_load').values({ sha256, counts: JSON.stringify(counts), duration_ms: Date.now() - started }).execute();
  });
  forgetCorrections();
  // The loaded rows out of the word indexes' pending lists (read in full by every search until
  // then), and fresh statistics, so the planner uses the word index from the first search.
  await flushSearchIndexes(db);
  for (const table of ['skills_occupation', 'skills_skill', 'skills_occupation_skill', 'skills_search_word']) await sql`analyze ${sql.raw(table)}`.execute(db);
  const durationMs = Date.now() - started;
  options.log?.(`skills taxonomy: loaded in ${(durationMs / 1000).toFixed(1)} s — ${JSON.stringify(counts)}`);
  return { skipped: false, sha256, counts, durationMs };
}
