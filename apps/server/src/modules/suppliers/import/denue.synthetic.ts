/**
 * SYNTHETIC DENUE files for tests and benchmarks: rows shaped like INEGI's DENUE CSV (same
 * 42 columns, Latin-1), every establishment labelled "SINTÉTICO" in its name and company.
 * What is real: the SCIAN classes (automotive classes of the shipped SCIAN 2018 catalogue),
 * and the places — each point is an INEGI locality of 1,000+ inhabitants (Censo 2020, shipped
 * in data/reference/geo) with its own cve_ent and cve_mun, moved by at most ~300 m. Nothing
 * else describes a real establishment. Deterministic: the same seed gives the same bytes.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { employeeStrata, isAutomotiveScian } from '../suppliers.taxonomy.js';
import type { ScianLookup } from './scian.js';

/** DENUE's CSV columns, in INEGI's order. */
export const denueHeader = [
  'id', 'clee', 'nom_estab', 'raz_social', 'codigo_act', 'nombre_act', 'per_ocu', 'tipo_vial', 'nom_vial', 'tipo_v_e_1', 'nom_v_e_1',
  'tipo_v_e_2', 'nom_v_e_2', 'tipo_v_e_3', 'nom_v_e_3', 'numero_ext', 'letra_ext', 'edificio', 'edificio_e', 'numero_int', 'letra_int',
  'tipo_asent', 'nomb_asent', 'tipoCenCom', 'nom_CenCom', 'num_local', 'cod_postal', 'cve_ent', 'entidad', 'cve_mun', 'municipio',
  'cve_loc', 'localidad', 'ageb', 'manzana', 'telefono', 'correoelec', 'www', 'tipoUniEco', 'latitud', 'longitud', 'fecha_alta',
] as const;
export type DenueRow = Record<(typeof denueHeader)[number], string>;

export interface Locality {
  cveEnt: string;
  cveMun: string;
  cveLoc: string;
  state: string;
  municipality: string;
  name: string;
  lat: number;
  lon: number;
}

/** Reads the shipped localities (`localidades_1000plus_censo2020.csv`). */
export function loadLocalities(file: string): Locality[] {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  return rows
    .map((r) => ({
      cveEnt: r.cve_entidad!, cveMun: r.cve_municipio!, cveLoc: r.cve_localidad!, state: r.nom_entidad!, municipality: r.nom_municipio!,
      name: r.nom_localidad!, lat: Number(r.latitud), lon: Number(r.longitud),
    }))
    .filter((l) => Number.isFinite(l.lat) && Number.isFinite(l.lon));
}

/** The automotive SCIAN classes of the catalogue (what a DENUE extract for the census holds). */
export const automotiveClasses = (scian: ScianLookup) => scian.codes.filter((c) => scian.isClass(c) && isAutomotiveScian(c));

/** mulberry32: a small, fast, seeded PRNG (not for anything but test data). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const products = ['AUTOPARTES', 'ARNESES', 'ESTAMPADOS', 'FUNDICIÓN', 'MAQUINADOS', 'PLÁSTICOS TÉCNICOS', 'HULES', 'TROQUELES', 'FORJA', 'ELECTRÓNICA AUTOMOTRIZ'];
const places = ['DEL BAJÍO', 'DEL NORTE', 'DE OCCIDENTE', 'DEL GOLFO', 'DEL CENTRO', 'PENINSULAR', 'DE LA LAGUNA', 'NOROESTE'];
const legalForms = ['S.A. DE C.V.', 'S. DE R.L. DE C.V.', 'S.A.P.I. DE C.V.', 'SA DE CV'];
const streetTypes = ['CALLE', 'AVENIDA', 'BOULEVARD', 'CARRETERA', 'CIRCUITO'];
const streetNames = ['DE LA INDUSTRIA', 'MONTERREY', 'JOSÉ MARÍA MORELOS', 'LÁZARO CÁRDENAS', 'PEÑUELAS', 'NIÑOS HÉROES', 'DEL ÁGUILA'];
const settlementTypes = ['COLONIA', 'FRACCIONAMIENTO', 'ZONA INDUSTRIAL', 'PARQUE INDUSTRIAL'];
const monthsEs = ['ENERO', 'FEBRERO', 'MARZO', 'ABRIL', 'MAYO', 'JUNIO', 'JULIO', 'AGOSTO', 'SEPTIEMBRE', 'OCTUBRE', 'NOVIEMBRE', 'DICIEMBRE'];
// Small establishments dominate DENUE; large plants are few.
const strataWeights = [0.38, 0.16, 0.18, 0.08, 0.08, 0.07, 0.05];

export interface SyntheticDenueOptions {
  rows: number;
  seed?: number;
  /** First DENUE id (ids are consecutive). */
  firstId?: number;
  localities: readonly Locality[];
  /** SCIAN classes to draw from (see `automotiveClasses`). */
  scianClasses: readonly string[];
  /** Titles for `nombre_act`. */
  scian: ScianLookup;
}

