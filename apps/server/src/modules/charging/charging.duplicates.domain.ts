/**
 * Pure rules for recognising the same charging site reported by two sources: how close,
 * how alike the names, whether the operator is the same and whether the connectors fit.
 * The score orders the moderator's queue; the automatic merge needs more than a score
 * (see `isConfident`), because a wrong merge hides a real charger from the census.
 */
import { foldForSearch } from '../../platform/text.js';

/** Candidates are looked for within this distance (metres, on the spheroid). */
export const matchRadiusM = 150;
/**
 * Degrees that cover `matchRadiusM` in any direction up to 60° latitude (150 m is
 * 0.00135° of latitude and 0.0027° of longitude at 60°): the pre-filter that lets the
 * geometry GiST index answer before the exact geography distance is computed.
 */
export const matchRadiusDeg = 0.003;
/** Pairs scoring below this are not worth a moderator's time and are not stored. */
export const pendingScoreFloor = 0.3;
/** Automatic merges only this close (metres): sources geocode the same site within a few metres. */
export const confidentDistanceM = 30;

/** Weights of the score; they sum to 1 (before the connector-conflict penalty). */
const weights = { distance: 0.4, name: 0.25, operator: 0.2, connectors: 0.15 } as const;
const connectorConflictPenalty = 0.2;
/** Name similarity from which `name_similar` is a reason. */
const nameSimilarThreshold = 0.5;

export { sourceOfKey } from './charging.domain.js';
import { sourceOfKey } from './charging.domain.js';

/** The record's id within its source: what follows the first ':'. */
export function sourceRecordId(sourceKey: string): string {
  const colon = sourceKey.indexOf(':');
  return colon < 0 ? '' : sourceKey.slice(colon + 1);
}

/** Registered locations (by their operator or owner in the app) carry this source. */
export const registeredSource = 'reg';

/**
 * Words that say nothing about which site or company it is: articles and prepositions
 * (es, en), Mexican company suffixes (S.A. de C.V., S.A.P.I.), and the generic words of
 * the trade. Without them "Estación de carga Plaza Galerías" and "Plaza Galerías EV
 * charging" share what matters.
 */
const noiseWords = new Set([
  'de', 'del', 'la', 'las', 'el', 'los', 'y', 'e', 'en', 'the', 'of', 'and', 'at',
  'sa', 'cv', 's', 'a', 'c', 'v', 'sapi', 'rl', 'srl', 'inc', 'llc', 'co', 'corp', 'ltd',
  'estacion', 'estaciones', 'carga', 'cargador', 'cargadores', 'electrolinera', 'station', 'stations', 'charging', 'charger', 'chargers', 'ev', 've',
]);

export function significantTokens(text: string | null | undefined): Set<string> {
  if (!text) return new Set();
  return new Set(foldForSearch(text).split(' ').filter((w) => w.length > 0 && !noiseWords.has(w)));
}

/** Similarity of a name whose words are all within the other's (not 1: the names do differ). */
const containedNameSimilarity = 0.9;

/**
 * Name similarity in 0..1, accent- and case-insensitive: 1 for the same significant
 * words, 0.9 when every word of the shorter name is in the longer (sources often add or
 * drop a qualifier: "Walmart" vs "Walmart Supercenter Saltillo"), otherwise the Dice
 * coefficient of the words.
 */
export function nameSimilarity(a: string | null, b: string | null): number {
  const ta = significantTokens(a);
  const tb = significantTokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const w of ta) if (tb.has(w)) shared += 1;
  if (shared === ta.size && shared === tb.size) return 1;
  if (shared === Math.min(ta.size, tb.size)) return containedNameSimilarity;
  return (2 * shared) / (ta.size + tb.size);
}

export interface OperatorFacts {
  operatorName: string | null;
  operatorOrganisationId: string | null;
}

/**
 * Same operator: the same registered organisation, or names whose significant words
 * are one within the other ("Tesla" and "Tesla Motors (Worldwide)"). Null when either
 * side does not say: unknown is not different.
 */
export function sameOperator(a: OperatorFacts, b: OperatorFacts): boolean | null {
  if (a.operatorOrganisationId && b.operatorOrganisationId) return a.operatorOrganisationId === b.operatorOrganisationId;
  const ta = significantTokens(a.operatorName);
  const tb = significantTokens(b.operatorName);
  if (ta.size === 0 || tb.size === 0) return null;
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  for (const w of small) if (!large.has(w)) return false;
  return true;
}

