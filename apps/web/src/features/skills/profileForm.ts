/**
 * The candidate profile form: what the inputs hold, the body the API takes, and the
 * server's field errors mapped onto the form. The profile is private by default; the
 * only opt-in to being seen by employers is `openToEmployers`, unticked at first.
 */
import type { ApiFieldError } from '../../api/client';
import { isStateOf } from './filters';
import type { CandidateProfile, CandidateProfileBody, Country, LanguageRequirement, SalaryPeriod } from './types';
import { parseAmount, type FieldMessage, type PickedItem } from './vacancyForm';

/** Self-reported, optional; used only for aggregated, anonymous inclusion indicators. */
export const genderOptions = ['woman', 'man', 'non_binary', 'other', 'prefer_not_to_say'] as const;

export interface ExperienceForm {
  occupation: PickedItem | null;
  title: string;
  years: string;
}

export interface ProfileForm {
  skills: PickedItem[];
  experience: ExperienceForm[];
  country: Country | '';
  stateCode: string;
  municipalityCode: string;
  languages: LanguageRequirement[];
  authorisedMx: boolean;
  authorisedUs: boolean;
  desiredSalaryMin: string;
  desiredSalaryCurrency: string;
  desiredSalaryPeriod: SalaryPeriod;
  gender: string;
  openToEmployers: boolean;
}

export type ProfileField = keyof ProfileForm;
export type ProfileErrors = Partial<Record<ProfileField | 'form', FieldMessage>>;

export const emptyProfileForm = (): ProfileForm => ({
  skills: [], experience: [], country: 'MX', stateCode: '', municipalityCode: '', languages: [{ code: 'es', level: 'native' }], authorisedMx: false,
  authorisedUs: false, desiredSalaryMin: '', desiredSalaryCurrency: 'MXN', desiredSalaryPeriod: 'month', gender: '', openToEmployers: false,
});

const label = (ref: { id: string; labelEs: string | null; labelEn: string | null }, en: boolean) =>
  (en ? ref.labelEn || ref.labelEs : ref.labelEs || ref.labelEn) || ref.id;

export function profileFormOf(p: CandidateProfile, language: string): ProfileForm {
  const en = language.startsWith('en');
  return {
    skills: p.skills.map((s) => ({ id: s.id, label: label(s, en) })),
    experience: p.experience.map((e) => ({
      occupation: e.occupation ? { id: e.occupation.id, label: label(e.occupation, en) } : { id: e.occupationId, label: e.occupationId },
      title: e.title ?? '',
      years: String(e.years),
    })),
    country: p.country ?? '',
    stateCode: p.stateCode ?? '',
    municipalityCode: p.municipalityCode ?? '',
    languages: p.languages.map((l) => ({ ...l })),
    authorisedMx: p.authorisedMx,
    authorisedUs: p.authorisedUs,
    desiredSalaryMin: p.desiredSalary ? String(p.desiredSalary.min) : '',
    desiredSalaryCurrency: p.desiredSalary?.currency ?? (p.country === 'US' ? 'USD' : 'MXN'),
    desiredSalaryPeriod: p.desiredSalary?.period ?? 'month',
    gender: p.gender ?? '',
    openToEmployers: p.openToEmployers,
  };
}

export function validateProfile(form: ProfileForm): ProfileErrors {
  const errors: ProfileErrors = {};
  if (form.country && form.stateCode && !isStateOf(form.country, form.stateCode)) errors.stateCode = { key: 'required' };
  if (form.desiredSalaryMin.trim() !== '' && parseAmount(form.desiredSalaryMin) === null) errors.desiredSalaryMin = { key: 'number' };
  for (const e of form.experience) {
    const years = parseAmount(e.years);
    if (!e.occupation) errors.experience = { key: 'required' };
    else if (e.years.trim() !== '' && (years === null || years > 70)) errors.experience = { key: 'number' };
  }
  return errors;
}

export function profileBodyOf(form: ProfileForm): CandidateProfileBody {
  const desired = parseAmount(form.desiredSalaryMin);
  return {
    skills: form.skills.map((s) => s.id),
    experience: form.experience
      .filter((e) => e.occupation)
      .map((e) => ({ occupationId: e.occupation!.id, title: e.title.trim() || null, years: parseAmount(e.years) ?? 0 })),
    country: form.country || null,
    stateCode: form.country && form.stateCode ? form.stateCode : null,
    municipalityCode: form.country && form.municipalityCode.trim() ? form.municipalityCode.trim() : null,
    languages: form.languages.filter((l) => l.code.trim() !== '').map((l) => ({ code: l.code.trim().toLowerCase(), level: l.level })),
    authorisedMx: form.authorisedMx,
    authorisedUs: form.authorisedUs,
    desiredSalaryMin: desired,
    desiredSalaryCurrency: desired === null ? null : form.desiredSalaryCurrency.trim().toUpperCase(),
    desiredSalaryPeriod: desired === null ? null : form.desiredSalaryPeriod,
    gender: form.gender || null,
    openToEmployers: form.openToEmployers,
  };
}

const profileFields: ReadonlySet<string> = new Set<ProfileField>([
  'skills', 'experience', 'country', 'stateCode', 'municipalityCode', 'languages', 'authorisedMx', 'authorisedUs', 'desiredSalaryMin',
  'desiredSalaryCurrency', 'desiredSalaryPeriod', 'gender', 'openToEmployers',
]);

export function profileFieldOf(path: string): ProfileField | 'form' {
  const first = path.split('/').filter((p) => p !== '' && p !== 'body')[0] ?? '';
  return profileFields.has(first) ? (first as ProfileField) : 'form';
}

export function profileServerErrors(errors: readonly ApiFieldError[]): ProfileErrors {
  const out: ProfileErrors = {};
  for (const e of errors) {
    const field = profileFieldOf(e.path);
    if (!out[field]) out[field] = { text: e.message };
  }
  return out;
}
