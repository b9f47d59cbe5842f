/** Pure rules about Mexico's geography: codes, coordinates, vintages. */
import type { Geometry, MultiPolygon } from 'geojson';
import { normalisePolygonal } from '../../platform/geometry.js';

/** Mexico's extent with a margin (islands included: Revillagigedo reaches -118.4°). */
export const mexicoBbox = { minLon: -118.7, minLat: 14.3, maxLon: -86.5, maxLat: 32.8 } as const;

export const municipalBoundaryVintage = 'MGN 2010';
export const municipalCatalogueVintage = 'Catálogo INEGI 2025 (población Censo 2020)';

/** INEGI state code: "01".."32". */
export function isCveEnt(value: string): boolean {
  return /^(0[1-9]|[12][0-9]|3[0-2])$/.test(value);
}

/** INEGI municipal CVEGEO: state code + 3-digit municipal code. */
export function isCvegeoMunicipality(value: string): boolean {
  return /^[0-9]{5}$/.test(value) && isCveEnt(value.slice(0, 2)) && value.slice(2) !== '000';
}

export function isCvegeoLocality(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && isCvegeoMunicipality(value.slice(0, 5));
}

/** Left-pads numeric codes that spreadsheets turned into numbers ("1001" → "01001"). */
export function padCode(value: unknown, width: number): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (!/^[0-9]+$/.test(text) || text.length > width) return text;
  return text.padStart(width, '0');
}

export const inBbox = (lat: number, lon: number) =>
  lat >= mexicoBbox.minLat && lat <= mexicoBbox.maxLat && lon >= mexicoBbox.minLon && lon <= mexicoBbox.maxLon;

export type PointProblem =
  | { code: 'IMPORT.ROW_INVALID_VALUE'; message: string }
  | { code: 'IMPORT.ROW_SWAPPED_COORDINATES'; message: string }
  | { code: 'IMPORT.ROW_OUTSIDE_MEXICO'; message: string }
  | { code: 'IMPORT.ROW_OUTSIDE_COVERAGE'; message: string };

/**
 * First, cheap check of a point claimed to be in Mexico: numeric, in range, inside
 * Mexico's bounding box; recognises swapped latitude/longitude. The pipeline then
 * checks survivors against the state boundaries.
 */
export function checkMexicanPoint(lat: number | null, lon: number | null): PointProblem | null {
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return { code: 'IMPORT.ROW_INVALID_VALUE', message: 'Latitude and longitude must both be decimal numbers (WGS84 degrees).' };
  }
  if (inBbox(lat, lon)) return null;
  if (inBbox(lon, lat)) {
    return {
      code: 'IMPORT.ROW_SWAPPED_COORDINATES',
      message: `Latitude ${lat} and longitude ${lon} look swapped: (${lon}, ${lat}) would be in Mexico. Put latitude (≈14 to 33) and longitude (≈-118 to -86) in their own columns.`,
    };
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return { code: 'IMPORT.ROW_INVALID_VALUE', message: `(${lat}, ${lon}) is not a valid coordinate: latitude must be within ±90 and longitude within ±180.` };
  }
  if (inBbox(lat, -lon)) {
    return {
      code: 'IMPORT.ROW_OUTSIDE_MEXICO',
      message: `(${lat}, ${lon}) is outside Mexico; longitudes in Mexico are negative (west), did you mean ${-lon}?`,
    };
  }
  return { code: 'IMPORT.ROW_OUTSIDE_MEXICO', message: `(${lat}, ${lon}) is outside Mexico (latitude 14.3 to 32.8, longitude -118.7 to -86.5).` };
}

/** The United States' extents: the 48 contiguous states, Alaska (west of 180° left out) and Hawaii. */
export const usBboxes = [
  { minLon: -125.0, minLat: 24.4, maxLon: -66.9, maxLat: 49.5 },
  { minLon: -180.0, minLat: 51.2, maxLon: -129.9, maxLat: 71.5 },
  { minLon: -160.3, minLat: 18.9, maxLon: -154.8, maxLat: 22.3 },
] as const;
const inUsBbox = (lat: number, lon: number) => usBboxes.some((b) => lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon);

/**
 * First check of a point claimed to be in Mexico or the United States (sources such as
 * AFDC cover the US side of the border); recognises swapped latitude/longitude.
 */
export function checkMexicanOrUsPoint(lat: number | null, lon: number | null): PointProblem | null {
  const mexican = checkMexicanPoint(lat, lon);
  if (mexican === null || mexican.code === 'IMPORT.ROW_INVALID_VALUE') return mexican;
  if (inUsBbox(lat!, lon!)) return null;
  if (inUsBbox(lon!, lat!) || inBbox(lon!, lat!)) {
    return {
      code: 'IMPORT.ROW_SWAPPED_COORDINATES',
      message: `Latitude ${lat} and longitude ${lon} look swapped: (${lon}, ${lat}) would be in Mexico or the United States. Put latitude and longitude in their own columns.`,
    };
  }
  if (inUsBbox(lat!, -lon!)) {
    return { code: 'IMPORT.ROW_OUTSIDE_COVERAGE', message: `(${lat}, ${lon}) is outside Mexico and the United States; longitudes there are negative (west), did you mean ${-lon!}?` };
  }
  return { code: 'IMPORT.ROW_OUTSIDE_COVERAGE', message: `(${lat}, ${lon}) is outside Mexico and the United States.` };
}

/** Parses a number written the Mexican or US way ("1,234.5", " 42 "); blank → null, never 0. */
export function parseNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value).trim().replace(/,/g, '');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * A boundary's geometry, made valid (self-intersections resolved) as a MultiPolygon, or
 * the reason it cannot be used.
 */
export function checkBoundary(
  geometry: Geometry | null | undefined,
  what: string,
): { ok: true; geometry: MultiPolygon } | { ok: false; code: 'IMPORT.ROW_INVALID_GEOMETRY'; message: string } {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    return { ok: false, code: 'IMPORT.ROW_INVALID_GEOMETRY', message: `Each ${what} needs a Polygon or MultiPolygon geometry${geometry ? `; got ${geometry.type}` : ''}.` };
  }
  const normalised = normalisePolygonal(geometry);
  if (!normalised) return { ok: false, code: 'IMPORT.ROW_INVALID_GEOMETRY', message: `The ${what}'s polygon has no area.` };
  return { ok: true, geometry: normalised };
}

/** Notes shown with a municipality so the vintage gap is never hidden. */
export type MunicipalityNote = 'no_boundary_in_vintage' | 'boundary_not_in_catalogue' | 'created_after_census';

export function municipalityNotes(m: { hasBoundary: boolean; population2020: number | null }): MunicipalityNote[] {
  const notes: MunicipalityNote[] = [];
  if (!m.hasBoundary) notes.push('no_boundary_in_vintage');
  if (m.population2020 === 0 || m.population2020 === null) notes.push('created_after_census');
  return notes;
}
