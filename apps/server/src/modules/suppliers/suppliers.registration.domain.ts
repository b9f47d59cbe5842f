/**
 * Pure rules for what a company declares about itself and its plants (self-registration
 * and edits of its own establishments): which values the taxonomy accepts, the provenance
 * of each declared field, and which fields an import must leave alone afterwards.
 */
import type { ErrorCode } from '@electrifica/contracts';
import type { SupplierCertification } from '../../platform/db/schema.js';
import { isValidEmail } from '../accounts/accounts.domain.js';
import { checkMexicanPoint } from '../geo/geo.domain.js';
import { checkRfc } from './suppliers.domain.js';
import {
  certifications, employeeStrata, evReadiness, processes, sizeClasses, tiers,
  type EmployeeStratum, type EvReadiness, type SizeClass,
} from './suppliers.taxonomy.js';

/** What a company declares about itself (`supplier_company`). */
export interface CompanyFields {
  legalName: string;
  tradeNames: string[];
  rfc: string | null;
  sizeClass: SizeClass | null;
  /** ISO 3166-1 alpha-2 of the country whose capital controls the company (MX for Mexican-owned). */
  ownershipCountry: string | null;
  website: string | null;
}

/** What a company declares about one of its plants (`supplier_establishment`). */
export interface EstablishmentFields {
  name: string;
  street: string | null;
  exteriorNumber: string | null;
  neighbourhood: string | null;
  postalCode: string | null;
  locality: string | null;
  industrialPark: string | null;
  lat: number;
  lon: number;
  scian: string | null;
  employeesStratum: EmployeeStratum | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: SupplierCertification[];
  oemCustomers: string[];
  /** ISO 3166-1 alpha-2 codes of the countries the plant ships to. */
  exportMarkets: string[];
  evReadiness: EvReadiness | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** The company agrees that signed-in members see phone, email and website. */
  contactConsent: boolean;
}

export const companyFieldNames = ['legalName', 'tradeNames', 'rfc', 'sizeClass', 'ownershipCountry', 'website'] as const satisfies ReadonlyArray<keyof CompanyFields>;
export type CompanyField = (typeof companyFieldNames)[number];

/**
 * Each declared establishment field and the column holding it. Provenance is keyed by the
 * field name (as the API spells it, like charging registrations); imports write columns,
 * so they read this map to know which columns a company declared.
 */
export const establishmentFieldColumns = {
  name: 'name', street: 'street', exteriorNumber: 'exterior_number', neighbourhood: 'neighbourhood', postalCode: 'postal_code',
  locality: 'locality', industrialPark: 'industrial_park', lat: 'lat', lon: 'lon', scian: 'scian', employeesStratum: 'employees_stratum',
  tiers: 'tiers', processes: 'processes', components: 'components', certifications: 'certifications', oemCustomers: 'oem_customers',
  exportMarkets: 'export_markets', evReadiness: 'ev_readiness', phone: 'phone', email: 'email', website: 'website', contactConsent: 'contact_consent',
} as const satisfies Record<keyof EstablishmentFields, string>;
export type EstablishmentField = keyof typeof establishmentFieldColumns;
export const establishmentFieldNames = Object.keys(establishmentFieldColumns) as EstablishmentField[];

export const companyFieldColumns = {
  legalName: 'legal_name', tradeNames: 'trade_names', rfc: 'rfc', sizeClass: 'size_class', ownershipCountry: 'ownership_country', website: 'website',
} as const satisfies Record<CompanyField, string>;

/** Provenance of a field a company declared: who, when, through which form. */
export interface DeclaredProvenance {
  source: 'suppliers-registration';
  /** An admin fixing a company's plant is not the company speaking: said so, not disguised. */
  method: typeof declaredByCompany | typeof correctedByAdmin;
  userId: string;
  declaredAt: string;
}
export const declaredByCompany = 'declared by company';
export const correctedByAdmin = 'corrected by admin';

export function declaredProvenance(fieldNames: readonly string[], userId: string, at: Date, method: DeclaredProvenance['method'] = declaredByCompany): Record<string, DeclaredProvenance> {
  const entry: DeclaredProvenance = { source: 'suppliers-registration', method, userId, declaredAt: at.toISOString() };
  return Object.fromEntries(fieldNames.map((f) => [f, entry]));
}

/**
 * The columns of an establishment a company (or an admin on its behalf) declared; a
 * re-import leaves them as declared: the company knows its plant better than a registry.
 */
export function declaredColumns(provenance: Record<string, unknown> | null | undefined): string[] {
  if (!provenance) return [];
  return establishmentFieldNames
    .filter((f) => {
      const method = (provenance[f] as { method?: unknown } | undefined)?.method;
      return method === declaredByCompany || method === correctedByAdmin;
    })
    .map((f) => establishmentFieldColumns[f]);
}

