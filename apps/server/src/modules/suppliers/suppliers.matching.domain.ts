/**
 * Pure rules for recognising one plant reported by two sources (DENUE, RETC, the template,
 * a company's own registration), as Open Supply Hub does: names without their legal form,
 * distance, RFC, phone and email, SCIAN branch, address. The score orders the moderator's
 * queue; an automatic merge needs more than a score (see `scorePair`), because a wrong
 * merge hides a real plant from the census. Also: which record stays, what the kept record
 * takes from the folded one, and how that is undone.
 */
import { isDeepStrictEqual } from 'node:util';
import { foldForSearch } from '../../platform/text.js';
import type { Provenance, SupplierCertification } from '../../platform/db/schema.js';
import { nameKey, significantWords } from './suppliers.domain.js';

// ---------------------------------------------------------------------------------------
// Candidate generation (the SQL blocks use these; see suppliers.matching.repository.ts)
// ---------------------------------------------------------------------------------------

/**
 * Any two records of different sources this close are compared whatever their names:
 * DENUE geocodes the building, RETC writes degrees-minutes-seconds (1" ≈ 30 m), the
 * template and registrations come from a map pin; 500 m covers the same plant placed at
 * another gate of a large site.
 */
export const nearRadiusM = 500;
/**
 * Degrees covering `nearRadiusM` in any direction in Mexico (up to 33° N: 500 m is 0.0045°
 * of latitude and 0.0054° of longitude there): the bounding-box pre-filter that lets the
 * geometry GiST index answer before the exact geography distance is computed.
 */
export const nearRadiusDeg = 0.006;
/**
 * The same phone, email or name key is looked for this far (5 km): a registry that places
 * a plant at its municipality's or park's centroid is still the same plant; farther, a
 * shared phone or name is a company's other plant.
 */
export const contactRadiusM = 5_000;
/** Degrees covering `contactRadiusM` in Mexico (0.045° of latitude, 0.054° of longitude at 33° N). */
export const contactRadiusDeg = 0.06;

/** Pairs scoring below this are not worth a moderator's time and are not stored. */
export const pendingScoreFloor = 0.3;
/**
 * At most this many new pending pairs per record and run (the best-scoring ones): a
 * company with twenty plants shares its RFC across all of them, and queueing every
 * pairing would bury the moderator in pairs that one decision settles.
 */
export const maxQueuedPerRecord = 3;
/** Same RFC merges automatically only this close (metres): farther, it is the company's other plant. */
export const confidentRfcDistanceM = 1_000;
/** Same (or very similar) name merges automatically only this close (metres). */
export const confidentNameDistanceM = 150;

/** Registered establishments (by the company itself, in the app) carry this source. */
export const registeredSource = 'reg';

/** The source of a key: what precedes the first ':' (`denue:123` → `denue`). */
export const sourceOfKey = (sourceKey: string) => sourceKey.split(':', 1)[0]!;
/** The record's id within its source: what follows the first ':'. */
export function sourceRecordId(sourceKey: string): string {
  const colon = sourceKey.indexOf(':');
  return colon < 0 ? '' : sourceKey.slice(colon + 1);
}

/**
 * A phone as matching compares it: its last ten digits (Mexican numbers are ten digits
 * since 2019; "+52 1 (844) 438-1000" and "844 438 1000" agree). Null for fewer than ten
 * digits or one digit repeated ("0000000000"), which registries use for "unknown".
 * Mirrored by `phoneKeySql` in the repository: keep both in step.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 10) return null;
  const key = digits.slice(-10);
  return /^(\d)\1{9}$/.test(key) ? null : key;
}

/** An email as matching compares it: trimmed, lower case; null when it has no '@'. Mirrored by `emailKeySql`. */
export function emailKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const key = email.trim().toLowerCase();
  return key.includes('@') ? key : null;
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

/**
 * Words of the trade that many unrelated suppliers share ("Industrias Martínez" and
 * "Industrias Ramírez" are not alike). They count, but little, in the name similarity.
 */
const tradeWords = new Set([
  'industrias', 'industrial', 'industriales', 'industria', 'autopartes', 'automotriz', 'automotive', 'automotores', 'auto', 'partes', 'parts',
  'manufacturing', 'manufacturera', 'manufacturas', 'manufactura', 'fabrica', 'fabricacion', 'compania', 'corporacion', 'corporativo',
  'servicios', 'internacional', 'international', 'nacional', 'planta', 'plant', 'tecnologia', 'technologies', 'systems', 'sistemas',
  'componentes', 'components', 'productos', 'products', 'metalicos', 'metal', 'plasticos', 'distribuidora', 'comercializadora', 'taller',
]);
const tradeWordWeight = 0.3;
/**
 * Words that label synthetic test and benchmark data ("PLANTA SINTÉTICO 12"): every
 * synthetic record carries one, so they would make all synthetic names look alike.
 */
