/**
 * The vocabularies the supplier census ships: tiers, processes, the EV component
 * catalogue with HS codes, certifications, DENUE employee strata, size classes and EV
 * readiness. Codes are stable (stored, filtered on, exported); labels are es-MX first.
 *
 * HS codes are the HS 2022 headings or subheadings under which each component is usually
 * declared, compiled by Electrifica from the WCO nomenclature and the Mexican tariff (TIGIE)
 * as a guide for trade analysis; the binding classification of a given product is the
 * customs authority's. The catalogue is curated in the app after it is seeded from here.
 */

export interface Labelled<C extends string = string> {
  code: C;
  es: string;
  en: string;
}

export const tiers = [
  { code: 'oem', es: 'Armadora (OEM)', en: 'Vehicle manufacturer (OEM)' },
  { code: 'tier1', es: 'Nivel 1 (sistemas y componentes)', en: 'Tier 1 (systems and components)' },
  { code: 'tier2', es: 'Nivel 2 (partes)', en: 'Tier 2 (parts)' },
  { code: 'tier3', es: 'Nivel 3 (materias primas y procesos)', en: 'Tier 3 (raw materials and processes)' },
] as const satisfies readonly Labelled[];
export type TierCode = (typeof tiers)[number]['code'];

export const processes = [
  { code: 'stamping', es: 'Estampado', en: 'Stamping' },
  { code: 'die_casting', es: 'Fundición a presión', en: 'Die casting' },
  { code: 'sand_casting', es: 'Fundición en arena y a la cera perdida', en: 'Sand and investment casting' },
  { code: 'forging', es: 'Forja', en: 'Forging' },
  { code: 'machining', es: 'Maquinado', en: 'Machining' },
  { code: 'heat_treatment', es: 'Tratamiento térmico', en: 'Heat treatment' },
  { code: 'welding', es: 'Soldadura', en: 'Welding' },
  { code: 'sheet_metal', es: 'Pailería y lámina', en: 'Sheet metal fabrication' },
  { code: 'extrusion', es: 'Extrusión', en: 'Extrusion' },
  { code: 'powder_metallurgy', es: 'Metalurgia de polvos', en: 'Powder metallurgy' },
  { code: 'tool_and_die', es: 'Herramentales, moldes y troqueles', en: 'Tool and die making' },
  { code: 'injection_moulding', es: 'Moldeo por inyección', en: 'Injection moulding' },
  { code: 'rubber_moulding', es: 'Moldeo de hule', en: 'Rubber moulding' },
  { code: 'foam_moulding', es: 'Espumado (poliuretano)', en: 'Foam moulding' },
  { code: 'painting', es: 'Pintura', en: 'Painting' },
  { code: 'plating', es: 'Recubrimientos y galvanoplastia', en: 'Plating and coating' },
  { code: 'cut_and_sew', es: 'Corte y costura (vestiduras)', en: 'Cut and sew (trim)' },
  { code: 'glass_forming', es: 'Formado de vidrio', en: 'Glass forming' },
  { code: 'wire_harness', es: 'Arneses eléctricos', en: 'Wire harness assembly' },
  { code: 'pcb_assembly', es: 'Ensamble de tarjetas electrónicas (SMT)', en: 'PCB assembly (SMT)' },
  { code: 'electronics_assembly', es: 'Ensamble electrónico final', en: 'Electronics box build' },
  { code: 'motor_winding', es: 'Embobinado de motores', en: 'Motor winding' },
  { code: 'magnet_manufacturing', es: 'Fabricación de imanes', en: 'Magnet manufacturing' },
  { code: 'electrode_coating', es: 'Recubrimiento de electrodos', en: 'Electrode coating' },
  { code: 'cell_manufacturing', es: 'Fabricación de celdas de batería', en: 'Battery cell manufacturing' },
  { code: 'battery_module_pack_assembly', es: 'Ensamble de módulos y paquetes de baterías', en: 'Battery module and pack assembly' },
  { code: 'battery_recycling', es: 'Reciclaje de baterías', en: 'Battery recycling' },
  { code: 'vehicle_assembly', es: 'Ensamble de vehículos', en: 'Vehicle assembly' },
  { code: 'testing_validation', es: 'Pruebas y validación', en: 'Testing and validation' },
  { code: 'engineering_design', es: 'Ingeniería y diseño', en: 'Engineering and design' },
] as const satisfies readonly Labelled[];
export type ProcessCode = (typeof processes)[number]['code'];

