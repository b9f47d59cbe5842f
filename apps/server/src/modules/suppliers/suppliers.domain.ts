/**
 * Pure rules of the supplier census: tax ids, company names as matching sees them,
 * employee strata and size, coordinates as Mexican registries write them.
 */
import { createRequire } from 'node:module';
import { foldForSearch } from '../../platform/text.js';
import { employeeStrata, type EmployeeStratum, type SizeClass } from './suppliers.taxonomy.js';

// A UMD bundle whose types declare an ES default export: required, so runtime and types agree.
const validateRfc = createRequire(import.meta.url)('validate-rfc') as typeof import('validate-rfc').default;
// geographiclib-dms is a UMD bundle too; a namespace import has only `default` under tsx (the CLI, the server), so DMS.Decode was undefined there.
const DMS = createRequire(import.meta.url)('geographiclib-dms') as typeof import('geographiclib-dms');

export type RfcCheck =
  | { ok: true; rfc: string; type: 'company' | 'person' }
  | { ok: false; message: string };

/**
 * An RFC (Registro Federal de Contribuyentes) as SAT issues it: 12 characters for a legal
 * entity, 13 for a person, a real date and the check digit. The generic RFCs
 * (XAXX010101000, XEXX010101000) name nobody and are refused: they would join unrelated
 * companies into one.
 */
export function checkRfc(value: string): RfcCheck {
  const given = value.trim();
  const result = validateRfc(given);
  if (result.isValid && (result.type === 'company' || result.type === 'person')) {
    return { ok: true, rfc: result.rfc!, type: result.type };
  }
  if (result.isValid) return { ok: false, message: `"${given}" is SAT's generic RFC (${result.type}); it identifies no company. Leave the RFC empty instead.` };
  const reasons = (result.errors ?? []).map((e) =>
    e === 'INVALID_FORMAT' ? 'it is not 12 characters (legal entity) or 13 (person) in the form AAA(A)YYMMDDXXX'
      : e === 'INVALID_DATE' ? 'its six digits are not a real date (YYMMDD)'
        : e === 'INVALID_VERIFICATION_DIGIT' ? 'its last character is not the check digit SAT computes'
          : 'it contains a word SAT does not allow');
  return { ok: false, message: `"${given}" is not a valid RFC: ${reasons.join('; ')}.` };
}

/**
 * Mexican legal forms and their common spellings, longest first, folded (no accents, lower
 * case, punctuation as spaces): "S.A. de C.V.", "S. de R.L. de C.V.", "SAPI de CV", "SC"…
 */
const legalForms = [
  's de r l de c v', 's de rl de cv', 'srl de cv', 's de r l', 's de rl', 'srl',
  's a p i de c v', 'sapi de cv', 's a p i', 'sapi',
  's a b de c v', 'sab de cv', 's a b', 'sab',
  's a de c v', 'sa de cv', 's a de cv', 'sa de c v', 's a', 'sa',
  's c de r l de c v', 's c de r l', 'sc de rl', 's c', 'sc', 's c p', 'scp',
  'a c', 'ac', 'i a p', 'iap', 's p r de r l', 'spr de rl', 's p r', 'spr',
  'de c v', 'de cv', 'cv',
  // English and other forms foreign-owned subsidiaries keep in trade names.
  'inc', 'llc', 'ltd', 'gmbh', 'corp', 'co', 'ag', 'se', 'bv', 'nv', 'spa', 'sas',
].map((form) => form.split(' '));

/** Words so common in company names that they say nothing about which company it is. */
const fillerWords = new Set([
  'de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'en', 'the', 'and', 'of', 'mexico', 'mexicana', 'mexicano', 'grupo', 'group',
]);

/** Abbreviations registries use inconsistently, written out. */
const abbreviations: Record<string, string> = {
  cia: 'compania', comp: 'compania', corp: 'corporacion', fab: 'fabrica', fabr: 'fabricacion', ind: 'industrial', inds: 'industrias',
  intl: 'internacional', internat: 'internacional', mfg: 'manufacturing', mex: 'mexico', nal: 'nacional', serv: 'servicios', servs: 'servicios',
  tec: 'tecnologia', tecn: 'tecnologia', dist: 'distribuidora', autom: 'automotriz', automot: 'automotriz',
};

