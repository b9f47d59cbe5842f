/**
 * Pure rules for recognising one plant reported by two sources (DENUE, RETC, the template,
 * a company's own registration), as Open Supply Hub does: names without their legal form,
 * distance, RFC, phone and email, SCIAN branch, address. The score orders the moderator's
 * queue; an automatic merge needs more than a score (see `scorePair`), because a wrong
 * merge hides a real plant from the census. Also: which record stays, what the kept record
 * takes from the folded one, and how that is undone.
 */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { foldForSearch } from '../../platform/text.js';
import type { Provenance, SupplierCertification } from '../../platform/db/schema.js';
import { nameKey, significantWords } from './suppliers.domain.js';

// A UMD bundle (like geographiclib-dms in suppliers.domain.ts): required, so runtime and types agree.
const { Geodesic } = createRequire(import.meta.url)('geographiclib-geodesic') as typeof import('geographiclib-geodesic');

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
// Blocking: which pairs are compared at all
// ---------------------------------------------------------------------------------------

/**
 * Why two records of different sources are compared (the "blocks" of record linkage, as in
 * Splink or dedupe): a strong key they share — the same RFC at any distance; the same name
 * key, phone or email within `contactRadiusM` — or being near (within `nearRadiusM`) AND
 * having alike names (`nameAffinity` ≥ `nameSimilarThreshold`). A neighbour whose name is
 * not alike and that shares no key is not compared, so never merged nor queued: in an
 * industrial park hundreds of unrelated plants stand within 500 m of each other, and
 * queueing them buried the moderators' queue (see docs/adr/0010-supplier-matching-blocking.md).
 * Nor is a near pair whose names differ only in a plant number or designator and that shares
 * no RFC, phone or email (`otherEstablishment`): another plant of the same company.
 */
export type CandidateBlock = 'rfc' | 'name_key' | 'phone' | 'email' | 'near_name';

/** Side of the near block's grid cells in degrees: at least `nearRadiusM` both ways anywhere in Mexico, so two records that near are in the same or adjacent cells. */
export const nearCellDeg = nearRadiusDeg;
/** Degrees of latitude that are surely more than `nearRadiusM` (a degree of latitude is at least 110,574 m): a cheap test before the geodesic. */
const nearLatDeg = nearRadiusM / 110_574;

/** A record with its point, as the near block reads it. */
export interface LocatedSide extends PlannedSide {
  lat: number;
  lon: number;
}

/**
 * Geodesic distance in metres on the WGS84 ellipsoid (Karney's algorithm, the one PostGIS
 * uses for `geography` distances, so both sides of the code agree to the millimetre).
 */
export function geodesicDistanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return Geodesic.WGS84.Inverse(a.lat, a.lon, b.lat, b.lon, Geodesic.DISTANCE).s12!;
}

// A record takes part in many pairs: its contact keys are computed once.
const contactKeysCache = new WeakMap<MatchSide, { phone: string | null; email: string | null }>();
function contactKeysOf(side: MatchSide): { phone: string | null; email: string | null } {
  let keys = contactKeysCache.get(side);
  if (!keys) {
    keys = { phone: phoneKey(side.phone), email: emailKey(side.email) };
    contactKeysCache.set(side, keys);
  }
  return keys;
}

/** Names alike enough for two near records to be compared (the near block's name test). */
export const namesAlike = (a: MatchSide, b: MatchSide) => nameAffinity(a, b) >= nameSimilarThreshold;

/**
 * Whether two records `distanceM` apart are compared, and by which block (the first that
 * holds, strongest first); null when they are not: same source, or nothing in common but
 * the neighbourhood. See `CandidateBlock`.
 */
export function candidateBlock(a: MatchSide, b: MatchSide, distanceM: number): CandidateBlock | null {
  if (a.id === b.id || sourceOfKey(a.sourceKey) === sourceOfKey(b.sourceKey)) return null;
  if (a.rfc && a.rfc === b.rfc) return 'rfc';
  if (distanceM <= contactRadiusM) {
    if (a.nameKey !== '' && a.nameKey === b.nameKey) return 'name_key';
    const ka = contactKeysOf(a);
    const kb = contactKeysOf(b);
    if (ka.phone !== null && ka.phone === kb.phone) return 'phone';
    if (ka.email !== null && ka.email === kb.email) return 'email';
  }
  if (distanceM <= nearRadiusM && namesAlike(a, b) && !otherEstablishment(a, b)) return 'near_name';
  return null;
}

