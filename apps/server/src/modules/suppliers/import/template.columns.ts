import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
// The value-matching rules of the charging template (case, accents, spaces and hyphens aside) are the platform's convention for templates.
import { codeOf, describeValues, normaliseValue, type CodedValue } from '../../charging/import/template.columns.js';
import {
  certifications, componentCatalogue, employeeStrata, evReadiness, processes, sizeClasses, tiers, type Labelled,
} from '../suppliers.taxonomy.js';

export { codeOf, describeValues, normaliseValue, type CodedValue };

/**
 * The Electrifica supplier template that chambers (INA, AMIA, ANPACT) and state governments
 * fill in: the ONE definition of its columns, in Spanish and English. The importer
 * (`template.importer.ts`), the downloadable CSV and XLSX and the guide
 * (`docs/guides/suppliers-template.md`, checked against this file by a test) come from here.
 */
export const templateVersion = 1;

export const templateLanguages = ['es', 'en'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];
type Bilingual = Record<TemplateLanguage, string>;

const coded = (list: readonly Labelled[], aliases: Record<string, readonly string[]> = {}): CodedValue[] =>
  list.map((item) => ({ code: item.code, label: { es: item.es, en: item.en }, aliases: aliases[item.code] ?? [] }));

export const tierValues = coded(tiers, {
  oem: ['oem', 'armadora', 'fabricante de vehiculos', 'vehicle manufacturer'],
  tier1: ['tier 1', 'nivel 1', 't1', 'n1'],
  tier2: ['tier 2', 'nivel 2', 't2', 'n2'],
  tier3: ['tier 3', 'nivel 3', 't3', 'n3'],
});
export const processValues = coded(processes);
export const componentValues = coded(componentCatalogue);
/** Certifications by code, label, or short name ("IATF 16949", "ISO 9001", "Industria Limpia"). */
export const certificationValues = coded(certifications, Object.fromEntries(
  certifications.map((c) => [c.code, [c.es.replace(/\s*\(.*\)$/, ''), c.en.replace(/\s*\(.*\)$/, ''), c.code.replace(/_/g, ' ')]]),
));
export const sizeClassValues = coded(sizeClasses, {
  micro: ['micro', 'microempresa'], small: ['pequena', 'pequeña', 'small'], medium: ['mediana', 'medium'], large: ['grande', 'large'],
});
export const evReadinessValues = coded(evReadiness, {
  makes_ev_parts: ['si', 'sí', 'yes', 'ya fabrica'], could_convert: ['podria', 'podría', 'could'], not_yet: ['no', 'aun no', 'aún no'],
});
export const stratumValues: CodedValue[] = employeeStrata.map((s) => ({ code: s.code, label: { es: s.es, en: s.en } }));
export const yesNoValues: CodedValue<'yes' | 'no'>[] = [
  { code: 'yes', label: { es: 'sí', en: 'yes' }, aliases: ['s', 'y', 'true', 'verdadero', '1', 'acepto', 'i agree'] },
  { code: 'no', label: { es: 'no', en: 'no' }, aliases: ['n', 'false', 'falso', '0'] },
];

export type ColumnType = 'id' | 'text' | 'textList' | 'rfc' | 'decimal' | 'scian' | 'employees' | 'coded' | 'codedList' | 'certifications' | 'countryList' | 'country' | 'date' | 'yesNo';

export interface TemplateColumn {
  key: string;
  header: Bilingual;
  aliases: readonly string[];
  required: boolean;
  type: ColumnType;
  /** Company-level (one company, several plants) or plant-level. */
  level: 'company' | 'establishment';
  description: Bilingual;
  values?: readonly CodedValue[];
  /** Illustrative value for the guide and the instructions sheet (never imported). */
  example: Bilingual;
  range?: { min: number; max: number };
  widthChars: number;
}

const column = (c: TemplateColumn) => c;

