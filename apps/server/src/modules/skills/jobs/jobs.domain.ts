/**
 * Pure rules of the job board: the vocabularies a vacancy and a profile use, the
 * validation of what employers and candidates send (one problem per field, each with a
 * stable code), and the matching score with its explanation. No database, no HTTP.
 *
 * The matching score is computed twice: in SQL over every candidate or vacancy (to rank,
 * see jobs.repository.ts) and here for the few results shown (to explain). Both read the
 * weights below; a test checks they agree.
 */
import type { ErrorCode } from '@electrifica/contracts';
import { foldForSearch } from '../../../platform/text.js';

export const countries = ['MX', 'US'] as const;
export type Country = (typeof countries)[number];

export const salaryPeriods = ['hour', 'day', 'week', 'fortnight', 'month', 'year'] as const;
export type SalaryPeriod = (typeof salaryPeriods)[number];

/**
 * Periods per month, to compare salaries posted per hour with salaries posted per year: a
 * 48-hour week in Mexico (Ley Federal del Trabajo art. 61) and a 40-hour week in the US would
 * differ, so one full-time convention is used for both — 40 h × 52 weeks / 12 — and said so
 * in the API. A Mexican quincena is half a month.
 */
export const periodsPerMonth: Record<SalaryPeriod, number> = {
  hour: (40 * 52) / 12,
  day: (5 * 52) / 12,
  week: 52 / 12,
  fortnight: 2,
  month: 1,
  year: 1 / 12,
};
export const monthly = (amount: number, period: SalaryPeriod) => amount * periodsPerMonth[period];

interface Coded { code: string; es: string; en: string }

/** Benefits: Mexican statutory and customary ones, US ones, and a few both sides offer. */
export const benefits: readonly (Coded & { country: Country | 'both' })[] = [
  { code: 'aguinaldo', es: 'Aguinaldo', en: 'Year-end bonus (aguinaldo)', country: 'MX' },
  { code: 'imss', es: 'Seguro social (IMSS)', en: 'Social security (IMSS)', country: 'MX' },
  { code: 'infonavit', es: 'INFONAVIT', en: 'Housing fund (INFONAVIT)', country: 'MX' },
  { code: 'vacation_premium', es: 'Prima vacacional', en: 'Vacation premium', country: 'MX' },
  { code: 'ptu', es: 'Reparto de utilidades (PTU)', en: 'Profit sharing (PTU)', country: 'MX' },
  { code: 'savings_fund', es: 'Fondo de ahorro', en: 'Savings fund', country: 'MX' },
  { code: 'food_vouchers', es: 'Vales de despensa', en: 'Grocery vouchers', country: 'MX' },
  { code: 'major_medical', es: 'Seguro de gastos médicos mayores', en: 'Major medical insurance', country: 'MX' },
  { code: 'health_insurance', es: 'Seguro médico', en: 'Health insurance', country: 'US' },
  { code: 'dental_vision', es: 'Seguro dental y de la vista', en: 'Dental and vision insurance', country: 'US' },
  { code: 'retirement_401k', es: 'Plan de retiro 401(k)', en: '401(k) retirement plan', country: 'US' },
  { code: 'paid_time_off', es: 'Tiempo libre pagado', en: 'Paid time off', country: 'US' },
  { code: 'life_insurance', es: 'Seguro de vida', en: 'Life insurance', country: 'both' },
  { code: 'training', es: 'Capacitación pagada', en: 'Paid training', country: 'both' },
  { code: 'transport', es: 'Transporte de personal', en: 'Staff transport', country: 'both' },
  { code: 'meals', es: 'Comedor o ayuda de alimentos', en: 'Meals or meal allowance', country: 'both' },
  { code: 'relocation', es: 'Apoyo para reubicación', en: 'Relocation support', country: 'both' },
];

export const inclusionFeatures: readonly Coded[] = [
  { code: 'accessible_workplace', es: 'Lugar de trabajo accesible', en: 'Accessible workplace' },
  { code: 'childcare', es: 'Guardería o apoyo para cuidado infantil', en: 'Childcare or childcare support' },
  { code: 'flexible_hours', es: 'Horario flexible', en: 'Flexible hours' },
  { code: 'part_time', es: 'Medio tiempo posible', en: 'Part-time possible' },
  { code: 'parental_leave', es: 'Licencia parental más allá de la ley', en: 'Parental leave beyond the legal minimum' },
  { code: 'lactation_room', es: 'Sala de lactancia', en: 'Lactation room' },
  { code: 'disability_inclusive', es: 'Contratación incluyente de personas con discapacidad', en: 'Disability-inclusive hiring' },
  { code: 'women_in_stem', es: 'Programa para mujeres en áreas técnicas', en: 'Women-in-technical-roles programme' },
  { code: 'no_experience_required', es: 'Sin experiencia previa', en: 'No previous experience required' },
  { code: 'sign_language', es: 'Lengua de señas en el lugar de trabajo', en: 'Sign language at work' },
];

