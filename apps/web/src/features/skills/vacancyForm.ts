/**
 * The vacancy editor's form as the inputs hold it (text, so a half-typed amount stays as
 * typed), the checks worth doing before sending (the server checks everything again), and
 * the mapping of the server's problem+json `errors` (JSON pointers such as `/salaryMin` or
 * `/requiredSkills/2`) onto the form's fields.
 */
import type { ApiFieldError } from '../../api/client';
import type { Country, LanguageRequirement, SalaryPeriod, Vacancy, VacancyBody, WorkMode } from './types';

export interface PickedItem {
  id: string;
  label: string;
}

export interface VacancyForm {
  organisationId: string;
  title: string;
  occupation: PickedItem | null;
  country: Country;
  stateCode: string;
  municipalityCode: string;
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  salaryPeriod: SalaryPeriod;
  benefits: string[];
  benefitsOther: string;
  activities: string;
  requiredSkills: PickedItem[];
  optionalSkills: PickedItem[];
  languages: LanguageRequirement[];
  workMode: WorkMode;
  inclusion: string[];
  workAuthorisationRequired: boolean;
  closingDate: string;
  status: 'draft' | 'published';
  /** SCIAN 2018 code of the employer's industry, as typed; optional. */
  industryScian: string;
}

/** Field names are the API's, so the server's pointers land on them directly. */
export type VacancyField = Exclude<keyof VacancyForm, 'occupation'> | 'occupationId';

export type ValidationKey = 'required' | 'number' | 'minAboveMax' | 'currency' | 'pastDate' | 'tooLong' | 'oneSkill' | 'scian';
/** A key under `skills.validation`, or the server's own message shown as given. */
export type FieldMessage = { key: ValidationKey } | { text: string };
export type VacancyErrors = Partial<Record<VacancyField | 'form', FieldMessage>>;

/** The server's vocabularies (jobs.domain.ts); labels are in the locale files. */
export const benefitsMx = ['aguinaldo', 'imss', 'infonavit', 'vacation_premium', 'ptu', 'savings_fund', 'food_vouchers', 'major_medical'] as const;
export const benefitsUs = ['health_insurance', 'dental_vision', 'retirement_401k', 'paid_time_off'] as const;
export const benefitsBoth = ['life_insurance', 'training', 'transport', 'meals', 'relocation'] as const;
export const inclusionCodes = [
  'accessible_workplace', 'childcare', 'flexible_hours', 'part_time', 'parental_leave', 'lactation_room', 'disability_inclusive', 'women_in_stem',
  'no_experience_required', 'sign_language',
] as const;

/** Benefits offered in a country: its own first, then those both sides offer. */
export const benefitsFor = (country: Country | '') =>
  country === 'US' ? [...benefitsUs, ...benefitsBoth] : country === 'MX' ? [...benefitsMx, ...benefitsBoth] : [...benefitsMx, ...benefitsUs, ...benefitsBoth];

export const maxTitleLength = 200;
export const maxTextLength = 4000;

export const defaultCurrency = (country: Country | '') => (country === 'US' ? 'USD' : 'MXN');

export function emptyVacancyForm(organisationId = ''): VacancyForm {
  return {
    organisationId, title: '', occupation: null, country: 'MX', stateCode: '', municipalityCode: '', salaryMin: '', salaryMax: '', salaryCurrency: 'MXN',
    salaryPeriod: 'month', benefits: [], benefitsOther: '', activities: '', requiredSkills: [], optionalSkills: [], languages: [{ code: 'es', level: 'native' }],
    workMode: 'on_site', inclusion: [], workAuthorisationRequired: false, closingDate: '', status: 'published', industryScian: '',
  };
}

