/**
 * Skills taxonomy use cases: search, occupation and skill pages, and what moderators add
 * (local occupations and skills, alternative labels in Mexican wording), audited.
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { recordAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { citeSource } from '../../../platform/sources.js';
import { foldForSearch } from '../../../platform/text.js';
import { hasRole, type Principal } from '../../accounts/accounts.domain.js';
import { actorOf } from '../../accounts/accounts.service.js';
import {
  altLabelProblems, labelIn, localEntryProblems, schemeOf, searchColumns, searchTerms, slugOf, type Lang, type LocalEntryInput,
} from './taxonomy.domain.js';
import * as repo from './taxonomy.repository.js';

export interface SearchQuery {
  q?: string;
  lang?: Lang;
  ev?: boolean;
  scheme?: string;
  limit: number;
  offset: number;
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Every data source id a provenance document names. */
function sourceIds(p: unknown, into = new Set<string>()): Set<string> {
  const v = parseJson<unknown>(p);
  if (Array.isArray(v)) v.forEach((x) => sourceIds(x, into));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' && typeof x === 'string') into.add(x);
      else if (x && typeof x === 'object') sourceIds(x, into);
    }
  }
  return into;
}

/** Provenance as published: who declared it stays inside. */
function publicProvenance(p: unknown): Record<string, unknown> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'userId').map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return (strip(parseJson<Record<string, unknown>>(p) ?? {}) ?? {}) as Record<string, unknown>;
}

function requireModerator(principal: Principal | null): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  if (!hasRole(principal, 'moderator')) throw new AppError('ACCOUNTS.FORBIDDEN', 'Adding to the skills taxonomy needs the moderator or admin role.');
}

function invalid(problems: Array<{ path: string; message: string }>): never {
  throw new AppError('SKILLS.INVALID_ENTRY', problems.map((p) => `${p.path}: ${p.message}`).join(' '), problems);
}

const label = (lang: Lang, r: { label_es: string | null; label_en: string | null }) => ({ ...labelIn(lang, r), labelEs: r.label_es, labelEn: r.label_en });

/**
 * A write that adds label words: once committed, corrections cached while it ran (the new words
 * not yet visible) are forgotten too.
 */
async function changingWords<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    repo.forgetCorrections();
  }
}