export const workModes = ['on_site', 'hybrid', 'remote'] as const;
export type WorkMode = (typeof workModes)[number];

/** CEFR levels, and "native"; a requirement is met by its level or any above. */
export const languageLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof languageLevels)[number];

export const applicationStatuses = ['submitted', 'reviewed', 'interview', 'offered', 'hired', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const genders = ['woman', 'man', 'non_binary', 'other', 'prefer_not_to_say'] as const;

export const vacancyStatuses = ['draft', 'published', 'closed'] as const;
export type VacancyStatus = (typeof vacancyStatuses)[number];

export const limits = {
  title: 200,
  text: 4000,
  shortText: 300,
  skills: 40,
  languages: 10,
  experience: 20,
  benefits: benefits.length,
  /** Bytes of an uploaded CV. */
  cvBytes: 2 * 1024 * 1024,
} as const;

export interface FieldProblem {
  /** JSON pointer into the request body. */
  path: string;
  code: ErrorCode;
  message: string;
}

// --- free text ---------------------------------------------------------------------------

/*
 * Control characters (C0 but tab and newline, DEL, C1) are removed: they break CSV exports
 * and terminals and carry no meaning in a posting. Markup is NOT removed nor escaped: the
 * text is stored as given and always returned as a JSON string, never rendered as HTML
 * (the web app renders it as text), so "<script>" is inert and the employer's words stay theirs.
 */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(controlCharacters, '').trim();
}
export const cleanOptional = (value: string | null | undefined) => {
  if (value === null || value === undefined) return null;
  const t = cleanText(value);
  return t === '' ? null : t;
};

// --- codes -------------------------------------------------------------------------------

const currencies = new Set(Intl.supportedValuesOf('currency'));
/** An ISO 4217 code the runtime's ICU knows (MXN, USD, CAD…); upper case only. */
export const isCurrency = (code: string) => currencies.has(code);

/** ISO 639-1: two lower-case letters the runtime can name (es, en, nah…). */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2}$/.test(code)) return false;
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

/**
 * A language at a level as one integer, for intarray matching: (letter1 × 26 + letter2) × 10
 * + level (1 = A1 … 7 = native).
 */
export function languageKey(code: string, level: LanguageLevel): number {
  const base = (code.charCodeAt(0) - 97) * 26 + (code.charCodeAt(1) - 97);
  return base * 10 + languageLevels.indexOf(level) + 1;
}
/** The keys of every (language, level) a speaker at `level` meets: C1 meets A1 to C1. */
export function languageGrants(languages: readonly { code: string; level: LanguageLevel }[]): number[] {
  const keys = new Set<number>();
  for (const l of languages) {
    const top = languageLevels.indexOf(l.level);
    for (let i = 0; i <= top; i += 1) keys.add(languageKey(l.code, languageLevels[i]!));
  }
  return [...keys].sort((a, b) => a - b);
}

const codeSet = (list: readonly { code: string }[]) => new Set(list.map((i) => i.code));
export const benefitCodes = codeSet(benefits);
export const inclusionCodes = codeSet(inclusionFeatures);
const listOf = (codes: Iterable<string>) => [...codes].join(', ');

// --- vacancies ---------------------------------------------------------------------------

export interface LanguageRequirement { code: string; level: LanguageLevel }

export interface VacancyFields {
  title: string;
  occupationId: string;
  country: Country;
  stateCode: string;
  municipalityCode: string | null;
  lat: number | null;
  lon: number | null;
  salaryMin: number;
  salaryMax: number;
  salaryCurrency: string;
  salaryPeriod: SalaryPeriod;
  benefits: string[];
  benefitsOther: string | null;
  activities: string;
  requiredSkills: string[];
  optionalSkills: string[];
  languages: LanguageRequirement[];
  workMode: WorkMode;
  inclusion: string[];
  workAuthorisationRequired: boolean;
  closingDate: string | null;
  status: 'draft' | 'published';
  /** SCIAN 2018 code of the employer's industry (2 to 6 digits), optional; null for US employers that have none. */
  industryScian: string | null;
}

/** What validation needs from the database, looked up by the service beforehand. */
export interface ValidationContext {
  skills: ReadonlyMap<string, { seq: number }>;
  occupations: ReadonlySet<string>;
  /** Mexican states by cve_ent and US states by USPS code. */
  states: { MX: ReadonlySet<string>; US: ReadonlySet<string> };
  /** cvegeo → cve_ent of the Mexican municipalities named in the input. */
  municipalities: ReadonlyMap<string, string>;
  /** YYYY-MM-DD, kept out so the rule stays pure. */
  today: string;
  /** Title of a SCIAN 2018 code, or null when the catalogue has no such code (vacancies only). */
  scianTitle?: ((code: string) => string | null) | undefined;
}