export const componentGroups = [
  { code: 'battery', es: 'Baterías', en: 'Batteries' },
  { code: 'electric_drive', es: 'Tren motriz eléctrico', en: 'Electric drive' },
  { code: 'power_electronics', es: 'Electrónica de potencia', en: 'Power electronics' },
  { code: 'charging', es: 'Carga', en: 'Charging' },
  { code: 'thermal', es: 'Gestión térmica', en: 'Thermal management' },
  { code: 'vehicle_electrical', es: 'Sistema eléctrico y electrónico', en: 'Electrical and electronic systems' },
  { code: 'battery_materials', es: 'Materiales para baterías', en: 'Battery materials' },
  { code: 'conventional_powertrain', es: 'Tren motriz convencional', en: 'Conventional powertrain' },
  { code: 'chassis', es: 'Chasis, frenos y suspensión', en: 'Chassis, brakes and suspension' },
  { code: 'body_interior', es: 'Carrocería e interiores', en: 'Body and interior' },
  { code: 'materials', es: 'Materiales', en: 'Materials' },
] as const satisfies readonly Labelled[];
export type ComponentGroupCode = (typeof componentGroups)[number]['code'];

export interface CatalogueComponent extends Labelled {
  group: ComponentGroupCode;
  /** Only electric vehicles need it (a cell, an inverter), as against parts every vehicle has. */
  evSpecific: boolean;
  hsCodes: string[];
}

const component = (code: string, group: ComponentGroupCode, evSpecific: boolean, hsCodes: string[], es: string, en: string): CatalogueComponent =>
  ({ code, group, evSpecific, hsCodes, es, en });

