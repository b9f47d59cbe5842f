import type { ApiFieldError, ApiError } from '../../../api/client';
import type { Membership } from '../../../api/types';
import { parseDecimal, pointOf } from '../../charging/registration/form';

export { pointOf };
import type {
  CertificationBody, CompanyBody, EmployeeStratum, EstablishmentBody, EstablishmentPatch, EvReadiness, OwnEstablishment, RegistrationBody, SizeClass,
} from './types';

/**
 * The supplier registration form as the inputs hold it (text, so a half-typed value is
 * kept as typed), the steps of the guided form, and the pure rules that turn it into
 * API bodies or into per-field messages keyed like the server's `errors[]` pointers.
 */
export interface CertificationForm {
  code: string;
  expiresOn: string;
  certificateId: string;
}

/** The plant: what registration sends as `establishment` and what the edit page PATCHes. */
export interface PlantForm {
  name: string;
  street: string;
  exteriorNumber: string;
  neighbourhood: string;
  postalCode: string;
  locality: string;
  industrialPark: string;
  lat: string;
  lon: string;
  scian: string;
  employeesStratum: EmployeeStratum | '';
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: CertificationForm[];
  /** Comma- or line-separated, as typed. */
  oemCustomers: string;
  /** The markets ticked in the list of common ones… */
  exportMarkets: string[];
  /** …and any other ISO 3166-1 alpha-2 codes, as typed ("CZ, PL"). */
  otherMarkets: string;
  evReadiness: EvReadiness | '';
  phone: string;
  email: string;
  website: string;
  contactConsent: boolean;
}

export interface CompanyForm {
  legalName: string;
  /** Comma- or line-separated, as typed. */
  tradeNames: string;
  rfc: string;
  sizeClass: SizeClass | '';
  ownershipCountry: string;
  website: string;
}

export interface RegistrationForm {
  /** An organisation the user edits, or '' to have one created with the company's name. */
  organisationId: string;
  company: CompanyForm;
  plant: PlantForm;
  /** "The data is true and I may register it for the company": asked before sending, not sent. */
  declaration: boolean;
}

/** Markets offered as ticks: the main destinations of Mexican auto-parts exports. Others are typed. */
export const commonMarkets = ['US', 'CA', 'DE', 'JP', 'KR', 'CN', 'BR', 'ES', 'GB', 'CO'] as const;

export const steps = ['company', 'location', 'activity', 'contact', 'review'] as const;
export type Step = (typeof steps)[number];

export type ValidationKey =
  | 'required' | 'nameShort' | 'rfc' | 'country' | 'countries' | 'website' | 'postalCode' | 'number' | 'lat' | 'lon' | 'swapped'
  | 'scian' | 'email' | 'phone' | 'declaration' | 'certificationDate' | 'certificationExpired' | 'homeMarket';
/** A message key under `suppliersRegistration.validation`, or a server message shown as given (with its error code). */
export type FormMessage = { key: ValidationKey } | { text: string; code?: string };
/** Keys are JSON pointers into the registration body (`/company/rfc`, `/establishment/lat`), as the server reports them. */
export type FormErrors = Record<string, FormMessage>;

export const emptyPlant = (): PlantForm => ({
  name: '', street: '', exteriorNumber: '', neighbourhood: '', postalCode: '', locality: '', industrialPark: '', lat: '', lon: '',
  scian: '', employeesStratum: '', tiers: [], processes: [], components: [], certifications: [], oemCustomers: '', exportMarkets: [], otherMarkets: '',
  evReadiness: '', phone: '', email: '', website: '', contactConsent: false,
});

/** Starts with the first organisation the user edits, if any: a company registering a second plant. */
export function emptyForm(memberships: readonly Membership[] = []): RegistrationForm {
  const editable = memberships.find((m) => m.role === 'editor');
  return {
    organisationId: editable?.organisationId ?? '',
    company: { legalName: editable?.organisationName ?? '', tradeNames: '', rfc: '', sizeClass: '', ownershipCountry: '', website: '' },
    plant: emptyPlant(),
    declaration: false,
  };
}

const text = (v: string | null | undefined) => v ?? '';