const syntheticLabels = new Set(['sintetico', 'sintetica', 'sinteticos', 'sinteticas', 'synthetic']);
const nameWords = (key: string | null) => [...new Set(significantWords(key ?? '').filter((w) => !syntheticLabels.has(w)))];
/** Similarity of a name whose words are all within the other's (not 1: the names do differ). */
const containedNameSimilarity = 0.9;
/** Name similarity from which `name_similar` is a reason (and an automatic merge may consider it). */
export const nameSimilarThreshold = 0.5;

/** Trade words and bare numbers ("planta 2") weigh little: neither tells one company from another. */
const weightOf = (w: string) => (tradeWords.has(w) || /^\d+$/.test(w) ? tradeWordWeight : 1);

/**
 * Similarity in 0..1 of two name keys (see `nameKey`): 1 for the same significant words
 * (or the same letters once spaces go: "auto partes" and "autopartes"), 0.9 when every
 * word of the shorter is in the longer and they share a word that is not a trade word or
 * a number ("Nemak" and "Nemak Planta Monterrey"), otherwise the Dice coefficient of the
 * words with trade words and numbers weighing 0.3.
 */
export function nameSimilarity(keyA: string | null, keyB: string | null): number {
  const a = nameWords(keyA);
  const b = nameWords(keyB);
  if (a.length === 0 || b.length === 0) return 0;
  if (a.join('') === b.join('')) return 1;
  const setB = new Set(b);
  const shared = a.filter((w) => setB.has(w));
  if (shared.length === a.length && shared.length === b.length) return 1;
  const distinctive = shared.some((w) => weightOf(w) === 1);
  if (distinctive && shared.length === Math.min(a.length, b.length)) return containedNameSimilarity;
  const sum = (ws: string[]) => ws.reduce((s, w) => s + weightOf(w), 0);
  return (2 * sum(shared)) / (sum(a) + sum(b));
}

/** Numbers in a name ("planta 2", "nave 14"): two plants of one company are often told apart by them alone. */
function numbersOf(key: string | null): Set<string> {
  return new Set((key ?? '').split(' ').filter((w) => /^\d+$/.test(w)).map((w) => String(Number(w))));
}

/** Both names carry numbers and they differ: "Acme Planta 1" and "Acme Planta 2" are two plants. */
export function plantNumbersDiffer(keyA: string | null, keyB: string | null): boolean {
  const a = numbersOf(keyA);
  const b = numbersOf(keyB);
  if (a.size === 0 || b.size === 0) return false;
  return a.size !== b.size || [...a].some((n) => !b.has(n));
}

// ---------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------

export type ScianFit = 'same_branch' | 'same_subsector' | 'differs' | 'unknown';

/**
 * How two SCIAN codes fit: the same branch (first 4 digits: 3363 auto parts) is what two
 * registries classifying one plant usually agree on; the same subsector (3 digits) is a
 * plausible disagreement (3361 vehicles vs 3363 parts); anything else is another business.
 */
export function scianFit(a: string | null, b: string | null): ScianFit {
  if (!a || !b || a.length < 4 || b.length < 4) return 'unknown';
  if (a.slice(0, 4) === b.slice(0, 4)) return 'same_branch';
  if (a.slice(0, 3) === b.slice(0, 3)) return 'same_subsector';
  return 'differs';
}

export interface MatchSide {
  id: string;
  sourceKey: string;
  origin: 'import' | 'registered';
  createdAt: Date;
  name: string;
  /** `name_key` of the plant name. */
  nameKey: string;
  legalName: string | null;
  rfc: string | null;
  phone: string | null;
  email: string | null;
  scian: string | null;
  postalCode: string | null;
  street: string | null;
  exteriorNumber: string | null;
}

export interface PairScore {
  score: number;
  /**
   * Stable codes the web translates: `distance_<n>m`, `rfc_same`, `rfc_differs`,
   * `name_same`, `name_similar`, `name_differs`, `legal_name_same`, `plant_number_differs`,
   * `phone_same`, `email_same`, `scian_same_branch`, `scian_same_subsector`, `scian_differs`,
   * `address_similar`, `postal_code_same`, `registered_establishment`.
   */
  reasons: string[];
  /** Safe to merge without a moderator. */
  confident: boolean;
}