/**
 * A SCIAN 2018 code as the catalogue writes it: sector (2 digits), subsector (3), rama (4),
 * subrama (5), clase (6). Two sectors are written as ranges in the catalogue (31-33
 * manufacturing, 48-49 transport); they do not fit this shape, so an employer in them names its
 * subsector or finer (336, 3363, 336320), which is what the board can filter by anyway.
 */
export const scianCode = /^[0-9]{2,6}$/;

export const vacancyRequired = ['title', 'occupationId', 'country', 'stateCode', 'salaryMin', 'salaryMax', 'salaryCurrency', 'salaryPeriod', 'activities', 'workMode', 'requiredSkills'] as const;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isCalendarDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && cleanText(v) === '');

/** Problems with the skill ids of one list; `seen` carries ids across lists (required + optional). */
function skillProblems(ids: readonly string[] | undefined, path: string, context: Pick<ValidationContext, 'skills'>, seen: Set<string>, add: (p: string, m: string, c?: ErrorCode) => void) {
  if (ids === undefined) return;
  if (ids.length > limits.skills) add(path, `At most ${limits.skills} skills.`);
  ids.forEach((id, i) => {
    if (!context.skills.has(id)) add(`${path}/${i}`, `"${id}" is not a skill of the taxonomy (GET /api/v1/skills/skills?q=…).`, 'JOBS.UNKNOWN_SKILL');
    else if (seen.has(id)) add(`${path}/${i}`, `Skill "${id}" is listed twice.`);
    seen.add(id);
  });
}

function languageProblems(list: readonly { code: string; level: string }[] | undefined, path: string, add: (p: string, m: string) => void) {
  if (list === undefined) return;
  if (list.length > limits.languages) add(path, `At most ${limits.languages} languages.`);
  const seen = new Set<string>();
  list.forEach((l, i) => {
    if (!isLanguageCode(l.code)) add(`${path}/${i}/code`, `"${l.code}" is not an ISO 639-1 language code (es, en, fr…).`);
    else if (seen.has(l.code)) add(`${path}/${i}/code`, `Language "${l.code}" is listed twice.`);
    seen.add(l.code);
    if (!(languageLevels as readonly string[]).includes(l.level)) add(`${path}/${i}/level`, `Level "${l.level}" is not one of ${languageLevels.join(', ')}.`);
  });
}

/** Country, state and municipality: Mexican ones by INEGI code, US states by USPS code. */
function placeProblems(f: { country?: string | null; stateCode?: string | null; municipalityCode?: string | null }, context: Pick<ValidationContext, 'states' | 'municipalities'>, add: (p: string, m: string) => void) {
  if (f.country === undefined || f.country === null) return;
  if (f.country !== 'MX' && f.country !== 'US') {
    add('/country', `Country "${f.country}" is not MX or US.`);
    return;
  }
  if (!isBlank(f.stateCode) && !context.states[f.country].has(f.stateCode!)) {
    add('/stateCode', f.country === 'MX'
      ? `"${f.stateCode}" is not an INEGI state code (cve_ent: 01 Aguascalientes … 32 Zacatecas).`
      : `"${f.stateCode}" is not a USPS state code (MI, TX, CA…).`);
  }
  if (f.country === 'MX' && !isBlank(f.municipalityCode)) {
    const state = context.municipalities.get(f.municipalityCode!);
    if (!state) add('/municipalityCode', `"${f.municipalityCode}" is not an INEGI municipality code (cvegeo, 5 digits).`);
    else if (!isBlank(f.stateCode) && state !== f.stateCode) add('/municipalityCode', `Municipality ${f.municipalityCode} is in state ${state}, not ${f.stateCode}.`);
  }
}

/**
 * Problems of a vacancy. With `partial`, only the fields given are checked (an edit); else the
 * required ones must be present too. Salary bounds are checked together with what is stored
 * (`current`) so an edit of one bound cannot invert the range.
 */