/** The edit form of a plant the user manages. */
export function plantFromEstablishment(e: OwnEstablishment): PlantForm {
  const common = new Set<string>(commonMarkets);
  return {
    name: e.name, street: text(e.street), exteriorNumber: text(e.exteriorNumber), neighbourhood: text(e.neighbourhood), postalCode: text(e.postalCode),
    locality: text(e.locality), industrialPark: text(e.industrialPark), lat: String(e.lat), lon: String(e.lon), scian: text(e.scian),
    employeesStratum: e.employeesStratum ?? '', tiers: [...e.tiers], processes: [...e.processes], components: [...e.components],
    certifications: e.certifications.map((c) => ({ code: c.code, expiresOn: text(c.expiresOn), certificateId: text(c.certificateId) })),
    oemCustomers: e.oemCustomers.join(', '),
    exportMarkets: e.exportMarkets.filter((m) => common.has(m)),
    otherMarkets: e.exportMarkets.filter((m) => !common.has(m)).join(', '),
    evReadiness: e.evReadiness ?? '', phone: text(e.phone), email: text(e.email), website: text(e.website), contactConsent: e.contactConsent,
  };
}

/** A list as typed: commas, semicolons or new lines; blanks and repeats dropped. */
export function splitList(value: string): string[] {
  return [...new Set(value.split(/[,;\n]/).map((v) => v.trim()).filter((v) => v !== ''))];
}

const countryCode = /^[A-Z]{2}$/;
/** The other markets as codes (upper-cased); those that are not two letters are kept for the message. */
export function marketCodes(plant: Pick<PlantForm, 'exportMarkets' | 'otherMarkets'>): { codes: string[]; invalid: string[] } {
  const typed = splitList(plant.otherMarkets).map((m) => m.toUpperCase());
  return { codes: [...new Set([...plant.exportMarkets, ...typed.filter((m) => countryCode.test(m))])], invalid: typed.filter((m) => !countryCode.test(m)) };
}

/** RFC shape only (12 characters for a company, 13 for a person); the server checks the date and check digit. */
const rfcShape = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits, spaces, dashes, dots, parentheses and a leading +; 10 digits in Mexico, up to 15 abroad (E.164), as the server checks. */
const phoneShape = /^\+?[\d\s().-]+$/;
const websiteShape = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

const inMexicoLat = (lat: number) => lat >= 14.3 && lat <= 32.8;
const inMexicoLon = (lon: number) => lon >= -118.7 && lon <= -86.5;

/** `https://` is added to a site typed without it ("acme.mx"). */
export function normaliseWebsite(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  return /^https?:\/\//i.test(v) ? v : `https://${v}`;
}

type Setter = (path: string, key: ValidationKey) => void;

function checkCompany(company: CompanyForm, set: Setter) {
  const legal = company.legalName.trim();
  if (!legal) set('/company/legalName', 'required');
  else if (legal.length < 2) set('/company/legalName', 'nameShort');
  const rfc = company.rfc.trim().toUpperCase();
  if (rfc && !rfcShape.test(rfc)) set('/company/rfc', 'rfc');
  if (company.ownershipCountry.trim() && !countryCode.test(company.ownershipCountry.trim().toUpperCase())) set('/company/ownershipCountry', 'country');
  if (company.website.trim() && !websiteShape.test(company.website.trim())) set('/company/website', 'website');
}

function checkLocation(plant: PlantForm, set: Setter) {
  const p = '/establishment';
  const name = plant.name.trim();
  if (!name) set(`${p}/name`, 'required');
  else if (name.length < 2) set(`${p}/name`, 'nameShort');
  if (plant.postalCode.trim() && !/^\d{5}$/.test(plant.postalCode.trim())) set(`${p}/postalCode`, 'postalCode');
  const lat = parseDecimal(plant.lat);
  const lon = parseDecimal(plant.lon);
  if (lat === null) set(`${p}/lat`, 'required');
  else if (Number.isNaN(lat)) set(`${p}/lat`, 'number');
  if (lon === null) set(`${p}/lon`, 'required');
  else if (Number.isNaN(lon)) set(`${p}/lon`, 'number');
  if (lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon)) {
    if (!(inMexicoLat(lat) && inMexicoLon(lon)) && inMexicoLat(lon) && inMexicoLon(lat)) set(`${p}/lat`, 'swapped');
    else {
      if (!inMexicoLat(lat)) set(`${p}/lat`, 'lat');
      if (!inMexicoLon(lon)) set(`${p}/lon`, 'lon');
    }
  }
}