/** Weights of the score's evidence; they sum to 1 before the penalties. */
const weights = { distance: 0.3, name: 0.3, rfc: 0.2, phone: 0.07, email: 0.05, scian: 0.04, address: 0.04 } as const;
/** Evidence against: two RFCs are two legal entities; another industry, or another plant number. */
const penalties = { rfcDiffers: 0.3, scianDiffers: 0.1, plantNumberDiffers: 0.1 } as const;
/** A postal code alone is weak evidence (a code covers a whole industrial park). */
const postalCodeOnlyWeight = 0.015;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

// A record takes part in many pairs of a batch: its legal-name key is computed once.
const legalKeys = new WeakMap<MatchSide, string | null>();
function legalKeyOf(side: MatchSide): string | null {
  let key = legalKeys.get(side);
  if (key === undefined) {
    key = side.legalName ? nameKey(side.legalName) : null;
    legalKeys.set(side, key);
  }
  return key;
}

function streetSimilarity(a: MatchSide, b: MatchSide): number {
  if (!a.street || !b.street) return 0;
  const sa = nameKey(a.street);
  const sb = nameKey(b.street);
  if (a.exteriorNumber && b.exteriorNumber && foldForSearch(a.exteriorNumber) !== foldForSearch(b.exteriorNumber)) return 0;
  return sa === sb ? 1 : nameSimilarity(sa, sb);
}

/**
 * Scores a pair of records from different sources `distanceM` apart.
 *
 * Names: the plant names, the legal names and each plant name against the other's legal
 * name are compared (DENUE's `nom_estab` is often the trade name while the template gives
 * the legal name); the best comparison counts.
 *
 * Confident — merged without a moderator — only with no evidence against (different RFCs,
 * SCIAN in another subsector, different plant numbers) and one of:
 * - the same RFC within `confidentRfcDistanceM` (1 km): an RFC names one legal entity, and
 *   one entity's two plants within 1 km of each other under names that do not tell them
 *   apart are rarer than one plant placed twice;
 * - the same name within `confidentNameDistanceM` (150 m), SCIAN not known to differ;
 * - a similar name (≥ 0.5) within 150 m with the same phone, email or street address.
 * Everything else at or above `pendingScoreFloor` waits for a moderator.
 */
export function scorePair(a: MatchSide, b: MatchSide, distanceM: number): PairScore {
  const reasons: string[] = [`distance_${Math.round(distanceM)}m`];
  let score = weights.distance * Math.max(0, 1 - distanceM / nearRadiusM);
  let against = false;

  const rfcSame = !!a.rfc && !!b.rfc && a.rfc === b.rfc;
  if (rfcSame) {
    score += weights.rfc;
    reasons.push('rfc_same');
  } else if (a.rfc && b.rfc) {
    score -= penalties.rfcDiffers;
    reasons.push('rfc_differs');
    against = true;
  }

  const legalA = legalKeyOf(a);
  const legalB = legalKeyOf(b);
  const legalSame = !!legalA && !!legalB && nameSimilarity(legalA, legalB) === 1;
  const names = Math.max(
    nameSimilarity(a.nameKey, b.nameKey), nameSimilarity(legalA, legalB), nameSimilarity(a.nameKey, legalB), nameSimilarity(legalA, b.nameKey),
  );
  score += weights.name * names;
  reasons.push(names === 1 ? 'name_same' : names >= nameSimilarThreshold ? 'name_similar' : 'name_differs');
  if (legalSame) reasons.push('legal_name_same');
  if (plantNumbersDiffer(a.nameKey, b.nameKey)) {
    score -= penalties.plantNumberDiffers;
    reasons.push('plant_number_differs');
    against = true;
  }

  const phone = phoneKey(a.phone);
  const phoneSame = phone !== null && phone === phoneKey(b.phone);
  if (phoneSame) {
    score += weights.phone;
    reasons.push('phone_same');
  }
  const email = emailKey(a.email);
  const emailSame = email !== null && email === emailKey(b.email);
  if (emailSame) {
    score += weights.email;
    reasons.push('email_same');
  }

  const fit = scianFit(a.scian, b.scian);
  if (fit === 'same_branch') {
    score += weights.scian;
    reasons.push('scian_same_branch');
  } else if (fit === 'same_subsector') {
    reasons.push('scian_same_subsector');
  } else if (fit === 'differs') {
    score -= penalties.scianDiffers;
    reasons.push('scian_differs');
    against = true;
  }

  const samePostalCode = !!a.postalCode && !!b.postalCode && a.postalCode.trim() === b.postalCode.trim();
  const addressSimilar = samePostalCode && streetSimilarity(a, b) >= nameSimilarThreshold;
  if (addressSimilar) {
    score += weights.address;
    reasons.push('address_similar');
  } else if (samePostalCode) {
    score += postalCodeOnlyWeight;
    reasons.push('postal_code_same');
  }

  if (a.origin === 'registered' || b.origin === 'registered') reasons.push('registered_establishment');

  const confident = !against && (
    (rfcSame && distanceM <= confidentRfcDistanceM)
    || (names === 1 && distanceM <= confidentNameDistanceM)
    || (names >= nameSimilarThreshold && distanceM <= confidentNameDistanceM && (phoneSame || emailSame || addressSimilar))
  );
  return { score: round(Math.min(1, Math.max(0, score)), 4), reasons, confident };
}