/** Standards that only charge with direct current: two sites offering different ones are different sites. */
const dcOnlyStandards = new Set(['CCS1', 'CCS2', 'CHADEMO', 'GBT_DC']);

export type ConnectorFit = 'compatible' | 'conflict' | 'differ' | 'unknown';

/**
 * How two sites' connector standards fit: the same set, or one a subset of the other
 * (one source lists fewer plugs) is compatible; DC standards on both sides with none
 * in common is a conflict; anything else differs. Unknown when either side lists none
 * (connectors with no recognised standard are left out: they prove nothing).
 */
export function connectorFit(a: readonly string[], b: readonly string[]): ConnectorFit {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 'unknown';
  const subset = (x: Set<string>, y: Set<string>) => [...x].every((s) => y.has(s));
  if (subset(sa, sb) || subset(sb, sa)) return 'compatible';
  const dcA = [...sa].filter((s) => dcOnlyStandards.has(s));
  const dcB = [...sb].filter((s) => dcOnlyStandards.has(s));
  if (dcA.length > 0 && dcB.length > 0 && !dcA.some((s) => dcB.includes(s))) return 'conflict';
  return 'differ';
}

export interface MatchSide extends OperatorFacts {
  sourceKey: string;
  name: string;
  /** Recognised connector standards at the site (no nulls). */
  standards: readonly string[];
}

export interface PairScore {
  score: number;
  /**
   * Stable codes the web translates: `distance_<n>m`, `name_same`, `name_similar`,
   * `name_differs`, `same_operator`, `operator_differs`, `connectors_compatible`,
   * `connectors_differ`, `connectors_conflict`, `connectors_unknown`, `registered_location`.
   */
  reasons: string[];
  /** Safe to merge without a moderator. */
  confident: boolean;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Scores a pair of records from different sources `distanceM` apart. Confident — merged
 * without a moderator — only when all of these hold: within `confidentDistanceM`, the
 * same operator (known on both sides), compatible connectors, and neither record was
 * registered in the app (an operator's or owner's own record is never folded
 * automatically into an imported one). Everything else above `pendingScoreFloor` waits
 * for a moderator.
 */
export function scorePair(a: MatchSide, b: MatchSide, distanceM: number): PairScore {
  const reasons: string[] = [`distance_${Math.round(distanceM)}m`];
  let score = weights.distance * Math.max(0, 1 - distanceM / matchRadiusM);

  const names = nameSimilarity(a.name, b.name);
  score += weights.name * names;
  reasons.push(names === 1 ? 'name_same' : names >= nameSimilarThreshold ? 'name_similar' : 'name_differs');

  const operator = sameOperator(a, b);
  if (operator === true) {
    score += weights.operator;
    reasons.push('same_operator');
  } else if (operator === false) {
    reasons.push('operator_differs');
  }

  const fit = connectorFit(a.standards, b.standards);
  if (fit === 'compatible') score += weights.connectors;
  if (fit === 'conflict') score -= connectorConflictPenalty;
  reasons.push(`connectors_${fit}`);

  const registered = sourceOfKey(a.sourceKey) === registeredSource || sourceOfKey(b.sourceKey) === registeredSource;
  if (registered) reasons.push('registered_location');

  const confident = !registered && distanceM <= confidentDistanceM && operator === true && fit === 'compatible';
  return { score: round(Math.min(1, Math.max(0, score)), 4), reasons, confident };
}

/** Worth storing for a moderator (confident pairs are merged, not queued). */
export function isPlausible(s: PairScore): boolean {
  return s.score >= pendingScoreFloor;
}

/**
 * Which of two records stays canonical when they are merged automatically: the one
 * that existed first (ties by id, so the choice never depends on query order).
 */
export function canonicalOf<T extends { id: string; createdAt: Date }>(a: T, b: T): { canonical: T; folded: T } {
  const aFirst = a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);
  return aFirst ? { canonical: a, folded: b } : { canonical: b, folded: a };
}

/** The provenance key on a canonical record naming a record folded into it. */
export const foldedProvenanceKey = (foldedSourceKey: string) => `duplicate:${foldedSourceKey}`;