export function createTaxonomyService(deps: { db: Db }) {
  const { db } = deps;

  function checkId(id: string, kind: 'occupation' | 'skill') {
    if (schemeOf(id) === null) {
      throw new AppError(kind === 'occupation' ? 'SKILLS.OCCUPATION_NOT_FOUND' : 'SKILLS.SKILL_NOT_FOUND',
        `"${id}" is not a taxonomy id (esco:<uuid>, onet:<code> or local:<slug>).`);
    }
  }

  async function searchIn(table: 'skills_occupation' | 'skills_skill', query: SearchQuery) {
    const lang = query.lang ?? 'es';
    if (query.scheme !== undefined && !['esco', 'onet', 'local'].includes(query.scheme)) {
      throw new AppError('SKILLS.INVALID_QUERY', 'scheme is esco, onet or local.', [{ path: '/scheme', message: 'scheme is esco, onet or local.' }]);
    }
    const terms = searchTerms(query.q);
    const { rows, total } = await repo.search(db, table, terms, { lang, ev: query.ev, scheme: query.scheme, limit: query.limit, offset: query.offset });
    return { rows, total, lang };
  }

  return {
    async searchOccupations(query: SearchQuery) {
      const { rows, total, lang } = await searchIn('skills_occupation', query);
      return {
        items: rows.map((r) => ({ id: r.id, scheme: r.scheme, ...label(lang, r), evRelated: r.ev_related, iscoCode: r.extra_a, socCode: r.extra_b, matchTier: Number(r.tier) })),
        total, limit: query.limit, offset: query.offset,
      };
    },

    async searchSkills(query: SearchQuery) {
      const { rows, total, lang } = await searchIn('skills_skill', query);
      return {
        items: rows.map((r) => ({ id: r.id, scheme: r.scheme, ...label(lang, r), evRelated: r.ev_related, skillType: r.extra_a ?? 'skill', reuseLevel: r.extra_b, matchTier: Number(r.tier) })),
        total, limit: query.limit, offset: query.offset,
      };
    },

    async occupation(id: string, lang: Lang = 'es') {
      checkId(id, 'occupation');
      const o = await repo.getOccupation(db, id);
      if (!o) throw new AppError('SKILLS.OCCUPATION_NOT_FOUND', `The taxonomy has no occupation "${id}".`);
      const [skills, crosswalk, related, isco, certifications] = await Promise.all([
        repo.occupationSkills(db, id), repo.crosswalkOf(db, id), repo.relatedOccupations(db, o, 20), repo.iscoGroup(db, o.isco_code),
        repo.certificationsOf(db, id, 'occupation'),
      ]);
      // US wages: the occupation's own SOC code (O*NET) or those of its O*NET matches (ESCO).
      const socCodes = o.soc_code ? [o.soc_code] : crosswalk.map((c) => c.soc_code).filter((s): s is string => !!s);
      const wages = await repo.usWages(db, socCodes);
      const ids = sourceIds(o.provenance);
      for (const s of skills) sourceIds(s.provenance, ids);
      if (crosswalk.length > 0) ids.add('nesta-esco-onet');
      if (wages.length > 0) ids.add('bls-oews-2024');
      if (certifications.length > 0) ids.add('conocer-renec');
      if (o.isco_code && o.scheme === 'onet') ids.add('bls-soc-isco');
      const skill = (s: (typeof skills)[number]) => ({
        id: s.id, ...label(lang, s), skillType: s.skill_type, evRelated: s.ev_related, importance: s.importance === null ? null : Number(s.importance),
      });
      return {
        id: o.id, scheme: o.scheme, ...label(lang, o),
        altLabels: { es: o.alt_labels_es, en: o.alt_labels_en },
        description: { es: o.description_es, en: o.description_en },
        iscoCode: o.isco_code, iscoGroup: isco ? { code: isco.code, labelEs: isco.label_es, labelEn: isco.label_en } : null,
        socCode: o.soc_code, escoVersion: o.esco_version, evRelated: o.ev_related,
        skills: { essential: skills.filter((s) => s.relation === 'essential').map(skill), optional: skills.filter((s) => s.relation === 'optional').map(skill) },
        crosswalk: crosswalk.map((c) => ({ id: c.id, ...label(lang, c), socCode: c.soc_code, confidence: c.confidence === null ? null : Number(c.confidence), method: c.method })),
        usWages: wages.map((w) => ({
          socCode: w.soc_code, title: w.title, currency: 'USD', employment: w.employment,
          hourlyMean: w.hourly_mean_usd, hourlyMedian: w.hourly_median_usd, annualMean: w.annual_mean_usd, annualP10: w.annual_p10_usd,
          annualP25: w.annual_p25_usd, annualMedian: w.annual_median_usd, annualP75: w.annual_p75_usd, annualP90: w.annual_p90_usd,
          topCoded: w.top_coded, source: w.source, vintage: w.vintage,
        })),
        related: related.map((r) => ({ id: r.id, ...label(lang, r), method: r.method, rank: r.rank })),
        certifications: certifications.map((c) => ({ code: c.code, scheme: c.scheme, titleEs: c.title_es, level: c.level, committee: c.committee })),
        provenance: publicProvenance(o.provenance),
        sources: (await repo.dataSources(db, [...ids])).map(citeSource),
        updatedAt: o.updated_at.toISOString(),
      };
    },

    async skill(id: string, lang: Lang = 'es') {
      checkId(id, 'skill');
      const s = await repo.getSkill(db, id);
      if (!s) throw new AppError('SKILLS.SKILL_NOT_FOUND', `The taxonomy has no skill "${id}".`);
      const [occupations, certifications] = await Promise.all([repo.skillOccupations(db, id, 50), repo.certificationsOf(db, id, 'skill')]);
      const ids = sourceIds(s.provenance);
      if (certifications.length > 0) ids.add('conocer-renec');
      const occ = (o: (typeof occupations.essential)[number]) => ({ id: o.id, ...label(lang, o), evRelated: o.ev_related, importance: o.importance === null ? null : Number(o.importance) });
      return {
        id: s.id, seq: s.seq, scheme: s.scheme, ...label(lang, s), skillType: s.skill_type, reuseLevel: s.reuse_level,
        altLabels: { es: s.alt_labels_es, en: s.alt_labels_en }, description: { es: s.description_es, en: s.description_en }, evRelated: s.ev_related,
        occupations: {
          essential: occupations.essential.map(occ), optional: occupations.optional.map(occ),
          essentialTotal: occupations.essentialTotal, optionalTotal: occupations.optionalTotal,
        },
        certifications: certifications.map((c) => ({ code: c.code, scheme: c.scheme, titleEs: c.title_es, level: c.level, committee: c.committee })),
        provenance: publicProvenance(s.provenance),
        sources: (await repo.dataSources(db, [...ids])).map(citeSource),
        updatedAt: s.updated_at.toISOString(),
      };
    },

    /** A moderator adds an occupation ESCO and O*NET lack (`local:<slug>`), with its essential and optional skills. */
    async addOccupation(principal: Principal | null, input: LocalEntryInput) {
      requireModerator(principal);
      const problems = localEntryProblems(input, 'occupation');
      if (problems.length > 0) invalid(problems);
      const id = `local:${input.slug ?? slugOf(input.labelEn!)}`;
      const skillIds = [...(input.essentialSkills ?? []), ...(input.optionalSkills ?? [])];
      const at = new Date().toISOString();
      return changingWords(db.transaction().execute(async (tx) => {
        const found = await repo.resolveSkills(tx, skillIds);
        const missing = skillIds.map((s, i) => ({ s, i })).filter(({ s }) => !found.has(s));
        if (missing.length > 0) {
          invalid(missing.map(({ s, i }) => {
            const essentialCount = input.essentialSkills?.length ?? 0;
            const path = i < essentialCount ? `/essentialSkills/${i}` : `/optionalSkills/${i - essentialCount}`;
            return { path, message: `The taxonomy has no skill "${s}".` };
          }));
        }
        const provenance = { record: { source: 'electrifica-skills', method: 'manual', userId: principal.userId, declaredAt: at, note: 'Added by a moderator' } };
        const row = entityRow(input, provenance);
        const inserted = await tx.insertInto('skills_occupation').values({ id, scheme: 'local', ...row, isco_code: input.iscoCode ?? null })
          .onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
        if (!inserted) throw new AppError('SKILLS.ALREADY_EXISTS', `The taxonomy already has "${id}"; choose another slug.`);
        const links = [
          ...(input.essentialSkills ?? []).map((s) => ({ skill_id: s, relation: 'essential' as const })),
          ...(input.optionalSkills ?? []).filter((s) => !input.essentialSkills?.includes(s)).map((s) => ({ skill_id: s, relation: 'optional' as const })),
        ];
        if (links.length > 0) {
          await tx.insertInto('skills_occupation_skill').values(links.map((l) => ({
            occupation_id: id, ...l, importance: null, provenance: JSON.stringify({ source: 'electrifica-skills', method: 'manual', userId: principal.userId, declaredAt: at }),
          }))).onConflict((oc) => oc.columns(['occupation_id', 'skill_id']).doNothing()).execute();
        }
        await repo.addSearchWords(tx, [row.search_labels, row.search_alts]);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.occupation', entityId: id, action: 'create', before: null, after: { ...publicRow(row), iscoCode: input.iscoCode ?? null, skills: links } }]);
        return { id };
      }));
    },

    /** A moderator adds a skill ESCO and O*NET lack (`local:<slug>`). */
    async addSkill(principal: Principal | null, input: LocalEntryInput) {
      requireModerator(principal);
      const problems = localEntryProblems(input, 'skill');
      if (problems.length > 0) invalid(problems);
      const id = `local:${input.slug ?? slugOf(input.labelEn!)}`;
      const at = new Date().toISOString();
      return changingWords(db.transaction().execute(async (tx) => {
        const provenance = { record: { source: 'electrifica-skills', method: 'manual', userId: principal.userId, declaredAt: at, note: 'Added by a moderator' } };
        const row = entityRow(input, provenance);
        const inserted = await tx.insertInto('skills_skill').values({ id, scheme: 'local', skill_type: input.skillType as 'skill', reuse_level: null, ...row })
          .onConflict((oc) => oc.column('id').doNothing()).returning(['id', 'seq']).executeTakeFirst();
        if (!inserted) throw new AppError('SKILLS.ALREADY_EXISTS', `The taxonomy already has "${id}"; choose another slug.`);
        await repo.addSearchWords(tx, [row.search_labels, row.search_alts]);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.skill', entityId: id, action: 'create', before: null, after: { ...publicRow(row), skillType: input.skillType } }]);
        return { id, seq: inserted.seq };
      }));
    },

    /**
     * A moderator adds an alternative label (e.g. Mexican wording) to any occupation or skill.
     * Kept in `skills_curated_label` too, so a reload of the sources puts it back.
     */
    async addAltLabel(principal: Principal | null, kind: 'occupation' | 'skill', id: string, input: { lang?: string; label?: string }) {
      requireModerator(principal);
      checkId(id, kind);
      const problems = altLabelProblems(input);
      if (problems.length > 0) invalid(problems);
      const lang = input.lang as Lang;
      const text = input.label!.trim().replace(/\s+/g, ' ');
      const table = kind === 'occupation' ? 'skills_occupation' : 'skills_skill';
      const at = new Date().toISOString();
      return changingWords(db.transaction().execute(async (tx) => {
        const current = await tx.selectFrom(table).select(['id', 'label_es', 'label_en', 'alt_labels_es', 'alt_labels_en']).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!current) throw new AppError(kind === 'occupation' ? 'SKILLS.OCCUPATION_NOT_FOUND' : 'SKILLS.SKILL_NOT_FOUND', `The taxonomy has no ${kind} "${id}".`);
        const key = foldForSearch(text);
        const existing = [current.label_es, current.label_en, ...current.alt_labels_es, ...current.alt_labels_en].filter((l): l is string => !!l);
        if (existing.some((l) => foldForSearch(l) === key)) throw new AppError('SKILLS.LABEL_EXISTS', `"${text}" is already a label of ${id}.`, [{ path: '/label', message: 'already a label of this entry' }]);
        const altEs = lang === 'es' ? [...current.alt_labels_es, text] : current.alt_labels_es;
        const altEn = lang === 'en' ? [...current.alt_labels_en, text] : current.alt_labels_en;
        await tx.insertInto('skills_curated_label').values({
          entity_id: id, lang, label: text, label_key: key,
          provenance: JSON.stringify({ source: 'electrifica-skills', method: 'manual', userId: principal.userId, declaredAt: at }),
        }).onConflict((oc) => oc.columns(['entity_id', 'lang', 'label_key']).doNothing()).execute();
        await tx.updateTable(table).set({
          alt_labels_es: altEs, alt_labels_en: altEn, updated_at: sql`now()`,
          ...searchColumns({ labelEs: current.label_es, labelEn: current.label_en, altLabelsEs: altEs, altLabelsEn: altEn }),
        }).where('id', '=', id).execute();
        await repo.addSearchWords(tx, [key]);
        await recordAudit(tx, actorOf(principal), [{
          entityType: `skills.${kind}`, entityId: id, action: 'update',
          before: { [`altLabels${lang === 'es' ? 'Es' : 'En'}`]: lang === 'es' ? current.alt_labels_es : current.alt_labels_en },
          after: { [`altLabels${lang === 'es' ? 'Es' : 'En'}`]: lang === 'es' ? altEs : altEn },
        }]);
        return { id, lang, label: text, altLabels: { es: altEs, en: altEn } };
      }));
    },
  };
}

