/**
 * The directory's query: parsing and validating the parameters (pure), and the SQL pieces
 * every read (list, facets, exports, map, component pages) shares, so that one filter means
 * the same rows everywhere.
 *
 * Cost model (1,000,000 establishments): the text search uses the GIN index on
 * `search_vector`, tiers/processes/components the GIN array index (`&&`), radius the GiST
 * index on `geom` through a degree box before the exact spheroid distance, SCIAN the
 * `text_pattern_ops` index (`like 'prefix%'`), state and municipality the area index.
 */
import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { foldForSearch } from '../../platform/text.js';
import { certifications, evReadiness as evReadinessLevels, processes, sizeClasses, tiers } from './suppliers.taxonomy.js';
import { textArray } from '../../platform/db/sql-arrays.js';

/** The facets of the directory; each is also a filter. */
export const facetNames = ['state', 'municipality', 'tier', 'process', 'component', 'certification', 'size', 'evReadiness'] as const;
export type FacetName = (typeof facetNames)[number];

export type SortOrder = 'relevance' | 'name' | 'distance';

export interface EstablishmentFilter {
  /** Folded words of `q`, each searched as a prefix (AND). Empty: no text search. */
  words: string[];
  states: string[];
  municipalities: string[];
  /** SCIAN codes or prefixes (2 to 6 digits). */
  scian: string[];
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: string[];
  sizes: string[];
  evReadiness: string[];
  near: { lat: number; lon: number; radiusKm: number } | null;
}

export const emptyFilter = (): EstablishmentFilter => ({
  words: [], states: [], municipalities: [], scian: [], tiers: [], processes: [], components: [], certifications: [], sizes: [], evReadiness: [], near: null,
});

/** The query string as the routes receive it (each repeatable parameter an array after coercion). */
export interface RawEstablishmentQuery {
  q?: string | undefined;
  state?: string[] | string | undefined;
  municipality?: string[] | string | undefined;
  scian?: string[] | string | undefined;
  tier?: string[] | string | undefined;
  process?: string[] | string | undefined;
  component?: string[] | string | undefined;
  certification?: string[] | string | undefined;
  size?: string[] | string | undefined;
  evReadiness?: string[] | string | undefined;
  near?: string | undefined;
  radiusKm?: number | string | undefined;
  sort?: string | undefined;
}

/** Radius when `near` is given alone (km). */
export const defaultRadiusKm = 100;
/** Largest radius accepted (km): Mexico is ~3,200 km across; beyond that a radius is no filter. */
export const maxRadiusKm = 3500;
/** Words of `q` searched; more say nothing a shorter query does not. */
const maxWords = 12;

/** Every value of a repeatable parameter: `tier=a&tier=b` and `tier=a,b` both give [a, b]. */
export function valuesOf(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== ''))];
}

function invalid(parameter: string, message: string): never {
  throw new AppError('SUPPLIERS.INVALID_QUERY', message, [{ path: `/${parameter}`, message }]);
}

function checkCodes(parameter: string, given: string[], accepted: readonly string[]): string[] {
  const unknown = given.filter((v) => !accepted.includes(v));
  if (unknown.length > 0) {
    invalid(parameter, `Unknown ${parameter} ${unknown.map((u) => `"${u}"`).join(', ')}; accepted values: ${accepted.join(', ')}.`);
  }
  return given;
}

function checkPattern(parameter: string, given: string[], pattern: RegExp, expected: string): string[] {
  const bad = given.filter((v) => !pattern.test(v));
  if (bad.length > 0) invalid(parameter, `${bad.map((b) => `"${b}"`).join(', ')}: ${parameter} must be ${expected}.`);
  return given;
}

/** `q` as the prefix words searched: folded like the stored document, so only letters and digits remain. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(foldForSearch(q).split(' ').filter((w) => w !== ''))].slice(0, maxWords);
}

/**
 * The words as a `to_tsquery` text: each a quoted prefix (`'arnes':*`), AND-ed. The words
 * come from `foldForSearch`, which keeps only letters and digits, so no tsquery operator,
 * quote or backslash a user types can reach the query; quoting is a second guard.
 */
export function prefixTsQuery(words: string[]): string {
  return words.map((w) => `'${w.replace(/['\\]/g, '')}':*`).join(' & ');
}

/** `near=lat,lon` (decimal degrees). */
export function parseNear(near: string): { lat: number; lon: number } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(near);
  const lat = m ? Number(m[1]) : NaN;
  const lon = m ? Number(m[2]) : NaN;
  if (!m || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    invalid('near', `near="${near}" is not "lat,lon" in decimal degrees (e.g. near=25.4232,-101.0053 for Saltillo).`);
  }
  return { lat, lon };
}