/**
 * Words that introduce the number or letter telling one establishment of a company from
 * another ("Planta 3", "Nave B", "Sucursal No. 2", "Plant #4", "Unit II"), in Spanish and
 * English. "#" and "." are gone from a name key, so "No. 2" and "#2" arrive as "no 2" and "2".
 */
const designatorWords = new Set([
  'planta', 'plant', 'nave', 'unidad', 'unit', 'sucursal', 'branch', 'no', 'num', 'numero', 'number', 'edificio', 'building',
]);
/** Roman numerals up to 39 ("Planta II"): enough for plant numbers, and no ordinary word but "i", "v" and "x" alone. */
const romanNumeral = /^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$/;
const romanValues: Record<string, number> = { i: 1, v: 5, x: 10 };
function romanToNumber(roman: string): number {
  let total = 0;
  for (let i = 0; i < roman.length; i += 1) {
    const value = romanValues[roman[i]!]!;
    const next = romanValues[roman[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * A name key split into what names the company and what tells its establishments apart:
 * `stem` is the significant words (no fillers, no synthetic labels) without designator
 * words and marks; `marks` are the numbers (anywhere: "Planta 3", "... 7", "Planta III" as
 * 3, "Planta 03" as 3) and the single letters right after a designator ("Nave B").
 */
export function nameDesignation(key: string | null): { stem: string; marks: ReadonlySet<string> } {
  const stem: string[] = [];
  const marks = new Set<string>();
  let afterDesignator = false;
  for (const w of significantWords(key ?? '')) {
    if (syntheticLabels.has(w)) continue;
    if (designatorWords.has(w)) {
      afterDesignator = true;
      continue;
    }
    if (/^\d+$/.test(w)) marks.add(String(Number(w)));
    else if (romanNumeral.test(w)) marks.add(String(romanToNumber(w)));
    else if (afterDesignator && /^\p{L}$/u.test(w)) marks.add(w);
    else stem.push(w);
    afterDesignator = false;
  }
  return { stem: stem.join(' '), marks };
}

/**
 * Two names that are the same but for the number or designator each carries ("Maquinados
 * del Norte Planta 3" and "... Planta 7", "Nave A" and "Nave B", "Unidad II" and "Unidad 4"):
 * the company's own way of telling two of its establishments apart. Not when either name
 * lacks a mark ("Nemak" and "Nemak Planta 2" may be one plant), nor when the marks agree
 * ("Planta 3" and "Planta III").
 */
export function namesDifferOnlyByDesignation(keyA: string | null, keyB: string | null): boolean {
  return designationsDiffer(nameDesignation(keyA), nameDesignation(keyB));
}

type Designation = ReturnType<typeof nameDesignation>;
function designationsDiffer(a: Designation, b: Designation): boolean {
  if (a.stem === '' || a.stem !== b.stem || a.marks.size === 0 || b.marks.size === 0) return false;
  return a.marks.size !== b.marks.size || [...a.marks].some((m) => !b.marks.has(m));
}

/** The same RFC, phone key or email key: evidence strong enough to look at a pair whatever its names say. */
export function sharesStrongKey(a: MatchSide, b: MatchSide): boolean {
  if (a.rfc && a.rfc === b.rfc) return true;
  const ka = contactKeysOf(a);
  const kb = contactKeysOf(b);
  return (ka.phone !== null && ka.phone === kb.phone) || (ka.email !== null && ka.email === kb.email);
}

// A record meets dozens of neighbours: its name's designation is computed once.
const designationCache = new WeakMap<MatchSide, Designation>();
function designationOf(side: MatchSide): Designation {
  let designation = designationCache.get(side);
  if (!designation) designationCache.set(side, (designation = nameDesignation(side.nameKey)));
  return designation;
}

/**
 * Another establishment of the same company, neither merged nor queued: plant names that
 * differ only in their number or designator (`namesDifferOnlyByDesignation`) and no RFC,
 * phone or email in common. The score already calls such a pair "another plant"
 * (`plant_number_differs`); queued, they were most of the queue (1.8 million pairs at a
 * million records, see docs/adr/0010-supplier-matching-blocking.md). With a shared strong
 * key the pair is still compared: a registry may have numbered the plant differently.
 */
export function otherEstablishment(a: MatchSide, b: MatchSide): boolean {
  return designationsDiffer(designationOf(a), designationOf(b)) && !sharesStrongKey(a, b);
}

/** The grid cell of a point as one number (column and row of `nearCellDeg` cells). */
const cellOf = (lat: number, lon: number) => (Math.floor(lon / nearCellDeg) + 40_000) * 100_000 + (Math.floor(lat / nearCellDeg) + 20_000);
const neighbourOffsets = [-100_001, -100_000, -99_999, -1, 0, 1, 99_999, 100_000, 100_001];
/** Whether a point has one of `sides` in its near-block cell or the eight around it: only then can the near block pair them. */
export function withinNearReachOf(sides: ReadonlyArray<{ lat: number; lon: number }>): (point: { lat: number; lon: number }) => boolean {
  const cells = new Set(sides.map((s) => cellOf(s.lat, s.lon)));
  return (point) => {
    const cell = cellOf(point.lat, point.lon);
    return neighbourOffsets.some((offset) => cells.has(cell + offset));
  };
}
/**
 * Index keys other than words, in their own namespaces (a name key holds only letters,
 * digits and spaces): a name's letters joined ("auto partes" and "autopartes" are one name),
 * and a name's rarest word in the containment index (see `nearNamePairs`).
 */
const joinedKey = (words: NameWords) => `=${words.joined}`;
const containedKey = (word: string) => `<${word}`;

/** A record's name word sets: its plant name, and its legal name when it has one. */
function nameSetsOf(side: MatchSide): NameWords[] {
  const { plant, legal } = sideWords(side);
  return legal && legal !== plant ? [plant, legal] : [plant];
}

/**
 * The words of a name that any alike name must share at least one of (the prefix filter of
 * set-similarity joins, as in AllPairs and PPJoin): its rarest words, taken until the weight
 * left out is below a third of the name's. Why a third: for the weighted Dice coefficient
 * `2·shared / (wa + wb) ≥ 0.5` with `shared ≤ wb`, the shared weight is at least `wa / 3`,
 * so it cannot all lie in the words left out. Rare words first keeps the lists looked up
 * short. The other ways `wordSimilarity` calls names alike have their own keys: the same
 * letters (`joinedKey`) and one name's words all within the other's (`containedKey`).
 */
function prefixWords(words: NameWords, frequency: ReadonlyMap<string, number>): string[] {
  const byRarity = words.words.map((w, k) => ({ w, weight: words.weights[k]!, count: frequency.get(w) ?? 0 }));
  byRarity.sort((x, y) => x.count - y.count || (x.w < y.w ? -1 : x.w > y.w ? 1 : 0));
  // The margin keeps a word in when rounding could put a pair exactly on the threshold.
  const leftOutBelow = words.weight / 3 - 1e-6;
  const out: string[] = [];
  let leftOut = words.weight;
  for (const { w, weight } of byRarity) {
    if (leftOut < leftOutBelow) break;
    out.push(w);
    leftOut -= weight;
  }
  return out;
}

/** The word of a name that the region holds fewest of (ties by spelling): the name's key in the containment index. */
function rarestWord(words: NameWords, frequency: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = Infinity;
  for (const w of words.words) {
    const count = frequency.get(w) ?? 0;
    if (count < bestCount || (count === bestCount && best !== null && w < best)) {
      best = w;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The near block as a keyed join, in memory: the records of a region are indexed by grid
 * cell and key; each given record looks up the 3×3 cells around its own under a few keys
 * and tests what it finds with `namesAlike` and the geodesic distance — never all pairs of
 * neighbours. Each way two names can be alike (`wordSimilarity`) has its keys:
 * - weighted Dice ≥ 0.5: region records are indexed under every word of their plant and
 *   legal names, and a given record looks up only the rarest words of each of its names
 *   (`prefixWords`): in a park where every other plant is "Industrial" or "del Norte", the
 *   common words stop pulling in whole neighbourhoods;
 * - the same letters once spaces go: indexed and looked up by `joinedKey`;
 * - every word of the other name within this one ("Nemak" and "Nemak Planta Monterrey"):
 *   region records are indexed under the rarest word of each name (`containedKey`), and a
 *   given record looks up every word of its names there. When this name is the one within
 *   the other, its prefix words find it.
 *
 * `region` must hold every record within `nearRadiusM` of the given ones (it may hold more;
 * the given ones may be in it). `skip` drops pairs the caller has already dealt with.
 * Returns each pair once per given record, `a` the given one.
 */
export function nearNamePairs<S extends LocatedSide>(
  given: readonly S[], region: readonly S[], skip: (given: S, other: S) => boolean = () => false,
): Array<{ a: S; b: S; distanceM: number }> {
  return nearNameIndex(region).pairsOf(given, skip);
}

/**
 * The region side of `nearNamePairs`, built once: `pairsOf` may then be called on the given
 * records a slice at a time (a bulk run yields to I/O between slices, see suppliers.matching.ts),
 * with the same result as one call on all of them.
 */
export interface NearNameIndex<S extends LocatedSide> {
  pairsOf(given: readonly S[], skip?: (given: S, other: S) => boolean): Array<{ a: S; b: S; distanceM: number }>;
}

export function nearNameIndex<S extends LocatedSide>(region: readonly S[]): NearNameIndex<S> {
  // Positions in `region` stand for the records: at a million records a given record meets
  // dozens of neighbours, and numbers are cheaper to hash and mark than ids.
  const words = region.map(sideWords);
  const nameSets = region.map(nameSetsOf);
  const sources = region.map((s) => sourceOfKey(s.sourceKey));
  const frequency = new Map<string, number>();
  for (const sets of nameSets) {
    for (const set of sets) for (const w of set.words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  }
  const index = new Map<number, Map<string, number[]>>();
  for (let i = 0; i < region.length; i += 1) {
    const side = region[i]!;
    const cell = cellOf(side.lat, side.lon);
    let byKey = index.get(cell);
    if (!byKey) index.set(cell, (byKey = new Map()));
    const add = (key: string) => {
      const list = byKey.get(key);
      if (!list) byKey.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i); // a word in both of its names is listed once
    };
    for (const set of nameSets[i]!) {
      if (set.words.length === 0) continue;
      for (const w of set.words) add(w);
      add(joinedKey(set));
      add(containedKey(rarestWord(set, frequency)!));
    }
  }
  // seenBy[i] === n: region record i was already met by the n-th given record (counted over all calls).
  const seenBy = new Int32Array(region.length).fill(-1);
  let probed = 0;
  const pairsOf = (given: readonly S[], skip: (given: S, other: S) => boolean = () => false) => {
    const out: Array<{ a: S; b: S; distanceM: number }> = [];
    for (const g of given) {
      // Most given records of an import have no record of another source near them: those
      // are passed over before their names are split into words.
      const cell = cellOf(g.lat, g.lon);
      const near: Array<Map<string, number[]>> = [];
      for (const offset of neighbourOffsets) {
        const byKey = index.get(cell + offset);
        if (byKey) near.push(byKey);
      }
      if (near.length === 0) continue;
      const n = probed++;
      const probe: string[] = [];
      const addProbe = (key: string) => {
        if (!probe.includes(key)) probe.push(key);
      };
      for (const set of nameSetsOf(g)) {
        if (set.words.length === 0) continue;
        for (const w of prefixWords(set, frequency)) addProbe(w);
        addProbe(joinedKey(set));
        for (const w of set.words) addProbe(containedKey(w));
      }
      if (probe.length === 0) continue;
      const source = sourceOfKey(g.sourceKey);
      const gWords = sideWords(g);
      // A cheap bound before the geodesic: a degree of longitude is at least 111,000·cos(lat) m.
      const nearLonDeg = nearRadiusM / (111_000 * Math.cos((g.lat * Math.PI) / 180));
      for (const byKey of near) {
        for (const key of probe) {
          const list = byKey.get(key);
          if (!list) continue;
          for (const i of list) {
            if (seenBy[i] === n) continue;
            seenBy[i] = n;
            const o = region[i]!;
            if (o.id === g.id || Math.abs(o.lat - g.lat) > nearLatDeg || Math.abs(o.lon - g.lon) > nearLonDeg) continue;
            if (sources[i] === source || wordsAffinity(gWords, words[i]!) < nameSimilarThreshold || skip(g, o)) continue;
            if (otherEstablishment(g, o)) continue;
            const distanceM = geodesicDistanceM(g, o);
            if (distanceM <= nearRadiusM) out.push({ a: g, b: o, distanceM });
          }
        }
      }
    }
    return out;
  };
  return { pairsOf };
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
/** Similarity of a name whose words are all within the other's (not 1: the names do differ). */
const containedNameSimilarity = 0.9;
/** Name similarity from which `name_similar` is a reason (and an automatic merge may consider it). */
export const nameSimilarThreshold = 0.5;

/** Trade words and bare numbers ("planta 2") weigh little: neither tells one company from another. */
const weightOf = (w: string) => (tradeWords.has(w) || /^\d+$/.test(w) ? tradeWordWeight : 1);

/**
 * A name key as similarity reads it, computed once per name: its significant words (no
 * fillers, no synthetic labels, each once, in order), the weight of each, their letters
 * joined, and their weights summed.
 */
export interface NameWords {
  words: readonly string[];
  /** `weights[k]` is the weight of `words[k]` (see `weightOf`). */
  weights: readonly number[];
  joined: string;
  weight: number;
}

export function nameWordsOf(key: string | null): NameWords {
  const words = [...new Set(significantWords(key ?? '').filter((w) => !syntheticLabels.has(w)))];
  const weights = words.map(weightOf);
  return { words, weights, joined: words.join(''), weight: weights.reduce((sum, wt) => sum + wt, 0) };
}

/**
 * Similarity in 0..1 of two names (see `nameSimilarity`), on words computed once: the near
 * block compares each record with dozens of neighbours.
 */
export function wordSimilarity(a: NameWords, b: NameWords): number {
  if (a.words.length === 0 || b.words.length === 0) return 0;
  if (a.joined === b.joined) return 1;
  let shared = 0;
  let sharedWeight = 0;
  let distinctive = false;
  for (let k = 0; k < a.words.length; k += 1) {
    if (!b.words.includes(a.words[k]!)) continue;
    shared += 1;
    const wt = a.weights[k]!;
    sharedWeight += wt;
    if (wt === 1) distinctive = true;
  }
  if (shared === a.words.length && shared === b.words.length) return 1;
  if (distinctive && shared === Math.min(a.words.length, b.words.length)) return containedNameSimilarity;
  return (2 * sharedWeight) / (a.weight + b.weight);
}

/**
 * Similarity in 0..1 of two name keys (see `nameKey`): 1 for the same significant words
 * (or the same letters once spaces go: "auto partes" and "autopartes"), 0.9 when every
 * word of the shorter is in the longer and they share a word that is not a trade word or
 * a number ("Nemak" and "Nemak Planta Monterrey"), otherwise the Dice coefficient of the
 * words with trade words and numbers weighing 0.3.
 */
export function nameSimilarity(keyA: string | null, keyB: string | null): number {
  return wordSimilarity(nameWordsOf(keyA), nameWordsOf(keyB));
}

/** Numbers in a name ("planta 2", "nave 14"): two plants of one company are often told apart by them alone. */
function numbersOf(key: string | null): Set<string> {
  return new Set((key ?? '').split(' ').filter((w) => /^\d+$/.test(w)).map((w) => String(Number(w))));
}

/** Both names carry numbers and they differ: "Acme Planta 1" and "Acme Planta 2" are two plants. */
export function plantNumbersDiffer(keyA: string | null, keyB: string | null): boolean {
  return numbersDiffer(numbersOf(keyA), numbersOf(keyB));
}

function numbersDiffer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  return a.size !== b.size || [...a].some((n) => !b.has(n));
}

// A record is scored against several others: the numbers in its name are read once.
const nameNumbersCache = new WeakMap<MatchSide, Set<string>>();
function nameNumbersOf(side: MatchSide): Set<string> {
  let numbers = nameNumbersCache.get(side);
  if (!numbers) nameNumbersCache.set(side, (numbers = numbersOf(side.nameKey)));
  return numbers;
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

// A record takes part in many pairs of a batch: its name words are computed once.
const sideWordsCache = new WeakMap<MatchSide, { plant: NameWords; legal: NameWords | null }>();
/** The words of a record's plant name and legal name (null without one), computed once per record. */
export function sideWords(side: MatchSide): { plant: NameWords; legal: NameWords | null } {
  let words = sideWordsCache.get(side);
  if (!words) {
    const plant = nameWordsOf(side.nameKey);
    const legalKey = side.legalName ? nameKey(side.legalName) : null;
    // Often the legal name is the plant name with a legal form: one object, compared once (see `wordsAffinity`).
    words = { plant, legal: legalKey === null ? null : legalKey === side.nameKey ? plant : nameWordsOf(legalKey) };
    sideWordsCache.set(side, words);
  }
  return words;
}

/**
 * How alike two records' names are: the best of plant name against plant name, legal name
 * against legal name and each plant name against the other's legal name (DENUE's
 * `nom_estab` is often the trade name while the template gives the legal name).
 */
export function nameAffinity(a: MatchSide, b: MatchSide): number {
  return wordsAffinity(sideWords(a), sideWords(b));
}

/** `nameAffinity` on words computed once (see `sideWords`). */
function wordsAffinity(wa: { plant: NameWords; legal: NameWords | null }, wb: { plant: NameWords; legal: NameWords | null }): number {
  // A legal name that is the plant name (the same object, see `sideWords`) adds no comparison.
  const legalA = wa.legal !== wa.plant ? wa.legal : null;
  const legalB = wb.legal !== wb.plant ? wb.legal : null;
  let best = wordSimilarity(wa.plant, wb.plant);
  if (best === 1) return 1;
  if (legalB) best = Math.max(best, wordSimilarity(wa.plant, legalB));
  if (legalA) best = Math.max(best, wordSimilarity(legalA, wb.plant));
  if (legalA && legalB) best = Math.max(best, wordSimilarity(legalA, legalB));
  return best;
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

  const legalA = sideWords(a).legal;
  const legalB = sideWords(b).legal;
  const legalSame = !!legalA && !!legalB && wordSimilarity(legalA, legalB) === 1;
  const names = nameAffinity(a, b);
  score += weights.name * names;
  reasons.push(names === 1 ? 'name_same' : names >= nameSimilarThreshold ? 'name_similar' : 'name_differs');
  if (legalSame) reasons.push('legal_name_same');
  if (numbersDiffer(nameNumbersOf(a), nameNumbersOf(b))) {
    score -= penalties.plantNumberDiffers;
    reasons.push('plant_number_differs');
    against = true;
  }

  const contactA = contactKeysOf(a);
  const contactB = contactKeysOf(b);
  const phoneSame = contactA.phone !== null && contactA.phone === contactB.phone;
  if (phoneSame) {
    score += weights.phone;
    reasons.push('phone_same');
  }
  const emailSame = contactA.email !== null && contactA.email === contactB.email;
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
export function isPlausible(s: Pick<PairScore, 'score'>): boolean {
  return s.score >= pendingScoreFloor;
}

/**
 * Whether a scored pair can change anything: merged when confident, else queued when
 * plausible. A pair that is neither is dropped whatever else a batch holds (see `planMatches`);
 * in a bulk batch that is most of the pairs scored.
 */
export function mayCount(s: Pick<PairScore, 'score' | 'confident'>): boolean {
  return s.confident || isPlausible(s);
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

/** Ids in code-point order: a tie-break that never depends on the locale. */
const compareIds = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

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
  // Only pairs that may count are ordered (a bulk batch scores ten times more pairs than it keeps).
  const sorted = pairs.filter(mayCount).sort(
    (x, y) => y.score - x.score || x.distanceM - y.distanceM || compareIds(x.a.id, y.a.id) || compareIds(x.b.id, y.b.id),
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

export type ScalarField = (typeof scalarFillFields)[number] | (typeof contactFillFields)[number];
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

/**
 * Whether a fold gives the canonical the folded record's value of a field: the canonical's
 * is empty and the folded record's is not, and a contact is taken only when that cannot turn
 * an unconsented contact into a shown one. The rule of `foldChanges`, also used to carry a
 * fold's effect on the scored fields to later batches before its fill states are read.
 */
export function foldFills(
  field: ScalarField, mine: string | null, theirs: string | null, canonicalConsent: boolean, foldedConsent: boolean,
): theirs is string {
  if ((contactFillFields as readonly string[]).includes(field) && canonicalConsent && !foldedConsent) return false;
  return isEmpty(mine) && theirs !== null && !isEmpty(theirs);
}

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
  for (const field of [...scalarFillFields, ...contactFillFields]) {
    const mine = canonical.scalars[field];
    const theirs = folded.scalars[field];
    if (!foldFills(field, mine, theirs, canonical.contactConsent, folded.contactConsent)) continue;
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