/** The rows, one at a time: memory stays flat whatever the count. */
export function* syntheticDenueRows(options: SyntheticDenueOptions): Generator<DenueRow> {
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const firstId = options.firstId ?? 9_000_000;
  // One company for every ~3 plants, so some legal names repeat across plants and states.
  const companies = Math.max(1, Math.floor(options.rows / 3));
  for (let i = 0; i < options.rows; i++) {
    const place = pick(options.localities);
    const code = pick(options.scianClasses);
    let r = next();
    let stratum = 0;
    while (stratum < strataWeights.length - 1 && r > strataWeights[stratum]!) r -= strataWeights[stratum++]!;
    const company = Math.floor(next() * companies);
    // Micro businesses often have no legal name in DENUE (natural persons).
    const legal = stratum <= 1 && next() < 0.5
      ? ''
      : `${products[company % products.length]} SINTÉTICOS ${places[company % places.length]} ${String(company).padStart(6, '0')}, ${legalForms[company % legalForms.length]}`;
    const settlement = pick(settlementTypes);
    const year = 2010 + Math.floor(next() * 14);
    const month = 1 + Math.floor(next() * 12);
    const id = firstId + i;
    yield {
      id: String(id),
      clee: `${place.cveEnt}${place.cveMun}${code}${String(id).padStart(12, '0')}S`,
      nom_estab: `PLANTA SINTÉTICA ${pick(products)} ${String(i + 1).padStart(7, '0')}`,
      raz_social: legal,
      codigo_act: code,
      nombre_act: options.scian.titleOf(code) ?? '',
      per_ocu: employeeStrata[stratum]!.es,
      tipo_vial: pick(streetTypes),
      nom_vial: pick(streetNames),
      tipo_v_e_1: 'CALLE', nom_v_e_1: pick(streetNames), tipo_v_e_2: 'CALLE', nom_v_e_2: pick(streetNames), tipo_v_e_3: 'NINGUNO', nom_v_e_3: 'NINGUNO',
      numero_ext: String(1 + Math.floor(next() * 3000)),
      letra_ext: '', edificio: '', edificio_e: '', numero_int: '', letra_int: '',
      tipo_asent: settlement,
      nomb_asent: `${pick(['SAN JOSÉ', 'SANTA MARÍA', 'LAS PEÑAS', 'EL ÁLAMO', 'INDUSTRIAL'])} SINTÉTICA`,
      tipoCenCom: settlement === 'PARQUE INDUSTRIAL' ? 'PARQUE INDUSTRIAL' : '',
      nom_CenCom: settlement === 'PARQUE INDUSTRIAL' ? `PARQUE INDUSTRIAL SINTÉTICO ${place.municipality.toUpperCase()}` : '',
      num_local: '',
      cod_postal: String(20000 + Math.floor(next() * 70000)).padStart(5, '0'),
      cve_ent: place.cveEnt, entidad: place.state.toUpperCase(), cve_mun: place.cveMun, municipio: place.municipality.toUpperCase(),
      cve_loc: place.cveLoc, localidad: place.name.toUpperCase(), ageb: '0000', manzana: '000',
      telefono: stratum >= 3 ? `55${String(10_000_000 + Math.floor(next() * 89_999_999))}` : '',
      correoelec: stratum >= 4 ? `contacto${i + 1}@sintetico.example` : '',
      www: stratum >= 5 ? `www.sintetico${company}.example` : '',
      tipoUniEco: 'Fijo',
      // Within ~300 m of the locality's point.
      latitud: (place.lat + (next() - 0.5) * 0.005).toFixed(7),
      longitud: (place.lon + (next() - 0.5) * 0.005).toFixed(7),
      // INEGI writes "2010-07"; older extracts "JULIO 2010".
      fecha_alta: next() < 0.8 ? `${year}-${String(month).padStart(2, '0')}` : `${monthsEs[month - 1]} ${year}`,
    };
  }
}

const rowsPerBatch = 10_000;

/** CSV lines of rows (no header), as csv-stringify quotes them. */
const linesOf = (rows: DenueRow[]) => stringify(rows.map((r) => denueHeader.map((c) => r[c])), { record_delimiter: 'windows' });

/** A whole synthetic file in memory, Latin-1 as INEGI publishes it: for tests. `extraRows` are appended as given. */
export function syntheticDenueCsv(options: SyntheticDenueOptions, extraRows: DenueRow[] = []): Buffer {
  const header = stringify([denueHeader as unknown as string[]], { record_delimiter: 'windows' });
  return iconv.encode(header + linesOf([...syntheticDenueRows(options), ...extraRows]), 'latin1');
}

/** Writes a synthetic file to disk in batches, Latin-1, waiting on the stream: for the million-row benchmark. */
export async function writeSyntheticDenue(file: string, options: SyntheticDenueOptions): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'latin1'))) await once(out, 'drain');
  };
  await write(stringify([denueHeader as unknown as string[]], { record_delimiter: 'windows' }));
  let batch: DenueRow[] = [];
  for (const row of syntheticDenueRows(options)) {
    batch.push(row);
    if (batch.length === rowsPerBatch) {
      await write(linesOf(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await write(linesOf(batch));
  out.end();
  await once(out, 'finish');
}