/**
 * Parses and validates the directory's parameters. Unknown codes, a malformed point or a
 * radius without a point are `SUPPLIERS.INVALID_QUERY`, with the accepted values named.
 * `componentCodes` is the catalogue as curated in the database (components can be added there).
 */
export function parseEstablishmentQuery(raw: RawEstablishmentQuery, componentCodes: readonly string[]): { filter: EstablishmentFilter; sort: SortOrder } {
  const filter: EstablishmentFilter = {
    words: searchWords(raw.q),
    states: checkPattern('state', valuesOf(raw.state), /^(0[1-9]|[12][0-9]|3[0-2])$/, 'a two-digit state code (cve_ent, 01 to 32)'),
    municipalities: checkPattern('municipality', valuesOf(raw.municipality), /^[0-9]{5}$/, 'a five-digit municipality code (cvegeo)'),
    scian: checkPattern('scian', valuesOf(raw.scian), /^[0-9]{2,6}$/, 'a SCIAN 2018 code or its prefix (2 to 6 digits)'),
    tiers: checkCodes('tier', valuesOf(raw.tier), tiers.map((t) => t.code)),
    processes: checkCodes('process', valuesOf(raw.process), processes.map((p) => p.code)),
    components: checkCodes('component', valuesOf(raw.component), componentCodes),
    certifications: checkCodes('certification', valuesOf(raw.certification), certifications.map((c) => c.code)),
    sizes: checkCodes('size', valuesOf(raw.size), sizeClasses.map((s) => s.code)),
    evReadiness: checkCodes('evReadiness', valuesOf(raw.evReadiness), evReadinessLevels.map((e) => e.code)),
    near: null,
  };
  const hasRadius = raw.radiusKm !== undefined && String(raw.radiusKm) !== '';
  if (raw.near !== undefined && raw.near !== '') {
    const point = parseNear(raw.near);
    const radiusKm = hasRadius ? Number(raw.radiusKm) : defaultRadiusKm;
    if (!(radiusKm > 0 && radiusKm <= maxRadiusKm)) invalid('radiusKm', `radiusKm must be a number above 0 and at most ${maxRadiusKm}.`);
    filter.near = { ...point, radiusKm };
  } else if (hasRadius) {
    invalid('radiusKm', 'radiusKm needs near=lat,lon (the centre of the circle).');
  }
  const sort = (raw.sort ?? (filter.words.length > 0 ? 'relevance' : filter.near ? 'distance' : 'name')) as SortOrder;
  if (!['relevance', 'name', 'distance'].includes(sort)) invalid('sort', `Unknown sort "${raw.sort}"; accepted values: relevance, name, distance.`);
  if (sort === 'distance' && !filter.near) invalid('sort', 'sort=distance needs near=lat,lon.');
  // Relevance without words ranks nothing: the list falls back to name order.
  return { filter, sort: sort === 'relevance' && filter.words.length === 0 ? 'name' : sort };
}

/**
 * A box (degrees) that holds every point within `radiusKm` of the centre: a degree of
 * latitude is never shorter than 110.57 km, a degree of longitude is 111.32 km × cos(lat)
 * at its shortest on the box's poleward edge; 1 % is added for the spheroid. Only a
 * pre-filter for the GiST index; the exact distance on the spheroid decides.
 */
export function radiusBox(near: { lat: number; lon: number; radiusKm: number }): [number, number, number, number] {
  const dLat = (near.radiusKm / 110.57) * 1.01;
  const poleward = Math.min(89.9, Math.abs(near.lat) + dLat);
  const dLon = Math.min(180, (near.radiusKm / (111.32 * Math.cos((poleward * Math.PI) / 180))) * 1.01);
  return [near.lon - dLon, Math.max(-90, near.lat - dLat), near.lon + dLon, Math.min(90, near.lat + dLat)];
}


/** The centre of `near` as a geography. */
export const nearPoint = (near: { lat: number; lon: number }) => sql`ST_SetSRID(ST_MakePoint(${near.lon}, ${near.lat}), 4326)::geography`;

/** Distance in km from the centre (spheroid). */
export const distanceKm = (alias: string, near: { lat: number; lon: number }) =>
  sql<number>`ST_Distance(${sql.ref(`${alias}.geom`)}::geography, ${nearPoint(near)}) / 1000`;

