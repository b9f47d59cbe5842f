import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/**
 * Synthetic, seeded, deterministic points in and around Mexico for the benchmarks.
 *
 * A share of the points is scattered around the real localities of 1,000+ inhabitants
 * (Census 2020), each locality drawn with probability proportional to its population and
 * the point jittered with a Gaussian whose spread grows with the locality's size, so
 * cities get dense clouds and small towns tight ones. The rest is uniform over Mexico's
 * bounding box, which also covers sea, the United States and Central America: those
 * points are expected to get no municipality. Same seed, same points, on every machine.
 */

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const localitiesCsv = path.resolve(benchDir, '../data/reference/geo/localidades_1000plus_censo2020.csv');

/** Mexico's bounding box (islands included), the area of the uniform share. */
export const mexicoBox = { minLon: -118.4, maxLon: -86.7, minLat: 14.5, maxLat: 32.7 } as const;

export interface PointSet {
  readonly count: number;
  /** WGS84 degrees, rounded to 6 decimals (≈ 0.1 m), like GPS readings. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** How many points came from the uniform share (the rest are around localities). */
  readonly uniformCount: number;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Fraction of points uniform over the bounding box; the rest cluster around localities. */
  uniformShare?: number;
}

interface Locality {
  lon: number;
  lat: number;
  population: number;
}

let localityCache: Locality[] | null = null;

export function readLocalities(file = localitiesCsv): Locality[] {
  if (localityCache && file === localitiesCsv) return localityCache;
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const out: Locality[] = [];
  for (const row of rows) {
    const lon = Number(row.longitud);
    const lat = Number(row.latitud);
    const population = Number(row.poblacion_total);
    if (Number.isFinite(lon) && Number.isFinite(lat) && Number.isFinite(population) && population > 0) out.push({ lon, lat, population });
  }
  if (out.length === 0) throw new Error(`No localities with coordinates and population in ${file}`);
  if (file === localitiesCsv) localityCache = out;
  return out;
}

/** sfc32 (Small Fast Counting), seeded through splitmix32: fast, 128-bit state, good statistics. */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Gaussian spread (km, one sigma) around a locality: ~1 km for a village, capped at 15 km for the largest cities. */
export function spreadKm(population: number): number {
  return Math.min(15, 0.5 + 0.02 * Math.sqrt(population));
}

export function generatePoints(options: GenerateOptions): PointSet {
  const { count, seed } = options;
  const uniformShare = options.uniformShare ?? 0.2;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0; got ${count}`);
  const localities = readLocalities();
  const cumulative = new Float64Array(localities.length);
  let total = 0;
  localities.forEach((l, i) => {
    total += l.population;
    cumulative[i] = total;
  });

  const random = createRandom(seed);
  const gaussian = () => {
    // Box–Muller; 1 - u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  let uniformCount = 0;
  for (let i = 0; i < count; i++) {
    if (random() < uniformShare) {
      lon[i] = round6(mexicoBox.minLon + random() * (mexicoBox.maxLon - mexicoBox.minLon));
      lat[i] = round6(mexicoBox.minLat + random() * (mexicoBox.maxLat - mexicoBox.minLat));
      uniformCount++;
      continue;
    }
    // Population-weighted pick: binary search in the cumulative population.
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    const locality = localities[lo]!;
    const sigmaKm = spreadKm(locality.population);
    const dLat = (gaussian() * sigmaKm) / 111.32;
    const dLon = (gaussian() * sigmaKm) / (111.32 * Math.cos((locality.lat * Math.PI) / 180));
    lon[i] = round6(locality.lon + dLon);
    lat[i] = round6(locality.lat + dLat);
  }
  return { count, lon, lat, uniformCount };
}
