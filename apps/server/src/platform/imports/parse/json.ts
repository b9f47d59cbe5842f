import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature as topojsonFeature } from 'topojson-client';

import { formatMissingColumnsMessage, type ColumnMatcher } from './columns.js';
import { lineAndColumn } from './encoding.js';
import { setOwn } from './table.js';
import { ImportFileError, type ParsedRecord } from './types.js';

type TopologyInput = Parameters<typeof topojsonFeature>[0];
type TopologyObject = Exclude<Parameters<typeof topojsonFeature>[1], string>;

export type JsonKind = 'json' | 'geojson' | 'topojson';

/** Keys and columns are judged on the first this-many objects. */
const COLUMN_SAMPLE = 100;
/** Where paginated API responses put their records (`fuel_stations`: the US DOE AFDC station API). */
const RECORD_KEYS = ['data', 'items', 'results', 'records', 'fuel_stations'] as const;
/** Envelopes that may wrap those (CKAN's datastore_search answers { result: { records: [...] } }). */
const ENVELOPE_KEYS = [...RECORD_KEYS, 'result'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** V8 gives "at position N", or for some tokens only the ten characters either side of it. */
function errorPosition(message: string, text: string): number | null {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const context = /^Unexpected token .*?, (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (context) {
    const [, before, snippet, after] = context;
    if (before) {
      const index = text.indexOf(snippet!);
      return index === -1 ? null : index + 10;
    }
    if (after) return snippet!.length - 10;
  }
  return null;
}

/** Parses JSON text; a syntax error is IMPORT.TRUNCATED, saying where and whether the text just stops. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const end = text.trimEnd().length;
    const position = /end of JSON input/.test(message) ? end : errorPosition(message, text);
    const where = position === null ? null : lineAndColumn(text, position);
    const place = where === null ? '' : ` at line ${where.line}, column ${where.column}`;
    if (position !== null && position >= end - 1 && /end of JSON input|Unterminated|Expected|after array element|after property value/.test(message)) {
      throw new ImportFileError(
        'IMPORT.TRUNCATED',
        `The JSON ends unexpectedly${place} (character ${position} of ${end}): the file appears to have been cut off ` +
          `during download or export. Download or export it again.`,
        { position, ...where, reason: 'unexpected-end' },
      );
    }
    throw new ImportFileError(
      'IMPORT.TRUNCATED',
      `The JSON is malformed${place}: ${message}. Fix the syntax there (common causes: a trailing comma, single quotes, ` +
        `unquoted keys, comments) or export the file again.`,
      { position, ...where, reason: 'syntax-error' },
    );
  }
}

/** What a parsed JSON document is: a topology, GeoJSON, or plain records. */
export function classifyJson(doc: unknown): JsonKind {
  if (isObject(doc)) {
    if (doc.type === 'Topology') return 'topojson';
    if (doc.type === 'FeatureCollection' || doc.type === 'Feature') return 'geojson';
  }
  return 'json';
}

export interface JsonResult {
  columns: string[];
  columnMapping: Record<string, string>;
  records: ParsedRecord[];
  warnings: string[];
}

/**
 * Maps keys through the aliases like CSV headers. Required columns are judged on the union of keys
 * of the first COLUMN_SAMPLE objects; columns lists every key seen.
 */
class KeyMapper {
  readonly columns: string[] = [];
  readonly columnMapping: Record<string, string> = {};
  private readonly seen = new Set<string>();
  private readonly sampleKeys = new Set<string>();
  private sampled = 0;
  private readonly matcher: ColumnMatcher;

  constructor(matcher: ColumnMatcher) {
    this.matcher = matcher;
  }

  sample(objects: Iterable<Record<string, unknown> | null>): void {
    for (const object of objects) {
      if (this.sampled >= COLUMN_SAMPLE) break;
      if (object === null) continue;
      this.sampled++;
      for (const key of Object.keys(object)) this.sampleKeys.add(key);
    }
  }

  assertRequired(what: 'objects' | 'features'): void {
    const found = new Set<string>();
    for (const key of this.sampleKeys) {
      const canonical = this.matcher.resolve(key);
      if (canonical !== undefined) found.add(canonical);
    }
    const missing = this.matcher.requiredNames.filter((name) => !found.has(name));
    if (missing.length === 0) return;
    const keys = [...this.sampleKeys];
    throw new ImportFileError(
      'IMPORT.MISSING_COLUMNS',
      formatMissingColumnsMessage(
        this.matcher,
        missing,
        keys,
        `Across the first ${COLUMN_SAMPLE} ${what}`,
        what === 'objects' ? 'key' : 'property',
      ),
      { missingColumns: this.matcher.describeMissing(missing), headersFound: keys },
    );
  }

  map(object: Record<string, unknown>): { values: Record<string, unknown>; extra: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.columns.push(key);
      }
      const canonical = this.matcher.resolve(key);
      if (canonical !== undefined && !Object.hasOwn(values, canonical)) {
        values[canonical] = object[key];
        this.columnMapping[canonical] ??= key;
      } else {
        setOwn(extra, key, object[key]);
      }
    }
    return { values, extra };
  }
}