export function vacancyProblems(input: Partial<VacancyFields>, context: ValidationContext, options: { partial?: boolean; current?: Partial<VacancyFields> } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'JOBS.INVALID_VACANCY') => problems.push({ path, code, message });
  if (!options.partial) {
    for (const field of vacancyRequired) {
      const v = input[field];
      if (isBlank(v) || (Array.isArray(v) && v.length === 0)) {
        add(`/${field}`, field === 'requiredSkills' ? 'Name at least one required skill (taxonomy id).' : `${field} is required.`);
      }
    }
  }
  const f = { ...options.current, ...input };
  if (input.title !== undefined && !isBlank(input.title) && cleanText(input.title).length > limits.title) add('/title', `At most ${limits.title} characters.`);
  if (input.activities !== undefined && !isBlank(input.activities) && cleanText(input.activities).length > limits.text) add('/activities', `At most ${limits.text} characters.`);
  if (input.occupationId !== undefined && !isBlank(input.occupationId) && !context.occupations.has(input.occupationId)) {
    add('/occupationId', `"${input.occupationId}" is not an occupation of the taxonomy (GET /api/v1/skills/occupations?q=…).`, 'JOBS.UNKNOWN_OCCUPATION');
  }
  if (input.country !== undefined || input.stateCode !== undefined || input.municipalityCode !== undefined) placeProblems(f, context, add);
  if (input.lat !== undefined || input.lon !== undefined) {
    const { lat, lon } = f;
    if ((lat === null || lat === undefined) !== (lon === null || lon === undefined)) add(lat === null || lat === undefined ? '/lat' : '/lon', 'Give both latitude and longitude, or neither.');
    else if (lat !== null && lat !== undefined && (!(Math.abs(lat) <= 90) || !(Math.abs(lon!) <= 180))) add('/lat', 'Latitude is −90 to 90 and longitude −180 to 180 (WGS84).');
  }
  for (const field of ['salaryMin', 'salaryMax'] as const) {
    const v = input[field];
    if (v !== undefined && v !== null && !(Number.isFinite(v) && v >= 0)) add(`/${field}`, 'A salary is a number of 0 or more.');
  }
  if ((input.salaryMin !== undefined || input.salaryMax !== undefined) && typeof f.salaryMin === 'number' && typeof f.salaryMax === 'number' && f.salaryMin > f.salaryMax) {
    add('/salaryMin', `The minimum (${f.salaryMin}) is above the maximum (${f.salaryMax}).`, 'JOBS.SALARY_MIN_ABOVE_MAX');
  }
  if (input.salaryCurrency !== undefined && !isBlank(input.salaryCurrency) && !isCurrency(input.salaryCurrency)) {
    add('/salaryCurrency', `"${input.salaryCurrency}" is not an ISO 4217 currency code (MXN, USD…).`, 'JOBS.UNKNOWN_CURRENCY');
  }
  if (input.salaryPeriod !== undefined && !isBlank(input.salaryPeriod) && !(salaryPeriods as readonly string[]).includes(input.salaryPeriod)) {
    add('/salaryPeriod', `Period "${input.salaryPeriod}" is not one of ${salaryPeriods.join(', ')}.`);
  }
  if (input.benefits !== undefined) {
    const seen = new Set<string>();
    input.benefits.forEach((b, i) => {
      if (!benefitCodes.has(b)) add(`/benefits/${i}`, `"${b}" is not a benefit code; use one of ${listOf(benefitCodes)} (others go in benefitsOther).`);
      else if (seen.has(b)) add(`/benefits/${i}`, `Benefit "${b}" is listed twice.`);
      seen.add(b);
    });
  }
  if (input.benefitsOther !== undefined && input.benefitsOther !== null && cleanText(input.benefitsOther).length > limits.text) add('/benefitsOther', `At most ${limits.text} characters.`);
  const seenSkills = new Set<string>();
  skillProblems(input.requiredSkills, '/requiredSkills', context, seenSkills, add);
  skillProblems(input.optionalSkills, '/optionalSkills', context, seenSkills, add);
  languageProblems(input.languages, '/languages', add);
  if (input.workMode !== undefined && !isBlank(input.workMode) && !(workModes as readonly string[]).includes(input.workMode)) add('/workMode', `Work mode "${input.workMode}" is not one of ${workModes.join(', ')}.`);
  if (input.inclusion !== undefined) {
    const seen = new Set<string>();
    input.inclusion.forEach((c, i) => {
      if (!inclusionCodes.has(c)) add(`/inclusion/${i}`, `"${c}" is not an inclusion feature; use one of ${listOf(inclusionCodes)}.`);
      else if (seen.has(c)) add(`/inclusion/${i}`, `"${c}" is listed twice.`);
      seen.add(c);
    });
  }
  if (input.closingDate !== undefined && input.closingDate !== null) {
    if (!isCalendarDate(input.closingDate)) add('/closingDate', `"${input.closingDate}" is not a date YYYY-MM-DD.`);
    else if (input.closingDate < context.today) add('/closingDate', `The closing date ${input.closingDate} has passed.`);
  }
  if (input.industryScian !== undefined && !isBlank(input.industryScian)) {
    const code = cleanText(input.industryScian!);
    if (!scianCode.test(code)) add('/industryScian', `"${code}" is not a SCIAN 2018 code (2 to 6 digits, e.g. 336320 or 3363).`);
    else if (!context.scianTitle || context.scianTitle(code) === null) add('/industryScian', `${code} is not a code of SCIAN 2018 (INEGI); use a sector to clase code such as 336320.`);
  }
  if (input.status !== undefined && input.status !== 'draft' && input.status !== 'published') add('/status', 'A vacancy is posted as draft or published; close it with POST …/close.');
  return problems;
}

