import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import {
  maxPlausiblePowerKw,
  type Access, type ChargingUse, type ConnectorStandard, type LifecycleStatus, type PaymentMethod, type PowerType,
} from '../charging.domain.js';

/**
 * The Electrifica charging-site template: the ONE definition of its columns, in Spanish and
 * English. The importer (`template.importer.ts`), the downloadable CSV and XLSX files and the
 * guide (`docs/guides/charging-template.md`, checked against this file by a test) all come
 * from here, so a column cannot drift between what is offered and what is read.
 */
export const templateVersion = 1;

export const templateLanguages = ['es', 'en'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];
type Bilingual = Record<TemplateLanguage, string>;

/** A coded value: its code in the census vocabulary and the words accepted for it in either language. */
export interface CodedValue<T extends string = string> {
  code: T;
  label: Bilingual;
  aliases?: readonly string[];
}

/** Case, accents, spaces, underscores and hyphens do not matter: "En_Operación" = "en operacion". */
export function normaliseValue(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The coded value a cell names, in either language, or null. */
export function codeOf<T extends string>(values: readonly CodedValue<T>[], text: string): T | null {
  const wanted = normaliseValue(text);
  for (const v of values) {
    if ([v.code, v.label.es, v.label.en, ...(v.aliases ?? [])].some((s) => normaliseValue(s) === wanted)) return v.code;
  }
  return null;
}

/** "público / public, restringido / restricted, …" for messages and the guide. */
export const describeValues = (values: readonly CodedValue[]) =>
  values.map((v) => (v.label.es === v.label.en ? v.label.es : `${v.label.es} / ${v.label.en}`)).join(', ');

export const accessValues: readonly CodedValue<Access>[] = [
  { code: 'public', label: { es: 'público', en: 'public' } },
  { code: 'restricted', label: { es: 'restringido', en: 'restricted' }, aliases: ['clientes', 'customers only'] },
  { code: 'private', label: { es: 'privado', en: 'private' } },
];

export const useValues: readonly CodedValue<ChargingUse>[] = [
  { code: 'light_duty', label: { es: 'ligero', en: 'light duty' }, aliases: ['vehículos ligeros', 'light-duty vehicles', 'ligeros'] },
  { code: 'heavy_duty', label: { es: 'pesado', en: 'heavy duty' }, aliases: ['vehículos pesados', 'heavy-duty vehicles', 'pesados', 'carga pesada'] },
  { code: 'bus_depot', label: { es: 'autobuses', en: 'bus depot' }, aliases: ['autobús', 'patio de autobuses', 'buses', 'bus'] },
  { code: 'fleet', label: { es: 'flotilla', en: 'fleet' }, aliases: ['flotillas', 'flota', 'fleets'] },
];

export const statusValues: readonly CodedValue<LifecycleStatus>[] = [
  { code: 'planned', label: { es: 'planeado', en: 'planned' }, aliases: ['en construcción', 'under construction', 'planeada'] },
  { code: 'operational', label: { es: 'en operación', en: 'operational' }, aliases: ['operando', 'en servicio', 'in service', 'operativo', 'activo', 'active'] },
  { code: 'out_of_service', label: { es: 'fuera de servicio', en: 'out of service' }, aliases: ['temporalmente fuera de servicio', 'temporarily unavailable'] },
  { code: 'decommissioned', label: { es: 'dado de baja', en: 'decommissioned' }, aliases: ['dada de baja', 'retirado', 'removed'] },
];

export const paymentValues: readonly CodedValue<PaymentMethod>[] = [
  { code: 'free', label: { es: 'gratuito', en: 'free' }, aliases: ['gratis', 'sin costo'] },
  { code: 'cash', label: { es: 'efectivo', en: 'cash' } },
  { code: 'bank_card', label: { es: 'tarjeta bancaria', en: 'bank card' }, aliases: ['tarjeta de crédito', 'tarjeta de débito', 'credit card', 'debit card'] },
  { code: 'contactless', label: { es: 'sin contacto', en: 'contactless' }, aliases: ['nfc', 'pago sin contacto'] },
  { code: 'app', label: { es: 'aplicación', en: 'app' }, aliases: ['aplicación móvil', 'mobile app', 'app móvil'] },
  { code: 'rfid', label: { es: 'tarjeta rfid', en: 'rfid card' }, aliases: ['rfid'] },
  { code: 'plug_and_charge', label: { es: 'plug and charge', en: 'plug and charge' }, aliases: ['conectar y cargar', 'iso 15118'] },
  { code: 'membership', label: { es: 'membresía', en: 'membership' }, aliases: ['suscripción', 'subscription'] },
];

export const yesNoValues: readonly CodedValue<'yes' | 'no'>[] = [
  { code: 'yes', label: { es: 'sí', en: 'yes' }, aliases: ['s', 'y', 'true', 'verdadero', '1'] },
  { code: 'no', label: { es: 'no', en: 'no' }, aliases: ['n', 'false', 'falso', '0'] },
];

/** Texts read as "open around the clock"; any other opening hours are not stored yet (see the guide). */
export const alwaysOpenValues: readonly CodedValue<'24/7'>[] = [
  { code: '24/7', label: { es: '24/7', en: '24/7' }, aliases: ['24x7', '24 horas', '24 hrs', '24h', '24 hours', 'siempre abierto', 'always open'] },
];

/**
 * One pair of columns (count of charge points, maximum kW) per connector standard of the
 * vocabulary that is installed in Mexico or the US. What a standard implies about the
 * current and the cable is stated only where the standard fixes it: CCS, CHAdeMO and GB/T DC
 * are DC with a tethered cable; J1772 is single-phase AC with a tethered cable in North
 * America; household outlets are single-phase sockets. Type 2 (1 or 3 phases, socket or
 * cable) and NACS (AC or DC) are left unknown rather than guessed.
 */
export interface ConnectorGroup {
  id: string;
  prefix: Bilingual;
  /** Earlier or other spellings of the prefix ("tipo1" for J1772). */
  prefixAliases: readonly string[];
  standard: ConnectorStandard;
  label: string;
  powerType: PowerType | null;
  format: 'SOCKET' | 'CABLE' | null;
}

export const connectorGroups: readonly ConnectorGroup[] = [
  { id: 'j1772', prefix: { es: 'j1772', en: 'j1772' }, prefixAliases: ['tipo1', 'type1'], standard: 'J1772', label: 'J1772 (Tipo 1 / Type 1)', powerType: 'AC_1_PHASE', format: 'CABLE' },
  { id: 'ccs1', prefix: { es: 'ccs1', en: 'ccs1' }, prefixAliases: ['combo1'], standard: 'CCS1', label: 'CCS1 (Combo 1)', powerType: 'DC', format: 'CABLE' },
  { id: 'nacs', prefix: { es: 'nacs', en: 'nacs' }, prefixAliases: ['j3400', 'tesla'], standard: 'NACS', label: 'NACS (SAE J3400, Tesla)', powerType: null, format: 'CABLE' },
  { id: 'chademo', prefix: { es: 'chademo', en: 'chademo' }, prefixAliases: [], standard: 'CHADEMO', label: 'CHAdeMO', powerType: 'DC', format: 'CABLE' },
  { id: 'type2', prefix: { es: 'tipo2', en: 'type2' }, prefixAliases: ['mennekes'], standard: 'TYPE_2', label: 'Tipo 2 / Type 2 (IEC 62196-2)', powerType: null, format: null },
  { id: 'ccs2', prefix: { es: 'ccs2', en: 'ccs2' }, prefixAliases: ['combo2'], standard: 'CCS2', label: 'CCS2 (Combo 2)', powerType: 'DC', format: 'CABLE' },
  { id: 'gbt_ac', prefix: { es: 'gbt_ac', en: 'gbt_ac' }, prefixAliases: ['gbt_ca'], standard: 'GBT_AC', label: 'GB/T AC (GB/T 20234.2)', powerType: null, format: null },
  { id: 'gbt_dc', prefix: { es: 'gbt_dc', en: 'gbt_dc' }, prefixAliases: ['gbt_cd'], standard: 'GBT_DC', label: 'GB/T DC (GB/T 20234.3)', powerType: 'DC', format: 'CABLE' },
  { id: 'domestic', prefix: { es: 'domestico', en: 'domestic' }, prefixAliases: ['contacto', 'outlet'], standard: 'DOMESTIC', label: 'Contacto doméstico / Household outlet (NEMA 5-15, 5-20, 14-50)', powerType: 'AC_1_PHASE', format: 'SOCKET' },
];

/** More charge points of one standard at one site than this is far more likely a typo than a site. */
export const maxChargePointsPerStandard = 500;

export type ColumnType = 'id' | 'text' | 'party' | 'decimal' | 'count' | 'kw' | 'date' | 'coded' | 'codedList' | 'yesNo' | 'hours';

export interface TemplateColumn {
  /** Canonical name, as the importer sees it. */
  key: string;
  header: Bilingual;
  /** Other accepted header spellings (case, accents, spaces, underscores, hyphens and a trailing "(kW)" do not matter). */
  aliases: readonly string[];
  /** A value is needed in every row. */
  required: boolean;
  type: ColumnType;
  description: Bilingual;
  values?: readonly CodedValue[];
  /** The illustrative value shown in the guide and the XLSX documentation sheet (never imported). */
  example: Bilingual;
  /** What Excel accepts in the cell (the importer checks again). */
  range?: { min: number; max: number };
  widthChars: number;
}

const countColumns = (g: ConnectorGroup): TemplateColumn[] => {
  const prefixes = [g.prefix.es, g.prefix.en, ...g.prefixAliases];
  return [
    {
      key: `${g.id}_count`,
      header: { es: `${g.prefix.es}_cantidad`, en: `${g.prefix.en}_count` },
      aliases: prefixes.flatMap((p) => [`${p}_cantidad`, `${p}_count`, `${p}_numero`, `${p}_quantity`]),
      required: false,
      type: 'count',
      description: {
        es: `Número de puntos de carga con conector ${g.label} (cada uno se registra como un EVSE con un conector). Vacío o 0 si no hay.`,
        en: `Number of charge points with a ${g.label} connector (each is recorded as one EVSE with one connector). Blank or 0 if none.`,
      },
      example: g.id === 'ccs1' ? { es: '2', en: '2' } : g.id === 'j1772' ? { es: '4', en: '4' } : { es: '', en: '' },
      range: { min: 0, max: maxChargePointsPerStandard },
      widthChars: 14,
    },
    {
      key: `${g.id}_kw`,
      header: { es: `${g.prefix.es}_kw`, en: `${g.prefix.en}_kw` },
      aliases: prefixes.flatMap((p) => [`${p}_kw`, `${p}_potencia_kw`, `${p}_power_kw`, `${p}_potencia`, `${p}_power`]),
      required: false,
      type: 'kw',
      description: {
        es: `Potencia máxima en kW de cada punto de carga ${g.label}. Obligatoria si hay cantidad.`,
        en: `Maximum power in kW of each ${g.label} charge point. Required when there is a count.`,
      },
      example: g.id === 'ccs1' ? { es: '150', en: '150' } : g.id === 'j1772' ? { es: '7.2', en: '7.2' } : { es: '', en: '' },
      range: { min: 0.1, max: maxPlausiblePowerKw },
      widthChars: 10,
    },
  ];
};

export const templateColumns: readonly TemplateColumn[] = [
  {
    key: 'site_id', header: { es: 'id_sitio', en: 'site_id' }, aliases: ['clave_sitio', 'id del sitio', 'site id', 'location_id', 'id_ubicacion'],
    required: true, type: 'id',
    description: {
      es: 'Identificador del sitio en el sistema de quien reporta. Obligatorio y único en el archivo. Use siempre el mismo: con él se actualiza el sitio al volver a importar.',
      en: 'The site’s identifier in the submitter’s system. Required and unique in the file. Keep it stable: re-imports update the site through it.',
    },
    example: { es: 'EJEMPLO-001', en: 'EXAMPLE-001' }, widthChars: 16,
  },
  {
    key: 'name', header: { es: 'nombre', en: 'name' }, aliases: ['nombre_sitio', 'nombre del sitio', 'site_name', 'location_name', 'nombre_estacion'],
    required: false, type: 'text',
    description: { es: 'Nombre del sitio como lo ven los usuarios.', en: 'The site’s name as drivers see it.' },
    example: { es: 'EJEMPLO — no es un sitio real', en: 'EXAMPLE — not a real site' }, widthChars: 30,
  },
  {
    key: 'reported_by', header: { es: 'reporta', en: 'reported_by' }, aliases: ['quien_reporta', 'organizacion_que_reporta', 'submitter', 'submitted_by', 'fuente'],
    required: false, type: 'text',
    description: {
      es: 'Organización que envía el archivo (CFE, gobierno del estado, operador). Forma parte de la clave del sitio; si está vacía se usa el operador. Escríbala siempre igual.',
      en: 'Organisation submitting the file (CFE, a state government, an operator). Part of the site’s key; when blank the operator is used. Always spell it the same way.',
    },
    example: { es: 'Gobierno del Estado (ejemplo)', en: 'State Government (example)' }, widthChars: 24,
  },
  {
    key: 'operator', header: { es: 'operador', en: 'operator' }, aliases: ['operador_cpo', 'cpo', 'charge_point_operator', 'operator_name'],
    required: false, type: 'text',
    description: { es: 'Operador de los puntos de carga (CPO).', en: 'Charge point operator (CPO).' },
    example: { es: 'Operador de ejemplo', en: 'Example operator' }, widthChars: 24,
  },
  {
    key: 'operator_ocpi_party', header: { es: 'operador_id_ocpi', en: 'operator_ocpi_party' }, aliases: ['ocpi_party', 'ocpi_party_id', 'id_ocpi'],
    required: false, type: 'party',
    description: {
      es: 'Identificador OCPI del operador: país y party id, p. ej. MX*ABC. Vincula el sitio con la organización registrada en Electrifica.',
      en: 'The operator’s OCPI identity: country code and party id, e.g. MX*ABC. Links the site to the organisation registered in Electrifica.',
    },
    example: { es: 'MX*EJM', en: 'MX*EXM' }, widthChars: 16,
  },
  {
    key: 'owner', header: { es: 'propietario', en: 'owner' }, aliases: ['dueno', 'owner_name'],
    required: false, type: 'text',
    description: { es: 'Propietario del sitio o de los equipos, si no es el operador.', en: 'Owner of the site or equipment, when not the operator.' },
    example: { es: 'Propietario de ejemplo', en: 'Example owner' }, widthChars: 24,
  },
  {
    key: 'address', header: { es: 'direccion', en: 'address' }, aliases: ['domicilio', 'calle', 'street_address', 'street'],
    required: false, type: 'text',
    description: { es: 'Calle y número.', en: 'Street and number.' },
    example: { es: 'Calle Ejemplo 123', en: '123 Example Street' }, widthChars: 30,
  },
  {
    key: 'municipality', header: { es: 'municipio', en: 'municipality' }, aliases: ['alcaldia', 'ciudad', 'city', 'localidad'],
    required: false, type: 'text',
    description: {
      es: 'Municipio o alcaldía, como texto. Solo informativo: el municipio se calcula del punto.',
      en: 'Municipality, as text. Informative only: the municipality is computed from the point.',
    },
    example: { es: 'Cuauhtémoc', en: 'Cuauhtémoc' }, widthChars: 20,
  },
  {
    key: 'state', header: { es: 'estado', en: 'state' }, aliases: ['entidad', 'entidad_federativa', 'state_name'],
    required: false, type: 'text',
    description: {
      es: 'Entidad federativa, como texto. Solo informativo: el estado se calcula del punto.',
      en: 'State, as text. Informative only: the state is computed from the point.',
    },
    example: { es: 'Ciudad de México', en: 'Ciudad de México' }, widthChars: 18,
  },
  {
    key: 'postal_code', header: { es: 'codigo_postal', en: 'postal_code' }, aliases: ['cp', 'c.p.', 'zip', 'zip_code'],
    required: false, type: 'text',
    description: { es: 'Código postal de 5 dígitos.', en: '5-digit postal code.' },
    example: { es: '06000', en: '06000' }, widthChars: 12,
  },
  {
    key: 'latitude', header: { es: 'latitud', en: 'latitude' }, aliases: ['lat', 'y'],
    required: true, type: 'decimal',
    description: {
      es: 'Latitud en grados decimales (WGS84), con punto decimal. En México, de 14 a 33. Decide el estado y el municipio.',
      en: 'Latitude in decimal degrees (WGS84), with a decimal point. In Mexico, 14 to 33. Decides the state and municipality.',
    },
    example: { es: '19.432600', en: '19.432600' }, range: { min: 14, max: 33 }, widthChars: 12,
  },
  {
    key: 'longitude', header: { es: 'longitud', en: 'longitude' }, aliases: ['lon', 'lng', 'long', 'x'],
    required: true, type: 'decimal',
    description: {
      es: 'Longitud en grados decimales (WGS84), negativa (oeste). En México, de -119 a -86.',
      en: 'Longitude in decimal degrees (WGS84), negative (west). In Mexico, -119 to -86.',
    },
    example: { es: '-99.133200', en: '-99.133200' }, range: { min: -119, max: -86 }, widthChars: 12,
  },
  {
    key: 'access', header: { es: 'acceso', en: 'access' }, aliases: ['tipo_de_acceso', 'access_type'],
    required: false, type: 'coded', values: accessValues,
    description: {
      es: 'Quién puede cargar: público (cualquiera), restringido (clientes, huéspedes, empleados), privado (solo el propietario; se publica solo como conteo por municipio).',
      en: 'Who may charge: public (anyone), restricted (customers, guests, staff), private (the owner only; published only as a count per municipality).',
    },
    example: { es: 'público', en: 'public' }, widthChars: 14,
  },
  {
    key: 'uses', header: { es: 'usos', en: 'uses' }, aliases: ['uso', 'use', 'tipo_de_vehiculo', 'vehicle_types'],
    required: false, type: 'codedList', values: useValues,
    description: {
      es: 'Vehículos que atiende. Uno o varios separados por punto y coma (;).',
      en: 'Vehicles served. One or more, separated by semicolons (;).',
    },
    example: { es: 'ligero; flotilla', en: 'light duty; fleet' }, widthChars: 20,
  },
  {
    key: 'status', header: { es: 'estatus', en: 'status' }, aliases: ['situacion', 'estatus_operativo', 'lifecycle_status', 'operational_status'],
    required: false, type: 'coded', values: statusValues,
    description: { es: 'Etapa del sitio.', en: 'The site’s lifecycle stage.' },
    example: { es: 'en operación', en: 'operational' }, widthChars: 18,
  },
  {
    key: 'commissioned_on', header: { es: 'fecha_puesta_en_servicio', en: 'commissioning_date' }, aliases: ['fecha_de_inicio', 'fecha_inicio_operacion', 'commissioned_on', 'open_date'],
    required: false, type: 'date',
    description: {
      es: 'Fecha de puesta en servicio (o prevista, si está planeado): fecha de Excel o AAAA-MM-DD.',
      en: 'Commissioning date (or the planned one, for a planned site): an Excel date or YYYY-MM-DD.',
    },
    example: { es: '2024-03-15', en: '2024-03-15' }, widthChars: 14,
  },
  {
    key: 'opening_hours', header: { es: 'horario', en: 'opening_hours' }, aliases: ['horario_de_servicio', 'horarios', 'hours'],
    required: false, type: 'hours', values: alwaysOpenValues,
    description: {
      es: 'Horario. «24/7» (o «24 horas») se registra como abierto siempre; otros horarios se aceptan pero todavía no se guardan.',
      en: 'Opening hours. "24/7" (or "24 hours") is recorded as always open; other hours are accepted but not stored yet.',
    },
    example: { es: '24/7', en: '24/7' }, widthChars: 12,
  },
  {
    key: 'payment_methods', header: { es: 'formas_de_pago', en: 'payment_methods' }, aliases: ['forma_de_pago', 'metodos_de_pago', 'pago', 'payment'],
    required: false, type: 'codedList', values: paymentValues,
    description: {
      es: 'Formas de pago aceptadas. Una o varias separadas por punto y coma (;).',
      en: 'Payment methods accepted. One or more, separated by semicolons (;).',
    },
    example: { es: 'tarjeta bancaria; aplicación', en: 'bank card; app' }, widthChars: 24,
  },
  {
    key: 'ocpp', header: { es: 'ocpp', en: 'ocpp' }, aliases: ['soporta_ocpp', 'ocpp_support', 'compatible_ocpp'],
    required: false, type: 'yesNo', values: yesNoValues,
    description: {
      es: '¿Los equipos se comunican por OCPP (Open Charge Point Protocol)? sí / no; vacío si no se sabe.',
      en: 'Do the chargers speak OCPP (Open Charge Point Protocol)? yes / no; blank if unknown.',
    },
    example: { es: 'sí', en: 'yes' }, widthChars: 8,
  },
  ...connectorGroups.flatMap(countColumns),
  {
    key: 'other_connector', header: { es: 'otro_conector', en: 'other_connector' }, aliases: ['otro_conector_nombre', 'other_connector_name', 'otro_tipo_de_conector'],
    required: false, type: 'text',
    description: {
      es: 'Un conector que no está en las columnas anteriores (código o nombre, p. ej. MCS). Se guarda tal cual, sin estándar, y se marca para revisión; nunca se adivina.',
      en: 'A connector not covered by the columns above (code or name, e.g. MCS). Stored as given, without a standard, and flagged for review; never guessed.',
    },
    example: { es: '', en: '' }, widthChars: 18,
  },
  {
    key: 'other_count', header: { es: 'otro_cantidad', en: 'other_count' }, aliases: ['otro_conector_cantidad', 'other_connector_count', 'otro_numero', 'other_quantity'],
    required: false, type: 'count',
    description: { es: 'Número de puntos de carga con el otro conector.', en: 'Number of charge points with the other connector.' },
    example: { es: '', en: '' }, range: { min: 0, max: maxChargePointsPerStandard }, widthChars: 14,
  },
  {
    key: 'other_kw', header: { es: 'otro_kw', en: 'other_kw' }, aliases: ['otro_conector_kw', 'other_connector_kw', 'otro_potencia_kw', 'other_power_kw'],
    required: false, type: 'kw',
    description: { es: 'Potencia máxima en kW de cada punto con el otro conector.', en: 'Maximum power in kW of each charge point with the other connector.' },
    example: { es: '', en: '' }, range: { min: 0.1, max: maxPlausiblePowerKw }, widthChars: 10,
  },
];

/**
 * Columns for the import pipeline. Only the site id and the point are required for the
 * header to be recognised: a file without them cannot be placed, so it is reported as the
 * wrong file as a whole, never as a file of bad rows.
 */
export const importColumns: Record<string, { aliases: string[]; required: boolean }> = Object.fromEntries(
  templateColumns.map((c) => [c.key, { aliases: [c.header.es, c.header.en, ...c.aliases], required: c.required }]),
);

export const columnByKey = new Map(templateColumns.map((c) => [c.key, c]));

/** Header of a column in one language, for messages: "ccs1_kw", "latitud / latitude". */
export const headerOf = (key: string) => {
  const c = columnByKey.get(key)!;
  return c.header.es === c.header.en ? c.header.es : `${c.header.es} / ${c.header.en}`;
};

const text: Record<TemplateLanguage, {
  sheet: string; docSheet: string; title: string; paragraphs: string[]; table: string[]; yes: string; no: string;
  listPrompt: string; listError: string; numberError: string; allowed: string; multiple: string;
}> = {
  es: {
    sheet: 'Sitios',
    docSheet: 'Instrucciones',
    title: `Plantilla Electrifica de sitios de carga (versión ${templateVersion})`,
    paragraphs: [
      'Una fila por sitio de carga (ubicación) en la hoja «Sitios». Esta hoja de instrucciones no se importa.',
      'Obligatorio en cada fila: id_sitio, latitud y longitud, y al menos uno de reporta u operador.',
      'Clave del sitio: template:<reporta (o, si está vacío, operador) en minúsculas, sin acentos, con guiones>:<id_sitio>. Ejemplo: reporta «Gobierno del Estado» e id_sitio «A-17» → template:gobierno-del-estado:A-17. Mantenga el mismo id_sitio y el mismo reporta: al volver a importar, el sitio se actualiza en lugar de duplicarse.',
      'El punto decide la ubicación: el estado y el municipio se calculan de la latitud y la longitud; las columnas estado y municipio son informativas. Coordenadas fuera de México, o latitud y longitud invertidas, se reportan por fila.',
      'Conectores: por cada estándar, número de puntos de carga y potencia máxima en kW (las dos o ninguna). Cada punto contado se registra como un EVSE con un conector. Un conector que no esté en la lista va en otro_conector: se guarda sin estándar y se marca para revisión.',
      'Valores codificados en español o en inglés; mayúsculas, acentos y espacios no importan. Listas separadas por punto y coma (;). Números con punto decimal (7.2). Fechas como fecha de Excel o AAAA-MM-DD.',
      'Cada fila con un problema se reporta con su número de fila y un código estable; las filas válidas se importan. Corrija las filas señaladas y vuelva a importar el archivo completo: lo que no cambió queda igual.',
      'Como CSV: guárdelo como «CSV UTF-8» (también se acepta Windows-1252), separado por comas.',
    ],
    table: ['Columna', 'Obligatoria', 'Qué significa', 'Valores permitidos (español / inglés)', 'EJEMPLO (ilustrativo: no es un sitio real y no se importa)'],
    yes: 'sí', no: 'no',
    listPrompt: 'Elija de la lista.',
    listError: 'Elija un valor de la lista (también se aceptan los valores en inglés al importar).',
    numberError: 'El valor está fuera del intervalo esperado; revíselo.',
    allowed: 'Permitidos',
    multiple: 'Elija uno de la lista, o escriba varios separados por punto y coma (;).',
  },
  en: {
    sheet: 'Sites',
    docSheet: 'Instructions',
    title: `Electrifica charging-site template (version ${templateVersion})`,
    paragraphs: [
      'One row per charging site (location) in the "Sites" sheet. This instructions sheet is not imported.',
      'Required in every row: site_id, latitude and longitude, and at least one of reported_by or operator.',
      'Site key: template:<reported_by (or, when blank, operator) lower-cased, without accents, hyphenated>:<site_id>. Example: reported_by "State Government" and site_id "A-17" → template:state-government:A-17. Keep site_id and reported_by stable: re-importing then updates the site instead of duplicating it.',
      'The point decides the location: state and municipality are computed from latitude and longitude; the state and municipality columns are informative. Coordinates outside Mexico, or latitude and longitude swapped, are reported per row.',
      'Connectors: for each standard, the number of charge points and their maximum power in kW (both or neither). Each counted charge point is recorded as one EVSE with one connector. A connector not in the list goes in other_connector: stored without a standard and flagged for review.',
      'Coded values in Spanish or English; case, accents and spaces do not matter. Lists separated by semicolons (;). Numbers with a decimal point (7.2). Dates as Excel dates or YYYY-MM-DD.',
      'Each row with a problem is reported with its row number and a stable code; valid rows are imported. Fix the reported rows and import the whole file again: what did not change stays as it is.',
      'As CSV: save as "CSV UTF-8" (Windows-1252 is accepted too), comma-separated.',
    ],
    table: ['Column', 'Required', 'What it means', 'Allowed values (Spanish / English)', 'EXAMPLE (illustrative: not a real site, never imported)'],
    yes: 'yes', no: 'no',
    listPrompt: 'Choose from the list.',
    listError: 'Choose a value from the list (Spanish values are accepted too when importing).',
    numberError: 'The value is outside the expected range; check it.',
    allowed: 'Allowed',
    multiple: 'Choose one from the list, or type several separated by semicolons (;).',
  },
};

/** Rows of the XLSX data sheet that carry dropdowns and number checks (the importer reads any number of rows). */
export const validatedRows = 5000;

export const templateFilename = (lang: TemplateLanguage, format: 'csv' | 'xlsx') =>
  lang === 'es' ? `plantilla-electrifica-sitios-de-carga.${format}` : `electrifica-charging-sites-template.${format}`;

const allowedText = (c: TemplateColumn) => (c.values ? describeValues(c.values) : '');

/** The empty template as CSV: one header row, UTF-8 with a byte-order mark so Excel reads the accents right. */
export function templateCsv(lang: TemplateLanguage): Buffer {
  return Buffer.from(stringify([templateColumns.map((c) => c.header[lang])], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/** Excel's inline list: quoted, comma-separated, at most 255 characters. */
const inlineList = (values: readonly string[]) => `"${values.join(',')}"`;

/**
 * The template as an XLSX workbook: the data sheet first (so it is the one imported), with a
 * frozen, described header, dropdowns on the coded columns and range checks on numbers, then
 * the instructions sheet with every column, its allowed values in both languages and an
 * example clearly marked as such.
 */
export async function templateWorkbook(lang: TemplateLanguage): Promise<Buffer> {
  const t = text[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Electrifica';
  workbook.title = t.title;

  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = templateColumns.map((c) => ({
    header: c.header[lang],
    key: c.key,
    width: c.widthChars,
    // Text columns keep leading zeros ("00123", "06000") that Excel would otherwise drop.
    style: c.type === 'id' || c.key === 'postal_code' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  templateColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFFFFFFF' : 'FF1F2937' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FF0F5132' : 'FFD1E7DD' } };
    cell.numFmt = 'General';
    const allowed = allowedText(c);
    cell.note = `${c.required ? `${t.table[1]}. ` : ''}${c.description[lang]}${allowed ? `\n${t.allowed}: ${allowed}` : ''}`;
  });

  // exceljs 4 writes range validations but leaves `dataValidations` out of its types.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  templateColumns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${validatedRows + 1}`;
    if (c.values && (c.type === 'coded' || c.type === 'yesNo')) {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [inlineList(c.values.map((v) => v.label[lang]))],
        showInputMessage: true, promptTitle: c.header[lang], prompt: t.listPrompt,
        showErrorMessage: true, errorStyle: 'stop', errorTitle: c.header[lang], error: t.listError,
      });
    } else if (c.values && c.type === 'codedList') {
      // Several values are allowed, so the list only suggests: typing "ligero; flotilla" must pass.
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [inlineList(c.values.map((v) => v.label[lang]))],
        showInputMessage: true, promptTitle: c.header[lang], prompt: t.multiple,
        showErrorMessage: false, errorStyle: 'information',
      });
    } else if (c.range) {
      validations.add(range, {
        type: c.type === 'count' ? 'whole' : 'decimal', operator: 'between', allowBlank: true, formulae: [c.range.min, c.range.max],
        showInputMessage: false, showErrorMessage: true, errorStyle: 'warning', errorTitle: c.header[lang], error: t.numberError,
      });
    }
  });

  const doc = workbook.addWorksheet(t.docSheet);
  doc.columns = [{ width: 28 }, { width: 12 }, { width: 70 }, { width: 48 }, { width: 34 }];
  doc.addRow([t.title]).font = { bold: true, size: 14 };
  doc.addRow([]);
  for (const paragraph of t.paragraphs) {
    const row = doc.addRow([paragraph]);
    doc.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.max(18, Math.ceil(paragraph.length / 150) * 16);
  }
  doc.addRow([]);
  const tableHeader = doc.addRow(t.table);
  tableHeader.font = { bold: true };
  tableHeader.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column === 5 ? 'FFFFF3CD' : 'FFD1E7DD' } };
  });
  for (const c of templateColumns) {
    const row = doc.addRow([c.header[lang], c.required ? t.yes : t.no, c.description[lang], allowedText(c), c.example[lang]]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF3CD' } };
    row.getCell(5).font = { italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