function findRecordArray(object: Record<string, unknown>, depth = 0): { path: string; array: unknown[] } | null {
  for (const key of RECORD_KEYS) {
    const value = object[key];
    if (Array.isArray(value)) return { path: key, array: value };
  }
  if (depth > 0) return null;
  for (const key of ENVELOPE_KEYS) {
    const value = object[key];
    if (isObject(value)) {
      const inner = findRecordArray(value, depth + 1);
      if (inner) return { path: `${key}.${inner.path}`, array: inner.array };
    }
  }
  return null;
}

const geometryTypes = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

const TOTAL_KEYS = ['total', 'count', 'totalCount', 'total_count', 'totalResults', 'total_results', 'totalItems'];

/** A paginated response that announces more records than it holds is probably one page of several. */
function paginationWarning(envelope: Record<string, unknown>, path: string, held: number): string | null {
  const containers = [envelope, ...(isObject(envelope.result) ? [envelope.result] : []), ...(isObject(envelope.meta) ? [envelope.meta] : [])];
  for (const container of containers) {
    for (const key of TOTAL_KEYS) {
      const total = container[key];
      if (typeof total === 'number' && Number.isInteger(total) && total > held) {
        return (
          `The response says there are ${total} records ("${key}") but "${path}" holds ${held}: ` +
          `it looks like one page of a paginated API response. Download every page (or the full export) to import all records.`
        );
      }
    }
  }
  return null;
}

export function jsonRecords(doc: unknown, matcher: ColumnMatcher): JsonResult {
  const warnings: string[] = [];
  let items: unknown[];
  let path: string | null = null;
  if (Array.isArray(doc)) {
    items = doc;
  } else if (isObject(doc)) {
    if (typeof doc.type === 'string' && geometryTypes.has(doc.type)) {
      throw new ImportFileError(
        'IMPORT.UNRECOGNISED_STRUCTURE',
        `The file is a bare GeoJSON ${doc.type} geometry, with no properties to import. ` +
          `Export it as a FeatureCollection whose features carry the columns as properties.`,
      );
    }
    const found = findRecordArray(doc);
    if (found === null) {
      const keys = Object.keys(doc);
      throw new ImportFileError(
        'IMPORT.UNRECOGNISED_STRUCTURE',
        `The JSON object has no array of records under ${RECORD_KEYS.map((k) => `"${k}"`).join(', ')} ` +
          `(its top-level keys are: ${keys.length === 0 ? 'none' : keys.slice(0, 20).map((k) => `"${k}"`).join(', ')}). ` +
          `Make the file an array of objects ([{…}, {…}]) or put that array under "data".`,
        { topLevelKeys: keys.slice(0, 100) },
      );
    }
    ({ path, array: items } = found);
    warnings.push(`Read the records under "${path}".`);
    const pagination = paginationWarning(doc, path, items.length);
    if (pagination !== null) warnings.push(pagination);
  } else {
    throw new ImportFileError(
      'IMPORT.UNRECOGNISED_STRUCTURE',
      `The JSON file holds a single ${doc === null ? 'null' : typeof doc} value, not records. ` +
        `Make it an array of objects ([{…}, {…}]) or an object with that array under "data".`,
    );
  }

  if (items.length === 0) {
    throw new ImportFileError(
      'IMPORT.EMPTY_FILE',
      `The JSON ${path === null ? 'array' : `array under "${path}"`} is empty: there are no records to import. Check that the export or API query returned data.`,
    );
  }

  const mapper = new KeyMapper(matcher);
  mapper.sample(items.map((item) => (isObject(item) ? item : null)).slice(0, COLUMN_SAMPLE));
  mapper.assertRequired('objects');

  let notObjects = 0;
  const records: ParsedRecord[] = items.map((item, index) => {
    if (!isObject(item)) {
      notObjects++;
      return { rowNumber: index + 1, values: { __notAnObject: true }, extra: { __value: item } };
    }
    return { rowNumber: index + 1, ...mapper.map(item) };
  });
  if (notObjects > 0) {
    warnings.push(`${notObjects} element${notObjects === 1 ? ' is' : 's are'} not an object ({…}); validation will reject ${notObjects === 1 ? 'it' : 'them'}.`);
  }
  return { columns: mapper.columns, columnMapping: mapper.columnMapping, records, warnings };
}