/** "15,000.50" or "17,5" typed in a field → 15000.5 or 17.5; null when it is not a number. */
export function parseAmount(value: string): number | null {
  const compact = value.trim().replace(/[\s$]/g, '');
  if (compact === '') return null;
  // Thousands separators are commas in both es-MX and en-US; a lone comma before 1–2 digits is a decimal comma.
  const normalised = /^[0-9]+,[0-9]{1,2}$/.test(compact) ? compact.replace(',', '.') : compact.replace(/,/g, '');
  if (!/^[0-9]+(\.[0-9]+)?$/.test(normalised)) return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

let knownCurrencies: Set<string> | null = null;
/** ISO 4217 codes this runtime knows (the server accepts its own runtime's list, the same ICU data). */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (!knownCurrencies) {
    const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    knownCurrencies = new Set(supported ? supported('currency') : ['MXN', 'USD', 'CAD', 'EUR']);
  }
  return knownCurrencies.has(code);
}

/** The checks a person should see before sending; `today` is YYYY-MM-DD. */
export function validateVacancy(form: VacancyForm, today: string): VacancyErrors {
  const errors: VacancyErrors = {};
  const required: Array<[VacancyField, boolean]> = [
    ['organisationId', form.organisationId !== ''],
    ['title', form.title.trim() !== ''],
    ['occupationId', form.occupation !== null],
    ['stateCode', form.stateCode !== ''],
    ['activities', form.activities.trim() !== ''],
  ];
  for (const [field, ok] of required) if (!ok) errors[field] = { key: 'required' };
  if (form.requiredSkills.length === 0) errors.requiredSkills = { key: 'oneSkill' };
  if (form.title.trim().length > maxTitleLength) errors.title = { key: 'tooLong' };
  if (form.activities.trim().length > maxTextLength) errors.activities = { key: 'tooLong' };
  if (form.benefitsOther.trim().length > maxTextLength) errors.benefitsOther = { key: 'tooLong' };
  const min = parseAmount(form.salaryMin);
  const max = parseAmount(form.salaryMax);
  if (form.salaryMin.trim() === '') errors.salaryMin = { key: 'required' };
  else if (min === null) errors.salaryMin = { key: 'number' };
  if (form.salaryMax.trim() === '') errors.salaryMax = { key: 'required' };
  else if (max === null) errors.salaryMax = { key: 'number' };
  if (min !== null && max !== null && min > max) errors.salaryMin = { key: 'minAboveMax' };
  const currency = form.salaryCurrency.trim().toUpperCase();
  if (currency === '') errors.salaryCurrency = { key: 'required' };
  else if (!isKnownCurrency(currency)) errors.salaryCurrency = { key: 'currency' };
  if (form.closingDate && form.closingDate < today) errors.closingDate = { key: 'pastDate' };
  // Only the shape: whether the code exists in SCIAN 2018 the server says, per field.
  if (form.industryScian.trim() !== '' && !/^[0-9]{2,6}$/.test(form.industryScian.trim())) errors.industryScian = { key: 'scian' };
  return errors;
}

/** The API body of the form (amounts parsed, texts trimmed, empty optionals as null). */
export function vacancyBodyOf(form: VacancyForm): VacancyBody {
  return {
    organisationId: form.organisationId || undefined,
    title: form.title.trim(),
    occupationId: form.occupation?.id ?? '',
    country: form.country,
    stateCode: form.stateCode,
    municipalityCode: form.municipalityCode.trim() || null,
    salaryMin: parseAmount(form.salaryMin) ?? Number.NaN,
    salaryMax: parseAmount(form.salaryMax) ?? Number.NaN,
    salaryCurrency: form.salaryCurrency.trim().toUpperCase(),
    salaryPeriod: form.salaryPeriod,
    benefits: [...form.benefits],
    benefitsOther: form.benefitsOther.trim() || null,
    activities: form.activities.trim(),
    requiredSkills: form.requiredSkills.map((s) => s.id),
    optionalSkills: form.optionalSkills.map((s) => s.id),
    languages: form.languages.filter((l) => l.code.trim() !== '').map((l) => ({ code: l.code.trim().toLowerCase(), level: l.level })),
    workMode: form.workMode,
    inclusion: [...form.inclusion],
    workAuthorisationRequired: form.workAuthorisationRequired,
    closingDate: form.closingDate || null,
    status: form.status,
    industryScian: form.industryScian.trim() || null,
  };
}