/** The code a response leads with: the most specific problem. */
export function leadingCode(problems: readonly FieldProblem[], fallback: ErrorCode): ErrorCode {
  for (const code of ['JOBS.SALARY_MIN_ABOVE_MAX', 'JOBS.UNKNOWN_CURRENCY', 'JOBS.UNKNOWN_OCCUPATION', 'JOBS.UNKNOWN_SKILL'] as const) {
    if (problems.some((p) => p.code === code)) return code;
  }
  return fallback;
}

/** A valid vacancy as stored: text cleaned, codes de-duplicated, currency upper case. */
export function normaliseVacancy<T extends Partial<VacancyFields>>(f: T): T {
  const out: Partial<VacancyFields> = { ...f };
  if (f.title !== undefined) out.title = cleanText(f.title);
  if (f.activities !== undefined) out.activities = cleanText(f.activities);
  if (f.benefitsOther !== undefined) out.benefitsOther = cleanOptional(f.benefitsOther);
  if (f.municipalityCode !== undefined) out.municipalityCode = cleanOptional(f.municipalityCode);
  if (f.stateCode !== undefined) out.stateCode = f.stateCode.trim();
  if (f.industryScian !== undefined) out.industryScian = cleanOptional(f.industryScian);
  return out as T;
}

/** What text search reads: title, activities and the occupation's labels, folded. */
export const searchText = (parts: readonly (string | null | undefined)[]) => foldForSearch(parts.filter(Boolean).join(' '));

/** The key two places compare by: the cvegeo in Mexico, the folded name in the US. */
export const municipalityKey = (country: string | null | undefined, code: string | null | undefined) =>
  !code ? null : country === 'MX' ? code : foldForSearch(code);

// --- candidate profiles --------------------------------------------------------------------

export interface ExperienceEntry { occupationId: string; years: number; title: string | null }

export interface ProfileFields {
  skills: string[];
  experience: ExperienceEntry[];
  country: Country | null;
  stateCode: string | null;
  municipalityCode: string | null;
  languages: LanguageRequirement[];
  authorisedMx: boolean;
  authorisedUs: boolean;
  desiredSalaryMin: number | null;
  desiredSalaryCurrency: string | null;
  desiredSalaryPeriod: SalaryPeriod | null;
  gender: (typeof genders)[number] | null;
  openToEmployers: boolean;
}

export function profileProblems(f: ProfileFields, context: Omit<ValidationContext, 'today'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'JOBS.INVALID_PROFILE') => problems.push({ path, code, message });
  skillProblems(f.skills, '/skills', context, new Set(), add);
  if (f.experience.length > limits.experience) add('/experience', `At most ${limits.experience} entries.`);
  f.experience.forEach((e, i) => {
    if (!context.occupations.has(e.occupationId)) add(`/experience/${i}/occupationId`, `"${e.occupationId}" is not an occupation of the taxonomy.`, 'JOBS.UNKNOWN_OCCUPATION');
    if (!(Number.isFinite(e.years) && e.years >= 0 && e.years <= 70)) add(`/experience/${i}/years`, 'Years of experience are 0 to 70.');
    if (e.title !== null && cleanText(e.title).length > limits.shortText) add(`/experience/${i}/title`, `At most ${limits.shortText} characters.`);
  });
  if (f.country === null && (f.stateCode !== null || f.municipalityCode !== null)) add('/country', 'Give the country of the state.');
  placeProblems(f, context, add);
  languageProblems(f.languages, '/languages', add);
  if (f.desiredSalaryMin !== null) {
    if (!(Number.isFinite(f.desiredSalaryMin) && f.desiredSalaryMin >= 0)) add('/desiredSalaryMin', 'A salary is a number of 0 or more.');
    if (f.desiredSalaryCurrency === null) add('/desiredSalaryCurrency', 'Give the currency of the desired salary.');
    if (f.desiredSalaryPeriod === null) add('/desiredSalaryPeriod', 'Give the period of the desired salary.');
  }
  if (f.desiredSalaryCurrency !== null && !isCurrency(f.desiredSalaryCurrency)) add('/desiredSalaryCurrency', `"${f.desiredSalaryCurrency}" is not an ISO 4217 currency code (MXN, USD…).`, 'JOBS.UNKNOWN_CURRENCY');
  if (f.desiredSalaryPeriod !== null && !(salaryPeriods as readonly string[]).includes(f.desiredSalaryPeriod)) add('/desiredSalaryPeriod', `Period "${f.desiredSalaryPeriod}" is not one of ${salaryPeriods.join(', ')}.`);
  if (f.gender !== null && !(genders as readonly string[]).includes(f.gender)) add('/gender', `Gender is optional; when given, one of ${genders.join(', ')}.`);
  return problems;
}

// --- saved searches ------------------------------------------------------------------------