// ---------------------------------------------------------------- GeoJSON

/** Names GeoJSON writers use for WGS84 longitude/latitude. */
const wgs84 = /(?:CRS84|CRS:84|(?:^|[^0-9])4326)$/i;

function crsName(crs: Record<string, unknown>): string | null {
  const properties = isObject(crs.properties) ? crs.properties : {};
  if (typeof properties.name === 'string') return properties.name;
  if (crs.type === 'EPSG' && (typeof properties.code === 'number' || typeof properties.code === 'string')) return `EPSG:${properties.code}`;
  if (typeof properties.href === 'string') return properties.href;
  return null;
}

const reprojectHint =
  'Reproject it to WGS84 longitude/latitude (EPSG:4326), e.g. `ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.geojson`, ' +
  'or in QGIS "Export → Save Features As…" with CRS EPSG:4326.';

function checkCrs(crs: unknown, warnings: string[]): void {
  if (crs === undefined || crs === null) return;
  const name = isObject(crs) ? crsName(crs) : null;
  if (name === null) {
    warnings.push('The "crs" member could not be read and was ignored; coordinates are taken as WGS84 longitude/latitude.');
    return;
  }
  if (wgs84.test(name.trim())) return;
  throw new ImportFileError(
    'IMPORT.UNSUPPORTED_FORMAT',
    `The GeoJSON uses the coordinate reference system "${name}"; only WGS84 longitude/latitude is supported. ${reprojectHint}`,
    { crs: name },
  );
}

function firstPosition(geometry: unknown): number[] | null {
  if (!isObject(geometry)) return null;
  if (geometry.type === 'GeometryCollection') {
    const members = Array.isArray(geometry.geometries) ? geometry.geometries : [];
    for (const member of members) {
      const position = firstPosition(member);
      if (position) return position;
    }
    return null;
  }
  let value: unknown = geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' ? (value as number[]) : null;
}

/** Projected data without a crs member (INEGI's Lambert conformal conic, UTM…) has coordinates far outside ±180/±90. */
function checkCoordinatesAreDegrees(features: readonly unknown[]): void {
  const samples: number[][] = [];
  for (const item of features) {
    if (samples.length >= 20) break;
    const position = isObject(item) ? firstPosition(item.geometry) : null;
    if (position) samples.push(position);
  }
  if (samples.length === 0) return;
  if (samples.every(([x, y]) => Math.abs(x!) > 180 || Math.abs(y!) > 90)) {
    const [x, y] = samples[0]!;
    throw new ImportFileError(
      'IMPORT.UNSUPPORTED_FORMAT',
      `The coordinates are not longitude/latitude degrees (the first is [${x}, ${y}]): the data is in a projected ` +
        `coordinate system (for example INEGI's Lambert conformal conic, EPSG:6372, or UTM). ${reprojectHint}`,
      { firstCoordinate: [x, y] },
    );
  }
}

