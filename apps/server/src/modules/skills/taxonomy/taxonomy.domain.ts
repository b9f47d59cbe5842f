/**
 * Skills taxonomy, pure rules: ids, how labels become search text, how a query becomes
 * search terms, and what a moderator may add. No database or HTTP here.
 */
import { foldForSearch } from '../../../platform/text.js';

export type Scheme = 'esco' | 'onet' | 'local';
export type Lang = 'es' | 'en';
export const schemes: readonly Scheme[] = ['esco', 'onet', 'local'];
export const skillTypes = ['skill', 'knowledge', 'transversal', 'language'] as const;
export type SkillType = (typeof skillTypes)[number];

/** `esco:<uuid>`, `onet:<O*NET-SOC code or element id>`, `local:<slug>`. */
const idPatterns: Record<Scheme, RegExp> = {
  esco: /^esco:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  onet: /^onet:[0-9A-Z][0-9A-Za-z.-]{0,19}$/,
  local: /^local:[a-z0-9]+(-[a-z0-9]+)*$/,
};

export function schemeOf(id: string): Scheme | null {
  const prefix = id.slice(0, id.indexOf(':')) as Scheme;
  return schemes.includes(prefix) && idPatterns[prefix].test(id) ? prefix : null;
}

/** A local slug from a label: "Técnico en BMS" → "tecnico-en-bms" (at most 60 characters). */
export function slugOf(label: string): string {
  return foldForSearch(label).split(' ').filter(Boolean).join('-').slice(0, 60).replace(/-+$/, '');
}

// --- search text ---

/** Joins folded labels into one searchable text; each label on its own, so phrases do not run across labels. */
const foldAll = (labels: Array<string | null | undefined>) =>
  [...new Set(labels.filter((l): l is string => !!l && l.trim() !== '').map(foldForSearch).filter(Boolean))].join(' . ');

export interface SearchColumns {
  search_label_es: string;
  search_label_en: string;
  search_labels: string;
  search_alts: string;
}

/**
 * The folded columns an occupation or skill is searched by. ESCO's Spanish labels carry both
 * genders ("técnico/técnica …"): both forms stay in the text, so either word finds it.
 */
export function searchColumns(r: { labelEs: string | null; labelEn: string | null; altLabelsEs: string[]; altLabelsEn: string[] }): SearchColumns {
  return {
    search_label_es: r.labelEs ? foldForSearch(r.labelEs) : '',
    search_label_en: r.labelEn ? foldForSearch(r.labelEn) : '',
    search_labels: foldAll([r.labelEs, r.labelEn]),
    search_alts: foldAll([...r.altLabelsEs, ...r.altLabelsEn]),
  };
}

// --- queries ---

/**
 * Words that say nothing about an occupation in either language: "técnico en baterías" must find
 * "técnico de baterías". Dropped from the query unless the query has nothing else.
 */
const stopWords = new Set([
  'de', 'del', 'la', 'las', 'el', 'los', 'en', 'y', 'e', 'o', 'u', 'a', 'al', 'para', 'por', 'con', 'sin', 'un', 'una', 'unos', 'unas', 'su', 'sus',
  'of', 'the', 'and', 'or', 'in', 'on', 'for', 'to', 'with', 'an', 'at', 'by',
]);

/**
 * A word as the prefix searched: plural and some English endings cut, so "baterias" and "bateria",
 * "batteries" and "battery", "motores" and "motor" meet. Only ever shortens: a prefix search
 * with the shorter stem finds every form the longer one did.
 */
export function stemPrefix(word: string): string {
  if (/^[0-9]+$/.test(word) || word.length <= 4) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('es') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  else if (w.endsWith('y') && w.length > 5) w = w.slice(0, -1);
  return w.length >= 3 ? w : word;
}

/**
 * Abbreviations searched as what they stand for, never as prefixes: as a prefix "EV" finds
 * "eventos" and "event electrician". Each matches the abbreviation as a whole word or any of
 * its expansions as adjacent words (each expansion word a prefix, so plurals and genders meet).
 */
const aliases: Record<string, string[][]> = {
  ev: [['electric', 'vehicl'], ['vehicul', 'electric']],
  // "VE" is the Spanish abbreviation (vehículo eléctrico).
  ve: [['vehicul', 'electric'], ['electric', 'vehicl']],
};

/** Whether the query word is an abbreviation searched through its expansions. */
export const isAlias = (word: string) => Object.hasOwn(aliases, word);

const quote = (w: string) => `'${w.replace(/['\\]/g, '')}'`;

/**
 * One query word as tsquery text: a prefix (`'bateria':*`), or for an abbreviation the whole
 * word or its expansions. `weight` 'A' keeps it to preferred labels.
 */
function wordQuery(word: string, weight = ''): string {
  const expansions = aliases[word];
  if (!expansions) return `${quote(word)}:*${weight}`;
  return `(${[`${quote(word)}${weight ? `:${weight}` : ''}`, ...expansions.map((e) => e.map((x) => `${quote(x)}:*${weight}`).join(' <-> '))].join(' | ')})`;
}

export interface SearchTerms {
  /** The folded query, as typed (stop words kept): used for phrase and prefix ranking. */
  phrase: string;
  /**
   * Whether the phrase's last word is matched whole (an abbreviation) rather than as a prefix:
   * "ev" ranks "ev technician" first, never "evaluar…".
   */
  phraseEndsWhole: boolean;
  /** Prefix words matched (AND). */
  words: string[];
  /** `to_tsquery('simple', …)` text: every word as a prefix, AND-ed; `weighted` only in preferred labels. */
  tsquery: string;
  tsqueryPreferred: string;
  /** Each word's own tsquery text (as in `tsquery`), and all of them OR-ed: the fallback when no label has every word. */
  wordQueries: string[];
  tsqueryAny: string;
}