function checkActivity(plant: PlantForm, set: Setter, today: string) {
  const p = '/establishment';
  if (plant.scian.trim() && !/^\d{6}$/.test(plant.scian.trim())) set(`${p}/scian`, 'scian');
  plant.certifications.forEach((c, i) => {
    if (c.expiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(c.expiresOn)) set(`${p}/certifications/${i}/expiresOn`, 'certificationDate');
    // A certificate past its expiry is not held; the server refuses it too.
    else if (c.expiresOn && c.expiresOn < today) set(`${p}/certifications/${i}/expiresOn`, 'certificationExpired');
  });
  const markets = marketCodes(plant);
  if (markets.invalid.length > 0) set(`${p}/exportMarkets`, 'countries');
  else if (markets.codes.includes('MX')) set(`${p}/exportMarkets`, 'homeMarket');
}

function checkContact(plant: PlantForm, set: Setter) {
  const p = '/establishment';
  if (plant.email.trim() && !emailShape.test(plant.email.trim())) set(`${p}/email`, 'email');
  const phone = plant.phone.trim();
  const digits = phone.replace(/\D/g, '').length;
  if (phone && (!phoneShape.test(phone) || digits < 10 || digits > 15)) set(`${p}/phone`, 'phone');
  if (plant.website.trim() && !websiteShape.test(plant.website.trim())) set(`${p}/website`, 'website');
}

function collector(): { errors: FormErrors; set: Setter } {
  const errors: FormErrors = {};
  return { errors, set: (path, key) => { if (!errors[path]) errors[path] = { key }; } };
}

/** Today as YYYY-MM-DD in the user's time zone (certificate expiry dates are calendar days). */
export const localToday = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** The checks of one step (the review step checks them all). The server checks again. */
export function validateStep(form: RegistrationForm, step: Step, today = localToday()): FormErrors {
  const { errors, set } = collector();
  if (step === 'company' || step === 'review') checkCompany(form.company, set);
  if (step === 'location' || step === 'review') checkLocation(form.plant, set);
  if (step === 'activity' || step === 'review') checkActivity(form.plant, set, today);
  if (step === 'contact' || step === 'review') {
    checkContact(form.plant, set);
    if (!form.declaration) set('/declaration', 'declaration');
  }
  return errors;
}

/** The edit page's checks: the plant's fields, keyed like the registration's. */
export function validatePlant(plant: PlantForm, today = localToday()): FormErrors {
  const { errors, set } = collector();
  checkLocation(plant, set);
  checkActivity(plant, set, today);
  checkContact(plant, set);
  return errors;
}

const plantFields: Record<Exclude<Step, 'company' | 'review'>, ReadonlyArray<keyof EstablishmentBody>> = {
  location: ['name', 'street', 'exteriorNumber', 'neighbourhood', 'postalCode', 'locality', 'industrialPark', 'lat', 'lon'],
  activity: ['scian', 'employeesStratum', 'tiers', 'processes', 'components', 'certifications', 'oemCustomers', 'exportMarkets', 'evReadiness'],
  contact: ['phone', 'email', 'website', 'contactConsent'],
};

/** The step that shows the field a pointer names (`/establishment/certifications/0/expiresOn` → `activity`). */
export function stepOf(pointer: string): Step {
  if (pointer === '/organisationId' || pointer.startsWith('/company')) return 'company';
  if (pointer === '/declaration') return 'contact';
  const field = /^\/establishment\/([^/]+)/.exec(pointer)?.[1];
  for (const step of ['location', 'activity', 'contact'] as const) {
    if (field && (plantFields[step] as readonly string[]).includes(field)) return step;
  }
  return 'review';
}

/** The first step (in the form's order) that has an error, or null. */
export function firstStepWithError(errors: FormErrors): Step | null {
  const found = new Set(Object.keys(errors).map(stepOf));
  return steps.find((s) => found.has(s)) ?? null;
}

const orNull = (value: string) => value.trim() || null;