/** Worth storing for a moderator (confident pairs are merged, not queued). */
export function isPlausible(s: PairScore): boolean {
  return s.score >= pendingScoreFloor;
}

/**
 * Which of two records stays when they are merged: the one the company registered itself
 * (it manages it; an import must never hide it), else the one that existed first (ties by
 * id, so the choice never depends on query order).
 */
export function canonicalOf<T extends { id: string; origin: 'import' | 'registered'; createdAt: Date }>(a: T, b: T): { canonical: T; folded: T } {
  if (a.origin !== b.origin) return a.origin === 'registered' ? { canonical: a, folded: b } : { canonical: b, folded: a };
  const aFirst = a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);
  return aFirst ? { canonical: a, folded: b } : { canonical: b, folded: a };
}

// ---------------------------------------------------------------------------------------
// Deciding a batch
// ---------------------------------------------------------------------------------------

export interface PlannedSide extends MatchSide {
  /** Sources of the records already folded into this one. */
  absorbedSources: readonly string[];
}

export interface ScoredPair<S extends PlannedSide = PlannedSide> extends PairScore {
  a: S;
  b: S;
  distanceM: number;
}

export interface MatchPlan<S extends PlannedSide = PlannedSide> {
  merges: Array<{ pair: ScoredPair<S>; canonical: S; folded: S }>;
  queued: Array<ScoredPair<S>>;
}

/**
 * Decides a batch of scored pairs, best first (score, then distance, then ids, so the
 * result never depends on query order):
 * - a confident pair is merged unless one of its records was already folded in this
 *   batch, the one to fold is already a canonical here (no chains), or the canonical
 *   already holds a record of the folded one's source — two records of one source are two
 *   plants as far as that source knows, so the second waits for a moderator;
 * - other pairs at or above the floor are queued, unless a record in them was folded here
 *   (the queue only holds records the directory still shows), at most
 *   `maxQueuedPerRecord` per record.
 */
export function planMatches<S extends PlannedSide>(pairs: Array<ScoredPair<S>>): MatchPlan<S> {
  const sorted = [...pairs].sort(
    (x, y) => y.score - x.score || x.distanceM - y.distanceM || (x.a.id + x.b.id).localeCompare(y.a.id + y.b.id),
  );
  const foldedIds = new Set<string>();
  const canonicalIds = new Set<string>();
  const absorbed = new Map<string, Set<string>>();
  const merges: MatchPlan<S>['merges'] = [];
  const pending: Array<ScoredPair<S>> = [];
  for (const pair of sorted) {
    if (pair.confident) {
      const { canonical, folded } = canonicalOf(pair.a, pair.b);
      const held = absorbed.get(canonical.id) ?? new Set(canonical.absorbedSources);
      const source = sourceOfKey(folded.sourceKey);
      if (!foldedIds.has(canonical.id) && !foldedIds.has(folded.id) && !canonicalIds.has(folded.id) && !held.has(source)) {
        foldedIds.add(folded.id);
        canonicalIds.add(canonical.id);
        held.add(source);
        absorbed.set(canonical.id, held);
        merges.push({ pair, canonical, folded });
        continue;
      }
    }
    if (isPlausible(pair)) pending.push(pair);
  }
  const perRecord = new Map<string, number>();
  const queued: Array<ScoredPair<S>> = [];
  for (const p of pending) {
    if (foldedIds.has(p.a.id) || foldedIds.has(p.b.id)) continue;
    const na = perRecord.get(p.a.id) ?? 0;
    const nb = perRecord.get(p.b.id) ?? 0;
    if (na >= maxQueuedPerRecord || nb >= maxQueuedPerRecord) continue;
    perRecord.set(p.a.id, na + 1);
    perRecord.set(p.b.id, nb + 1);
    queued.push(p);
  }
  return { merges, queued };
}