/** The filters of the public vacancy list, as a saved search keeps them. */
export interface VacancyFilters {
  q?: string | undefined;
  country?: string | undefined;
  state?: string | undefined;
  occupation?: string | undefined;
  skill?: string | undefined;
  /** Per month, in `currency`. */
  salaryFloor?: number | undefined;
  currency?: string | undefined;
  remote?: boolean | undefined;
  inclusion?: string[] | undefined;
  /** The employer's industry: a SCIAN 2018 code or prefix (2 to 6 digits); 336 matches 3363 and 336320. */
  industry?: string | undefined;
}

export function filterProblems(f: VacancyFilters, context: Pick<ValidationContext, 'skills' | 'occupations'>, code: ErrorCode): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, c: ErrorCode = code) => problems.push({ path, code: c, message });
  if (f.country !== undefined && f.country !== 'MX' && f.country !== 'US') add('/country', 'Country is MX or US.');
  if (f.occupation !== undefined && !context.occupations.has(f.occupation)) add('/occupation', `"${f.occupation}" is not an occupation of the taxonomy.`, 'JOBS.UNKNOWN_OCCUPATION');
  if (f.skill !== undefined && !context.skills.has(f.skill)) add('/skill', `"${f.skill}" is not a skill of the taxonomy.`, 'JOBS.UNKNOWN_SKILL');
  if (f.salaryFloor !== undefined && f.currency === undefined) add('/currency', 'A salary floor needs its currency (salaries are not converted between currencies).');
  if (f.currency !== undefined && !isCurrency(f.currency)) add('/currency', `"${f.currency}" is not an ISO 4217 currency code.`, 'JOBS.UNKNOWN_CURRENCY');
  (f.inclusion ?? []).forEach((c, i) => {
    if (!inclusionCodes.has(c)) add(`/inclusion/${i}`, `"${c}" is not an inclusion feature; use one of ${listOf(inclusionCodes)}.`);
  });
  if (f.industry !== undefined && !scianCode.test(f.industry)) add('/industry', `"${f.industry}" is not a SCIAN 2018 code or prefix (2 to 6 digits, e.g. 336).`);
  return problems;
}

// --- applications --------------------------------------------------------------------------

const finalStatuses: ReadonlySet<ApplicationStatus> = new Set(['hired', 'rejected', 'withdrawn']);
const employerStatuses: ReadonlySet<ApplicationStatus> = new Set(['reviewed', 'interview', 'offered', 'hired', 'rejected']);

/**
 * Who moves an application where: the employer reviews, interviews, offers, hires or
 * rejects; the candidate withdraws. Nothing leaves hired, rejected or withdrawn (a decision
 * the other side has acted on is not silently undone; a new application starts over).
 */
export function transitionProblem(from: ApplicationStatus, to: ApplicationStatus, side: 'employer' | 'candidate'): string | null {
  if (finalStatuses.has(from)) return `The application is ${from}; it no longer changes.`;
  if (from === to) return `The application is already ${to}.`;
  if (side === 'candidate' && to !== 'withdrawn') return 'A candidate can only withdraw an application.';
  if (side === 'employer' && !employerStatuses.has(to)) return `An employer moves an application to ${[...employerStatuses].join(', ')}.`;
  return null;
}

// --- matching ------------------------------------------------------------------------------

/** Points out of 100; required skills count twice as much as optional ones. */
export const weights = { skills: 60, location: 20, language: 10, authorisation: 10, requiredFactor: 2 } as const;
/** Location points by how close the candidate is to the job (a remote job is close to everyone). */
export const locationPoints = { remote: 20, municipality: 20, state: 15, country: 5, none: 0 } as const;
export type LocationReason = keyof typeof locationPoints;
/** The most the parts other than skills can add (location, languages, work authorisation): bounds the early stop of the ranking. */
export const nonSkillMax = Math.max(...Object.values(locationPoints)) + weights.language + weights.authorisation;

export interface MatchVacancy {
  country: Country;
  stateCode: string;
  municipalityKey: string | null;
  workMode: WorkMode;
  requiredSeqs: readonly number[];
  optionalSeqs: readonly number[];
  languageReqs: readonly number[];
  workAuthorisationRequired: boolean;
}
export interface MatchCandidate {
  country: Country | null;
  stateCode: string | null;
  municipalityKey: string | null;
  skillSeqs: readonly number[];
  languageGrants: readonly number[];
  authorisedMx: boolean;
  authorisedUs: boolean;
}