export interface FieldProblem {
  /** JSON pointer into the request body, as the platform's validation errors use. */
  path: string;
  code: ErrorCode;
  message: string;
}

/** What validation needs from the database, looked up by the service beforehand. */
export interface RegistrationContext {
  /** Catalogue components by code (`retired` ones may no longer be declared). */
  components: ReadonlyMap<string, { retired: boolean }>;
  /** The SCIAN 2018 title of a class, or null when it is no class; absent: only the form (6 digits) is checked. */
  scianTitle?: ((code: string) => string | null) | undefined;
  /** YYYY-MM-DD, kept out so the rule stays pure. */
  today: string;
}

/** Limits of one declaration; beyond them the input is a mistake, not a company. */
export const limits = {
  tradeNames: 10,
  oemCustomers: 50,
  exportMarkets: 250,
  certifications: 30,
  components: 60,
  textLength: 200,
} as const;

/*
 * Region codes the runtime's CLDR knows that ISO 3166-1 has not assigned as countries:
 * exceptional reservations (AC, CP, DG, EA, IC, TA), groupings (EU, EZ, UN, QO), user
 * codes (XA, XB, XK) and "unknown" (ZZ).
 */
const notIsoCountries = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** An ISO 3166-1 alpha-2 country code (upper case), as the runtime's ICU region data knows them. */
export function isIsoCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || notIsoCountries.has(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar day (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** An http(s) address with a host that has a dot (a company's site, not "localhost"). */
export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * A telephone as people write it: digits with spaces, dashes, dots, parentheses and an
 * optional leading +; 10 digits in Mexico, up to 15 internationally (E.164).
 */
export function isPhone(value: string): boolean {
  const given = value.trim();
  if (!/^\+?[0-9 ()\-.]+$/.test(given)) return false;
  const digits = given.replace(/[^0-9]/g, '').length;
  return digits >= 10 && digits <= 15;
}

const codesOf = (list: readonly { code: string }[]) => new Set(list.map((i) => i.code));
const tierCodes = codesOf(tiers);
const processCodes = codesOf(processes);
const certificationCodes = codesOf(certifications);
const stratumCodes = codesOf(employeeStrata);
const sizeCodes = codesOf(sizeClasses);
const readinessCodes = codesOf(evReadiness);
const listOf = (codes: Set<string>) => [...codes].join(', ');

/**
 * The point decides state and municipality: outside Mexico (or swapped) is refused, never
 * corrected silently. Only the bounding box here; the service asks the boundaries too.
 */
export function pointProblem(lat: number, lon: number, prefix: string): FieldProblem | null {
  const problem = checkMexicanPoint(lat, lon);
  if (!problem) return null;
  const code: ErrorCode = problem.code === 'IMPORT.ROW_INVALID_VALUE' ? 'SUPPLIERS.INVALID_REGISTRATION' : 'SUPPLIERS.POINT_OUTSIDE_MEXICO';
  return { path: `${prefix}/lat`, code, message: problem.message.replace(' Put latitude (≈14 to 33) and longitude (≈-118 to -86) in their own columns.', ' Latitude in Mexico is ≈14 to 33 and longitude ≈-118 to -86.') };
}

/** Problems of a company's declared fields; `prefix` is where they sit in the body (`/company`). */
export function companyProblems(fields: Partial<CompanyFields>, prefix = '/company'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'SUPPLIERS.INVALID_REGISTRATION') => problems.push({ path: `${prefix}${path}`, code, message });
  if (fields.legalName !== undefined && fields.legalName.trim().length < 2) add('/legalName', 'Give the company’s legal name (razón social), at least 2 characters.');
  if (fields.tradeNames !== undefined) {
    if (fields.tradeNames.length > limits.tradeNames) add('/tradeNames', `At most ${limits.tradeNames} trade names.`);
    const seen = new Set<string>();
    fields.tradeNames.forEach((n, i) => {
      const t = n.trim();
      if (t === '') add(`/tradeNames/${i}`, 'A trade name is empty.');
      else if (seen.has(t.toLowerCase())) add(`/tradeNames/${i}`, `Trade name "${t}" is listed twice.`);
      seen.add(t.toLowerCase());
    });
  }
  if (fields.rfc !== undefined && fields.rfc !== null && fields.rfc.trim() !== '') {
    const check = checkRfc(fields.rfc);
    if (!check.ok) add('/rfc', check.message, 'SUPPLIERS.INVALID_RFC');
  }
  if (fields.sizeClass !== undefined && fields.sizeClass !== null && !sizeCodes.has(fields.sizeClass)) {
    add('/sizeClass', `Size class "${fields.sizeClass}" is not one of ${listOf(sizeCodes)}.`);
  }
  if (fields.ownershipCountry !== undefined && fields.ownershipCountry !== null && !isIsoCountry(fields.ownershipCountry.trim().toUpperCase())) {
    add('/ownershipCountry', `"${fields.ownershipCountry}" is not an ISO 3166-1 alpha-2 country code (MX, US, DE, JP…).`);
  }
  if (fields.website !== undefined && fields.website !== null && fields.website.trim() !== '' && !isWebsite(fields.website)) {
    add('/website', `"${fields.website}" is not a web address (https://…).`);
  }
  return problems;
}

/**
 * Problems of an establishment's declared fields. Only the fields given are checked, so an
 * edit is judged on what it changes (a certification that expired since it was declared
 * does not block changing the phone). `lat` and `lon` are checked together when either is given.
 */
export function establishmentProblems(fields: Partial<EstablishmentFields>, context: RegistrationContext, prefix = '/establishment'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'SUPPLIERS.INVALID_REGISTRATION') => problems.push({ path: `${prefix}${path}`, code, message });
  const codes = (field: 'tiers' | 'processes', known: Set<string>, what: string) => {
    const values = fields[field];
    if (values === undefined) return;
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (!known.has(v)) add(`/${field}/${i}`, `"${v}" is not a ${what}; use one of ${listOf(known)}.`);
      else if (seen.has(v)) add(`/${field}/${i}`, `${what[0]!.toUpperCase()}${what.slice(1)} "${v}" is listed twice.`);
      seen.add(v);
    });
  };
  const names = (field: 'oemCustomers', max: number) => {
    const values = fields[field];
    if (values === undefined) return;
    if (values.length > max) add(`/${field}`, `At most ${max} entries.`);
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const t = v.trim();
      if (t === '') add(`/${field}/${i}`, 'An entry is empty.');
      else if (t.length > limits.textLength) add(`/${field}/${i}`, `At most ${limits.textLength} characters.`);
      else if (seen.has(t.toLowerCase())) add(`/${field}/${i}`, `"${t}" is listed twice.`);
      seen.add(t.toLowerCase());
    });
  };

  if (fields.name !== undefined && fields.name.trim().length < 2) add('/name', 'Give the plant a name of at least 2 characters.');
  if (fields.postalCode !== undefined && fields.postalCode !== null && fields.postalCode.trim() !== '' && !/^[0-9]{5}$/.test(fields.postalCode.trim())) {
    add('/postalCode', `Postal code "${fields.postalCode}" must be the 5 digits of a Mexican código postal.`);
  }
  if (fields.lat !== undefined || fields.lon !== undefined) {
    const point = pointProblem(fields.lat ?? Number.NaN, fields.lon ?? Number.NaN, prefix);
    if (point) problems.push(point);
  }
  if (fields.scian !== undefined && fields.scian !== null) {
    if (!/^[0-9]{6}$/.test(fields.scian)) add('/scian', `SCIAN "${fields.scian}" must be a 6-digit SCIAN 2018 class (e.g. 336390).`);
    else if (context.scianTitle && context.scianTitle(fields.scian) === null) add('/scian', `${fields.scian} is not a class of SCIAN 2018.`);
  }
  if (fields.employeesStratum !== undefined && fields.employeesStratum !== null && !stratumCodes.has(fields.employeesStratum)) {
    add('/employeesStratum', `Employee stratum "${fields.employeesStratum}" is not one of ${listOf(stratumCodes)}.`);
  }
  codes('tiers', tierCodes, 'tier');
  codes('processes', processCodes, 'process');
  if (fields.components !== undefined) {
    if (fields.components.length > limits.components) add('/components', `At most ${limits.components} components per plant.`);
    const seen = new Set<string>();
    fields.components.forEach((c, i) => {
      const known = context.components.get(c);
      if (!known) add(`/components/${i}`, `"${c}" is not in the component catalogue (GET /api/v1/suppliers/components).`);
      else if (known.retired) add(`/components/${i}`, `Component "${c}" was retired from the catalogue; choose its replacement.`);
      else if (seen.has(c)) add(`/components/${i}`, `Component "${c}" is listed twice.`);
      seen.add(c);
    });
  }
  if (fields.certifications !== undefined) {
    if (fields.certifications.length > limits.certifications) add('/certifications', `At most ${limits.certifications} certifications.`);
    const seen = new Set<string>();
    fields.certifications.forEach((c, i) => {
      if (!certificationCodes.has(c.code)) add(`/certifications/${i}/code`, `"${c.code}" is not a certification; use one of ${listOf(certificationCodes)}.`);
      else if (seen.has(c.code)) add(`/certifications/${i}/code`, `Certification "${c.code}" is listed twice.`);
      seen.add(c.code);
      if (c.expiresOn !== undefined) {
        if (!isCalendarDate(c.expiresOn)) add(`/certifications/${i}/expiresOn`, `"${c.expiresOn}" is not a date YYYY-MM-DD.`);
        // A certificate past its expiry is not held: publishing it would mislead buyers.
        else if (c.expiresOn < context.today) add(`/certifications/${i}/expiresOn`, `The certificate expired on ${c.expiresOn}; remove it or give the renewed certificate's expiry.`);
      }
    });
  }
  names('oemCustomers', limits.oemCustomers);
  if (fields.exportMarkets !== undefined) {
    if (fields.exportMarkets.length > limits.exportMarkets) add('/exportMarkets', `At most ${limits.exportMarkets} export markets.`);
    const seen = new Set<string>();
    fields.exportMarkets.forEach((m, i) => {
      const code = m.trim().toUpperCase();
      if (!isIsoCountry(code)) add(`/exportMarkets/${i}`, `"${m}" is not an ISO 3166-1 alpha-2 country code (US, CA, DE…).`);
      else if (code === 'MX') add(`/exportMarkets/${i}`, 'Mexico is the home market, not an export market.');
      else if (seen.has(code)) add(`/exportMarkets/${i}`, `${code} is listed twice.`);
      seen.add(code);
    });
  }
  if (fields.evReadiness !== undefined && fields.evReadiness !== null && !readinessCodes.has(fields.evReadiness)) {
    add('/evReadiness', `EV readiness "${fields.evReadiness}" is not one of ${listOf(readinessCodes)}.`);
  }
  if (fields.phone !== undefined && fields.phone !== null && fields.phone.trim() !== '' && !isPhone(fields.phone)) {
    add('/phone', `"${fields.phone}" is not a telephone number (10 digits in Mexico, with +country code abroad).`);
  }
  if (fields.email !== undefined && fields.email !== null && fields.email.trim() !== '' && !isValidEmail(fields.email)) {
    add('/email', `"${fields.email}" is not an email address.`);
  }
  if (fields.website !== undefined && fields.website !== null && fields.website.trim() !== '' && !isWebsite(fields.website)) {
    add('/website', `"${fields.website}" is not a web address (https://…).`);
  }
  return problems;
}