/** Removes the trailing legal form(s) from folded words ("acme sa de cv" → "acme"). */
function stripLegalForm(words: string[]): string[] {
  let end = words.length;
  let stripped = true;
  while (stripped && end > 1) {
    stripped = false;
    for (const form of legalForms) {
      if (form.length < end && form.every((w, i) => words[end - form.length + i] === w)) {
        end -= form.length;
        stripped = true;
        break;
      }
    }
  }
  return words.slice(0, end);
}

/**
 * A company or establishment name as matching compares it: folded, the legal form and
 * trailing commas gone, abbreviations written out ("Cía. Ind. Acme, S.A. de C.V." and
 * "COMPAÑIA INDUSTRIAL ACME SA DE CV" both give "compania industrial acme").
 */
export function nameKey(name: string): string {
  const words = foldForSearch(name.replace(/\./g, ' ')).split(' ').filter((w) => w !== '');
  return stripLegalForm(words).map((w) => abbreviations[w] ?? w).join(' ');
}

/** The words of a name key that identify the company (without filler words). */
export function significantWords(key: string): string[] {
  return key.split(' ').filter((w) => w !== '' && !fillerWords.has(w));
}

/** Which rows belong to one company: the RFC when known, else the name key of the legal name. */
export function companyKey(input: { rfc: string | null; legalName: string }): string | null {
  if (input.rfc) return `rfc:${input.rfc}`;
  const key = nameKey(input.legalName);
  return key === '' ? null : `name:${key}`;
}

/**
 * DENUE's `per_ocu` ("0 a 5 personas", "251 y más personas") or a number of people → the
 * stratum code; null when the text is not one of INEGI's strata.
 */
export function stratumOf(value: string | number): EmployeeStratum | null {
  if (typeof value === 'number' || /^\d+$/.test(String(value).trim())) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) return null;
    return employeeStrata.find((s) => n >= s.min && (s.max === null || n <= s.max))!.code;
  }
  const folded = foldForSearch(String(value));
  const byLabel = employeeStrata.find((s) => foldForSearch(s.es) === folded || foldForSearch(s.en) === folded || s.code === String(value).trim());
  if (byLabel) return byLabel.code;
  const range = /^(\d+) (?:a|to) (\d+)(?: personas| people)?$/.exec(folded);
  if (range) return employeeStrata.find((s) => s.min === Number(range[1]) && s.max === Number(range[2]))?.code ?? null;
  return /^251 (?:y mas|or more)/.test(folded) ? '251+' : null;
}

/** Size class of a stratum (Ministry of Economy, manufacturing). A stratum that straddles a limit is never split. */
export function sizeClassOfStratum(stratum: EmployeeStratum): SizeClass {
  switch (stratum) {
    case '0-5':
    case '6-10':
      return 'micro';
    case '11-30':
    case '31-50':
      return 'small';
    case '51-100':
    case '101-250':
      return 'medium';
    case '251+':
      return 'large';
  }
}

/**
 * A latitude or longitude as Mexican registries write it: decimal degrees, or degrees,
 * minutes and seconds ("22°7'16\"", "99° 4' 20\" W"). RETC's `longitudoeste` is degrees
 * west without a sign, so `westPositive` makes it negative. Null when it cannot be read.
 */
export function parseCoordinate(value: string, options: { westPositive?: boolean } = {}): number | null {
  const given = value.trim().replace(/\s+/g, '').replace(/''/g, '"').replace(/[’′]/g, "'").replace(/[”″]/g, '"');
  if (given === '') return null;
  let degrees: number;
  try {
    // Hemisphere letters are English (N, S, E, W); Spanish "O" (oeste) is W.
    degrees = DMS.Decode(given.replace(/O$/i, 'W')).val;
  } catch {
    return null;
  }
  if (!Number.isFinite(degrees)) return null;
  return options.westPositive && degrees > 0 ? -degrees : degrees;
}

/** Folded text the directory searches: every name and label, accent-free, in both languages. */
export function searchDocument(parts: Array<string | null | undefined>): string {
  return [...new Set(parts.filter((p): p is string => !!p).map((p) => foldForSearch(p)).filter((p) => p !== ''))].join(' ');
}