/** The plant as the API body; call after the checks found nothing. */
export function establishmentBodyOf(plant: PlantForm): EstablishmentBody {
  const point = pointOf(plant)!;
  return {
    name: plant.name.trim(),
    street: orNull(plant.street),
    exteriorNumber: orNull(plant.exteriorNumber),
    neighbourhood: orNull(plant.neighbourhood),
    postalCode: orNull(plant.postalCode),
    locality: orNull(plant.locality),
    industrialPark: orNull(plant.industrialPark),
    lat: point.lat,
    lon: point.lon,
    scian: orNull(plant.scian),
    employeesStratum: plant.employeesStratum || null,
    tiers: plant.tiers,
    processes: plant.processes,
    components: plant.components,
    // Unknown expiry or id are left out (not null): the server reads a given expiry as a date.
    certifications: plant.certifications.map((c): CertificationBody => ({
      code: c.code, ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}), ...(c.certificateId.trim() ? { certificateId: c.certificateId.trim() } : {}),
    })),
    oemCustomers: splitList(plant.oemCustomers),
    exportMarkets: marketCodes(plant).codes,
    evReadiness: plant.evReadiness || null,
    phone: orNull(plant.phone),
    email: orNull(plant.email),
    website: normaliseWebsite(plant.website),
    contactConsent: plant.contactConsent,
  };
}

export function companyBodyOf(company: CompanyForm): CompanyBody {
  return {
    legalName: company.legalName.trim(),
    tradeNames: splitList(company.tradeNames),
    rfc: company.rfc.trim().toUpperCase() || null,
    sizeClass: company.sizeClass || null,
    ownershipCountry: company.ownershipCountry.trim().toUpperCase() || null,
    website: normaliseWebsite(company.website),
  };
}

/** Drops nulls: a new registration leaves unknown fields out rather than sending them empty. */
function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}

export function registrationBodyOf(form: RegistrationForm): RegistrationBody {
  const body: RegistrationBody = {
    company: withoutNulls(companyBodyOf(form.company)),
    establishment: withoutNulls(establishmentBodyOf(form.plant)),
  };
  if (form.organisationId) body.organisationId = form.organisationId;
  return body;
}

/**
 * The edit as a PATCH: only the fields that changed since `initial` (so a field a company
 * did not touch keeps its source's provenance), with null for a cleared one.
 */
export function patchOf(initial: PlantForm, edited: PlantForm, updatedAt: string): EstablishmentPatch {
  const before = establishmentBodyOf(initial);
  const after = establishmentBodyOf(edited);
  const patch: EstablishmentPatch = { updatedAt };
  for (const key of Object.keys(after) as Array<keyof EstablishmentBody>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (patch as Record<string, unknown>)[key] = after[key];
  }
  // The point moves as one: both coordinates when either changed.
  if ('lat' in patch || 'lon' in patch) Object.assign(patch, { lat: after.lat, lon: after.lon });
  return patch;
}

/**
 * Server field errors keyed by pointer. `prefix` puts a PATCH's `/name` where the form
 * keeps it (`/establishment/name`). Codes without field errors that still concern one
 * field (an RFC, the point) are placed at that field.
 */
export function serverErrors(error: Pick<ApiError, 'code' | 'detail' | 'title'> & { errors: readonly ApiFieldError[] }, prefix = ''): FormErrors {
  const out: FormErrors = {};
  for (const e of error.errors) {
    const path = `${prefix}${e.path.replace(/^\/body/, '')}`;
    // The response's code names its leading problem; only that problem's field carries it.
    const own = (error.code === 'SUPPLIERS.INVALID_RFC' && path.endsWith('/rfc')) || (error.code === 'SUPPLIERS.POINT_OUTSIDE_MEXICO' && /\/(lat|lon)$/.test(path));
    if (!out[path]) out[path] = own ? { text: e.message, code: error.code } : { text: e.message };
  }
  if (error.errors.length === 0) {
    const message = { text: error.detail || error.title, code: error.code };
    if (error.code === 'SUPPLIERS.INVALID_RFC') out['/company/rfc'] = message;
    if (error.code === 'SUPPLIERS.POINT_OUTSIDE_MEXICO') out['/establishment/lat'] = message;
  }
  return out;
}

/** A country's name in the interface language ("US" → "Estados Unidos"); the code when the browser has no name. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
