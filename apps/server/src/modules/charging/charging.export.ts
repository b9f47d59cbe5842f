/**
 * Pure mapping of census rows to the export formats: GeoJSON features and OCPI 2.2.1
 * Location objects. Kept free of I/O so each shape is unit-tested; the service streams the
 * rows through these one batch at a time.
 */
import { groupByEvse, standardToOcpiConnectorType, type ConnectorStandard } from './charging.domain.js';
import type { ExportConnectorRow, ExportLocationRow } from './charging.repository.js';

/** How a record's source is cited next to it (name and licence of its `data_source`). */
export interface FeatureSource {
  source: string;
  licence: string | null;
}

/** ISO 3166-1 alpha-2 → alpha-3 for the countries the census covers (OCPI wants alpha-3). */
const alpha3: Readonly<Record<string, string>> = { MX: 'MEX', US: 'USA' };
export function countryAlpha3(alpha2: string | null | undefined): string | null {
  return alpha2 ? alpha3[alpha2.trim().toUpperCase()] ?? null : null;
}

/** The summary of one location as a GeoJSON Point feature (RFC 7946: `[lon, lat]`). */
export function toGeoJsonFeature(row: ExportLocationRow, cite: FeatureSource, asOf: string | null) {
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: { type: 'Point' as const, coordinates: [row.lon, row.lat] as [number, number] },
    properties: {
      id: row.id,
      sourceKey: row.source_key,
      name: row.name,
      operatorName: row.operator_name,
      access: row.access,
      lifecycleStatus: row.lifecycle_status,
      uses: row.uses ?? [],
      cveEnt: row.cve_ent,
      stateName: row.state_name,
      cvegeo: row.cvegeo,
      municipalityName: row.municipality_name,
      connectorStandards: row.standards ?? [],
      maxPowerKw: row.max_power_kw,
      evseCount: row.evse_count,
      paymentMethods: row.payment_methods ?? [],
      ocppSupport: row.ocpp_support,
      source: cite.source,
      licence: cite.licence,
      asOf,
    },
  };
}

/**
 * OCPI has real-time EVSE statuses; the census only knows the lifecycle. An operational
 * EVSE's availability right now is unknown, so it is exported as UNKNOWN, not AVAILABLE.
 */
export function ocpiEvseStatus(lifecycle: string | null): 'PLANNED' | 'REMOVED' | 'OUTOFORDER' | 'UNKNOWN' {
  switch (lifecycle) {
    case 'planned': return 'PLANNED';
    case 'decommissioned': return 'REMOVED';
    case 'out_of_service': return 'OUTOFORDER';
    default: return 'UNKNOWN';
  }
}

/**
 * The OCPI ConnectorType of a connector: from the vocabulary, or, for DOMESTIC/OTHER (no
 * single OCPI value), the source's own code when that code came from OCPI. Null: the
 * connector has no OCPI type and is left out (an unknown connector is never guessed).
 */
export function ocpiConnectorType(c: Pick<ExportConnectorRow, 'standard' | 'source_code'>): string | null {
  const mapped = c.standard ? standardToOcpiConnectorType[c.standard as ConnectorStandard] : undefined;
  if (mapped) return mapped;
  if (c.standard && c.source_code.startsWith('ocpi:')) return c.source_code.slice('ocpi:'.length);
  return null;
}

/** OCPI coordinates are strings with 5 to 7 decimals. */
const coordinate = (value: number) => value.toFixed(6);

/**
 * One location as an OCPI 2.2.1 Location object. Fields the census does not know are null
 * (OCPI-shaped, not a certified OCPI module); power is in W as OCPI requires.
 */
export function toOcpiLocation(row: ExportLocationRow) {
  const lastUpdated = new Date(row.updated_at).toISOString();
  // A connector without an OCPI type is left out, and so is an EVSE left with none.
  const evses = groupByEvse(
    row.connectors,
    (c) => ({ uid: c.evse_uid, status: ocpiEvseStatus(c.lifecycle_status ?? row.lifecycle_status), last_updated: lastUpdated }),
    (c) => {
      const standard = ocpiConnectorType(c);
      if (!standard) return null;
      return {
        id: c.connector_id,
        standard,
        format: c.format,
        power_type: c.power_type,
        max_voltage: c.max_voltage_v,
        max_amperage: c.max_amperage_a,
        max_electric_power: c.max_electric_power_kw === null ? null : Math.round(c.max_electric_power_kw * 1000),
        last_updated: lastUpdated,
      };
    },
  );
  return {
    country_code: row.ocpi_country_code ? row.ocpi_country_code.trim() : null,
    party_id: row.ocpi_party_id,
    id: row.id,
    // Private chargers are published by nobody (recommendation 18); the rest may be.
    publish: row.access !== 'private',
    name: row.name,
    address: row.address,
    city: row.city,
    postal_code: row.postal_code,
    state: row.state_name ?? row.us_state_abbr ?? row.state_as_given,
    country: countryAlpha3(row.country_code),
    coordinates: { latitude: coordinate(row.lat), longitude: coordinate(row.lon) },
    evses,
    operator: row.operator_name ? { name: row.operator_name } : null,
    owner: row.owner_name ? { name: row.owner_name } : null,
    opening_times: row.opening_hours ?? null,
    last_updated: lastUpdated,
  };
}

/**
 * Text chunks of one JSON document around a stream of items: `head`, the items separated
 * by commas, then `tail`. Lets a large export leave as it is read, never built whole.
 */
export async function* jsonDocument<T>(head: string, batches: AsyncIterable<T[]>, toItem: (item: T) => unknown, tail: string): AsyncGenerator<string> {
  yield head;
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const text = batch.map((item) => JSON.stringify(toItem(item))).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield tail;
}