/** Words searched at most: a longer query says nothing a shorter one does not. */
const maxWords = 8;

/** The search terms of `q`, or null when it has no letter or digit. */
export function searchTerms(q: string | undefined): SearchTerms | null {
  const phrase = foldForSearch(q ?? '').slice(0, 200).trim();
  if (phrase === '') return null;
  const all = phrase.split(' ').filter(Boolean);
  const content = all.filter((w) => !stopWords.has(w));
  const words = [...new Set((content.length > 0 ? content : all).map(stemPrefix))].slice(0, maxWords);
  // foldForSearch leaves only letters and digits, so no tsquery operator can reach the query.
  return {
    phrase,
    phraseEndsWhole: isAlias(all[all.length - 1]!),
    words,
    tsquery: words.map((w) => wordQuery(w)).join(' & '),
    tsqueryPreferred: words.map((w) => wordQuery(w, 'A')).join(' & '),
    wordQueries: words.map((w) => wordQuery(w)),
    tsqueryAny: words.map((w) => `(${wordQuery(w)})`).join(' | '),
  };
}

/** Query words shorter than this are never corrected (too little to compare). */
export const minCorrectedLength = 4;

/**
 * The tsquery with typo corrections: each word that matched nothing becomes "the word or one of
 * its closest label words" (`(baterya:* | bateria | baterias)`).
 */
export function correctedTsQuery(words: string[], corrections: Map<string, string[]>): string {
  return words.map((w) => {
    const alternatives = corrections.get(w) ?? [];
    return alternatives.length === 0 ? wordQuery(w) : `(${[wordQuery(w), ...alternatives.map(quote)].join(' | ')})`;
  }).join(' & ');
}

// --- moderator input ---

export interface Problem {
  path: string;
  message: string;
}

export interface LocalEntryInput {
  slug?: string;
  labelEs?: string;
  labelEn?: string;
  altLabelsEs?: string[];
  altLabelsEn?: string[];
  descriptionEs?: string | null;
  descriptionEn?: string | null;
  evRelated?: boolean;
  /** Occupations only. */
  iscoCode?: string | null;
  essentialSkills?: string[];
  optionalSkills?: string[];
  /** Skills only. */
  skillType?: string;
}

const maxLabel = 200;
const maxDescription = 4000;

function labelProblems(path: string, value: string | undefined, required: boolean): Problem[] {
  if (value === undefined) return required ? [{ path, message: 'required' }] : [];
  if (value.trim() === '') return [{ path, message: 'A label cannot be empty.' }];
  if (value.length > maxLabel) return [{ path, message: `A label has at most ${maxLabel} characters.` }];
  if (foldForSearch(value) === '') return [{ path, message: 'A label needs at least one letter or digit.' }];
  if (/[<>]/.test(value)) return [{ path, message: 'A label cannot contain < or >.' }];
  return [];
}

/** Problems of a moderator's new occupation or skill, per field (empty when valid). */
export function localEntryProblems(input: LocalEntryInput, kind: 'occupation' | 'skill'): Problem[] {
  const problems: Problem[] = [
    ...labelProblems('/labelEs', input.labelEs, true),
    ...labelProblems('/labelEn', input.labelEn, true),
  ];
  if (input.slug !== undefined && !idPatterns.local.test(`local:${input.slug}`)) {
    problems.push({ path: '/slug', message: 'The slug is lower-case letters and digits in words joined by hyphens (e.g. ev-battery-recycling).' });
  }
  for (const lang of ['Es', 'En'] as const) {
    (input[`altLabels${lang}`] ?? []).forEach((l, i) => problems.push(...labelProblems(`/altLabels${lang}/${i}`, l, true)));
    const d = input[`description${lang}`];
    if (d != null && d.length > maxDescription) problems.push({ path: `/description${lang}`, message: `A description has at most ${maxDescription} characters.` });
  }
  if (kind === 'occupation') {
    if (input.iscoCode != null && !/^[0-9]{1,4}$/.test(input.iscoCode)) problems.push({ path: '/iscoCode', message: 'An ISCO-08 code is 1 to 4 digits (e.g. 7412).' });
    for (const f of ['essentialSkills', 'optionalSkills'] as const) {
      (input[f] ?? []).forEach((id, i) => {
        if (schemeOf(id) === null) problems.push({ path: `/${f}/${i}`, message: `"${id}" is not a skill id (esco:<uuid>, onet:<element id> or local:<slug>).` });
      });
    }
  } else if (!skillTypes.includes(input.skillType as SkillType)) {
    problems.push({ path: '/skillType', message: `skillType is one of ${skillTypes.join(', ')}.` });
  }
  return problems;
}

/** Problems of an alternative label a moderator adds. */
export function altLabelProblems(input: { lang?: string; label?: string }): Problem[] {
  const problems: Problem[] = [];
  if (input.lang !== 'es' && input.lang !== 'en') problems.push({ path: '/lang', message: 'lang is es or en.' });
  problems.push(...labelProblems('/label', input.label, true));
  return problems;
}

/** The label shown in `lang`, falling back to the other language (O*NET and ESCO 1.2.0 additions are English only). */
export function labelIn(lang: Lang, r: { label_es: string | null; label_en: string | null }): { label: string; labelLang: Lang } {
  const first = lang === 'es' ? r.label_es : r.label_en;
  if (first) return { label: first, labelLang: lang };
  const other: Lang = lang === 'es' ? 'en' : 'es';
  return { label: (other === 'es' ? r.label_es : r.label_en) ?? '', labelLang: other };
}