/** An edit sends only the fields that changed (so a concurrent edit of another field is kept). */
export function changedFields(before: VacancyBody, after: VacancyBody): Partial<VacancyBody> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof VacancyBody>) {
    if (key === 'organisationId') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out as Partial<VacancyBody>;
}

const refLabel = (ref: { id: string; labelEs: string | null; labelEn: string | null }, en: boolean) =>
  (en ? ref.labelEn || ref.labelEs : ref.labelEs || ref.labelEn) || ref.id;

/** The form of a vacancy being edited (a closed one is shown as published: closing has its own button). */
export function vacancyFormOf(v: Vacancy, language: string): VacancyForm {
  const en = language.startsWith('en');
  return {
    organisationId: v.organisation.id,
    title: v.title,
    occupation: { id: v.occupation.id, label: refLabel(v.occupation, en) },
    country: v.country,
    stateCode: v.stateCode,
    municipalityCode: v.municipalityCode ?? '',
    salaryMin: String(v.salary.min),
    salaryMax: String(v.salary.max),
    salaryCurrency: v.salary.currency,
    salaryPeriod: v.salary.period,
    benefits: [...v.benefits],
    benefitsOther: v.benefitsOther ?? '',
    activities: v.activities,
    requiredSkills: v.requiredSkills.map((s) => ({ id: s.id, label: refLabel(s, en) })),
    optionalSkills: v.optionalSkills.map((s) => ({ id: s.id, label: refLabel(s, en) })),
    languages: v.languages.map((l) => ({ ...l })),
    workMode: v.workMode,
    inclusion: [...v.inclusion],
    workAuthorisationRequired: v.workAuthorisationRequired,
    closingDate: v.closingDate ? v.closingDate.slice(0, 10) : '',
    status: v.status === 'draft' ? 'draft' : 'published',
    industryScian: v.industry?.code ?? '',
  };
}

const vacancyFields: ReadonlySet<string> = new Set<VacancyField>([
  'organisationId', 'title', 'occupationId', 'country', 'stateCode', 'municipalityCode', 'salaryMin', 'salaryMax', 'salaryCurrency', 'salaryPeriod',
  'benefits', 'benefitsOther', 'activities', 'requiredSkills', 'optionalSkills', 'languages', 'workMode', 'inclusion', 'workAuthorisationRequired',
  'closingDate', 'status', 'industryScian',
]);

/**
 * The form field a server error pointer names: its first segment (`/requiredSkills/2` →
 * requiredSkills; request validation may prefix `/body`). A latitude or longitude problem
 * belongs to the place; anything else goes to the form as a whole.
 */
export function vacancyFieldOf(path: string): VacancyField | 'form' {
  const first = path.split('/').filter((p) => p !== '' && p !== 'body')[0] ?? '';
  if (first === 'lat' || first === 'lon') return 'municipalityCode';
  return vacancyFields.has(first) ? (first as VacancyField) : 'form';
}

/** The server's field errors on the form (first message per field wins). */
export function vacancyServerErrors(errors: readonly ApiFieldError[]): VacancyErrors {
  const out: VacancyErrors = {};
  for (const e of errors) {
    const field = vacancyFieldOf(e.path);
    if (!out[field]) out[field] = { text: e.message };
  }
  return out;
}

/** Adds or removes a value of a list (ticks). */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Adds a picked item unless it is already there. */
export function addPicked(list: readonly PickedItem[], item: PickedItem): PickedItem[] {
  return list.some((p) => p.id === item.id) ? [...list] : [...list, item];
}