/** The code a response leads with when several fields are wrong: the point first, then the RFC, then the rest. */
export function leadingCode(problems: readonly FieldProblem[]): ErrorCode {
  for (const code of ['SUPPLIERS.POINT_OUTSIDE_MEXICO', 'SUPPLIERS.INVALID_RFC'] as const) if (problems.some((p) => p.code === code)) return code;
  return 'SUPPLIERS.INVALID_REGISTRATION';
}

const trimmedOrNull = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());
const uniqueTrimmed = (values: readonly string[]) => [...new Map(values.map((v) => v.trim()).filter((v) => v !== '').map((v) => [v.toLowerCase(), v])).values()];

/** A valid company declaration as stored: trimmed, RFC as SAT writes it, country upper-cased; empty text is "not declared". */
export function normaliseCompany(fields: CompanyFields): CompanyFields {
  const rfc = trimmedOrNull(fields.rfc);
  const check = rfc ? checkRfc(rfc) : null;
  return {
    legalName: fields.legalName.trim(),
    tradeNames: uniqueTrimmed(fields.tradeNames),
    rfc: check && check.ok ? check.rfc : rfc,
    sizeClass: fields.sizeClass,
    ownershipCountry: trimmedOrNull(fields.ownershipCountry)?.toUpperCase() ?? null,
    website: trimmedOrNull(fields.website),
  };
}