/** The predicate of one facet's filter, or null when the filter is not set. */
export function facetPredicate(filter: EstablishmentFilter, facet: FacetName, alias = 'e'): RawBuilder<unknown> | null {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (facet) {
    case 'state':
      return filter.states.length ? sql`${col('cve_ent')} = any(${textArray(filter.states)})` : null;
    case 'municipality':
      return filter.municipalities.length ? sql`${col('cvegeo')} = any(${textArray(filter.municipalities)})` : null;
    case 'tier':
      return filter.tiers.length ? sql`${col('tiers')} && ${textArray(filter.tiers)}` : null;
    case 'process':
      return filter.processes.length ? sql`${col('processes')} && ${textArray(filter.processes)}` : null;
    case 'component':
      return filter.components.length ? sql`${col('components')} && ${textArray(filter.components)}` : null;
    case 'certification':
      if (!filter.certifications.length) return null;
      // Containment first (answerable by a jsonb GIN index should one be added), then the expiry.
      return sql`(${sql.join(filter.certifications.map((code) => sql`${col('certifications')} @> ${JSON.stringify([{ code }])}::jsonb`), sql` or `)})
        and exists (select 1 from jsonb_array_elements(${col('certifications')}) c
          where c->>'code' = any(${textArray(filter.certifications)}) and coalesce(c->>'expiresOn', '9999-12-31') >= to_char(current_date, 'YYYY-MM-DD'))`;
    case 'size':
      return filter.sizes.length ? sql`${col('size_class')} = any(${textArray(filter.sizes)})` : null;
    case 'evReadiness':
      return filter.evReadiness.length ? sql`${col('ev_readiness')} = any(${textArray(filter.evReadiness)})` : null;
  }
}