export function geojsonRecords(doc: Record<string, unknown>, matcher: ColumnMatcher): JsonResult {
  const warnings: string[] = [];
  let features: unknown[];
  if (doc.type === 'Feature') {
    features = [doc];
  } else if (Array.isArray(doc.features)) {
    features = doc.features;
  } else {
    throw new ImportFileError(
      'IMPORT.UNRECOGNISED_STRUCTURE',
      'The GeoJSON FeatureCollection has no "features" array. Export the layer again as GeoJSON.',
    );
  }
  checkCrs(doc.crs, warnings);
  if (features.length === 0) {
    throw new ImportFileError('IMPORT.EMPTY_FILE', 'The GeoJSON FeatureCollection has no features. Check that the layer was exported with its features.');
  }
  checkCoordinatesAreDegrees(features);

  const propertiesOf = (item: unknown): Record<string, unknown> | null => {
    if (!isObject(item) || item.type !== 'Feature') return null;
    const properties = isObject(item.properties) ? { ...item.properties } : {};
    // The feature's own id counts as an "id" property unless the properties already have one.
    if ((typeof item.id === 'string' || typeof item.id === 'number') && !Object.hasOwn(properties, 'id')) properties.id = item.id;
    return properties;
  };

  const mapper = new KeyMapper(matcher);
  mapper.sample(features.slice(0, COLUMN_SAMPLE).map(propertiesOf));
  mapper.assertRequired('features');

  let notFeatures = 0;
  const records: ParsedRecord[] = features.map((item, index) => {
    const properties = propertiesOf(item);
    if (properties === null) {
      notFeatures++;
      return { rowNumber: index + 1, values: { __notAFeature: true }, extra: {}, geometry: null };
    }
    const geometry = (item as { geometry?: unknown }).geometry;
    return { rowNumber: index + 1, ...mapper.map(properties), geometry: isObject(geometry) ? (geometry as unknown as Geometry) : null };
  });
  if (notFeatures > 0) {
    warnings.push(`${notFeatures} element${notFeatures === 1 ? ' of "features" is' : 's of "features" are'} not a GeoJSON Feature; validation will reject ${notFeatures === 1 ? 'it' : 'them'}.`);
  }
  return { columns: mapper.columns, columnMapping: mapper.columnMapping, records, warnings: [...warnings] };
}

// ---------------------------------------------------------------- TopoJSON

export function topojsonRecords(doc: Record<string, unknown>, matcher: ColumnMatcher, objectName: string | undefined): JsonResult {
  if (!isObject(doc.objects)) {
    throw new ImportFileError('IMPORT.UNRECOGNISED_STRUCTURE', 'The TopoJSON topology has no "objects" member. Export the layer again as TopoJSON.');
  }
  const objects = doc.objects;
  const names = Object.keys(objects);
  if (names.length === 0) {
    throw new ImportFileError('IMPORT.EMPTY_FILE', 'The TopoJSON topology has no objects. Check that the layer was exported with its features.');
  }
  const name = objectName ?? names[0]!;
  const object = objects[name];
  if (!isObject(object)) {
    throw new ImportFileError(
      'IMPORT.UNRECOGNISED_STRUCTURE',
      `The TopoJSON topology has no object "${name}"; it has ${names.map((n) => `"${n}"`).join(', ')}. Choose one of those.`,
      { objects: names },
    );
  }
  let converted: Feature | FeatureCollection;
  try {
    converted = topojsonFeature(doc as unknown as TopologyInput, object as unknown as TopologyObject) as Feature | FeatureCollection;
  } catch (error) {
    throw new ImportFileError(
      'IMPORT.TRUNCATED',
      `The TopoJSON object "${name}" could not be converted to features (${(error as Error).message}): the topology is malformed ` +
        `(for example its arcs are missing or cut off). Export the layer again.`,
      { object: name },
    );
  }
  const collection: Record<string, unknown> =
    converted.type === 'FeatureCollection' ? { ...converted } : { type: 'FeatureCollection', features: [converted] };
  const result = geojsonRecords(collection, matcher);
  if (objectName === undefined && names.length > 1) {
    result.warnings.unshift(`The topology has ${names.length} objects (${names.map((n) => `"${n}"`).join(', ')}); read "${name}".`);
  }
  return result;
}
