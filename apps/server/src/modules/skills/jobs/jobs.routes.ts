import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../platform/errors.js';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import {
  applicationStatuses, benefits, fairModes, genders, inclusionFeatures, languageLevels, limits, minCellPeople, salaryPeriods, workModes,
  type ApplicationStatus, type FairFields, type ProfileFields, type VacancyFields, type VacancyFilters,
} from './jobs.domain.js';
import type { FairInput, JobsService, VacancyInput } from './jobs.service.js';

const tags = ['skills'];
const codes = (list: readonly { code: string }[]) => list.map((i) => i.code).join(', ');
/* Null means "not given"; a type list keeps coercion from turning null into "" (see suppliers.registration.routes.ts). */
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const nullNumber = (options: object = {}) => Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });

/*
 * Every field is optional in the schema and required ones are checked by the service, so a
 * missing field is reported like any other wrong field: 422 JOBS.INVALID_VACANCY with a JSON
 * pointer per field in `errors`, next to the unknown skill or the inverted salary range.
 */
const Language = Type.Object({
  code: Type.String({ maxLength: 3, description: 'ISO 639-1 (es, en…)' }),
  level: Type.String({ maxLength: 10, description: `One of ${languageLevels.join(', ')}; a requirement is met by its level or above` }),
}, { additionalProperties: false });
const SkillIds = Type.Array(Type.String({ maxLength: 200 }), { maxItems: limits.skills, description: 'Taxonomy skill ids (GET /api/v1/skills/skills?q=…)' });

const vacancyFields = {
  title: Type.String({ maxLength: limits.title * 2, description: 'The position' }),
  occupationId: Type.String({ maxLength: 200, description: 'Taxonomy occupation id: esco:<uuid>, onet:<soc>, local:<slug>' }),
  country: Type.String({ maxLength: 2, description: 'MX or US' }),
  stateCode: Type.String({ maxLength: 5, description: 'MX: INEGI cve_ent (two digits, 05 Coahuila); US: USPS code (MI)' }),
  municipalityCode: Type.Optional(nullString({ maxLength: 200, description: 'MX: INEGI cvegeo (5 digits); US: city or county as written' })),
  lat: Type.Optional(nullNumber({ description: 'WGS84 latitude (optional point)' })),
  lon: Type.Optional(nullNumber({ description: 'WGS84 longitude' })),
  salaryMin: Type.Number({ description: 'Lower end of the range' }),
  salaryMax: Type.Number({ description: 'Upper end; not below salaryMin (422 JOBS.SALARY_MIN_ABOVE_MAX)' }),
  salaryCurrency: Type.String({ maxLength: 3, description: 'ISO 4217 (MXN, USD…); others answer 422 JOBS.UNKNOWN_CURRENCY' }),
  salaryPeriod: Type.String({ maxLength: 10, description: salaryPeriods.join(', ') }),
  benefits: Type.Array(Type.String({ maxLength: 40 }), { maxItems: limits.benefits, description: `Codes: ${codes(benefits)}` }),
  benefitsOther: Type.Optional(nullString({ maxLength: limits.text * 2, description: 'Other benefits, free text (returned as given, never as HTML)' })),
  activities: Type.String({ maxLength: limits.text * 2, description: 'What the job involves, free text (returned as given, never as HTML)' }),
  requiredSkills: SkillIds,
  optionalSkills: SkillIds,
  languages: Type.Array(Language, { maxItems: limits.languages }),
  workMode: Type.String({ maxLength: 10, description: workModes.join(', ') }),
  inclusion: Type.Array(Type.String({ maxLength: 40 }), { maxItems: inclusionFeatures.length, description: `Codes: ${codes(inclusionFeatures)}` }),
  workAuthorisationRequired: Type.Boolean({ description: 'The candidate must already be allowed to work in the vacancy’s country (no sponsorship)' }),
  closingDate: Type.Optional(nullString({ maxLength: 10, description: 'YYYY-MM-DD; not in the past' })),
  status: Type.String({ maxLength: 10, description: 'draft or published (default); publishing sends alerts to matching saved searches' }),
  industryScian: Type.Optional(nullString({
    maxLength: 20,
    description: 'The employer’s industry as a SCIAN 2018 code (INEGI), 2 to 6 digits: 336320 (clase) or 3363 (rama). Optional; '
      + 'unknown or malformed codes answer 422 JOBS.INVALID_VACANCY at /industryScian. US employers may leave it empty (NAICS is not taken).',
  })),
};
const optional = <T extends Record<string, object>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v as never)]));