// ---------------------------------------------------------------------------------------
// Folding: what the kept record takes from the folded one, and undoing it
// ---------------------------------------------------------------------------------------

/** The provenance key on a canonical record naming a record folded into it. */
export const foldedProvenanceKey = (foldedSourceKey: string) => `match:${foldedSourceKey}`;

/** Single-valued fields the canonical takes from the folded record when its own is empty (named as the columns). */
export const scalarFillFields = [
  'legal_name', 'rfc', 'street', 'exterior_number', 'neighbourhood', 'postal_code', 'locality', 'industrial_park',
  'scian', 'employees_stratum', 'size_class', 'ev_readiness', 'registered_on',
] as const;
/** Contact fields: filled like the scalars, but never turning an unconsented contact into a shown one (see `foldChanges`). */
export const contactFillFields = ['phone', 'email', 'website'] as const;
/** List fields: the canonical gains the folded record's values it lacks (a union). */
export const arrayFillFields = ['tiers', 'processes', 'components', 'oem_customers', 'export_markets'] as const;

type ScalarField = (typeof scalarFillFields)[number] | (typeof contactFillFields)[number];
type ArrayField = (typeof arrayFillFields)[number];

/** What a fold reads and may change on a record. */
export interface FillState {
  id: string;
  sourceKey: string;
  companyId: string | null;
  contactConsent: boolean;
  scalars: Record<ScalarField, string | null>;
  arrays: Record<ArrayField, string[]>;
  certifications: SupplierCertification[];
  searchDocument: string;
  provenance: Record<string, Provenance>;
}

/**
 * What one fold changed on the canonical record: each field's value before and after
 * (only fields it changed), the values list fields gained, and the provenance entries
 * it set (before: null when the key did not exist). Kept in the audit, read back by undo.
 */
export interface FoldChanges {
  scalars: Partial<Record<ScalarField, { before: string | null; after: string }>>;
  companyId?: { before: string | null; after: string | null };
  arrays: Partial<Record<ArrayField, string[]>>;
  certifications: SupplierCertification[];
  searchDocument?: { before: string; after: string };
  provenance: Record<string, { before: Provenance | null; after: Provenance }>;
}

const isEmpty = (v: string | null) => v === null || v.trim() === '';

/** The provenance entry a folded record leaves on the canonical: its source, import and row. */
export function foldedProvenance(folded: { sourceKey: string; provenance: Record<string, Provenance> }): Provenance {
  const record = folded.provenance.record;
  const entry: Provenance = { source: record?.source ?? sourceOfKey(folded.sourceKey), method: 'derived' };
  if (record?.vintage) entry.vintage = record.vintage;
  if (record?.importId) entry.importId = record.importId;
  if (record?.rowNumber !== undefined) entry.rowNumber = record.rowNumber;
  return entry;
}

/**
 * Folds `folded` into `canonical` ("provenance from both"): the canonical fills its EMPTY
 * single-valued fields from the folded record (the legal name brings its company along),
 * gains the list values it lacks (tiers, processes, components, OEM customers, export
 * markets, certifications by code), and its search text gains the folded record's words,
 * so the plant is found by either source's name. Each filled field's provenance is the
 * folded record's (its own entry for that field, else its record-level one), and
 * `match:<folded source key>` names the folded record. Fields the canonical already has
 * are never overwritten: its own source stays the authority there.
 *
 * Contacts (phone, email, website) are copied only when the folded record's company
 * consented to show them or the canonical's did not: the directory shows a plant's contact
 * only with consent, and a copied registry phone must not become a consented one.
 *
 * Returns the new state and the changes, which `unfoldChanges` reverses.
 */