export interface MatchScore {
  score: number;
  parts: { skills: number; location: number; language: number; authorisation: number };
  matchedRequired: number[];
  matchedOptional: number[];
  missingRequired: number[];
  missingOptional: number[];
  location: LocationReason;
  languagesMet: number;
  languagesRequired: number;
  authorised: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function locationReason(v: Pick<MatchVacancy, 'workMode' | 'country' | 'stateCode' | 'municipalityKey'>, c: Pick<MatchCandidate, 'country' | 'stateCode' | 'municipalityKey'>): LocationReason {
  if (v.workMode === 'remote') return 'remote';
  if (c.country !== v.country) return 'none';
  if (c.stateCode !== v.stateCode) return 'country';
  if (v.municipalityKey !== null && c.municipalityKey === v.municipalityKey) return 'municipality';
  return 'state';
}

/** The score of a candidate for a vacancy, part by part, with the skills that match and those missing. */
export function scoreMatch(v: MatchVacancy, c: MatchCandidate): MatchScore {
  const has = new Set(c.skillSeqs);
  const matchedRequired = v.requiredSeqs.filter((s) => has.has(s));
  const matchedOptional = v.optionalSeqs.filter((s) => has.has(s));
  const denominator = weights.requiredFactor * v.requiredSeqs.length + v.optionalSeqs.length;
  const skills = denominator === 0 ? 0 : (weights.skills * (weights.requiredFactor * matchedRequired.length + matchedOptional.length)) / denominator;
  const where = locationReason(v, c);
  const grants = new Set(c.languageGrants);
  const languagesMet = v.languageReqs.filter((k) => grants.has(k)).length;
  const language = v.languageReqs.length === 0 ? weights.language : (weights.language * languagesMet) / v.languageReqs.length;
  const authorised = !v.workAuthorisationRequired || (v.country === 'MX' ? c.authorisedMx : c.authorisedUs);
  const parts = { skills: round1(skills), location: locationPoints[where], language: round1(language), authorisation: authorised ? weights.authorisation : 0 };
  return {
    score: round1(skills + locationPoints[where] + language + parts.authorisation),
    parts,
    matchedRequired,
    matchedOptional,
    missingRequired: v.requiredSeqs.filter((s) => !has.has(s)),
    missingOptional: v.optionalSeqs.filter((s) => !has.has(s)),
    location: where,
    languagesMet,
    languagesRequired: v.languageReqs.length,
    authorised,
  };
}

// --- career pathways -----------------------------------------------------------------------

export interface OccupationSkill { skillId: string; relation: 'essential' | 'optional' }

/** Skills both occupations ask for, and those the target asks for that the origin lacks: essential first. */
export function skillGap(from: readonly OccupationSkill[], to: readonly OccupationSkill[]) {
  const fromIds = new Set(from.map((s) => s.skillId));
  const essentialFirst = (a: OccupationSkill, b: OccupationSkill) => (a.relation === b.relation ? a.skillId.localeCompare(b.skillId) : a.relation === 'essential' ? -1 : 1);
  const shared = to.filter((s) => fromIds.has(s.skillId)).sort(essentialFirst);
  const toGain = to.filter((s) => !fromIds.has(s.skillId)).sort(essentialFirst);
  return { shared, toGain };
}

/** Jaccard similarity of two sets of essential skills. */
export function jaccard(shared: number, a: number, b: number): number {
  const union = a + b - shared;
  return union === 0 ? 0 : shared / union;
}

// --- CV uploads ------------------------------------------------------------------------------

export const cvMediaTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * What a CV file is, by its bytes, not its name: a PDF starts with "%PDF-"; a DOCX is a ZIP
 * (starts "PK\x03\x04") whose directory names "word/document.xml" (ZIP entry names are stored
 * uncompressed, so they can be found without unpacking). Anything else — a renamed
 * executable, a legacy .doc (OLE), an image — is refused.
 */
export function cvKind(bytes: Uint8Array): keyof typeof cvMediaTypes | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (text.includes('word/document.xml') && text.includes('[Content_Types].xml')) return 'docx';
  }
  return null;
}

// --- job fairs -------------------------------------------------------------------------------

export const fairModes = ['online', 'in_person', 'hybrid'] as const;
export type FairMode = (typeof fairModes)[number];

export interface FairFields {
  title: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  mode: FairMode;
  /** In person and hybrid: where. */
  country: Country | null;
  stateCode: string | null;
  municipalityCode: string | null;
  venue: string | null;
  /** Online and hybrid: where to join (http or https). */
  url: string | null;
  binational: boolean;
}

export const fairRequired = ['title', 'startsOn', 'endsOn', 'mode'] as const;

function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * Problems of a job fair, one per field (JOBS.INVALID_FAIR). With `partial` only the fields
 * given are checked, against what is stored (`current`), so an edit cannot leave an in-person
 * fair without a place or make it end before it starts. A fair may be posted for dates
 * already begun but not for one that has ended.
 */