export const templateColumns: readonly TemplateColumn[] = [
  column({
    key: 'establishment_id', header: { es: 'id_establecimiento', en: 'establishment_id' }, aliases: ['id_planta', 'plant_id', 'clave', 'id'],
    required: true, type: 'id', level: 'establishment',
    description: {
      es: 'Identificador de la planta en los registros de quien reporta. Obligatorio y único en el archivo; manténgalo igual para que al volver a importar se actualice la planta.',
      en: 'The plant’s identifier in the submitter’s records. Required and unique in the file; keep it stable so that re-imports update the plant.',
    },
    example: { es: 'EJEMPLO-001', en: 'EXAMPLE-001' }, widthChars: 16,
  }),
  column({
    key: 'reported_by', header: { es: 'reporta', en: 'reported_by' }, aliases: ['quien_reporta', 'camara', 'chamber', 'submitter', 'fuente'],
    required: true, type: 'text', level: 'establishment',
    description: {
      es: 'Organización que envía el archivo (INA, AMIA, ANPACT, un gobierno estatal). Forma parte de la clave de la planta: escríbala siempre igual.',
      en: 'Organisation sending the file (INA, AMIA, ANPACT, a state government). Part of the plant’s key: always spell it the same way.',
    },
    example: { es: 'Cámara de ejemplo', en: 'Example chamber' }, widthChars: 20,
  }),
  column({
    key: 'legal_name', header: { es: 'razon_social', en: 'legal_name' }, aliases: ['denominacion', 'company_legal_name', 'razon social'],
    required: false, type: 'text', level: 'company',
    description: {
      es: 'Razón social de la empresa, con su forma jurídica (S.A. de C.V.…). Las plantas con la misma razón social (o el mismo RFC) se agrupan en una empresa.',
      en: 'The company’s registered name, with its legal form (S.A. de C.V.…). Plants with the same legal name (or RFC) are grouped under one company.',
    },
    example: { es: 'Autopartes Ejemplo, S.A. de C.V.', en: 'Example Auto Parts, S.A. de C.V.' }, widthChars: 30,
  }),
  column({
    key: 'trade_name', header: { es: 'nombre_comercial', en: 'trade_name' }, aliases: ['marca', 'brand', 'nombres_comerciales', 'trade_names'],
    required: false, type: 'textList', level: 'company',
    description: { es: 'Nombre(s) comercial(es) de la empresa, separados por punto y coma (;).', en: 'The company’s trade name(s), separated by semicolons (;).' },
    example: { es: 'Ejemplo Autopartes', en: 'Example Parts' }, widthChars: 20,
  }),
  column({
    key: 'rfc', header: { es: 'rfc', en: 'rfc' }, aliases: ['rfc_empresa', 'tax_id'],
    required: false, type: 'rfc', level: 'company',
    description: {
      es: 'RFC de la empresa (12 caracteres; 13 si es persona física). Se verifica formato, fecha y dígito verificador; el RFC genérico no se acepta.',
      en: 'The company’s RFC (12 characters; 13 for a natural person). Format, date and check digit are verified; the generic RFC is refused.',
    },
    example: { es: 'AEJ190101AB1', en: 'AEJ190101AB1' }, widthChars: 15,
  }),
  column({
    key: 'company_size', header: { es: 'tamano_empresa', en: 'company_size' }, aliases: ['tamaño_empresa', 'tamano', 'size_class', 'size'],
    required: false, type: 'coded', level: 'company', values: sizeClassValues,
    description: { es: 'Tamaño de la empresa según la Secretaría de Economía (por personal ocupado).', en: 'Company size as the Ministry of Economy classifies it (by employees).' },
    example: { es: 'Mediana (51 a 250)', en: 'Medium (51 to 250)' }, widthChars: 16,
  }),
  column({
    key: 'ownership_country', header: { es: 'pais_de_origen_del_capital', en: 'ownership_country' }, aliases: ['pais_capital', 'pais_de_origen', 'country_of_ownership', 'origen_capital'],
    required: false, type: 'country', level: 'company',
    description: { es: 'País de origen del capital: código ISO de dos letras (MX, US, DE, JP…) o su nombre.', en: 'Country of ownership: ISO two-letter code (MX, US, DE, JP…) or its name.' },
    example: { es: 'MX', en: 'MX' }, widthChars: 12,
  }),
  column({
    key: 'name', header: { es: 'nombre_planta', en: 'plant_name' }, aliases: ['nombre', 'name', 'establecimiento', 'establishment_name', 'planta'],
    required: false, type: 'text', level: 'establishment',
    description: {
      es: 'Nombre de la planta. Si está vacío se usa el nombre comercial o la razón social; al menos uno es necesario.',
      en: 'The plant’s name. When blank, the trade name or legal name is used; at least one is needed.',
    },
    example: { es: 'EJEMPLO — no es una planta real', en: 'EXAMPLE — not a real plant' }, widthChars: 30,
  }),
  column({ key: 'street', header: { es: 'calle', en: 'street' }, aliases: ['domicilio', 'direccion', 'address'], required: false, type: 'text', level: 'establishment', description: { es: 'Calle o vialidad.', en: 'Street.' }, example: { es: 'Av. Ejemplo', en: 'Example Ave.' }, widthChars: 24 }),
  column({ key: 'exterior_number', header: { es: 'numero_exterior', en: 'exterior_number' }, aliases: ['num_ext', 'numero'], required: false, type: 'text', level: 'establishment', description: { es: 'Número exterior.', en: 'Street number.' }, example: { es: '123', en: '123' }, widthChars: 10 }),
  column({ key: 'neighbourhood', header: { es: 'colonia', en: 'neighbourhood' }, aliases: ['asentamiento', 'neighborhood'], required: false, type: 'text', level: 'establishment', description: { es: 'Colonia o asentamiento.', en: 'Neighbourhood.' }, example: { es: 'Centro', en: 'Centro' }, widthChars: 18 }),
  column({ key: 'postal_code', header: { es: 'codigo_postal', en: 'postal_code' }, aliases: ['cp', 'zip'], required: false, type: 'text', level: 'establishment', description: { es: 'Código postal de 5 dígitos.', en: '5-digit postal code.' }, example: { es: '25000', en: '25000' }, widthChars: 10 }),
  column({ key: 'locality', header: { es: 'localidad', en: 'locality' }, aliases: ['ciudad', 'city'], required: false, type: 'text', level: 'establishment', description: { es: 'Localidad o ciudad.', en: 'Locality or city.' }, example: { es: 'Saltillo', en: 'Saltillo' }, widthChars: 16 }),
  column({ key: 'industrial_park', header: { es: 'parque_industrial', en: 'industrial_park' }, aliases: ['parque'], required: false, type: 'text', level: 'establishment', description: { es: 'Parque industrial, si la planta está en uno.', en: 'Industrial park, if the plant is in one.' }, example: { es: 'Parque Industrial Ejemplo', en: 'Example Industrial Park' }, widthChars: 22 }),
  column({
    key: 'municipality', header: { es: 'municipio', en: 'municipality' }, aliases: ['alcaldia'], required: false, type: 'text', level: 'establishment',
    description: { es: 'Municipio, como texto. El municipio se calcula del punto; si no coincide con este, la planta se marca para revisión.', en: 'Municipality, as text. The municipality is computed from the point; if it disagrees with this one the plant is flagged for review.' },
    example: { es: 'Saltillo', en: 'Saltillo' }, widthChars: 16,
  }),
  column({ key: 'state', header: { es: 'estado', en: 'state' }, aliases: ['entidad', 'entidad_federativa'], required: false, type: 'text', level: 'establishment', description: { es: 'Entidad federativa, como texto.', en: 'State, as text.' }, example: { es: 'Coahuila', en: 'Coahuila' }, widthChars: 14 }),
  column({
    key: 'latitude', header: { es: 'latitud', en: 'latitude' }, aliases: ['lat', 'y'], required: true, type: 'decimal', level: 'establishment',
    description: { es: 'Latitud en grados decimales (WGS84), con punto decimal. Decide el estado y el municipio.', en: 'Latitude in decimal degrees (WGS84), with a decimal point. Decides the state and municipality.' },
    example: { es: '25.423200', en: '25.423200' }, range: { min: 14, max: 33 }, widthChars: 12,
  }),
  column({
    key: 'longitude', header: { es: 'longitud', en: 'longitude' }, aliases: ['lon', 'lng', 'x'], required: true, type: 'decimal', level: 'establishment',
    description: { es: 'Longitud en grados decimales (WGS84), negativa (oeste).', en: 'Longitude in decimal degrees (WGS84), negative (west).' },
    example: { es: '-101.005300', en: '-101.005300' }, range: { min: -119, max: -86 }, widthChars: 12,
  }),
  column({
    key: 'scian', header: { es: 'scian', en: 'scian' }, aliases: ['clase_scian', 'codigo_scian', 'naics'], required: false, type: 'scian', level: 'establishment',
    description: { es: 'Clase SCIAN 2018 de la actividad principal (6 dígitos).', en: 'SCIAN 2018 class of the main activity (6 digits).' },
    example: { es: '336390', en: '336390' }, widthChars: 10,
  }),
  column({
    key: 'employees', header: { es: 'personal_ocupado', en: 'employees' }, aliases: ['empleados', 'trabajadores', 'estrato', 'headcount'], required: false, type: 'employees', level: 'establishment', values: stratumValues,
    description: { es: 'Personas que trabajan en la planta: un número o un estrato de INEGI («51 a 100 personas»).', en: 'People working at the plant: a number or an INEGI stratum ("51 to 100 people").' },
    example: { es: '120', en: '120' }, widthChars: 14,
  }),
  column({
    key: 'tiers', header: { es: 'niveles', en: 'tiers' }, aliases: ['nivel', 'tier', 'nivel_proveeduria'], required: false, type: 'codedList', level: 'establishment', values: tierValues,
    description: { es: 'Nivel(es) en la cadena de proveeduría, separados por punto y coma (;).', en: 'Tier(s) in the supply chain, separated by semicolons (;).' },
    example: { es: 'Nivel 1; Nivel 2', en: 'Tier 1; Tier 2' }, widthChars: 16,
  }),
  column({
    key: 'processes', header: { es: 'procesos', en: 'processes' }, aliases: ['proceso', 'process'], required: false, type: 'codedList', level: 'establishment', values: processValues,
    description: { es: 'Procesos de manufactura de la planta, separados por punto y coma (;).', en: 'Manufacturing processes of the plant, separated by semicolons (;).' },
    example: { es: 'Estampado; Soldadura', en: 'Stamping; Welding' }, widthChars: 24,
  }),
  column({
    key: 'components', header: { es: 'componentes', en: 'components' }, aliases: ['productos', 'products', 'componente'], required: false, type: 'codedList', level: 'establishment', values: componentValues,
    description: { es: 'Componentes que fabrica (código o nombre del catálogo), separados por punto y coma (;).', en: 'Components it makes (catalogue code or name), separated by semicolons (;).' },
    example: { es: 'Arnés de alta tensión; Frenos', en: 'High-voltage wiring harness; Brakes' }, widthChars: 28,
  }),
  column({
    key: 'certifications', header: { es: 'certificaciones', en: 'certifications' }, aliases: ['certificacion', 'certification'], required: false, type: 'certifications', level: 'establishment', values: certificationValues,
    description: {
      es: 'Certificaciones vigentes, separadas por punto y coma (;); la fecha de vencimiento, si se conoce, entre paréntesis como AAAA-MM-DD.',
      en: 'Certifications held, separated by semicolons (;); the expiry date, when known, in brackets as YYYY-MM-DD.',
    },
    example: { es: 'IATF 16949 (2026-05-31); ISO 14001', en: 'IATF 16949 (2026-05-31); ISO 14001' }, widthChars: 30,
  }),
  column({
    key: 'oem_customers', header: { es: 'clientes_oem', en: 'oem_customers' }, aliases: ['clientes', 'customers', 'armadoras_cliente'], required: false, type: 'textList', level: 'establishment',
    description: { es: 'Armadoras a las que surte, separadas por punto y coma (;).', en: 'Vehicle makers it supplies, separated by semicolons (;).' },
    example: { es: 'Armadora A; Armadora B', en: 'Maker A; Maker B' }, widthChars: 24,
  }),
  column({
    key: 'export_markets', header: { es: 'mercados_de_exportacion', en: 'export_markets' }, aliases: ['exporta_a', 'paises_de_exportacion', 'export_countries'], required: false, type: 'countryList', level: 'establishment',
    description: { es: 'Países a los que exporta: códigos ISO de dos letras o nombres, separados por punto y coma (;).', en: 'Countries it exports to: ISO two-letter codes or names, separated by semicolons (;).' },
    example: { es: 'US; CA', en: 'US; CA' }, widthChars: 16,
  }),
  column({
    key: 'ev_readiness', header: { es: 'preparacion_electromovilidad', en: 'ev_readiness' }, aliases: ['preparacion_ev', 'electromovilidad', 'ev'], required: false, type: 'coded', level: 'establishment', values: evReadinessValues,
    description: { es: '¿Fabrica ya partes para vehículos eléctricos, podría reconvertirse, o aún no?', en: 'Does it make EV parts now, could it convert, or not yet?' },
    example: { es: 'Podría reconvertirse', en: 'Could convert' }, widthChars: 22,
  }),
  column({
    key: 'operations_start_date', header: { es: 'fecha_inicio_operaciones', en: 'operations_start_date' }, aliases: ['inicio_operaciones', 'fecha_de_inicio', 'start_date'], required: false, type: 'date', level: 'establishment',
    description: { es: 'Fecha en que la planta empezó a operar: fecha de Excel, AAAA-MM-DD o AAAA-MM.', en: 'Date the plant started operating: an Excel date, YYYY-MM-DD or YYYY-MM.' },
    example: { es: '2015-03-01', en: '2015-03-01' }, widthChars: 14,
  }),
  column({ key: 'phone', header: { es: 'telefono', en: 'phone' }, aliases: ['tel', 'telephone'], required: false, type: 'text', level: 'establishment', description: { es: 'Teléfono de contacto.', en: 'Contact phone.' }, example: { es: '844 000 0000', en: '844 000 0000' }, widthChars: 14 }),
  column({ key: 'email', header: { es: 'correo', en: 'email' }, aliases: ['correo_electronico', 'e-mail', 'mail'], required: false, type: 'text', level: 'establishment', description: { es: 'Correo de contacto.', en: 'Contact email.' }, example: { es: 'contacto@ejemplo.mx', en: 'contact@example.mx' }, widthChars: 22 }),
  column({ key: 'website', header: { es: 'sitio_web', en: 'website' }, aliases: ['web', 'www', 'pagina_web'], required: false, type: 'text', level: 'company', description: { es: 'Sitio web de la empresa.', en: 'The company’s website.' }, example: { es: 'https://ejemplo.mx', en: 'https://example.mx' }, widthChars: 22 }),
  column({
    key: 'contact_consent', header: { es: 'consentimiento_contacto', en: 'contact_consent' }, aliases: ['acepta_publicar_contacto', 'consent', 'publicar_contacto'], required: false, type: 'yesNo', level: 'establishment', values: yesNoValues,
    description: {
      es: '«sí» solo si la empresa autorizó mostrar su teléfono, correo y sitio a los miembros registrados. Vacío o «no»: el contacto no se muestra.',
      en: '"yes" only if the company agreed to show its phone, email and website to signed-in members. Blank or "no": contacts are not shown.',
    },
    example: { es: 'no', en: 'no' }, widthChars: 12,
  }),
];