const VacancyBody = Type.Object({
  organisationId: Type.Optional(Type.String({ maxLength: 40, description: 'The employer: an organisation you are an editor of' })),
  ...optional(vacancyFields),
}, { additionalProperties: false });
const VacancyPatch = Type.Object(optional(vacancyFields), { additionalProperties: false });

const Labelled = Type.Object({ id: Type.String(), labelEs: Type.String(), labelEn: Type.String() });
const Provenance = Type.Object({}, { additionalProperties: true, description: '{ source: skills-job-board, method: declared by employer, declaredAt }' });

export const Vacancy = Type.Object({
  id: Type.String(), status: Type.String(), title: Type.String(),
  organisation: Type.Object({ id: Type.String(), name: Type.String() }),
  occupation: Labelled,
  country: Type.String(), stateCode: Type.String(), stateName: Nullable(Type.String()), municipalityCode: Nullable(Type.String()), municipalityName: Nullable(Type.String()),
  lat: Nullable(Type.Number()), lon: Nullable(Type.Number()),
  salary: Type.Object({ min: Type.Number(), max: Type.Number(), currency: Type.String(), period: Type.String() }),
  benefits: Type.Array(Type.String()), benefitsOther: Nullable(Type.String()), activities: Type.String(),
  requiredSkills: Type.Array(Labelled), optionalSkills: Type.Array(Labelled),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
  workMode: Type.String(), inclusion: Type.Array(Type.String()), workAuthorisationRequired: Type.Boolean(),
  closingDate: Nullable(Type.String()), publishedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()), updatedAt: Type.String(),
  industry: Nullable(Type.Object({ code: Type.String({ description: 'SCIAN 2018 code' }), titleEs: Type.String({ description: 'Its title in the INEGI catalogue (Spanish only)' }) })),
  provenance: Provenance,
});

const SkillList = Type.Array(Labelled);
export const Match = Type.Object({
  score: Type.Number({ description: 'Out of 100: skills 60 (required count twice), location 20, languages 10, work authorisation 10' }),
  parts: Type.Object({ skills: Type.Number(), location: Type.Number(), language: Type.Number(), authorisation: Type.Number() }),
  skills: Type.Object({ matchedRequired: SkillList, matchedOptional: SkillList, missingRequired: SkillList, missingOptional: SkillList }),
  location: Type.String({ description: 'remote, municipality, state, country or none' }),
  languages: Type.Object({ met: Type.Integer(), required: Type.Integer() }),
  authorised: Type.Boolean(),
  courses: Type.Optional(Type.Array(Type.Object({
    skillId: Type.String(),
    courses: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: true })),
  }), { description: 'Shown to the candidate: published courses that teach each missing skill (at most 3, nearest first); skills no course teaches are absent' })),
});

const ProfileLanguage = Type.Object({ code: Type.String(), level: Type.String() });
export const Profile = Type.Object({
  userId: Type.String(), displayName: Type.String(), skills: SkillList,
  experience: Type.Array(Type.Object({ occupationId: Type.String(), years: Type.Number(), title: Nullable(Type.String()), occupation: Labelled })),
  country: Nullable(Type.String()), stateCode: Nullable(Type.String()), municipalityCode: Nullable(Type.String()),
  languages: Type.Array(ProfileLanguage), authorisedMx: Type.Boolean(), authorisedUs: Type.Boolean(),
  desiredSalary: Nullable(Type.Object({ min: Type.Number(), currency: Nullable(Type.String()), period: Nullable(Type.String()) })),
  openToEmployers: Type.Boolean(),
  gender: Type.Optional(Nullable(Type.String({ description: 'Only in your own profile; never shown to employers' }))),
  updatedAt: Type.String(),
  cv: Type.Optional(Nullable(Type.Object({ filename: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), uploadedAt: Type.String() }))),
});

