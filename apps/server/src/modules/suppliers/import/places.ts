import { foldForSearch } from '../../../platform/text.js';

/**
 * State names as Mexican registries write them → INEGI state code (cve_ent): the official
 * names, the short ones, and the old ones registries still use ("DISTRITO FEDERAL",
 * "ESTADO DE MEXICO", "VERACRUZ"), compared folded (accents, case and punctuation aside).
 */
const stateNames: Array<[string, string[]]> = [
  ['01', ['Aguascalientes', 'Ags']],
  ['02', ['Baja California', 'BC']],
  ['03', ['Baja California Sur', 'BCS']],
  ['04', ['Campeche', 'Camp']],
  ['05', ['Coahuila de Zaragoza', 'Coahuila', 'Coah']],
  ['06', ['Colima', 'Col']],
  ['07', ['Chiapas', 'Chis']],
  ['08', ['Chihuahua', 'Chih']],
  ['09', ['Ciudad de México', 'CDMX', 'Distrito Federal', 'DF', 'México DF', 'Mexico D F']],
  ['10', ['Durango', 'Dgo']],
  ['11', ['Guanajuato', 'Gto']],
  ['12', ['Guerrero', 'Gro']],
  ['13', ['Hidalgo', 'Hgo']],
  ['14', ['Jalisco', 'Jal']],
  ['15', ['México', 'Estado de México', 'Edomex', 'Edo Mex', 'Mex']],
  ['16', ['Michoacán de Ocampo', 'Michoacán', 'Mich']],
  ['17', ['Morelos', 'Mor']],
  ['18', ['Nayarit', 'Nay']],
  ['19', ['Nuevo León', 'NL']],
  ['20', ['Oaxaca', 'Oax']],
  ['21', ['Puebla', 'Pue']],
  ['22', ['Querétaro', 'Querétaro de Arteaga', 'Qro']],
  ['23', ['Quintana Roo', 'Q Roo', 'QRoo']],
  ['24', ['San Luis Potosí', 'SLP']],
  ['25', ['Sinaloa', 'Sin']],
  ['26', ['Sonora', 'Son']],
  ['27', ['Tabasco', 'Tab']],
  ['28', ['Tamaulipas', 'Tamps']],
  ['29', ['Tlaxcala', 'Tlax']],
  ['30', ['Veracruz de Ignacio de la Llave', 'Veracruz', 'Ver']],
  ['31', ['Yucatán', 'Yuc']],
  ['32', ['Zacatecas', 'Zac']],
];

const byFoldedName = new Map<string, string>();
for (const [code, names] of stateNames) {
  byFoldedName.set(code, code);
  for (const name of names) byFoldedName.set(foldForSearch(name), code);
}

/** The state code a name (or a two-digit code) stands for; null when it names no state. */
export function stateCodeOf(name: string | null | undefined): string | null {
  if (!name) return null;
  const trimmed = name.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, '0');
    return byFoldedName.has(code) ? code : null;
  }
  return byFoldedName.get(foldForSearch(trimmed)) ?? null;
}

/** "SN", "S/N", "SIN NUMERO", "NO APLICA", "0": what registries write for "none". */
export function noneToNull(value: string | null): string | null {
  if (value === null) return null;
  const folded = foldForSearch(value);
  return folded === '' || /^(s ?n|sin numero|sin num|no aplica|n a|na|ninguno|0)$/.test(folded) ? null : value.replace(/\s+/g, ' ').trim();
}

/** A postal code written as a number loses its leading zero ("6000" for 06000). */
export function postalCodeOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  if (/^\d{4,5}$/.test(t)) return t.padStart(5, '0');
  return t === '' ? null : t;
}
