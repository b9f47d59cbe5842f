/**
 * OCPI 2.2.1 objects as JSON Schema (TypeBox), for strict parsing of what operators push.
 *
 * OCPI publishes no machine-readable schemas: these are transcribed from the object and
 * data-type tables of the OCPI 2.2.1 specification (Locations module: Location, EVSE,
 * Connector and their classes; Credentials; Versions), field by field, with the
 * cardinalities (required or not), string lengths (string(n), CiString(n)), enums and the
 * regular expressions the tables give. A field the specification does not define is
 * rejected: a misspelt field in a PATCH would otherwise be acknowledged and ignored.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const str = (maxLength: number, options: object = {}) => Type.String({ maxLength, ...options });
const list = <T extends TSchema>(item: T) => Type.Array(item);
const obj = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });
const opt = Type.Optional;

/** OCPI DateTime: RFC 3339, UTC; no zone designator means UTC; fractional seconds allowed. */
export const ocpiDateTimePattern = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?$';
const DateTime = Type.String({ pattern: ocpiDateTimePattern });
/** OCPI URL: string(255). */
const Url = Type.String({ maxLength: 255, pattern: '^https?://' });

export const evseStatusValues = ['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'] as const;
export const connectorTypes = [
  'CHADEMO', 'CHAOJI', 'DOMESTIC_A', 'DOMESTIC_B', 'DOMESTIC_C', 'DOMESTIC_D', 'DOMESTIC_E', 'DOMESTIC_F', 'DOMESTIC_G', 'DOMESTIC_H',
  'DOMESTIC_I', 'DOMESTIC_J', 'DOMESTIC_K', 'DOMESTIC_L', 'DOMESTIC_M', 'DOMESTIC_N', 'DOMESTIC_O', 'GBT_AC', 'GBT_DC',
  'IEC_60309_2_single_16', 'IEC_60309_2_three_16', 'IEC_60309_2_three_32', 'IEC_60309_2_three_64', 'IEC_62196_T1',
  'IEC_62196_T1_COMBO', 'IEC_62196_T2', 'IEC_62196_T2_COMBO', 'IEC_62196_T3A', 'IEC_62196_T3C', 'NEMA_5_20', 'NEMA_6_30',
  'NEMA_6_50', 'NEMA_10_30', 'NEMA_10_50', 'NEMA_14_30', 'NEMA_14_50', 'PANTOGRAPH_BOTTOM_UP', 'PANTOGRAPH_TOP_DOWN', 'TESLA_R', 'TESLA_S',
] as const;
const capabilities = [
  'CHARGING_PROFILE_CAPABLE', 'CHARGING_PREFERENCES_CAPABLE', 'CHIP_CARD_SUPPORT', 'CONTACTLESS_CARD_SUPPORT', 'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE', 'PED_TERMINAL', 'REMOTE_START_STOP_CAPABLE', 'RESERVABLE', 'RFID_READER', 'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE', 'UNLOCK_CAPABLE',
] as const;
const facilities = [
  'HOTEL', 'RESTAURANT', 'CAFE', 'MALL', 'SUPERMARKET', 'SPORT', 'RECREATION_AREA', 'NATURE', 'MUSEUM', 'BIKE_SHARING', 'BUS_STOP',
  'TAXI_STAND', 'TRAM_STOP', 'METRO_STATION', 'TRAIN_STATION', 'AIRPORT', 'PARKING_LOT', 'CARPOOL_PARKING', 'FUEL_STATION', 'WIFI',
] as const;
export const ocpiRoles = ['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP'] as const;

const DisplayText = obj({ language: str(2), text: str(512) });
const Image = obj({
  url: Url, thumbnail: opt(Url), category: Type.Enum(['CHARGER', 'ENTRANCE', 'LOCATION', 'NETWORK', 'OPERATOR', 'OTHER', 'OWNER']),
  type: str(4), width: opt(Type.Integer({ minimum: 0, maximum: 99999 })), height: opt(Type.Integer({ minimum: 0, maximum: 99999 })),
});
const BusinessDetails = obj({ name: str(100), website: opt(Url), logo: opt(Image) });
const GeoLocation = obj({
  latitude: str(10, { pattern: '^-?[0-9]{1,2}\\.[0-9]{5,7}$' }),
  longitude: str(11, { pattern: '^-?[0-9]{1,3}\\.[0-9]{5,7}$' }),
});
const AdditionalGeoLocation = obj({ ...GeoLocation.properties, name: opt(DisplayText) });
const ExceptionalPeriod = obj({ period_begin: DateTime, period_end: DateTime });
const RegularHours = obj({
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  period_begin: str(5, { pattern: '^([0-1][0-9]|2[0-3]):[0-5][0-9]$' }),
  period_end: str(5, { pattern: '^([0-1][0-9]|2[0-4]):[0-5][0-9]$' }),
});
const Hours = obj({
  twentyfourseven: Type.Boolean(), regular_hours: opt(list(RegularHours)),
  exceptional_openings: opt(list(ExceptionalPeriod)), exceptional_closings: opt(list(ExceptionalPeriod)),
});
const EnergyMix = obj({
  is_green_energy: Type.Boolean(),
  energy_sources: opt(list(obj({
    source: Type.Enum(['NUCLEAR', 'GENERAL_FOSSIL', 'COAL', 'GAS', 'GENERAL_GREEN', 'SOLAR', 'WIND', 'WATER']),
    percentage: Type.Number({ minimum: 0, maximum: 100 }),
  }))),
  environ_impact: opt(list(obj({ category: Type.Enum(['NUCLEAR_WASTE', 'CARBON_DIOXIDE']), amount: Type.Number({ minimum: 0 }) }))),
  supplier_name: opt(str(64)), energy_product_name: opt(str(64)),
});
const PublishTokenType = obj({
  uid: opt(str(36)), type: opt(Type.Enum(['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'])), visual_number: opt(str(64)), issuer: opt(str(64)), group_id: opt(str(36)),
});
const StatusSchedule = obj({ period_begin: DateTime, period_end: opt(DateTime), status: Type.Enum(evseStatusValues) });