function entityRow(input: LocalEntryInput, provenance: Record<string, unknown>) {
  const clean = (labels: string[] | undefined) => [...new Set((labels ?? []).map((l) => l.trim().replace(/\s+/g, ' ')))];
  const labelEs = input.labelEs!.trim();
  const labelEn = input.labelEn!.trim();
  const altEs = clean(input.altLabelsEs).filter((l) => foldForSearch(l) !== foldForSearch(labelEs));
  const altEn = clean(input.altLabelsEn).filter((l) => foldForSearch(l) !== foldForSearch(labelEn));
  return {
    label_es: labelEs, label_en: labelEn, alt_labels_es: altEs, alt_labels_en: altEn,
    description_es: input.descriptionEs?.trim() || null, description_en: input.descriptionEn?.trim() || null,
    ev_related: input.evRelated ?? false, provenance: JSON.stringify(provenance),
    ...searchColumns({ labelEs, labelEn, altLabelsEs: altEs, altLabelsEn: altEn }),
  };
}

const publicRow = (row: ReturnType<typeof entityRow>) => ({
  labelEs: row.label_es, labelEn: row.label_en, altLabelsEs: row.alt_labels_es, altLabelsEn: row.alt_labels_en,
  descriptionEs: row.description_es, descriptionEn: row.description_en, evRelated: row.ev_related,
});

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