/** Columns for the import pipeline: only the plant id, the submitter and the point are needed to recognise the file. */
export const importColumns: Record<string, { aliases: string[]; required: boolean }> = Object.fromEntries(
  templateColumns.map((c) => [c.key, { aliases: [c.header.es, c.header.en, ...c.aliases], required: c.required }]),
);

export const columnByKey = new Map(templateColumns.map((c) => [c.key, c]));

export const headerOf = (key: string) => {
  const c = columnByKey.get(key)!;
  return c.header.es === c.header.en ? c.header.es : `${c.header.es} / ${c.header.en}`;
};

export const templateFilename = (lang: TemplateLanguage, format: 'csv' | 'xlsx') =>
  lang === 'es' ? `plantilla-electrifica-proveedores.${format}` : `electrifica-suppliers-template.${format}`;

/** Accepted values in both languages, for messages, the guide and the instructions sheet. */
export const allowedText = (c: TemplateColumn) => (c.values ? describeValues(c.values) : '');

const text: Record<TemplateLanguage, { sheet: string; docSheet: string; title: string; paragraphs: string[]; table: string[]; yes: string; no: string; listError: string; multiple: string }> = {
  es: {
    sheet: 'Plantas',
    docSheet: 'Instrucciones',
    title: `Plantilla Electrifica de proveedores automotrices (versión ${templateVersion})`,
    paragraphs: [
      'Una fila por planta (establecimiento) en la hoja «Plantas». Esta hoja de instrucciones no se importa.',
      'Obligatorio en cada fila: id_establecimiento, reporta, latitud y longitud, y un nombre (nombre_planta, nombre_comercial o razon_social).',
      'Clave de la planta: template:<reporta en minúsculas, sin acentos, con guiones>:<id_establecimiento>. Mantenga ambos iguales: al volver a importar, la planta se actualiza en lugar de duplicarse.',
      'Las plantas con el mismo RFC (o, sin RFC, la misma razón social) forman una empresa. Los datos de empresa (razón social, RFC, tamaño, país, sitio web) completan lo que la empresa no tenía; nunca reemplazan lo que ella misma declaró.',
      'Valores codificados en español o en inglés; mayúsculas, acentos y espacios no importan. Listas separadas por punto y coma (;). Un valor desconocido se reporta con la lista de valores aceptados.',
      'Cada fila con un problema se reporta con su número de fila y un código estable; las filas válidas se importan. Volver a importar el mismo archivo no cambia nada.',
      'Como CSV: guárdelo como «CSV UTF-8» (también se acepta Windows-1252), separado por comas.',
    ],
    table: ['Columna', 'Obligatoria', 'Nivel', 'Qué significa', 'Valores permitidos (español / inglés)', 'EJEMPLO (ilustrativo: no es una planta real y no se importa)'],
    yes: 'sí', no: 'no',
    listError: 'Elija un valor de la lista (también se aceptan los valores en inglés al importar).',
    multiple: 'Elija uno de la lista, o escriba varios separados por punto y coma (;).',
  },
  en: {
    sheet: 'Plants',
    docSheet: 'Instructions',
    title: `Electrifica automotive supplier template (version ${templateVersion})`,
    paragraphs: [
      'One row per plant (establishment) in the "Plants" sheet. This instructions sheet is not imported.',
      'Required in every row: establishment_id, reported_by, latitude and longitude, and a name (plant_name, trade_name or legal_name).',
      'Plant key: template:<reported_by lower-cased, without accents, hyphenated>:<establishment_id>. Keep both stable: re-importing then updates the plant instead of duplicating it.',
      'Plants with the same RFC (or, without an RFC, the same legal name) form one company. Company data (legal name, RFC, size, country, website) fills what the company lacked; it never replaces what the company itself declared.',
      'Coded values in Spanish or English; case, accents and spaces do not matter. Lists separated by semicolons (;). An unknown value is reported with the list of accepted values.',
      'Each row with a problem is reported with its row number and a stable code; valid rows are imported. Importing the same file again changes nothing.',
      'As CSV: save as "CSV UTF-8" (Windows-1252 is accepted too), comma-separated.',
    ],
    table: ['Column', 'Required', 'Level', 'What it means', 'Allowed values (Spanish / English)', 'EXAMPLE (illustrative: not a real plant, never imported)'],
    yes: 'yes', no: 'no',
    listError: 'Choose a value from the list (Spanish values are accepted too when importing).',
    multiple: 'Choose one from the list, or type several separated by semicolons (;).',
  },
};