const ProfileBody = Type.Object({
  skills: Type.Optional(SkillIds),
  experience: Type.Optional(Type.Array(Type.Object({
    occupationId: Type.String({ maxLength: 200 }), years: Type.Number(), title: Type.Optional(nullString({ maxLength: limits.shortText * 2 })),
  }, { additionalProperties: false }), { maxItems: limits.experience })),
  country: Type.Optional(nullString({ maxLength: 2 })),
  stateCode: Type.Optional(nullString({ maxLength: 5 })),
  municipalityCode: Type.Optional(nullString({ maxLength: 200 })),
  languages: Type.Optional(Type.Array(Language, { maxItems: limits.languages })),
  authorisedMx: Type.Optional(Type.Boolean({ description: 'Allowed to work in Mexico' })),
  authorisedUs: Type.Optional(Type.Boolean({ description: 'Allowed to work in the United States' })),
  desiredSalaryMin: Type.Optional(nullNumber()),
  desiredSalaryCurrency: Type.Optional(nullString({ maxLength: 3 })),
  desiredSalaryPeriod: Type.Optional(nullString({ maxLength: 10 })),
  gender: Type.Optional(nullString({ maxLength: 20, description: `Optional, self-reported (${genders.join(', ')}); used only for aggregated, anonymous indicators` })),
  openToEmployers: Type.Optional(Type.Boolean({ description: 'Let employers find your profile (default false: only employers you apply to see it)' })),
}, { additionalProperties: false });

