/**
 * Pure rules of the training catalogue: the vocabularies of a programme or course, the
 * validation of what providers publish (one problem per field, each with a stable code) and
 * the folded text the catalogue search reads. No database, no HTTP.
 */
import type { ErrorCode } from '@electrifica/contracts';
import { foldForSearch } from '../../../platform/text.js';
import { cleanOptional, cleanText, isCalendarDate, isCurrency, isLanguageCode, type FieldProblem } from '../jobs/jobs.domain.js';

export const courseKinds = ['programme', 'course'] as const;
/** Degree levels as demand reports them, and short courses (CECATI-type, company training) that lead to no degree. */
export const courseLevels = ['technical', 'undergraduate', 'graduate', 'short_course'] as const;
export const modalities = ['in_person', 'online', 'mixed'] as const;
export type Modality = (typeof modalities)[number];

/** Organisation types whose editors publish courses (universities register as training centres). */
export const providerTypes: ReadonlySet<string> = new Set(['training_centre', 'university', 'company', 'government_office']);

export const limits = { title: 300, text: 4000, skills: 40, languages: 10, startDates: 24, url: 2000, durationHours: 20_000, seatsPerYear: 1_000_000 } as const;

export interface CourseFields {
  kind: (typeof courseKinds)[number];
  title: string;
  description: string | null;
  level: (typeof courseLevels)[number];
  modality: Modality;
  durationHours: number;
  languages: string[];
  country: 'MX' | 'US' | null;
  stateCode: string | null;
  municipalityCode: string | null;
  lat: number | null;
  lon: number | null;
  skills: string[];
  certificationCode: string | null;
  partnerName: string | null;
  partnerCountry: string | null;
  startDates: string[];
  isFree: boolean;
  costAmount: number | null;
  costCurrency: string | null;
  seatsPerYear: number | null;
  url: string | null;
}

export const courseRequired = ['kind', 'title', 'level', 'modality', 'durationHours', 'languages', 'skills', 'isFree'] as const;

