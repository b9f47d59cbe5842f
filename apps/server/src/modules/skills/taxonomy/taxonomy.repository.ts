/**
 * SQL of the skills taxonomy. `resolveSkills` and `resolveOccupations` are the contract
 * other modules (the job board) call to check ids and show labels.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { correctedTsQuery, minCorrectedLength, type Lang, type SearchTerms } from './taxonomy.domain.js';

export interface ResolvedSkill {
  id: string;
  seq: number;
  labelEs: string;
  labelEn: string;
}
export interface ResolvedOccupation {
  id: string;
  labelEs: string;
  labelEn: string;
}

/**
 * The skills among `ids` that exist, by id, with their compact `seq`. A label missing in one
 * language (O*NET and ESCO 1.2.0 additions are English only) is the other language's.
 */
export async function resolveSkills(db: Db, ids: string[]): Promise<Map<string, ResolvedSkill>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('skills_skill').select(['id', 'seq', 'label_es', 'label_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, seq: r.seq, labelEs: r.label_es ?? r.label_en ?? '', labelEn: r.label_en ?? r.label_es ?? '' }]));
}

/** The occupations among `ids` that exist, by id (labels as in {@link resolveSkills}). */
export async function resolveOccupations(db: Db, ids: string[]): Promise<Map<string, ResolvedOccupation>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('skills_occupation').select(['id', 'label_es', 'label_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, labelEs: r.label_es ?? r.label_en ?? '', labelEn: r.label_en ?? r.label_es ?? '' }]));
}

export interface SearchOptions {
  lang: Lang;
  ev: boolean | undefined;
  scheme: string | undefined;
  limit: number;
  offset: number;
}

export interface SearchRow {
  id: string;
  scheme: 'esco' | 'onet' | 'local';
  label_es: string | null;
  label_en: string | null;
  ev_related: boolean;
  /** 0 best: label starts with the query … 5 typo match only. */
  tier: number;
  total: number;
  extra_a: string | null;
  extra_b: string | null;
}

/**
 * Corrections already looked up, per database: query word → its closest label words (empty when
 * the word starts a label word or nothing is close). The word list changes only through
 * {@link addSearchWords} and {@link rebuildSearchWords}, which make every cached answer stale
 * (`wordListGeneration`); the loader forgets them again once its transaction has committed.
 * Another process's additions reach this one at most as a missing alternative, never as a
 * wrong match: the misspelt word itself stays in the query.
 */
const correctionCache = new WeakMap<object, { generation: number; words: Map<string, string[]> }>();
let wordListGeneration = 0;
/** Cached words per database at most: beyond, the cache starts again (typos are many, rarely repeated). */
const maxCachedWords = 20_000;

/** Makes every cached correction stale (the word list changed). */
export function forgetCorrections() {
  wordListGeneration++;
}

/**
 * For each query word that starts no label word, the closest label words (trigram similarity
 * over the word list, at most 3). Words that do start a label word are left alone. Answers are
 * cached per word, so a repeated query costs no lookup (about 5 ms of trigram search per
 * misspelt word otherwise).
 */
export async function corrections(db: Db, words: string[]): Promise<Map<string, string[]>> {
  const candidates = words.filter((w) => w.length >= minCorrectedLength);
  if (candidates.length === 0) return new Map();
  let cache = correctionCache.get(db);
  if (!cache || cache.generation !== wordListGeneration || cache.words.size > maxCachedWords) {
    cache = { generation: wordListGeneration, words: new Map() };
    correctionCache.set(db, cache);
  }
  const known = cache.words;
  const unknown = candidates.filter((w) => !known.has(w));
  const found = new Map<string, string[]>(unknown.map((w) => [w, []]));
  if (unknown.length > 0) {
    const generation = wordListGeneration;
    const { rows } = await sql<{ w: string; word: string }>`
      with missing as materialized (
        select q.w from unnest(${unknown}::text[]) as q(w)
        where not exists (select 1 from skills_search_word p where p.word >= q.w and p.word < q.w || chr(1114111))
      )
      select m.w, c.word
      from missing m
      cross join lateral (
        select v.word, v.word <-> m.w as distance from skills_search_word v order by v.word <-> m.w limit 3
      ) c
      where c.distance < 0.65`.execute(db);
    for (const r of rows) found.get(r.w)!.push(r.word);
    // An answer read while the word list changed is used once, not kept.
    if (generation === wordListGeneration) for (const [w, c] of found) known.set(w, c);
  }
  const out = new Map<string, string[]>();
  for (const w of candidates) {
    const c = found.get(w) ?? known.get(w) ?? [];
    if (c.length > 0) out.set(w, c);
  }
  return out;
}

/**
 * One search over occupations or skills, by the word index: every query word as a word prefix
 * in some label (or, for a misspelt word, one of its corrections). Ranked in tiers: a preferred
 * label starting with the query, the query as a phrase in a preferred label, all words in
 * preferred labels, the phrase in an alternative label, all words anywhere, matched only
 * through a corrected word; then shorter labels first.
 */
export function searchSql(table: 'skills_occupation' | 'skills_skill', terms: SearchTerms | null, o: SearchOptions, corrected?: string, anyWord = false): RawBuilder<SearchRow> {
  const t = sql.raw(table);
  const extras = table === 'skills_occupation' ? sql.raw('t.isco_code as extra_a, t.soc_code as extra_b') : sql.raw('t.skill_type as extra_a, t.reuse_level as extra_b');
  const labelCol = sql.raw(o.lang === 'es' ? 'coalesce(t.label_es, t.label_en)' : 'coalesce(t.label_en, t.label_es)');
  const filters: RawBuilder<unknown>[] = [];
  if (o.ev !== undefined) filters.push(sql`t.ev_related = ${o.ev}`);
  if (o.scheme) filters.push(sql`t.scheme = ${o.scheme}`);
  const where = (base: RawBuilder<unknown>) => sql.join([base, ...filters], sql` and `);
  if (!terms) {
    return sql<SearchRow>`
      select t.id, t.scheme, t.label_es, t.label_en, t.ev_related, 0 as tier, count(*) over () as total, ${extras}
      from ${t} t where ${where(sql`true`)}
      order by ${labelCol}, t.id limit ${o.limit} offset ${o.offset}`;
  }
  if (anyWord) {
    // No label has every word: the labels with the most of them, each word counted once.
    return sql<SearchRow>`
      with q as (select to_tsquery('simple', ${terms.tsqueryAny}) as words)
      select t.id, t.scheme, t.label_es, t.label_en, t.ev_related, ${extras}, 6 as tier, count(*) over () as total
      from ${t} t, q
      where ${where(sql`t.search_vector @@ q.words`)}
      order by ${sql.join(terms.wordQueries.map((w) => sql`(t.search_vector @@ to_tsquery('simple', ${w}))::int`), sql` + `)} desc,
        length(${labelCol}), t.id
      limit ${o.limit} offset ${o.offset}`;
  }
  const { phrase, phraseEndsWhole, tsquery, tsqueryPreferred } = terms;
  // The phrase holds only letters, digits and single spaces (foldForSearch): safe inside LIKE.
  // Its last word is a prefix, or a whole word when it is an abbreviation ("ev" is not "evaluar"):
  // the columns get a trailing space so that "ev %" also matches a label that ends with "ev".
  const end = phraseEndsWhole ? ' %' : '%';
  const starts = `${phrase}${end}`;
  const inside = `% ${phrase}${end}`;
  // Without corrections every row matched the query as typed: no tier 5 to tell apart, and one
  // tsvector read (detoasted, the largest column) less per matching row.
  const typoOnly = corrected ? sql`when not t.search_vector @@ q.words then 5` : sql``;
  return sql<SearchRow>`
    with q as (
      select to_tsquery('simple', ${tsquery}) as words, to_tsquery('simple', ${tsqueryPreferred}) as preferred,
        to_tsquery('simple', ${corrected ?? tsquery}) as fuzzy
    )
    select t.id, t.scheme, t.label_es, t.label_en, t.ev_related, ${extras},
      case
        ${typoOnly}
        when (t.search_label_es || ' ') like ${starts} or (t.search_label_en || ' ') like ${starts} then 0
        when (' ' || t.search_labels || ' ') like ${inside} then 1
        when t.search_vector @@ q.preferred then 2
        when (' ' || t.search_alts || ' ') like ${inside} then 3
        else 4
      end as tier,
      count(*) over () as total
    from ${t} t, q
    where ${where(sql`t.search_vector @@ q.fuzzy`)}
    order by tier, length(${labelCol}), t.id
    limit ${o.limit} offset ${o.offset}`;
}

export async function search(db: Db, table: 'skills_occupation' | 'skills_skill', terms: SearchTerms | null, o: SearchOptions) {
  const fixes = terms ? await corrections(db, terms.words) : new Map<string, string[]>();
  const corrected = terms && fixes.size > 0 ? correctedTsQuery(terms.words, fixes) : undefined;
  const run = async (anyWord: boolean) => {
    const { rows } = await searchSql(table, terms, o, corrected, anyWord).execute(db);
    if (rows[0] || o.offset === 0) return { rows, total: rows[0] ? Number(rows[0].total) : 0 };
    // Past the last match: the total still says how many there are.
    const { rows: first } = await searchSql(table, terms, { ...o, limit: 1, offset: 0 }, corrected, anyWord).execute(db);
    return { rows, total: first[0] ? Number(first[0].total) : 0 };
  };
  const all = await run(false);
  // Nothing has every word ("alta tensión" where the labels say "alto voltaje"): rather than an
  // empty page, the labels with the most of the words, marked as tier 6.
  if (all.total > 0 || !terms || terms.words.length < 2) return all;
  return run(true);
}

/** Adds the folded words of new labels to the word list typos are corrected against. */
export async function addSearchWords(db: Db, texts: string[]) {
  const words = [...new Set(texts.join(' ').split(' ').filter((w) => w.length >= minCorrectedLength))];
  if (words.length === 0) return;
  forgetCorrections();
  await sql`insert into skills_search_word (word) select unnest(${words}::text[]) on conflict do nothing`.execute(db);
}

/** Rebuilds the word list from every label (after a load). */
export async function rebuildSearchWords(db: Db) {
  forgetCorrections();
  await sql`delete from skills_search_word`.execute(db);
  await sql`
    insert into skills_search_word (word)
    select distinct w from (
      select regexp_split_to_table(search_labels || ' ' || search_alts, ' ') as w from skills_occupation
      union all
      select regexp_split_to_table(search_labels || ' ' || search_alts, ' ') from skills_skill
    ) x where length(w) >= ${minCorrectedLength}`.execute(db);
}

/**
 * Moves the rows waiting in the word indexes' pending lists into the indexes proper. A GIN index
 * takes new rows into an unsorted pending list that every search reads in full; after a load
 * that list holds the whole taxonomy (every search then read 13,937 skills one by one, 8–40 ms),
 * and only VACUUM empties it — which PGlite never runs on its own and autovacuum runs late.
 * Cheap when the lists are empty.
 */
export async function flushSearchIndexes(db: Db) {
  await sql`select gin_clean_pending_list('skills_occupation_search_idx'::regclass), gin_clean_pending_list('skills_skill_search_idx'::regclass)`.execute(db);
}

// --- detail ---

export const getOccupation = (db: Db, id: string) => db.selectFrom('skills_occupation').selectAll().where('id', '=', id).executeTakeFirst();
export const getSkill = (db: Db, id: string) => db.selectFrom('skills_skill').selectAll().where('id', '=', id).executeTakeFirst();

export async function occupationSkills(db: Db, occupationId: string) {
  return db.selectFrom('skills_occupation_skill as l').innerJoin('skills_skill as s', 's.id', 'l.skill_id')
    .select(['s.id', 's.label_es', 's.label_en', 's.skill_type', 's.ev_related', 'l.relation', 'l.importance', 'l.provenance'])
    .where('l.occupation_id', '=', occupationId)
    .orderBy('l.relation').orderBy(sql`l.importance desc nulls last`).orderBy(sql`coalesce(s.label_en, s.label_es)`).execute();
}

export async function skillOccupations(db: Db, skillId: string, limit: number) {
  const rows = await db.selectFrom('skills_occupation_skill as l').innerJoin('skills_occupation as o', 'o.id', 'l.occupation_id')
    .select(['o.id', 'o.label_es', 'o.label_en', 'o.ev_related', 'l.relation', 'l.importance', sql<number>`count(*) over (partition by l.relation)`.as('n')])
    .where('l.skill_id', '=', skillId)
    .orderBy('l.relation').orderBy(sql`o.ev_related desc`).orderBy(sql`l.importance desc nulls last`).orderBy(sql`coalesce(o.label_en, o.label_es)`).execute();
  return {
    essential: rows.filter((r) => r.relation === 'essential').slice(0, limit),
    optional: rows.filter((r) => r.relation === 'optional').slice(0, limit),
    essentialTotal: rows.filter((r) => r.relation === 'essential').length,
    optionalTotal: rows.filter((r) => r.relation === 'optional').length,
  };
}

/** ESCO↔O*NET links of an occupation, from either side. */
export async function crosswalkOf(db: Db, id: string) {
  return db.selectFrom('skills_crosswalk as c')
    .innerJoin('skills_occupation as o', (j) => j.on(sql<boolean>`o.id = case when c.esco_id = ${id} then c.onet_id else c.esco_id end`))
    .select(['o.id', 'o.label_es', 'o.label_en', 'o.soc_code', 'c.confidence', 'c.method'])
    .where((w) => w.or([w('c.esco_id', '=', id), w('c.onet_id', '=', id)]))
    .orderBy('c.confidence', 'desc').orderBy('o.id').execute();
}

export async function usWages(db: Db, socCodes: string[]) {
  if (socCodes.length === 0) return [];
  return db.selectFrom('skills_us_wage').selectAll().where('soc_code', 'in', [...new Set(socCodes)]).orderBy('soc_code').execute();
}

/** O*NET's related occupations; for ESCO and local ones, others of the same ISCO-08 unit group. */
export async function relatedOccupations(db: Db, occupation: { id: string; isco_code: string | null }, limit: number) {
  const listed = await db.selectFrom('skills_related_occupation as r').innerJoin('skills_occupation as o', 'o.id', 'r.related_id')
    .select(['o.id', 'o.label_es', 'o.label_en', 'r.tier', 'r.rank']).where('r.occupation_id', '=', occupation.id).orderBy('r.rank').limit(limit).execute();
  if (listed.length > 0) return listed.map((r) => ({ ...r, method: `O*NET related occupations (${r.tier})` }));
  if (!occupation.isco_code) return [];
  const same = await db.selectFrom('skills_occupation as o').select(['o.id', 'o.label_es', 'o.label_en'])
    .where('o.isco_code', '=', occupation.isco_code).where('o.id', '!=', occupation.id).where('o.scheme', '!=', 'onet')
    .orderBy(sql`coalesce(o.label_en, o.label_es)`).limit(limit).execute();
  return same.map((r) => ({ ...r, tier: 'same ISCO-08 unit group', rank: null as number | null, method: `same ISCO-08 unit group ${occupation.isco_code}` }));
}

export const iscoGroup = (db: Db, code: string | null) =>
  (code ? db.selectFrom('skills_isco_group').selectAll().where('code', '=', code).executeTakeFirst() : Promise.resolve(undefined));

export async function certificationsOf(db: Db, id: string, kind: 'skill' | 'occupation') {
  const column = sql.raw(kind === 'skill' ? 'skill_ids' : 'occupation_ids');
  return db.selectFrom('skills_certification').select(['code', 'scheme', 'title_es', 'level', 'committee'])
    .where(sql<boolean>`${id} = any(${column})`).orderBy('code').execute();
}

export async function dataSources(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('data_source').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