/** The EV component catalogue as shipped; the database copy is the one curators edit. */
export const componentCatalogue: readonly CatalogueComponent[] = [
  component('battery_cell', 'battery', true, ['8507.60'], 'Celdas de batería de iones de litio', 'Lithium-ion battery cells'),
  component('battery_module', 'battery', true, ['8507.60', '8507.90'], 'Módulos de batería', 'Battery modules'),
  component('battery_pack', 'battery', true, ['8507.60'], 'Paquetes de baterías de tracción', 'Traction battery packs'),
  component('bms', 'battery', true, ['8537.10', '8507.90'], 'Sistema de gestión de baterías (BMS)', 'Battery management system (BMS)'),
  component('battery_enclosure', 'battery', true, ['8507.90', '7616.99'], 'Carcasas de baterías', 'Battery enclosures'),
  component('traction_motor', 'electric_drive', true, ['8501.32', '8501.33', '8501.34', '8501.52', '8501.53'], 'Motor de tracción', 'Traction motor'),
  component('reducer', 'electric_drive', true, ['8708.40'], 'Reductor y transmisión de una velocidad', 'Reduction gear (single-speed transmission)'),
  component('e_axle', 'electric_drive', true, ['8708.50'], 'Eje eléctrico (e-axle)', 'Electric drive axle (e-axle)'),
  component('permanent_magnets', 'electric_drive', true, ['8505.11'], 'Imanes permanentes', 'Permanent magnets'),
  component('inverter', 'power_electronics', true, ['8504.40'], 'Inversor de tracción', 'Traction inverter'),
  component('on_board_charger', 'power_electronics', true, ['8504.40'], 'Cargador a bordo (OBC)', 'On-board charger (OBC)'),
  component('dc_dc_converter', 'power_electronics', true, ['8504.40'], 'Convertidor CD-CD', 'DC-DC converter'),
  component('power_semiconductors', 'power_electronics', true, ['8541.29', '8541.21'], 'Semiconductores de potencia (IGBT, SiC)', 'Power semiconductors (IGBT, SiC)'),
  component('power_distribution_unit', 'power_electronics', true, ['8537.10'], 'Unidad de distribución de alta tensión', 'High-voltage power distribution unit'),
  component('charging_equipment', 'charging', true, ['8504.40', '8537.10'], 'Equipos de carga (cargadores)', 'Charging equipment (EVSE)'),
  component('charging_inlet', 'charging', true, ['8536.69'], 'Puerto de carga del vehículo', 'Vehicle charging inlet'),
  component('thermal_management', 'thermal', true, ['8415.20', '8419.50', '8413.30'], 'Gestión térmica de batería y tren motriz', 'Battery and drivetrain thermal management'),
  component('electric_compressor', 'thermal', true, ['8414.30'], 'Compresor eléctrico de clima', 'Electric A/C compressor'),
  component('hv_harness', 'vehicle_electrical', true, ['8544.30', '8544.42', '8544.49'], 'Arnés de alta tensión', 'High-voltage wiring harness'),
  component('hv_connectors', 'vehicle_electrical', true, ['8536.69', '8536.90'], 'Conectores de alta tensión', 'High-voltage connectors'),
  component('cathode_materials', 'battery_materials', true, ['2841.90', '3824.99'], 'Materiales de cátodo', 'Cathode active materials'),
  component('anode_materials', 'battery_materials', true, ['3801.10', '2504.10'], 'Materiales de ánodo (grafito)', 'Anode materials (graphite)'),
  component('lithium_compounds', 'battery_materials', true, ['2836.91', '2825.20'], 'Compuestos de litio', 'Lithium compounds'),
  component('wire_harness', 'vehicle_electrical', false, ['8544.30'], 'Arneses eléctricos', 'Wiring harnesses'),
  component('ecu', 'vehicle_electrical', false, ['8537.10'], 'Unidades de control electrónico (ECU)', 'Electronic control units (ECU)'),
  component('sensors', 'vehicle_electrical', false, ['9026.20', '9031.80', '9032.89'], 'Sensores', 'Sensors'),
  component('lighting', 'vehicle_electrical', false, ['8512.20'], 'Iluminación', 'Lighting'),
  component('engine', 'conventional_powertrain', false, ['8407.34', '8408.20'], 'Motores de combustión interna', 'Internal combustion engines'),
  component('engine_parts', 'conventional_powertrain', false, ['8409.91', '8409.99'], 'Partes de motor', 'Engine parts'),
  component('transmission', 'conventional_powertrain', false, ['8708.40'], 'Transmisiones', 'Transmissions'),
  component('exhaust_system', 'conventional_powertrain', false, ['8708.92'], 'Sistemas de escape', 'Exhaust systems'),
  component('fuel_system', 'conventional_powertrain', false, ['8413.30', '8708.99'], 'Sistemas de combustible', 'Fuel systems'),
  component('radiator', 'conventional_powertrain', false, ['8708.91'], 'Radiadores', 'Radiators'),
  component('brakes', 'chassis', false, ['8708.30'], 'Frenos', 'Brakes'),
  component('steering', 'chassis', false, ['8708.94'], 'Dirección', 'Steering'),
  component('suspension', 'chassis', false, ['8708.80'], 'Suspensión', 'Suspension'),
  component('axles', 'chassis', false, ['8708.50'], 'Ejes', 'Axles'),
  component('wheels', 'chassis', false, ['8708.70'], 'Rines y ruedas', 'Wheels'),
  component('tyres', 'chassis', false, ['4011.10', '4011.20'], 'Llantas', 'Tyres'),
  component('body_stampings', 'body_interior', false, ['8708.29'], 'Partes estampadas de carrocería', 'Body stampings'),
  component('bodies', 'body_interior', false, ['8707.10', '8707.90'], 'Carrocerías', 'Vehicle bodies'),
  component('seats', 'body_interior', false, ['9401.20'], 'Asientos', 'Seats'),
  component('interior_trim', 'body_interior', false, ['8708.29', '3926.30'], 'Interiores y vestiduras', 'Interior trim'),
  component('safety_systems', 'body_interior', false, ['8708.21', '8708.95'], 'Cinturones y bolsas de aire', 'Seat belts and airbags'),
  component('glass', 'body_interior', false, ['7007.11', '7007.21'], 'Vidrios automotrices', 'Automotive glass'),
  component('bumpers', 'body_interior', false, ['8708.10'], 'Defensas', 'Bumpers'),
  component('steel', 'materials', false, ['7208', '7209', '7210'], 'Acero plano', 'Flat-rolled steel'),
  component('aluminium', 'materials', false, ['7601', '7604', '7606'], 'Aluminio', 'Aluminium'),
  component('copper', 'materials', false, ['7408', '7409'], 'Cobre (alambre y lámina)', 'Copper (wire and sheet)'),
  component('plastics', 'materials', false, ['3901', '3902', '3907', '3908'], 'Resinas plásticas', 'Plastic resins'),
];