export interface CourseContext {
  skills: ReadonlySet<string>;
  certifications: ReadonlySet<string>;
  states: { MX: ReadonlySet<string>; US: ReadonlySet<string> };
  /** cvegeo → cve_ent of the Mexican municipalities named in the input. */
  municipalities: ReadonlyMap<string, string>;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && cleanText(v) === '');
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** ISO 3166-1 alpha-2, upper case, a region the runtime can name (MX, US, DE…). */
export function isCountryCode(code: string): boolean {
  // User-assigned codes (AA, QM–QZ, XA–XZ, ZZ "unknown region") name no country.
  if (!/^[A-Z]{2}$/.test(code) || /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}
/** An absolute http(s) URL: anything else (javascript:, data:) would become a live link in a page. */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Problems of a course. With `partial`, only the fields given are checked (an edit) against
 * what is stored (`current`): cost, place and modality are checked as a whole.
 */
export function courseProblems(input: Partial<CourseFields>, context: CourseContext, options: { partial?: boolean; current?: CourseFields } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'TRAINING.INVALID_COURSE') => problems.push({ path, code, message });
  if (!options.partial) {
    for (const field of courseRequired) {
      const v = input[field];
      if (isBlank(v) || (Array.isArray(v) && v.length === 0)) add(`/${field}`, field === 'skills' ? 'Name at least one skill taught (taxonomy id).' : `${field} is required.`);
    }
  } else {
    for (const field of courseRequired) {
      if (field in input && (isBlank(input[field]) || (Array.isArray(input[field]) && (input[field] as unknown[]).length === 0))) add(`/${field}`, `${field} is required.`);
    }
  }
  const f = { ...options.current, ...input };
  const oneOf = (field: keyof CourseFields, list: readonly string[]) => {
    const v = input[field];
    if (!isBlank(v) && !list.includes(v as string)) add(`/${field}`, `"${String(v)}" is not one of ${list.join(', ')}.`);
  };
  oneOf('kind', courseKinds);
  oneOf('level', courseLevels);
  oneOf('modality', modalities);
  if (!isBlank(input.title) && cleanText(input.title!).length > limits.title) add('/title', `At most ${limits.title} characters.`);
  if (!isBlank(input.description) && cleanText(input.description!).length > limits.text) add('/description', `At most ${limits.text} characters.`);
  if (input.durationHours !== undefined && input.durationHours !== null && !(Number.isFinite(input.durationHours) && input.durationHours > 0 && input.durationHours <= limits.durationHours)) {
    add('/durationHours', `The duration is a number of hours above 0 and at most ${limits.durationHours}.`);
  }
  if (input.languages !== undefined) {
    if (input.languages.length > limits.languages) add('/languages', `At most ${limits.languages} languages.`);
    const seen = new Set<string>();
    input.languages.forEach((c, i) => {
      if (!isLanguageCode(c)) add(`/languages/${i}`, `"${c}" is not an ISO 639-1 language code (es, en, fr…).`);
      else if (seen.has(c)) add(`/languages/${i}`, `Language "${c}" is listed twice.`);
      seen.add(c);
    });
  }
  if (input.skills !== undefined) {
    if (input.skills.length > limits.skills) add('/skills', `At most ${limits.skills} skills.`);
    const seen = new Set<string>();
    input.skills.forEach((id, i) => {
      if (!context.skills.has(id)) add(`/skills/${i}`, `"${id}" is not a skill of the taxonomy (GET /api/v1/skills/skills?q=…).`, 'TRAINING.UNKNOWN_SKILL');
      else if (seen.has(id)) add(`/skills/${i}`, `Skill "${id}" is listed twice.`);
      seen.add(id);
    });
  }
  // Place: required unless the course is wholly online; the state is the country's.
  const placeTouched = ['modality', 'country', 'stateCode', 'municipalityCode'].some((k) => k in input);
  if (placeTouched) {
    if (!isBlank(f.modality) && f.modality !== 'online' && (isBlank(f.country) || isBlank(f.stateCode))) add(isBlank(f.country) ? '/country' : '/stateCode', 'An in-person or mixed course gives its country and state.');
    if (!isBlank(f.country) && f.country !== 'MX' && f.country !== 'US') add('/country', `Country "${f.country}" is not MX or US.`);
    else if (!isBlank(f.country)) {
      if (!isBlank(f.stateCode) && !context.states[f.country!].has(f.stateCode!)) {
        add('/stateCode', f.country === 'MX' ? `"${f.stateCode}" is not an INEGI state code (cve_ent: 01 … 32).` : `"${f.stateCode}" is not a USPS state code (MI, TX…).`, 'TRAINING.UNKNOWN_PLACE');
      }
      if (!isBlank(f.municipalityCode)) {
        if (f.country !== 'MX') add('/municipalityCode', 'Municipalities are INEGI codes, for courses in Mexico.');
        else {
          const state = context.municipalities.get(f.municipalityCode!);
          if (!state) add('/municipalityCode', `"${f.municipalityCode}" is not an INEGI municipality code (cvegeo, 5 digits).`, 'TRAINING.UNKNOWN_PLACE');
          else if (state !== f.stateCode) add('/municipalityCode', `Municipality ${f.municipalityCode} is in state ${state}, not ${f.stateCode}.`, 'TRAINING.UNKNOWN_PLACE');
        }
      }
    } else if (!isBlank(f.stateCode) || !isBlank(f.municipalityCode)) add('/country', 'Give the country of the state.');
  }
  if ('lat' in input || 'lon' in input) {
    const { lat, lon } = f;
    if ((lat === null || lat === undefined) !== (lon === null || lon === undefined)) add(lat === null || lat === undefined ? '/lat' : '/lon', 'Give both latitude and longitude, or neither.');
    else if (lat !== null && lat !== undefined && (!(Math.abs(lat) <= 90) || !(Math.abs(lon!) <= 180))) add('/lat', 'Latitude is −90 to 90 and longitude −180 to 180 (WGS84).');
  }
  if (!isBlank(input.certificationCode) && !context.certifications.has(input.certificationCode!)) {
    add('/certificationCode', `"${input.certificationCode}" is not a certification of the taxonomy (CONOCER standards such as EC1547; see a skill's certifications).`, 'TRAINING.UNKNOWN_CERTIFICATION');
  }
  if ('partnerName' in input || 'partnerCountry' in input) {
    if (isBlank(f.partnerName) !== isBlank(f.partnerCountry)) add(isBlank(f.partnerName) ? '/partnerName' : '/partnerCountry', 'A bi-national partner has a name and a country.');
    if (!isBlank(f.partnerCountry) && !isCountryCode(f.partnerCountry!)) add('/partnerCountry', `"${f.partnerCountry}" is not an ISO 3166-1 alpha-2 country code (US, CA, DE…).`);
    if (!isBlank(f.partnerName) && cleanText(f.partnerName!).length > limits.title) add('/partnerName', `At most ${limits.title} characters.`);
  }
  if (input.startDates !== undefined) {
    if (input.startDates.length > limits.startDates) add('/startDates', `At most ${limits.startDates} start dates.`);
    input.startDates.forEach((d, i) => { if (!isCalendarDate(d)) add(`/startDates/${i}`, `"${d}" is not a date YYYY-MM-DD.`); });
  }
  if (['isFree', 'costAmount', 'costCurrency'].some((k) => k in input)) {
    if (f.isFree === true && (!isBlank(f.costAmount) || !isBlank(f.costCurrency))) add('/costAmount', 'A free course has no cost; leave costAmount and costCurrency empty.');
    if (f.isFree === false) {
      if (isBlank(f.costAmount)) add('/costAmount', 'Give the cost (or set isFree).');
      else if (!(Number.isFinite(f.costAmount) && f.costAmount! > 0)) add('/costAmount', 'A cost is a number above 0 (a free course sets isFree).');
      if (isBlank(f.costCurrency)) add('/costCurrency', 'Give the currency of the cost.');
      else if (!isCurrency(f.costCurrency!)) add('/costCurrency', `"${f.costCurrency}" is not an ISO 4217 currency code (MXN, USD…).`, 'TRAINING.UNKNOWN_CURRENCY');
    }
  }
  if (input.seatsPerYear !== undefined && input.seatsPerYear !== null && !(Number.isInteger(input.seatsPerYear) && input.seatsPerYear >= 1 && input.seatsPerYear <= limits.seatsPerYear)) {
    add('/seatsPerYear', 'Seats per year is a whole number of 1 or more (leave it empty when not known).');
  }
  if (!isBlank(input.url) && (input.url!.length > limits.url || !isWebUrl(input.url!.trim()))) add('/url', 'The URL is an absolute http:// or https:// address.');
  return problems;
}