/** The empty template as CSV: one header row, UTF-8 with a byte-order mark so that Excel reads the accents right. */
export function templateCsv(lang: TemplateLanguage): Buffer {
  return Buffer.from(stringify([templateColumns.map((c) => c.header[lang])], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/** Rows of the XLSX data sheet that carry dropdowns and number checks. */
export const validatedRows = 5000;
/** Excel's inline lists hold at most 255 characters; longer vocabularies are documented, not offered as a dropdown. */
const inlineList = (values: readonly string[]) => {
  const list = `"${values.join(',')}"`;
  return list.length <= 255 && !values.some((v) => v.includes(',')) ? list : null;
};

/**
 * The template as an XLSX workbook: the data sheet first (the one imported), with a frozen,
 * described header, dropdowns on short coded columns and range checks on coordinates; then
 * the instructions with every column, its allowed values in both languages and an example
 * clearly marked as such.
 */
export async function templateWorkbook(lang: TemplateLanguage): Promise<Buffer> {
  const t = text[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Electrifica';
  workbook.title = t.title;
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = templateColumns.map((c) => ({
    header: c.header[lang], key: c.key, width: c.widthChars,
    style: c.type === 'id' || c.key === 'postal_code' || c.key === 'scian' || c.key === 'phone' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  templateColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFFFFFFF' : 'FF1F2937' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FF0F5132' : 'FFD1E7DD' } };
    cell.numFmt = 'General';
    cell.note = `${c.required ? `${t.table[1]}. ` : ''}${c.description[lang]}`;
  });
  // exceljs 4 writes range validations but leaves `dataValidations` out of its types.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  templateColumns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${validatedRows + 1}`;
    const list = c.values ? inlineList(c.values.map((v) => v.label[lang])) : null;
    if (list && (c.type === 'coded' || c.type === 'yesNo')) {
      validations.add(range, { type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorStyle: 'stop', errorTitle: c.header[lang], error: t.listError });
    } else if (list) {
      validations.add(range, { type: 'list', allowBlank: true, formulae: [list], showInputMessage: true, promptTitle: c.header[lang], prompt: t.multiple, showErrorMessage: false });
    } else if (c.range) {
      validations.add(range, { type: 'decimal', operator: 'between', allowBlank: true, formulae: [c.range.min, c.range.max], showErrorMessage: true, errorStyle: 'warning' });
    }
  });

  const doc = workbook.addWorksheet(t.docSheet);
  doc.columns = [{ width: 28 }, { width: 11 }, { width: 14 }, { width: 64 }, { width: 60 }, { width: 34 }];
  doc.addRow([t.title]).font = { bold: true, size: 14 };
  doc.addRow([]);
  for (const paragraph of t.paragraphs) {
    const row = doc.addRow([paragraph]);
    doc.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.max(18, Math.ceil(paragraph.length / 150) * 16);
  }
  doc.addRow([]);
  doc.addRow(t.table).font = { bold: true };
  const levelText = { company: lang === 'es' ? 'empresa' : 'company', establishment: lang === 'es' ? 'planta' : 'plant' };
  for (const c of templateColumns) {
    const row = doc.addRow([c.header[lang], c.required ? t.yes : t.no, levelText[c.level], c.description[lang], allowedText(c), c.example[lang]]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(6).font = { italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