/** The conditions that are not facets: folded records out, text, SCIAN, radius. */
export function baseConditions(filter: EstablishmentFilter, alias = 'e'): RawBuilder<unknown>[] {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  // A record folded into another (a duplicate from another source) is never listed or counted on its own.
  const parts: RawBuilder<unknown>[] = [sql`${col('merged_into')} is null`];
  if (filter.words.length > 0) parts.push(sql`${col('search_vector')} @@ to_tsquery('simple', ${prefixTsQuery(filter.words)})`);
  if (filter.scian.length > 0) {
    parts.push(sql`(${sql.join(filter.scian.map((code) => sql`${col('scian')} like ${`${code}%`}`), sql` or `)})`);
  }
  if (filter.near) {
    const [w, s, e, n] = radiusBox(filter.near);
    parts.push(sql`${col('geom')} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
    parts.push(sql`ST_DWithin(${col('geom')}::geography, ${nearPoint(filter.near)}, ${filter.near.radiusKm * 1000})`);
  }
  return parts;
}

/** Every condition of the filter, AND-ed. */
export function whereAll(filter: EstablishmentFilter, alias = 'e'): RawBuilder<unknown> {
  const parts = [...baseConditions(filter, alias)];
  for (const facet of facetNames) {
    const p = facetPredicate(filter, facet, alias);
    if (p) parts.push(p);
  }
  return sql.join(parts, sql` and `);
}

/** The ORDER BY of a sort (always ending on id, so pages never overlap). */
export function orderBy(filter: EstablishmentFilter, sort: SortOrder, alias = 'e'): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  if (sort === 'relevance' && filter.words.length > 0) {
    return sql`ts_rank(${col('search_vector')}, to_tsquery('simple', ${prefixTsQuery(filter.words)})) desc, ${col('name')}, ${col('id')}`;
  }
  if (sort === 'distance' && filter.near) return sql`${distanceKm(alias, filter.near)}, ${col('name')}, ${col('id')}`;
  return sql`${col('name')}, ${col('id')}`;
}

/** What a facet statement counts: some facets, and the total (rows passing every filter). */
export interface FacetWanted {
  facets: readonly FacetName[];
  total: boolean;
}

/**
 * Facet counts (and the total) in one statement and one read of the table: the rows that
 * fail at most one facet filter are read once into a CTE, each with a flag per facet filter.
 * A facet counts the rows that pass every filter but its own (drill-down: with tier=tier1
 * selected, tier2 still shows how many it would add); the total counts the rows failing
 * none. The single-valued facets come from one grouping-sets aggregate over the CTE, the
 * array facets from one unnest each. (A lateral subquery emitting every (facet, value) pair
 * per row was measured three times slower on PGlite; an inlined CTE, one scan per branch, was
 * slower whenever a filter narrows the rows.) A code listed twice on one row counts
 * twice; the writers keep arrays distinct.
 *
 * Only `wanted` is counted. A selected facet whose drill-down is not wanted (its counts come
 * from the cache) cannot be the one failing filter, so its predicate joins the WHERE clause,
 * where its index can answer it; with two or more drill-downs wanted, a row failing at most
 * one of them passes the first or the second, which lets the planner OR two indexes.
 */
export function facetStatement(filter: EstablishmentFilter, wanted: FacetWanted = { facets: facetNames, total: true }) {
  const active = facetNames.map((facet) => ({ facet, predicate: facetPredicate(filter, facet, 'e') })).filter((f) => f.predicate !== null);
  const drill = active.filter((f) => wanted.facets.includes(f.facet));
  const fixed = active.filter((f) => !wanted.facets.includes(f.facet));
  const flag = (facet: FacetName) => sql.raw(`p_${facet.toLowerCase()}`);
  const flags = drill.map((f) => sql`coalesce(${f.predicate!}, false) as ${flag(f.facet)}`);
  const fails = drill.length > 0 ? sql.join(drill.map((f) => sql`(not ${flag(f.facet)})::int`), sql` + `) : sql`0`;
  const counted = (facet: FacetName) => (drill.some((f) => f.facet === facet) ? sql`(m.fails = 0 or not m.${flag(facet)})` : sql`m.fails = 0`);
  const where = [...baseConditions(filter, 'e'), ...fixed.map((f) => f.predicate!)];
  if (drill.length >= 2) where.push(sql`(${drill[0]!.predicate!} or ${drill[1]!.predicate!})`);
  // With no filter at all every row matches: inlined, each branch is a plain (parallel) scan,
  // which measured faster on PostgreSQL than writing the whole table into the CTE first.
  const unfiltered = drill.length === 0 && where.length === 1;
  const scalar = ([['state', 'cve_ent'], ['municipality', 'cvegeo'], ['size', 'size_class'], ['evReadiness', 'ev_readiness']] as const)
    .filter(([facet]) => wanted.facets.includes(facet));
  const sets = [...scalar.map(([, column]) => sql`(m.${sql.raw(column)})`), ...(wanted.total ? [sql`()`] : [])];
  const facetOfSet = sql.join(scalar.map(([facet, column]) => sql`when grouping(m.${sql.raw(column)}) = 0 then ${sql.lit(facet)}`), sql` `);
  const countOfSet = sql.join(scalar.map(([facet, column]) => sql`when grouping(m.${sql.raw(column)}) = 0 then count(*) filter (where ${counted(facet)})`), sql` `);
  const branches: RawBuilder<unknown>[] = [];
  if (sets.length > 0) {
    branches.push(sql`select s.facet, s.value, s.n from (
      select ${scalar.length ? sql`case ${facetOfSet} else 'total' end` : sql`'total'`} as facet,
             ${scalar.length ? sql`coalesce(${sql.join(scalar.map(([, column]) => sql`m.${sql.raw(column)}`))})` : sql`null::text`} as value,
             (${scalar.length ? sql`case ${countOfSet} else count(*) filter (where m.fails = 0) end` : sql`count(*) filter (where m.fails = 0)`})::int as n
      from m
      group by grouping sets (${sql.join(sets)})
    ) s where s.n > 0 or s.facet = 'total'`);
  }
  for (const [facet, column] of [['tier', 'tiers'], ['process', 'processes'], ['component', 'components']] as const) {
    if (wanted.facets.includes(facet)) {
      branches.push(sql`select ${sql.lit(facet)}, v, count(*)::int from m cross join lateral unnest(m.${sql.raw(column)}) v where ${counted(facet)} group by v`);
    }
  }
  if (wanted.facets.includes('certification')) {
    branches.push(sql`select 'certification', c->>'code', count(*)::int from m cross join lateral jsonb_array_elements(m.certifications) c
      where ${counted('certification')} and m.certifications <> '[]'::jsonb and coalesce(c->>'expiresOn', '9999-12-31') >= to_char(current_date, 'YYYY-MM-DD')
      group by c->>'code'`);
  }
  if (branches.length === 0) throw new Error('facetStatement: nothing wanted');
  return sql<{ facet: string; value: string | null; n: number }>`
    with m as ${unfiltered ? sql`not materialized` : sql`materialized`} (
      select x.*, ${fails} as fails from (
        select e.cve_ent::text as cve_ent, e.cvegeo::text as cvegeo, e.tiers, e.processes, e.components, e.certifications, e.size_class, e.ev_readiness
          ${flags.length ? sql`, ${sql.join(flags)}` : sql``}
        from supplier_establishment e
        where ${sql.join(where, sql` and `)}
      ) x
      where ${fails} <= 1
    )
    ${sql.join(branches, sql` union all `)}`;
}

/** The filter without one facet's selection: the rows that facet's drill-down counts. */
export function withoutFacet(filter: EstablishmentFilter, facet: FacetName): EstablishmentFilter {
  const key = ({ state: 'states', municipality: 'municipalities', tier: 'tiers', process: 'processes', component: 'components', certification: 'certifications',
    size: 'sizes', evReadiness: 'evReadiness' } as const)[facet];
  return { ...filter, [key]: [] };
}

/** True when the filter selects every establishment that is not folded. */
export function isEmptyFilter(filter: EstablishmentFilter): boolean {
  return filter.near === null && facetNames.every((f) => selectedValues(filter, f).length === 0) && filter.words.length === 0 && filter.scian.length === 0;
}

/**
 * A key for the rows a filter selects: values sorted (OR within a parameter, AND across, and
 * the words of `q` AND-ed, so order never matters), so equal filters share cache entries.
 */
export function filterKey(filter: EstablishmentFilter): string {
  const sorted = (v: string[]) => [...v].sort();
  return JSON.stringify([
    sorted(filter.words), sorted(filter.states), sorted(filter.municipalities), sorted(filter.scian), sorted(filter.tiers), sorted(filter.processes),
    sorted(filter.components), sorted(filter.certifications), sorted(filter.sizes), sorted(filter.evReadiness),
    filter.near ? [filter.near.lat, filter.near.lon, filter.near.radiusKm] : null,
  ]);
}

/**
 * A data version as the database reports it: the number of committed transactions that wrote
 * establishments (only grows) and the day (certifications expire by the day).
 */
export interface DataVersion {
  writes: number;
  day: string;
}

const versionKey = (v: DataVersion) => `${v.writes}@${v.day}`;
const olderThan = (a: DataVersion, b: DataVersion) => a.writes < b.writes || (a.writes === b.writes && a.day < b.day);

/**
 * What the directory computed for one data version: counts and page ids, least recently used
 * dropped first. Everything stored was computed in one snapshot together with the version it
 * is stored under, so an entry is exactly what the live query gives at that version; a newer
 * version empties the cache, and a result computed at an older one than the newest seen is not
 * kept. Concurrent requests for one missing entry share one computation.
 */
export class VersionedCache {
  private version: DataVersion | null = null;
  private readonly entries = new Map<string, { value: unknown; weight: number }>();
  private readonly running = new Map<string, Promise<unknown>>();
  private weight = 0;

  /** `maxWeight`: about one unit per facet value or 20 per page row kept (200,000: some 20 MB). */
  constructor(private readonly maxWeight = 200_000) {}

  get<T>(version: DataVersion, key: string): T | undefined {
    if (!this.version || versionKey(version) !== versionKey(this.version)) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value as T;
  }

  set(version: DataVersion, key: string, value: unknown): void {
    if (!this.version || versionKey(version) !== versionKey(this.version)) {
      if (this.version && olderThan(version, this.version)) return;
      this.clear();
      this.version = version;
    }
    const old = this.entries.get(key);
    if (old) {
      this.weight -= old.weight;
      this.entries.delete(key);
    }
    const weight = 1 + (Array.isArray(value) ? value.length * (value.length > 0 && !Array.isArray(value[0]) && typeof value[0] === 'object' ? 20 : 1) : 0);
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [k, e] of this.entries) {
      if (this.weight <= this.maxWeight || k === key) break;
      this.entries.delete(k);
      this.weight -= e.weight;
    }
  }

  /** One computation per (version, key) at a time: later callers wait for the first. */
  shared<T>(version: DataVersion, key: string, compute: () => Promise<T>): Promise<T> {
    const k = `${versionKey(version)}|${key}`;
    const running = this.running.get(k);
    if (running) return running as Promise<T>;
    const p = compute().finally(() => this.running.delete(k));
    this.running.set(k, p);
    return p;
  }

  clear(): void {
    this.version = null;
    this.entries.clear();
    this.weight = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The selected values of a facet (they are always listed, with 0 when nothing matches). */
export function selectedValues(filter: EstablishmentFilter, facet: FacetName): string[] {
  switch (facet) {
    case 'state': return filter.states;
    case 'municipality': return filter.municipalities;
    case 'tier': return filter.tiers;
    case 'process': return filter.processes;
    case 'component': return filter.components;
    case 'certification': return filter.certifications;
    case 'size': return filter.sizes;
    case 'evReadiness': return filter.evReadiness;
  }
}