const filterFields = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the title, activities or occupation (accent-insensitive)' })),
  country: Type.Optional(Type.String({ maxLength: 2 })),
  state: Type.Optional(Type.String({ maxLength: 5, description: 'cve_ent (MX) or USPS code (US)' })),
  occupation: Type.Optional(Type.String({ maxLength: 200 })),
  skill: Type.Optional(Type.String({ maxLength: 200 })),
  salaryFloor: Type.Optional(Type.Number({ minimum: 0, description: 'Per month, in `currency`: vacancies whose maximum reaches it (other periods converted at 40 h/week; currencies are not converted)' })),
  currency: Type.Optional(Type.String({ maxLength: 3 })),
  remote: Type.Optional(Type.Boolean({ description: 'Only remote vacancies' })),
  inclusion: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: inclusionFeatures.length, description: 'Vacancies offering all of these' })),
  industry: Type.Optional(Type.String({ maxLength: 6, description: 'The employer’s industry: a SCIAN 2018 code or prefix (2 to 6 digits); 336 matches vacancies of 3363 and 336320' })),
};
const ListQuery = Type.Object({
  ...filterFields,
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) });
const IdParam = Type.Object({ id: Type.String({ maxLength: 200 }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

const fairFields = {
  title: Type.String({ maxLength: limits.title * 2 }),
  description: Type.Optional(nullString({ maxLength: limits.text * 2, description: 'Free text, returned as given (never as HTML)' })),
  startsOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  endsOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD; not before startsOn, not in the past' }),
  mode: Type.String({ maxLength: 10, description: fairModes.join(', ') }),
  country: Type.Optional(nullString({ maxLength: 2, description: 'MX or US (in person and hybrid)' })),
  stateCode: Type.Optional(nullString({ maxLength: 5, description: 'MX: INEGI cve_ent; US: USPS code (in person and hybrid)' })),
  municipalityCode: Type.Optional(nullString({ maxLength: 200, description: 'MX: INEGI cvegeo; US: city as written' })),
  venue: Type.Optional(nullString({ maxLength: limits.shortText * 2, description: 'Venue name and address' })),
  url: Type.Optional(nullString({ maxLength: 1000, description: 'Where to join (online and hybrid): http or https' })),
  binational: Type.Boolean({ description: 'Employers or candidates from both Mexico and the US' }),
};
const FairBody = Type.Object({
  organisationId: Type.Optional(nullString({ maxLength: 40, description: 'The organiser: an organisation you are an editor of (moderators and admins may leave it out)' })),
  ...optional(fairFields),
}, { additionalProperties: false });
const FairPatch = Type.Object({ ...optional(fairFields), status: Type.Optional(Type.String({ maxLength: 10, description: 'published or cancelled' })) }, { additionalProperties: false });
const Fair = Type.Object({
  id: Type.String(), title: Type.String(), description: Nullable(Type.String()), startsOn: Type.String(), endsOn: Type.String(), mode: Type.String(),
  country: Nullable(Type.String()), stateCode: Nullable(Type.String()), stateName: Nullable(Type.String()), municipalityCode: Nullable(Type.String()), municipalityName: Nullable(Type.String()),
  venue: Nullable(Type.String()), url: Nullable(Type.String()), binational: Type.Boolean(), status: Type.String(),
  organiser: Nullable(Type.Object({ id: Type.String(), name: Type.String() })), updatedAt: Type.String(), provenance: Provenance,
});
const InclusionShare = Type.Object({ code: Type.String(), labelEs: Type.String(), labelEn: Type.String(), vacancies: Type.Integer(), share: Nullable(Type.Number({ description: 'Vacancies offering it over open vacancies, 0–1' })) });

const listOf = <T extends object>(item: T) => Type.Object({ items: Type.Array(item as never), total: Type.Integer() });

export function jobsRoutes(jobs: JobsService) {
  return async (app: FastifyInstance) => {
    // --- vacancies ---
    app.get('/skills/vacancies', {
      schema: { tags, summary: 'Open vacancies (public fields only), newest first', querystring: ListQuery, response: { 200: listOf(Vacancy), 400: Problem, 422: Problem } },
    }, async (request) => {
      const { limit, offset, ...filters } = request.query as VacancyFilters & { limit: number; offset: number };
      return jobs.listVacancies(filters, { limit, offset });
    });

    app.get('/skills/vacancies/mine', {
      schema: { tags, summary: 'Vacancies of the organisations you edit, drafts and closed ones included', response: { 200: listOf(Vacancy), 401: Problem } },
    }, async (request) => jobs.myVacancies(request.principal));

    app.get('/skills/vacancies/:id', {
      schema: { tags, summary: 'A vacancy (drafts only to its organisation’s editors)', params: IdParam, response: { 200: Vacancy, 404: Problem } },
    }, async (request) => jobs.getVacancy(request.principal, (request.params as { id: string }).id));

    app.post('/skills/vacancies', {
      schema: {
        tags, summary: 'Post a vacancy (an editor of the employer organisation)',
        description: 'Required: organisationId, title, occupationId, country, stateCode, salaryMin, salaryMax, salaryCurrency, salaryPeriod, activities, workMode, requiredSkills. '
          + 'Invalid or missing fields answer 422 with `errors[]` (JSON pointers); the leading code is JOBS.SALARY_MIN_ABOVE_MAX, JOBS.UNKNOWN_CURRENCY, JOBS.UNKNOWN_OCCUPATION, '
          + 'JOBS.UNKNOWN_SKILL or JOBS.INVALID_VACANCY. Nothing is saved unless everything is valid. Free text is stored as given (control characters removed) and returned as JSON strings.',
        body: VacancyBody, response: { 201: Vacancy, ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await jobs.postVacancy(request.principal, request.body as VacancyInput)));

    app.patch('/skills/vacancies/:id', {
      schema: { tags, summary: 'Edit a vacancy (its organisation’s editors); publishing a draft sends alerts', params: IdParam, body: VacancyPatch, response: { 200: Vacancy, ...errors } },
    }, async (request) => jobs.updateVacancy(request.principal, (request.params as { id: string }).id, request.body as Partial<VacancyFields>));

    app.post('/skills/vacancies/:id/close', {
      schema: { tags, summary: 'Close a vacancy (its organisation’s editors)', params: IdParam, response: { 200: Vacancy, ...errors } },
    }, async (request) => jobs.closeVacancy(request.principal, (request.params as { id: string }).id));

    app.get('/skills/vacancies/:id/candidates', {
      schema: {
        tags, summary: 'Best candidates for a vacancy, explained (its organisation’s editors)',
        description: 'Only candidates who applied to it, or opted in to be found and share at least one skill. Each result lists matching and missing skills and the score parts.',
        params: IdParam, querystring: Limit,
        response: { 200: listOf(Type.Object({ candidate: Profile, applied: Type.Boolean(), match: Match })), ...errors },
      },
    }, async (request) => jobs.candidatesForVacancy(request.principal, (request.params as { id: string }).id, (request.query as { limit: number }).limit));

    app.get('/skills/vacancies/:id/applications', {
      schema: {
        tags, summary: 'Applicants of a vacancy with their match explained (its organisation’s editors)', params: IdParam,
        response: { 200: listOf(Type.Object({ id: Type.String(), status: Type.String(), coverNote: Nullable(Type.String()), createdAt: Type.String(), candidate: Profile, match: Match })), ...errors },
      },
    }, async (request) => jobs.vacancyApplications(request.principal, (request.params as { id: string }).id));

    app.post('/skills/vacancies/:id/applications', {
      schema: {
        tags, summary: 'Apply to a vacancy (signed in, with a candidate profile); once per vacancy', params: IdParam,
        body: Type.Optional(Type.Object({ coverNote: Type.Optional(nullString({ maxLength: limits.text * 2 })) }, { additionalProperties: false })),
        response: { 201: Type.Object({ id: Type.String(), vacancyId: Type.String(), status: Type.String(), createdAt: Type.String(), match: Match }), ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await jobs.apply(request.principal, (request.params as { id: string }).id, (request.body as { coverNote?: string | null } | undefined)?.coverNote ?? null)));

    app.patch('/skills/applications/:id', {
      schema: {
        tags, summary: 'Move an application: the employer to reviewed, interview, offered, hired or rejected; the candidate to withdrawn',
        params: IdParam, body: Type.Object({ status: Type.Union(applicationStatuses.map((s) => Type.Literal(s))) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), vacancyId: Type.String(), status: Type.String() }), ...errors },
      },
    }, async (request) => jobs.setApplicationStatus(request.principal, (request.params as { id: string }).id, (request.body as { status: ApplicationStatus }).status));

    // --- the candidate's own data ---
    app.get('/skills/candidates/me', {
      schema: { tags, summary: 'Your candidate profile (private)', response: { 200: Profile, 401: Problem, 409: Problem } },
    }, async (request) => jobs.getMyProfile(request.principal));

    app.put('/skills/candidates/me', {
      schema: {
        tags, summary: 'Create or replace your candidate profile',
        description: 'Private by default: employers see it only when you apply to one of their vacancies, or when openToEmployers is true. Gender is optional and only feeds anonymous aggregates.',
        body: ProfileBody, response: { 200: Profile, ...errors },
      },
    }, async (request) => jobs.putMyProfile(request.principal, request.body as Partial<ProfileFields>));

    app.delete('/skills/candidates/me', {
      schema: {
        tags, summary: 'Delete your job-board data: profile, CV, saved searches, alerts; your applications are kept anonymous',
        response: { 200: Type.Object({ applicationsAnonymised: Type.Integer(), savedSearchesDeleted: Type.Integer(), alertsDeleted: Type.Integer(), profileDeleted: Type.Boolean() }), 401: Problem },
      },
    }, async (request) => jobs.deleteMyData(request.principal));

    app.get('/skills/candidates/me/export', {
      schema: { tags, summary: 'Everything the job board holds about you, as JSON (download)', response: { 401: Problem } },
    }, async (request, reply) => {
      const data = await jobs.exportMyData(request.principal);
      return reply.header('content-disposition', 'attachment; filename="electrifica-job-board-data.json"').type('application/json').send(JSON.stringify(data));
    });

    app.get('/skills/candidates/me/applications', {
      schema: { tags, summary: 'Your applications', response: { 200: listOf(Type.Object({ id: Type.String(), vacancyId: Type.String(), title: Type.String(), organisation: Type.String(), status: Type.String(), createdAt: Type.String(), updatedAt: Type.String() })), 401: Problem } },
    }, async (request) => jobs.myApplications(request.principal));

    app.get('/skills/candidates/me/vacancies', {
      schema: {
        tags, summary: 'Open vacancies that best match your profile, explained', querystring: Limit,
        response: { 200: listOf(Type.Object({ vacancy: Vacancy, match: Match })), 401: Problem, 409: Problem },
      },
    }, async (request) => jobs.vacanciesForMe(request.principal, (request.query as { limit: number }).limit));

    app.post('/skills/candidates/me/cv', {
      schema: {
        tags, summary: 'Upload your CV (multipart, field "file"): PDF or DOCX, checked by content, at most 2 MB', consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ filename: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer() }), 400: Problem, 401: Problem, 409: Problem, 413: Problem, 415: Problem },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('JOBS.CV_MISSING', 'Send multipart/form-data with the CV in the field "file".', [{ path: '/file', message: 'missing' }]);
      let file: { filename: string; content: Uint8Array } | null = null;
      // One byte over the limit is enough to know it is too large; the stream is cut there.
      for await (const part of request.parts({ limits: { fileSize: limits.cvBytes + 1, files: 1 } })) {
        if (part.type === 'file') {
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk as Buffer);
          const content = Buffer.concat(chunks);
          if (part.file.truncated) throw new AppError('JOBS.CV_TOO_LARGE', `The CV is larger than ${limits.cvBytes / 1024 / 1024} MB.`, [{ path: '/file', message: `at most ${limits.cvBytes} bytes` }]);
          file = { filename: part.filename || 'cv', content: new Uint8Array(content) };
        }
      }
      return reply.status(201).send(await jobs.uploadCv(request.principal, file));
    });

    app.get('/skills/candidates/me/cv', {
      schema: { tags, summary: 'Download your CV', response: { 401: Problem, 404: Problem } },
    }, async (request, reply) => {
      const cv = await jobs.myCv(request.principal);
      return reply.type(cv.media_type).header('content-disposition', `attachment; filename="cv.${cv.media_type === 'application/pdf' ? 'pdf' : 'docx'}"`).send(Buffer.from(cv.content));
    });

    app.get('/skills/candidates/:id', {
      schema: {
        tags, summary: 'A candidate’s profile, for employers they applied to or when they opted in',
        description: 'Otherwise 404 JOBS.CANDIDATE_NOT_FOUND (existence is not revealed). Self-reported gender is never included.',
        params: IdParam, response: { 200: Profile, 401: Problem, 404: Problem },
      },
    }, async (request) => jobs.candidateForEmployer(request.principal, (request.params as { id: string }).id));

    // --- saved searches and alerts ---
    app.post('/skills/saved-searches', {
      schema: {
        tags, summary: 'Save a vacancy search; each newly published vacancy matching it creates an in-app alert',
        body: Type.Object({ name: Type.String({ maxLength: limits.shortText * 2 }), filters: Type.Object(filterFields, { additionalProperties: false }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String(), name: Type.String(), filters: Type.Object({}, { additionalProperties: true }), createdAt: Type.String() }), ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await jobs.saveSearch(request.principal, request.body as { name: string; filters: VacancyFilters })));

    app.get('/skills/saved-searches', {
      schema: { tags, summary: 'Your saved searches', response: { 200: listOf(Type.Object({ id: Type.String(), name: Type.String(), filters: Type.Object({}, { additionalProperties: true }), createdAt: Type.String() })), 401: Problem } },
    }, async (request) => jobs.savedSearches(request.principal));

    app.delete('/skills/saved-searches/:id', {
      schema: { tags, summary: 'Delete a saved search (and its alerts)', params: IdParam, response: { 204: Type.Null(), 401: Problem, 404: Problem } },
    }, async (request, reply) => {
      await jobs.deleteSavedSearch(request.principal, (request.params as { id: string }).id);
      return reply.status(204).send();
    });

    app.get('/skills/alerts', {
      schema: {
        tags, summary: 'Your in-app alerts: new vacancies matching your saved searches, newest first',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: {
          200: listOf(Type.Object({
            id: Type.String(), savedSearch: Type.Object({ id: Type.String(), name: Type.String() }),
            vacancy: Type.Object({ id: Type.String(), title: Type.String(), organisation: Type.String() }), readAt: Nullable(Type.String()), createdAt: Type.String(),
          })),
          401: Problem,
        },
      },
    }, async (request) => {
      const q = request.query as { unread?: boolean; limit: number; offset: number };
      return jobs.alerts(request.principal, q.unread === true, { limit: q.limit, offset: q.offset });
    });

    app.post('/skills/alerts/:id/read', {
      schema: { tags, summary: 'Mark an alert read', params: IdParam, response: { 200: Type.Object({ id: Type.String(), read: Type.Boolean() }), 401: Problem, 404: Problem } },
    }, async (request) => jobs.markAlertRead(request.principal, (request.params as { id: string }).id));

    // --- job fairs ---
    app.get('/skills/fairs', {
      schema: {
        tags, summary: 'Job fairs not yet ended (or past ones), soonest first',
        querystring: Type.Object({
          past: Type.Optional(Type.Boolean({ description: 'Fairs that have ended, latest first' })),
          mode: Type.Optional(Type.String({ maxLength: 10, description: fairModes.join(', ') })),
          country: Type.Optional(Type.String({ maxLength: 2 })),
          state: Type.Optional(Type.String({ maxLength: 5, description: 'cve_ent (MX) or USPS code (US)' })),
          binational: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: listOf(Fair), 400: Problem },
      },
    }, async (request) => {
      const { limit, offset, ...filters } = request.query as { limit: number; offset: number; past?: boolean; mode?: string; country?: string; state?: string; binational?: boolean };
      return jobs.listFairs(filters, { limit, offset });
    });

    app.get('/skills/fairs/:id', {
      schema: {
        tags, summary: 'A job fair with the employers taking part and their open vacancies',
        description: 'Interest is a count; `registered` tells a signed-in caller whether they registered. Who registered is never shown.',
        params: IdParam,
        response: {
          200: Type.Intersect([Fair, Type.Object({
            employers: Type.Array(Type.Object({ organisation: Type.Object({ id: Type.String(), name: Type.String() }), vacancies: Type.Array(Vacancy) })),
            interest: Type.Object({ count: Type.Integer(), registered: Type.Optional(Type.Boolean()) }),
          })]),
          404: Problem,
        },
      },
    }, async (request) => jobs.getFair(request.principal, (request.params as { id: string }).id));

    app.post('/skills/fairs', {
      schema: {
        tags, summary: 'Post a job fair (editors of the organising organisation; moderators and admins also without one)',
        description: 'Required: title, startsOn, endsOn, mode. In person and hybrid: country and stateCode (municipalityCode, venue optional). Online and hybrid: url. '
          + 'Invalid or missing fields answer 422 JOBS.INVALID_FAIR with `errors[]` (JSON pointers); nothing is saved.',
        body: FairBody, response: { 201: Fair, ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await jobs.createFair(request.principal, request.body as FairInput)));

    app.patch('/skills/fairs/:id', {
      schema: { tags, summary: 'Edit or cancel a job fair (its organisers, moderators, admins)', params: IdParam, body: FairPatch, response: { 200: Fair, ...errors } },
    }, async (request) => jobs.updateFair(request.principal, (request.params as { id: string }).id, request.body as Partial<FairFields> & { status?: string }));

    app.post('/skills/fairs/:id/vacancies', {
      schema: {
        tags, summary: 'Bring vacancies to a job fair (editors of the employer; published vacancies only)', params: IdParam,
        body: Type.Object({ vacancyIds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ fairId: Type.String(), added: Type.Array(Type.String()), alreadyLinked: Type.Array(Type.String()) }), ...errors },
      },
    }, async (request) => jobs.addFairVacancies(request.principal, (request.params as { id: string }).id, (request.body as { vacancyIds: string[] }).vacancyIds));

    app.delete('/skills/fairs/:id/vacancies/:vacancyId', {
      schema: { tags, summary: 'Take a vacancy out of a job fair (its editors or the fair’s organisers)', params: Type.Object({ id: Type.String({ maxLength: 40 }), vacancyId: Type.String({ maxLength: 40 }) }), response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      const p = request.params as { id: string; vacancyId: string };
      await jobs.removeFairVacancy(request.principal, p.id, p.vacancyId);
      return reply.status(204).send();
    });

    const Interest = Type.Object({ fairId: Type.String(), registered: Type.Boolean(), count: Type.Integer() });
    app.post('/skills/fairs/:id/interest', {
      schema: { tags, summary: 'Register your interest in a job fair (signed in)', params: IdParam, response: { 200: Interest, ...errors } },
    }, async (request) => jobs.setFairInterest(request.principal, (request.params as { id: string }).id, true));
    app.delete('/skills/fairs/:id/interest', {
      schema: { tags, summary: 'Withdraw your interest in a job fair', params: IdParam, response: { 200: Interest, ...errors } },
    }, async (request) => jobs.setFairInterest(request.principal, (request.params as { id: string }).id, false));

    // --- inclusion indicators ---
    const Cell = Type.Object({ gender: Type.String(), count: Nullable(Type.Integer()), suppressed: Type.Boolean() });
    const Measure = Type.Object({ total: Nullable(Type.Integer()), totalSuppressed: Type.Boolean(), byGender: Type.Array(Cell) });
    const Place = { country: Type.String(), stateCode: Type.Optional(Type.String()), stateName: Type.Optional(Nullable(Type.String())) };
    app.get('/skills/inclusion', {
      schema: {
        tags, summary: 'Inclusion indicators, aggregated and anonymous: inclusion features of open vacancies; applications and placements by self-reported gender, by state',
        description: `Counts of 1 to ${minCellPeople - 1} people are null with suppressed = true (and one more cell of the same place, so totals do not reveal them). `
          + 'No personal data: only counts. `method`, `asOf` and `sources` say how the figures are made.',
        response: {
          200: Type.Object({
            asOf: Type.String(), generatedAt: Type.String(), method: Type.String(), suppression: Type.Object({ minPeople: Type.Integer() }),
            sources: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), method: Type.String(), asOf: Type.String() })),
            genders: Type.Array(Type.String()),
            vacancies: Type.Object({
              byCountry: Type.Array(Type.Object({ ...Place, openVacancies: Type.Integer(), features: Type.Array(InclusionShare) })),
              byState: Type.Array(Type.Object({ ...Place, openVacancies: Type.Integer(), features: Type.Array(InclusionShare) })),
            }),
            applications: Type.Object({
              byCountry: Type.Array(Type.Object({ ...Place, applications: Measure, placements: Measure })),
              byState: Type.Array(Type.Object({ ...Place, applications: Measure, placements: Measure })),
            }),
          }),
        },
      },
    }, async () => jobs.inclusion());

    // --- career pathways ---
    app.get('/skills/pathways', {
      schema: {
        tags, summary: 'From one occupation to another: shared skills, skills to gain (essential first), salary ranges',
        description: 'Salary ranges in Mexico come from vacancies posted here (count, min, median of range midpoints, max per currency and period). `courses`: up to 3 published courses of the training catalogue per skill to gain, nearest first.',
        querystring: Type.Object({ from: Type.String({ maxLength: 200 }), to: Type.String({ maxLength: 200 }) }),
        response: { 404: Problem },
      },
    }, async (request) => {
      const q = request.query as { from: string; to: string };
      return jobs.pathway(q.from, q.to);
    });

    app.get('/skills/occupations/:id/related', {
      schema: {
        tags, summary: 'Occupations related by shared essential skills (Jaccard similarity)', params: IdParam, querystring: Limit,
        response: { 200: listOf(Type.Object({ id: Type.String(), labelEs: Type.String(), labelEn: Type.String(), sharedEssentialSkills: Type.Integer(), jaccard: Type.Number() })), 404: Problem },
      },
    }, async (request) => jobs.related((request.params as { id: string }).id, (request.query as { limit: number }).limit));
  };
}