/** A valid (partial) establishment declaration as stored. Tiers, processes and components keep the order given. */
export function normaliseEstablishment<T extends Partial<EstablishmentFields>>(fields: T): T {
  const out: Partial<EstablishmentFields> = { ...fields };
  for (const key of ['street', 'exteriorNumber', 'neighbourhood', 'postalCode', 'locality', 'industrialPark', 'phone', 'email', 'website'] as const) {
    if (key in fields) out[key] = trimmedOrNull(fields[key]);
  }
  if (fields.name !== undefined) out.name = fields.name.trim();
  if (fields.oemCustomers !== undefined) out.oemCustomers = uniqueTrimmed(fields.oemCustomers);
  if (fields.exportMarkets !== undefined) out.exportMarkets = [...new Set(fields.exportMarkets.map((m) => m.trim().toUpperCase()))];
  if (fields.certifications !== undefined) {
    out.certifications = fields.certifications.map((c) => ({
      code: c.code,
      ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
      ...(c.certificateId?.trim() ? { certificateId: c.certificateId.trim() } : {}),
    }));
  }
  return out as T;
}

/** Fields whose values differ (as JSON, so arrays and certifications compare by content). */
export function changedFields<F extends string>(names: readonly F[], before: Partial<Record<F, unknown>>, after: Partial<Record<F, unknown>>): F[] {
  return names.filter((f) => f in after && JSON.stringify(after[f] ?? null) !== JSON.stringify(before[f] ?? null));
}