/** A valid course as stored: text cleaned, dates sorted and unique. */
export function normaliseCourse(f: CourseFields): CourseFields {
  return {
    ...f,
    title: cleanText(f.title),
    description: cleanOptional(f.description),
    stateCode: cleanOptional(f.stateCode),
    municipalityCode: cleanOptional(f.municipalityCode),
    certificationCode: cleanOptional(f.certificationCode),
    partnerName: cleanOptional(f.partnerName),
    partnerCountry: cleanOptional(f.partnerCountry),
    startDates: [...new Set(f.startDates)].sort(),
    url: cleanOptional(f.url),
    costAmount: f.isFree ? null : f.costAmount,
    costCurrency: f.isFree ? null : f.costCurrency,
  };
}

/** What the catalogue's text search reads: title, description, provider, partner, folded. */
export const courseSearchText = (parts: readonly (string | null | undefined)[]) => foldForSearch(parts.filter(Boolean).join(' '));

/**
 * Where a course stands for someone near `near`: in their state, online (anywhere), in their
 * country, or elsewhere. The order the job board's "courses that close a gap" are listed in.
 */
export type Nearness = 'same_state' | 'online' | 'same_country' | 'elsewhere';
export const nearnessOrder: readonly Nearness[] = ['same_state', 'online', 'same_country', 'elsewhere'];