export function fairProblems(input: Partial<FairFields>, context: Pick<ValidationContext, 'states' | 'municipalities' | 'today'>, options: { partial?: boolean; current?: Partial<FairFields> } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, code: 'JOBS.INVALID_FAIR', message });
  if (!options.partial) for (const field of fairRequired) if (isBlank(input[field])) add(`/${field}`, `${field} is required.`);
  const f = { ...options.current, ...input };
  if (input.title !== undefined && !isBlank(input.title) && cleanText(input.title).length > limits.title) add('/title', `At most ${limits.title} characters.`);
  if (input.description !== undefined && input.description !== null && cleanText(input.description).length > limits.text) add('/description', `At most ${limits.text} characters.`);
  if (input.venue !== undefined && input.venue !== null && cleanText(input.venue).length > limits.shortText) add('/venue', `At most ${limits.shortText} characters.`);
  for (const key of ['startsOn', 'endsOn'] as const) {
    if (input[key] !== undefined && !isBlank(input[key]) && !isCalendarDate(input[key]!)) add(`/${key}`, `"${input[key]}" is not a date YYYY-MM-DD.`);
  }
  const datesOk = f.startsOn && f.endsOn && isCalendarDate(f.startsOn) && isCalendarDate(f.endsOn);
  if ((input.startsOn !== undefined || input.endsOn !== undefined) && datesOk) {
    if (f.endsOn! < f.startsOn!) add('/endsOn', `The fair ends (${f.endsOn}) before it starts (${f.startsOn}).`);
    else if (input.endsOn !== undefined && f.endsOn! < context.today) add('/endsOn', `The end date ${f.endsOn} has passed.`);
  }
  if (input.mode !== undefined && !isBlank(input.mode) && !(fairModes as readonly string[]).includes(input.mode)) add('/mode', `Mode "${input.mode}" is not one of ${fairModes.join(', ')}.`);
  const mode = (fairModes as readonly string[]).includes(f.mode ?? '') ? f.mode : undefined;
  const touched = (...keys: (keyof FairFields)[]) => !options.partial || keys.some((k) => input[k] !== undefined);
  if (mode && mode !== 'online' && touched('mode', 'country', 'stateCode', 'municipalityCode')) {
    if (isBlank(f.country)) add('/country', 'An in-person or hybrid fair needs its country (MX or US).');
    if (isBlank(f.stateCode)) add('/stateCode', 'An in-person or hybrid fair needs its state.');
    placeProblems(f, context, add);
  } else if (input.country !== undefined || input.stateCode !== undefined || input.municipalityCode !== undefined) {
    placeProblems(f, context, add);
  }
  if (mode && mode !== 'in_person' && touched('mode', 'url') && isBlank(f.url)) add('/url', 'An online or hybrid fair needs the address where people join (https://…).');
  if (input.url !== undefined && !isBlank(input.url) && (!isWebUrl(input.url!) || input.url!.length > 500)) add('/url', `"${input.url}" is not a web address (http or https, at most 500 characters).`);
  return problems;
}

/** A valid fair as stored: text cleaned; online fairs hold no place and in-person ones no link. */
export function normaliseFair<T extends Partial<FairFields>>(f: T): T {
  const out: Partial<FairFields> = { ...f };
  if (f.title !== undefined) out.title = cleanText(f.title);
  if (f.description !== undefined) out.description = cleanOptional(f.description);
  if (f.venue !== undefined) out.venue = cleanOptional(f.venue);
  if (f.url !== undefined) out.url = cleanOptional(f.url);
  if (f.stateCode !== undefined && f.stateCode !== null) out.stateCode = f.stateCode.trim();
  if (f.municipalityCode !== undefined) out.municipalityCode = cleanOptional(f.municipalityCode);
  return out as T;
}

// --- inclusion indicators ------------------------------------------------------------------

/**
 * Small-cell suppression of counts of people: a cell counting 1 to 4 people is published
 * as null with `suppressed: true` (zero names nobody and is shown). When a group's total is
 * published and exactly one of its cells is suppressed, the smallest other cell is
 * suppressed too, so that the hidden one cannot be recovered by subtraction; a total under
 * 5 people is suppressed with all its cells.
 */
export const minCellPeople = 5;

export interface PeopleCell { key: string; people: number; value: number }
export interface PublishedCell { key: string; value: number | null; suppressed: boolean }

export function suppressCells(cells: readonly PeopleCell[], totalPeople: number, min = minCellPeople): { cells: PublishedCell[]; totalSuppressed: boolean } {
  if (totalPeople > 0 && totalPeople < min) {
    return { cells: cells.map((c) => ({ key: c.key, value: c.people === 0 ? 0 : null, suppressed: c.people > 0 })), totalSuppressed: true };
  }
  const hidden = new Set(cells.filter((c) => c.people > 0 && c.people < min).map((c) => c.key));
  if (hidden.size === 1) {
    const next = cells.filter((c) => !hidden.has(c.key) && c.people > 0).sort((a, b) => a.people - b.people || a.key.localeCompare(b.key))[0];
    if (next) hidden.add(next.key);
  }
  return { cells: cells.map((c) => ({ key: c.key, value: hidden.has(c.key) ? null : c.value, suppressed: hidden.has(c.key) })), totalSuppressed: false };
}