export const certifications = [
  { code: 'iatf_16949', es: 'IATF 16949 (calidad automotriz)', en: 'IATF 16949 (automotive quality)' },
  { code: 'iso_9001', es: 'ISO 9001 (calidad)', en: 'ISO 9001 (quality)' },
  { code: 'iso_14001', es: 'ISO 14001 (ambiental)', en: 'ISO 14001 (environmental)' },
  { code: 'iso_45001', es: 'ISO 45001 (seguridad y salud en el trabajo)', en: 'ISO 45001 (occupational health and safety)' },
  { code: 'iso_50001', es: 'ISO 50001 (energía)', en: 'ISO 50001 (energy)' },
  { code: 'tisax', es: 'TISAX (seguridad de la información)', en: 'TISAX (information security)' },
  { code: 'industria_limpia', es: 'Industria Limpia (PROFEPA)', en: 'Clean Industry (PROFEPA)' },
] as const satisfies readonly Labelled[];
export type CertificationCode = (typeof certifications)[number]['code'];

/** DENUE's `per_ocu` strata, as INEGI publishes them. */
export const employeeStrata = [
  { code: '0-5', es: '0 a 5 personas', en: '0 to 5 people', min: 0, max: 5 },
  { code: '6-10', es: '6 a 10 personas', en: '6 to 10 people', min: 6, max: 10 },
  { code: '11-30', es: '11 a 30 personas', en: '11 to 30 people', min: 11, max: 30 },
  { code: '31-50', es: '31 a 50 personas', en: '31 to 50 people', min: 31, max: 50 },
  { code: '51-100', es: '51 a 100 personas', en: '51 to 100 people', min: 51, max: 100 },
  { code: '101-250', es: '101 a 250 personas', en: '101 to 250 people', min: 101, max: 250 },
  { code: '251+', es: '251 y más personas', en: '251 or more people', min: 251, max: null },
] as const;
export type EmployeeStratum = (typeof employeeStrata)[number]['code'];

/**
 * Size by employees for manufacturing, as the Ministry of Economy classifies MSMEs
 * (DOF 30/06/2009): micro up to 10, small 11–50, medium 51–250, large above.
 */
export const sizeClasses = [
  { code: 'micro', es: 'Micro (hasta 10 personas)', en: 'Micro (up to 10 people)' },
  { code: 'small', es: 'Pequeña (11 a 50)', en: 'Small (11 to 50)' },
  { code: 'medium', es: 'Mediana (51 a 250)', en: 'Medium (51 to 250)' },
  { code: 'large', es: 'Grande (más de 250)', en: 'Large (over 250)' },
] as const satisfies readonly Labelled[];
export type SizeClass = (typeof sizeClasses)[number]['code'];

export const evReadiness = [
  { code: 'makes_ev_parts', es: 'Ya fabrica partes para vehículos eléctricos', en: 'Makes EV parts now' },
  { code: 'could_convert', es: 'Podría reconvertirse', en: 'Could convert' },
  { code: 'not_yet', es: 'Aún no', en: 'Not yet' },
] as const satisfies readonly Labelled[];
export type EvReadiness = (typeof evReadiness)[number]['code'];

/**
 * SCIAN 2018 prefixes of the automotive supply chain: what DENUE files are filtered to.
 * Vehicle, body and parts manufacturing (3361–3363), and the industries that make their
 * components and materials (metals, plastics and rubber, electrical equipment and batteries,
 * electronics, engines and transmissions, textiles for trim, glass).
 */
export const automotiveScianPrefixes = [
  '3361', '3362', '3363', // vehicles, bodies and trailers, parts
  '3311', '3312', '3313', '3314', '3315', // iron and steel, aluminium, non-ferrous, foundries
  '3321', '3322', '3326', '3327', '3328', '3329', // forging and stamping, tools, springs and wire, machining, coating and heat treatment, other metal products
  '3261', '3262', // plastics, rubber
  '3336', '3339', // engines and transmissions, other machinery
  '3341', '3342', '3343', '3344', '3345', // electronics
  '3351', '3353', '3359', // lighting, electrical equipment, other (batteries, wire, wiring devices)
  '3141', '3149', // textiles (seat fabric, trim)
  '3272', // glass
  '3251', '3259', // basic chemicals (lithium compounds), other chemicals
] as const;

export const isAutomotiveScian = (scian: string) => automotiveScianPrefixes.some((prefix) => scian.startsWith(prefix));

export const labelOf = (list: readonly Labelled[], code: string, lang: 'es' | 'en' = 'es') =>
  list.find((item) => item.code === code)?.[lang] ?? code;