export function foldChanges(canonical: FillState, folded: FillState): { state: FillState; changes: FoldChanges } {
  const state: FillState = {
    ...canonical, scalars: { ...canonical.scalars }, arrays: { ...canonical.arrays }, certifications: [...canonical.certifications], provenance: { ...canonical.provenance },
  };
  const changes: FoldChanges = { scalars: {}, arrays: {}, certifications: [], provenance: {} };
  const setProvenance = (key: string, entry: Provenance) => {
    changes.provenance[key] = { before: canonical.provenance[key] ?? null, after: entry };
    state.provenance[key] = entry;
  };
  const fieldProvenance = (field: string): Provenance => folded.provenance[field] ?? folded.provenance.record ?? foldedProvenance(folded);
  const contactsAllowed = folded.contactConsent || !canonical.contactConsent;

  for (const field of [...scalarFillFields, ...contactFillFields]) {
    if ((contactFillFields as readonly string[]).includes(field) && !contactsAllowed) continue;
    const mine = canonical.scalars[field];
    const theirs = folded.scalars[field];
    if (!isEmpty(mine) || theirs === null || isEmpty(theirs)) continue;
    changes.scalars[field] = { before: mine, after: theirs };
    state.scalars[field] = theirs;
    setProvenance(field, fieldProvenance(field));
    if (field === 'legal_name' && canonical.companyId === null && folded.companyId !== null) {
      changes.companyId = { before: null, after: folded.companyId };
      state.companyId = folded.companyId;
    }
  }
  for (const field of arrayFillFields) {
    const mine = new Set(canonical.arrays[field]);
    const gained = [...new Set(folded.arrays[field])].filter((v) => !mine.has(v));
    if (gained.length === 0) continue;
    changes.arrays[field] = gained;
    state.arrays[field] = [...canonical.arrays[field], ...gained];
    // A list the canonical lacked entirely now comes from the folded source alone.
    if (canonical.arrays[field].length === 0) setProvenance(field, fieldProvenance(field));
  }
  const codes = new Set(canonical.certifications.map((c) => c.code));
  const gainedCertifications = folded.certifications.filter((c) => !codes.has(c.code));
  if (gainedCertifications.length > 0) {
    changes.certifications = gainedCertifications;
    state.certifications = [...canonical.certifications, ...gainedCertifications];
    if (canonical.certifications.length === 0) setProvenance('certifications', fieldProvenance('certifications'));
  }
  const words = new Set(canonical.searchDocument.split(' ').filter((w) => w !== ''));
  const newWords = [...new Set(folded.searchDocument.split(' ').filter((w) => w !== '' && !words.has(w)))];
  if (newWords.length > 0) {
    const after = [canonical.searchDocument, ...newWords].filter((p) => p !== '').join(' ');
    changes.searchDocument = { before: canonical.searchDocument, after };
    state.searchDocument = after;
  }
  setProvenance(foldedProvenanceKey(folded.sourceKey), foldedProvenance(folded));
  return { state, changes };
}


/**
 * Reverses a fold on the canonical's CURRENT state: a field the fold filled goes back to
 * what it was if it still holds what the fold put there (a later edit or import wins and is
 * kept); list values the fold added are removed (values added since by others stay); the
 * provenance entries it set go back likewise. Returns the restored state and the fields
 * left as they are because they changed since (for the audit).
 */
export function unfoldChanges(current: FillState, changes: FoldChanges): { state: FillState; keptFields: string[] } {
  const state: FillState = {
    ...current, scalars: { ...current.scalars }, arrays: { ...current.arrays }, certifications: [...current.certifications], provenance: { ...current.provenance },
  };
  const keptFields: string[] = [];
  for (const [field, change] of Object.entries(changes.scalars) as Array<[ScalarField, { before: string | null; after: string }]>) {
    if (state.scalars[field] === change.after) state.scalars[field] = change.before;
    else keptFields.push(field);
  }
  if (changes.companyId && state.companyId === changes.companyId.after && state.scalars.legal_name === (changes.scalars.legal_name?.before ?? null)) {
    state.companyId = changes.companyId.before;
  }
  for (const [field, gained] of Object.entries(changes.arrays) as Array<[ArrayField, string[]]>) {
    const remove = new Set(gained);
    state.arrays[field] = state.arrays[field].filter((v) => !remove.has(v));
  }
  if (changes.certifications.length > 0) {
    const remove = new Set(changes.certifications.map((c) => c.code));
    state.certifications = state.certifications.filter((c) => !remove.has(c.code));
  }
  if (changes.searchDocument) {
    if (state.searchDocument === changes.searchDocument.after) state.searchDocument = changes.searchDocument.before;
    else keptFields.push('search_document');
  }
  for (const [key, change] of Object.entries(changes.provenance)) {
    if (!isDeepStrictEqual(state.provenance[key], change.after)) {
      keptFields.push(`provenance.${key}`);
      continue;
    }
    if (change.before === null) delete state.provenance[key];
    else state.provenance[key] = change.before;
  }
  return { state, keptFields };
}