const connectorFields = {
  id: str(36, { minLength: 1 }),
  standard: Type.Enum(connectorTypes),
  format: Type.Enum(['SOCKET', 'CABLE']),
  power_type: Type.Enum(['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC']),
  max_voltage: Type.Integer({ minimum: 0 }),
  max_amperage: Type.Integer({ minimum: 0 }),
  max_electric_power: opt(Type.Integer({ minimum: 0 })),
  tariff_ids: opt(list(str(36))),
  terms_and_conditions: opt(Url),
  last_updated: DateTime,
};
export const Connector = obj(connectorFields);

const evseFields = {
  uid: str(36, { minLength: 1 }),
  evse_id: opt(str(48)),
  status: Type.Enum(evseStatusValues),
  status_schedule: opt(list(StatusSchedule)),
  capabilities: opt(list(Type.Enum(capabilities))),
  connectors: Type.Array(Connector, { minItems: 1 }),
  floor_level: opt(str(4)),
  coordinates: opt(GeoLocation),
  physical_reference: opt(str(16)),
  directions: opt(list(DisplayText)),
  parking_restrictions: opt(list(Type.Enum(['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES']))),
  images: opt(list(Image)),
  last_updated: DateTime,
};
export const Evse = obj(evseFields);

const locationFields = {
  country_code: str(2, { minLength: 2 }),
  party_id: str(3, { minLength: 3 }),
  id: str(36, { minLength: 1 }),
  publish: Type.Boolean(),
  publish_allowed_to: opt(list(PublishTokenType)),
  name: opt(str(255)),
  address: str(45),
  city: str(45),
  postal_code: opt(str(10)),
  state: opt(str(20)),
  country: str(3, { minLength: 3 }),
  coordinates: GeoLocation,
  related_locations: opt(list(AdditionalGeoLocation)),
  parking_type: opt(Type.Enum(['ALONG_MOTORWAY', 'PARKING_GARAGE', 'PARKING_LOT', 'ON_DRIVEWAY', 'ON_STREET', 'UNDERGROUND_GARAGE'])),
  evses: opt(list(Evse)),
  directions: opt(list(DisplayText)),
  operator: opt(BusinessDetails),
  suboperator: opt(BusinessDetails),
  owner: opt(BusinessDetails),
  facilities: opt(list(Type.Enum(facilities))),
  time_zone: str(255),
  opening_times: opt(Hours),
  charging_when_closed: opt(Type.Boolean()),
  images: opt(list(Image)),
  energy_mix: opt(EnergyMix),
  last_updated: DateTime,
};
export const Location = obj(locationFields);

/** PATCH bodies: any of the object's fields, `last_updated` always (OCPI 2.2.1 Locations, PATCH). */
function patchOf<P extends Record<string, TSchema>>(fields: P) {
  const properties = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k === 'last_updated' ? v : opt(v as TSchema)]));
  return Type.Object(properties as Record<string, TSchema>, { additionalProperties: false });
}
export const LocationPatch = patchOf(locationFields);
export const EvsePatch = patchOf(evseFields);
export const ConnectorPatch = patchOf(connectorFields);

export const CredentialsRole = obj({
  role: Type.Enum(ocpiRoles),
  business_details: BusinessDetails,
  party_id: str(3, { minLength: 3 }),
  country_code: str(2, { minLength: 2 }),
});
export const Credentials = obj({
  // string(64) of printable non-whitespace ASCII (U+0021 to U+007E).
  token: str(64, { minLength: 1, pattern: '^[\\x21-\\x7E]+$' }),
  url: Url,
  roles: Type.Array(CredentialsRole, { minItems: 1 }),
});

/** What a peer's versions and version details endpoints answer (read leniently: extra fields are theirs). */
export const VersionList = Type.Array(Type.Object({ version: Type.String(), url: Type.String() }));
export const VersionDetails = Type.Object({
  version: Type.String(),
  endpoints: Type.Array(Type.Object({ identifier: Type.String(), role: Type.String(), url: Type.String() })),
});

export type OcpiLocation = Static<typeof Location>;
export type OcpiEvse = Static<typeof Evse>;
export type OcpiConnector = Static<typeof Connector>;
export type OcpiCredentials = Static<typeof Credentials>;
export type OcpiEndpoint = Static<typeof VersionDetails>['endpoints'][number];

export const validators = {
  Location: Compile(Location),
  Evse: Compile(Evse),
  Connector: Compile(Connector),
  LocationPatch: Compile(LocationPatch),
  EvsePatch: Compile(EvsePatch),
  ConnectorPatch: Compile(ConnectorPatch),
  Credentials: Compile(Credentials),
  VersionList: Compile(VersionList),
  VersionDetails: Compile(VersionDetails),
};
export type OcpiObjectKind = keyof typeof validators;
