import { describe, expect, it } from 'vitest';
import { countryAlpha3, jsonDocument, ocpiConnectorType, ocpiEvseStatus, toGeoJsonFeature, toOcpiLocation } from './charging.export.js';
import type { ExportConnectorRow, ExportLocationRow } from './charging.repository.js';

/** A SYNTHETIC export row (not a real charger). */
function aRow(over: Partial<ExportLocationRow> = {}): ExportLocationRow {
  return {
    id: '11111111-2222-4333-8444-555555555555', source_key: 'synthetic:1', name: 'Sitio sintético', operator_name: 'Operadora Sintética', access: 'public',
    lifecycle_status: 'operational', lat: 20.5888, lon: -100.3899, cve_ent: '22', cvegeo: '22014', state_name: 'Querétaro', municipality_name: 'Querétaro',
    uses: ['light_duty'], standards: ['CCS1'], max_power_kw: 62.5, evse_count: 1, address: 'Calle sintética 1', city: 'Querétaro', postal_code: '76000',
    country_code: 'MX', state_as_given: 'Qro.', us_state_abbr: null, owner_name: null, payment_methods: ['app'], ocpp_support: true,
    opening_hours: { twentyfourseven: true }, updated_at: new Date('2024-05-01T12:00:00Z'), last_verified_at: null, ocpi_country_code: 'MX ', ocpi_party_id: 'SYN',
    connectors: [],
    ...over,
  };
}
const aConnector = (over: Partial<ExportConnectorRow> = {}): ExportConnectorRow => ({
  location_id: '11111111-2222-4333-8444-555555555555', evse_uid: 'E1', lifecycle_status: null, connector_id: '1', standard: 'CCS1', source_code: 'synthetic:CCS1',
  format: 'CABLE', power_type: 'DC', max_voltage_v: 500, max_amperage_a: 125, max_electric_power_kw: 62.5, ...over,
});

describe('GeoJSON feature', () => {
  it('puts the point as [lon, lat] with the summary, source and licence', () => {
    const f = toGeoJsonFeature(aRow(), { source: 'Synthetic', licence: 'none' }, '2024-05-02T00:00:00.000Z');
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [-100.3899, 20.5888] });
    expect(f.properties).toMatchObject({ name: 'Sitio sintético', connectorStandards: ['CCS1'], maxPowerKw: 62.5, source: 'Synthetic', licence: 'none', asOf: '2024-05-02T00:00:00.000Z' });
  });
});

describe('OCPI Location', () => {
  it('maps connectors to OCPI types with power in W, coordinates as strings and country as alpha-3', () => {
    const l = toOcpiLocation(aRow({ connectors: [aConnector()] }));
    expect(l).toMatchObject({
      country_code: 'MX', party_id: 'SYN', publish: true, country: 'MEX', state: 'Querétaro', postal_code: '76000',
      coordinates: { latitude: '20.588800', longitude: '-100.389900' }, operator: { name: 'Operadora Sintética' }, owner: null,
      opening_times: { twentyfourseven: true }, last_updated: '2024-05-01T12:00:00.000Z',
    });
    expect(l.evses).toEqual([{
      uid: 'E1', status: 'UNKNOWN', last_updated: '2024-05-01T12:00:00.000Z',
      connectors: [{ id: '1', standard: 'IEC_62196_T1_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 500, max_amperage: 125, max_electric_power: 62_500, last_updated: '2024-05-01T12:00:00.000Z' }],
    }]);
  });

  it('leaves out connectors with no OCPI type, and EVSEs left with none', () => {
    const l = toOcpiLocation(aRow({
      connectors: [
        aConnector({ evse_uid: 'E1', standard: null, source_code: 'synthetic:XYZ' }),
        aConnector({ evse_uid: 'E2', standard: 'DOMESTIC', source_code: 'ocpi:NEMA_14_50', power_type: 'AC_1_PHASE', max_electric_power_kw: null }),
        aConnector({ evse_uid: 'E2', connector_id: '2', standard: 'OTHER', source_code: 'ocm:24' }),
      ],
    }));
    expect(l.evses).toHaveLength(1);
    expect(l.evses[0]!.connectors).toEqual([expect.objectContaining({ standard: 'NEMA_14_50', max_electric_power: null })]);
  });

  it('keeps private chargers unpublished and says UNKNOWN for what the census does not know', () => {
    const l = toOcpiLocation(aRow({ access: 'private', country_code: 'ZZ', ocpi_country_code: null, ocpi_party_id: null, state_name: null, us_state_abbr: 'TX' }));
    expect(l).toMatchObject({ publish: false, country: null, country_code: null, party_id: null, state: 'TX', evses: [] });
  });

  it('maps the lifecycle to an EVSE status and vocabulary to connector types', () => {
    expect(['planned', 'operational', 'out_of_service', 'decommissioned', null].map(ocpiEvseStatus)).toEqual(['PLANNED', 'UNKNOWN', 'OUTOFORDER', 'REMOVED', 'UNKNOWN']);
    expect(ocpiConnectorType({ standard: 'NACS', source_code: 'ocm:27' })).toBe('TESLA_S');
    expect(ocpiConnectorType({ standard: 'OTHER', source_code: 'afdc:X' })).toBeNull();
    expect(countryAlpha3('us')).toBe('USA');
    expect(countryAlpha3(null)).toBeNull();
  });
});

describe('streamed JSON document', () => {
  it('joins batches into one valid document, empty batches included', async () => {
    async function* batches() {
      yield [1, 2];
      yield [];
      yield [3];
    }
    let text = '';
    for await (const chunk of jsonDocument('{"items":[', batches(), (n) => ({ n }), ']}')) text += chunk;
    expect(JSON.parse(text)).toEqual({ items: [{ n: 1 }, { n: 2 }, { n: 3 }] });
    let empty = '';
    for await (const chunk of jsonDocument('[', (async function* () {})(), (n) => n, ']')) empty += chunk;
    expect(JSON.parse(empty)).toEqual([]);
  });
});
