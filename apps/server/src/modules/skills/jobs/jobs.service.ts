/**
 * Use cases of the job board, with the authorisation of each: organisation editors post
 * and manage their vacancies and see the candidates who applied or opted in; a candidate
 * keeps one private profile, applies, exports and deletes their data. Every write is one
 * transaction with its audit (never personal data in the audit).
 */
import { createHash } from 'node:crypto';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { foldForSearch } from '../../../platform/text.js';
import { canEditOrganisation, editedOrganisations, hasRole, type Principal } from '../../accounts/accounts.domain.js';
import { actorOf } from '../../accounts/accounts.service.js';
import {
  cleanOptional, cleanText, cvKind, cvMediaTypes, fairModes, fairProblems, filterProblems, genders, inclusionFeatures, jaccard, minCellPeople, normaliseFair, suppressCells, languageGrants, languageKey, leadingCode, limits, monthly,
  municipalityKey, normaliseVacancy, profileProblems, scoreMatch, searchText, skillGap, transitionProblem, vacancyProblems,
  type ApplicationStatus, type FairFields, type FieldProblem, type LanguageLevel, type MatchCandidate, type MatchVacancy, type ProfileFields,
  type SalaryPeriod, type ValidationContext, type VacancyFields, type VacancyFilters,
} from './jobs.domain.js';
import { coursesTeaching } from '../training/training.repository.js';
import type { CandidateColumns, CandidateRow, FairColumns, FairRow, JobsRepository, ListFilter, SkillRef, VacancyColumns, VacancyRow } from './jobs.repository.js';
import { isoTimestamp as iso } from '../../../platform/time.js';

export type VacancyInput = Partial<VacancyFields> & { organisationId?: string };
export type FairInput = Partial<FairFields> & { organisationId?: string | null };

const today = () => new Date().toISOString().slice(0, 10);
const dateOnly = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));

function requireSignedIn(principal: Principal | null, what: string): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', `Sign in, or send an API token as "Authorization: Bearer <token>", to ${what}.`);
}

function assertValid(problems: FieldProblem[], fallback: Parameters<typeof leadingCode>[1]) {
  if (problems.length === 0) return;
  throw new AppError(leadingCode(problems, fallback), problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
}

/*
 * A candidate acting on their own data is audited under their id but not their email, and
 * the entries hold which fields changed, never the values: the audit outlives a deletion.
 */
const candidateActor = (p: Principal): Actor => ({ userId: p.userId, label: 'candidate' });

const skillOut = (s: SkillRef | undefined, id: string) => ({ id, labelEs: s?.labelEs ?? id, labelEn: s?.labelEn ?? id });

/** The SCIAN 2018 catalogue, as the suppliers module loads it (only titles are read here). */
export interface ScianTitles { titleOf(code: string | null | undefined): string | null }

/** Without a catalogue (benchmarks, scripts) no code is known, so any industry code is refused. */
const noScian: ScianTitles = { titleOf: () => null };

export function createJobsService(deps: { db: Db; repository: JobsRepository; scian?: ScianTitles }) {
  const { db, repository, scian = noScian } = deps;
  let statesCache: ValidationContext['states'] | null = null;
  const states = async () => (statesCache ??= await repository.states());

  async function context(input: { skills?: string[]; occupations?: string[]; municipalities?: (string | null | undefined)[] }, tx: Db = db): Promise<ValidationContext> {
    return {
      skills: await repository.skills(input.skills ?? [], tx),
      occupations: new Set((await repository.occupations(input.occupations ?? [], tx)).keys()),
      states: await states(),
      municipalities: await repository.municipalities((input.municipalities ?? []).filter((m): m is string => typeof m === 'string')),
      today: today(),
      scianTitle: (code) => scian.titleOf(code),
    };
  }

  // --- vacancies: shapes ---

  /** A vacancy as anyone reads it: the posting, never who posted it nor who applied. */
  async function toPublicVacancies(rows: VacancyRow[], tx: Db = db) {
    // Inside a write, through its transaction: PGlite has one connection, which the transaction holds.
    const labels = await repository.skills(rows.flatMap((r) => [...r.required_skill_ids, ...r.optional_skill_ids]), tx);
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      occupation: { id: r.occupation_id, labelEs: r.occupation_label_es ?? r.occupation_id, labelEn: r.occupation_label_en ?? r.occupation_id },
      country: r.country,
      stateCode: r.state_code.trim(),
      stateName: r.state_name,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      lat: num(r.lat),
      lon: num(r.lon),
      salary: { min: Number(r.salary_min), max: Number(r.salary_max), currency: r.salary_currency.trim(), period: r.salary_period },
      benefits: r.benefits,
      benefitsOther: r.benefits_other,
      activities: r.activities,
      requiredSkills: r.required_skill_ids.map((id) => skillOut(labels.get(id), id)),
      optionalSkills: r.optional_skill_ids.map((id) => skillOut(labels.get(id), id)),
      languages: r.languages,
      workMode: r.work_mode,
      inclusion: r.inclusion,
      workAuthorisationRequired: r.work_authorisation_required,
      closingDate: dateOnly(r.closing_date),
      // Title from the catalogue at read time; a code a later catalogue drops still shows, titled by itself.
      industry: r.industry_scian === null ? null : { code: r.industry_scian, titleEs: scian.titleOf(r.industry_scian) ?? r.industry_scian },
      publishedAt: iso(r.published_at),
      closedAt: iso(r.closed_at),
      updatedAt: iso(r.updated_at)!,
      // Who in the organisation typed it is not public: the posting speaks for the organisation.
      provenance: { source: r.provenance.source, method: r.provenance.method, declaredAt: r.provenance.declaredAt },
    }));
  }
  const toPublicVacancy = async (r: VacancyRow, tx: Db = db) => (await toPublicVacancies([r], tx))[0]!;

  async function columnsOf(f: VacancyFields, occupationLabels: { labelEs: string; labelEn: string } | undefined, skills: ReadonlyMap<string, { seq: number }>): Promise<Omit<VacancyColumns, 'status' | 'provenance' | 'published_at'>> {
    const required = f.requiredSkills.map((id) => skills.get(id)!.seq);
    const optional = f.optionalSkills.map((id) => skills.get(id)!.seq);
    return {
      title: f.title, occupation_id: f.occupationId, country: f.country, state_code: f.stateCode, municipality_code: f.municipalityCode,
      municipality_key: municipalityKey(f.country, f.municipalityCode), lat: f.lat, lon: f.lon,
      salary_min: f.salaryMin, salary_max: f.salaryMax, salary_currency: f.salaryCurrency, salary_period: f.salaryPeriod,
      salary_min_monthly: monthly(f.salaryMin, f.salaryPeriod), salary_max_monthly: monthly(f.salaryMax, f.salaryPeriod),
      benefits: f.benefits, benefits_other: f.benefitsOther, activities: f.activities,
      required_skill_ids: f.requiredSkills, optional_skill_ids: f.optionalSkills, required_seqs: required, optional_seqs: optional,
      skill_seqs: [...new Set([...required, ...optional])].sort((a, b) => a - b),
      languages: JSON.stringify(f.languages), language_reqs: f.languages.map((l) => languageKey(l.code, l.level)).sort((a, b) => a - b),
      work_mode: f.workMode, inclusion: f.inclusion, work_authorisation_required: f.workAuthorisationRequired, closing_date: f.closingDate,
      industry_scian: f.industryScian ?? null,
      search_text: searchText([f.title, f.activities, occupationLabels?.labelEs, occupationLabels?.labelEn]),
    };
  }

  const fieldsOf = (r: VacancyRow): VacancyFields => ({
    title: r.title, occupationId: r.occupation_id, country: r.country, stateCode: r.state_code.trim(), municipalityCode: r.municipality_code,
    lat: num(r.lat), lon: num(r.lon), salaryMin: Number(r.salary_min), salaryMax: Number(r.salary_max), salaryCurrency: r.salary_currency.trim(),
    salaryPeriod: r.salary_period as SalaryPeriod, benefits: r.benefits, benefitsOther: r.benefits_other, activities: r.activities,
    requiredSkills: r.required_skill_ids, optionalSkills: r.optional_skill_ids, languages: r.languages as VacancyFields['languages'],
    workMode: r.work_mode, inclusion: r.inclusion, workAuthorisationRequired: r.work_authorisation_required, closingDate: dateOnly(r.closing_date),
    status: r.status === 'draft' ? 'draft' : 'published', industryScian: r.industry_scian,
  });

  const provenanceOf = (principal: Principal) => JSON.stringify({ source: 'skills-job-board', method: 'declared by employer', userId: principal.userId, declaredAt: new Date().toISOString() });

  async function editableVacancy(principal: Principal | null, id: string, tx: Db = db) {
    requireSignedIn(principal, 'manage vacancies');
    const row = await repository.findVacancy(id, tx);
    if (!row) throw new AppError('JOBS.VACANCY_NOT_FOUND', `There is no vacancy with id ${id}.`);
    if (!canEditOrganisation(principal, row.organisation_id)) throw new AppError('JOBS.NOT_YOUR_VACANCY', 'Only editors of the organisation that posted the vacancy (and admins) manage it.');
    return row;
  }

  // --- candidates: shapes ---

  /** The profile as its owner (and, without gender, as an employer it is visible to) reads it. */
  async function toProfile(c: CandidateRow & { display_name: string }, audience: 'self' | 'employer') {
    const skills = await repository.skills(c.skill_ids);
    const occupations = await repository.occupations(c.experience.map((e) => e.occupationId));
    return {
      userId: c.user_id,
      displayName: c.display_name,
      skills: c.skill_ids.map((id) => skillOut(skills.get(id), id)),
      experience: c.experience.map((e) => ({ ...e, occupation: { id: e.occupationId, labelEs: occupations.get(e.occupationId)?.labelEs ?? e.occupationId, labelEn: occupations.get(e.occupationId)?.labelEn ?? e.occupationId } })),
      country: c.country?.trim() ?? null,
      stateCode: c.state_code,
      municipalityCode: c.municipality_code,
      languages: c.languages,
      authorisedMx: c.authorised_mx,
      authorisedUs: c.authorised_us,
      desiredSalary: c.desired_salary_min === null ? null : { min: Number(c.desired_salary_min), currency: c.desired_salary_currency?.trim() ?? null, period: c.desired_salary_period },
      openToEmployers: c.open_to_employers,
      // Self-reported gender is for aggregate indicators only: the candidate sees it, an employer never does.
      ...(audience === 'self' ? { gender: c.gender } : {}),
      updatedAt: iso(c.updated_at)!,
    };
  }

  const matchVacancy = (r: Pick<VacancyRow, 'country' | 'state_code' | 'municipality_key' | 'work_mode' | 'required_seqs' | 'optional_seqs' | 'language_reqs' | 'work_authorisation_required'>): MatchVacancy => ({
    country: r.country, stateCode: r.state_code.trim(), municipalityKey: r.municipality_key, workMode: r.work_mode,
    requiredSeqs: r.required_seqs, optionalSeqs: r.optional_seqs, languageReqs: r.language_reqs, workAuthorisationRequired: r.work_authorisation_required,
  });
  const matchCandidate = (c: CandidateRow): MatchCandidate => ({
    country: (c.country?.trim() ?? null) as MatchCandidate['country'], stateCode: c.state_code, municipalityKey: c.municipality_key,
    skillSeqs: c.skill_seqs, languageGrants: c.language_grants, authorisedMx: c.authorised_mx, authorisedUs: c.authorised_us,
  });

  /**
   * The score explained: parts, matching and missing skills with their labels. Shown to the
   * candidate (`forCandidate`), it also lists published courses that teach each missing skill,
   * nearest to the candidate first: one catalogue query for every result together.
   */
  async function explain(pairs: Array<{ v: MatchVacancy; c: MatchCandidate }>, forCandidate?: MatchCandidate) {
    const scores = pairs.map(({ v, c }) => scoreMatch(v, c));
    const labels = await repository.skillsBySeq(pairs.flatMap(({ v }) => [...v.requiredSeqs, ...v.optionalSeqs]));
    const out = (seqs: number[]) => seqs.map((s) => { const l = labels.get(s); return { id: l?.id ?? String(s), labelEs: l?.labelEs ?? '', labelEn: l?.labelEn ?? '' }; });
    const missingIds = (m: (typeof scores)[number]) => [...m.missingRequired, ...m.missingOptional].map((s) => labels.get(s)?.id).filter((id): id is string => id !== undefined);
    const teaching = forCandidate
      ? new Map((await coursesTeaching(db, scores.flatMap(missingIds), { stateCode: forCandidate.stateCode ?? undefined, country: forCandidate.country ?? undefined })).map((c) => [c.skillId, c.courses]))
      : null;
    return scores.map((m) => ({
      score: m.score,
      parts: m.parts,
      skills: { matchedRequired: out(m.matchedRequired), matchedOptional: out(m.matchedOptional), missingRequired: out(m.missingRequired), missingOptional: out(m.missingOptional) },
      location: m.location,
      languages: { met: m.languagesMet, required: m.languagesRequired },
      authorised: m.authorised,
      ...(teaching ? { courses: missingIds(m).flatMap((skillId) => (teaching.has(skillId) ? [{ skillId, courses: teaching.get(skillId)! }] : [])) } : {}),
    }));
  }

  async function ownProfile(principal: Principal) {
    const c = await repository.findCandidate(principal.userId);
    if (!c) throw new AppError('JOBS.PROFILE_REQUIRED', 'You have no candidate profile yet; create it with PUT /api/v1/skills/candidates/me.');
    return c;
  }

  const filterOf = (f: VacancyFilters, skillSeq: number | undefined): ListFilter => ({
    words: f.q ? foldForSearch(f.q).split(' ').filter(Boolean) : [],
    country: f.country, state: f.state, occupation: f.occupation, skillSeq,
    salaryFloorMonthly: f.salaryFloor, currency: f.currency, remote: f.remote, inclusion: f.inclusion, industry: f.industry, today: today(),
  });

  async function resolveFilters(f: VacancyFilters, code: 'JOBS.INVALID_QUERY' | 'JOBS.INVALID_SAVED_SEARCH') {
    const ctx = await context({ skills: f.skill ? [f.skill] : [], occupations: f.occupation ? [f.occupation] : [] });
    assertValid(filterProblems(f, ctx, code), code);
    return f.skill ? ctx.skills.get(f.skill)!.seq : undefined;
  }

  // --- job fairs: shapes and checks ---
  const canOrganise = (principal: Principal | null, fair: Pick<FairRow, 'organiser_organisation_id'>) =>
    hasRole(principal, 'moderator') || (fair.organiser_organisation_id !== null && canEditOrganisation(principal, fair.organiser_organisation_id));

  async function organisedFair(principal: Principal | null, id: string) {
    requireSignedIn(principal, 'manage a job fair');
    const row = await repository.findFair(id);
    if (!row) throw new AppError('JOBS.FAIR_NOT_FOUND', `There is no job fair with id ${id}.`);
    if (!canOrganise(principal, row)) throw new AppError('JOBS.NOT_FAIR_ORGANISER', 'Only editors of the organising organisation, moderators and admins manage this fair.');
    return row;
  }

  async function openFair(id: string) {
    const row = await repository.findFair(id);
    if (!row) throw new AppError('JOBS.FAIR_NOT_FOUND', `There is no job fair with id ${id}.`);
    if (row.status === 'cancelled' || row.ends_on < today()) throw new AppError('JOBS.FAIR_ENDED', `The fair ${row.status === 'cancelled' ? 'was cancelled' : `ended on ${row.ends_on}`}.`);
    return row;
  }

  const fairFieldsOf = (r: FairRow): FairFields => ({
    title: r.title, description: r.description, startsOn: r.starts_on, endsOn: r.ends_on, mode: r.mode, country: r.country?.trim() as FairFields['country'] ?? null,
    stateCode: r.state_code?.trim() ?? null, municipalityCode: r.municipality_code, venue: r.venue, url: r.url, binational: r.binational,
  });

  const toFair = (r: FairRow) => ({
    id: r.id,
    ...fairFieldsOf(r),
    stateName: r.state_name,
    municipalityName: r.municipality_name,
    status: r.status,
    organiser: r.organiser_organisation_id === null ? null : { id: r.organiser_organisation_id, name: r.organiser_name ?? '' },
    updatedAt: iso(r.updated_at)!,
    provenance: { source: r.provenance.source, method: r.provenance.method, declaredAt: r.provenance.declaredAt },
  });

  return {
    // --- vacancies ---
    /** The public list; saved searches keep the same filters, `industry` (a SCIAN code or prefix) included. */
    async listVacancies(filters: VacancyFilters, page: { limit: number; offset: number }) {
      const skillSeq = await resolveFilters(filters, 'JOBS.INVALID_QUERY');
      const { rows, total } = await repository.listVacancies(filterOf(filters, skillSeq), page);
      return { items: await toPublicVacancies(rows), total };
    },

    /** Published and closed vacancies are public; a draft only to its organisation's editors. */
    async getVacancy(principal: Principal | null, id: string) {
      const row = await repository.findVacancy(id);
      if (!row || (row.status === 'draft' && !canEditOrganisation(principal, row.organisation_id))) throw new AppError('JOBS.VACANCY_NOT_FOUND', `There is no vacancy with id ${id}.`);
      return toPublicVacancy(row);
    },

    async myVacancies(principal: Principal | null) {
      requireSignedIn(principal, 'see your organisations’ vacancies');
      const items = await toPublicVacancies(await repository.organisationVacancies(editedOrganisations(principal)));
      return { items, total: items.length };
    },

    async postVacancy(principal: Principal | null, input: VacancyInput) {
      requireSignedIn(principal, 'post a vacancy');
      const organisationId = input.organisationId ?? '';
      if (!canEditOrganisation(principal, organisationId) || !/^[0-9a-f-]{36}$/i.test(organisationId)) {
        throw new AppError('JOBS.NOT_AN_EDITOR', 'Post vacancies for an organisation you are an editor of (organisationId).', [{ path: '/organisationId', message: 'not an organisation you edit' }]);
      }
      const fields: Partial<VacancyFields> = { municipalityCode: null, lat: null, lon: null, benefits: [], benefitsOther: null, optionalSkills: [], languages: [], inclusion: [], workAuthorisationRequired: false, closingDate: null, status: 'published', industryScian: null, ...stripUndefined(input) };
      delete (fields as VacancyInput).organisationId;
      const ctx = await context({ skills: [...(fields.requiredSkills ?? []), ...(fields.optionalSkills ?? [])], occupations: fields.occupationId ? [fields.occupationId] : [], municipalities: [fields.municipalityCode] });
      assertValid(vacancyProblems(fields, ctx), 'JOBS.INVALID_VACANCY');
      const f = normaliseVacancy(fields as VacancyFields);
      const occupation = (await repository.occupations([f.occupationId])).get(f.occupationId);
      const columns = await columnsOf(f, occupation, ctx.skills);
      return db.transaction().execute(async (tx) => {
        const id = await repository.insertVacancy(tx, organisationId, principal.userId, {
          ...columns, status: f.status, provenance: provenanceOf(principal), published_at: f.status === 'published' ? new Date() : null,
        });
        if (f.status === 'published') await repository.createAlerts(tx, id);
        const after = await toPublicVacancy((await repository.findVacancy(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.vacancy', entityId: id, action: 'create', before: null, after }]);
        return after;
      });
    },

    async updateVacancy(principal: Principal | null, id: string, patch: Partial<VacancyFields>) {
      const row = await editableVacancy(principal, id);
      if (row.status === 'closed') throw new AppError('JOBS.VACANCY_CLOSED', 'A closed vacancy is no longer edited; post a new one.');
      const given = stripUndefined(patch);
      const current = fieldsOf(row);
      const ctx = await context({ skills: [...(given.requiredSkills ?? []), ...(given.optionalSkills ?? [])], occupations: given.occupationId ? [given.occupationId] : [], municipalities: [given.municipalityCode] });
      const problems = vacancyProblems(given, ctx, { partial: true, current });
      for (const field of ['title', 'activities', 'occupationId', 'salaryCurrency'] as const) {
        if (field in given && (given[field] === null || cleanText(String(given[field] ?? '')) === '')) problems.push({ path: `/${field}`, code: 'JOBS.INVALID_VACANCY', message: `${field} is required.` });
      }
      if (given.requiredSkills !== undefined && given.requiredSkills.length === 0) problems.push({ path: '/requiredSkills', code: 'JOBS.INVALID_VACANCY', message: 'Name at least one required skill (taxonomy id).' });
      if (row.status === 'published' && given.status === 'draft') problems.push({ path: '/status', code: 'JOBS.INVALID_VACANCY', message: 'A published vacancy does not go back to draft; close it instead.' });
      assertValid(problems, 'JOBS.INVALID_VACANCY');
      const f = normaliseVacancy({ ...current, ...given } as VacancyFields);
      const skills = await repository.skills([...f.requiredSkills, ...f.optionalSkills]);
      const occupation = (await repository.occupations([f.occupationId])).get(f.occupationId);
      const columns = await columnsOf(f, occupation, skills);
      const publishing = row.status === 'draft' && f.status === 'published';
      const before = await toPublicVacancy(row);
      return db.transaction().execute(async (tx) => {
        await repository.updateVacancy(tx, id, { ...columns, status: f.status, provenance: provenanceOf(principal!), published_at: publishing ? new Date() : row.published_at });
        // Alerts go out when a vacancy is first published; an edit of a live posting does not alert again.
        if (publishing) await repository.createAlerts(tx, id);
        const after = await toPublicVacancy((await repository.findVacancy(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.vacancy', entityId: id, action: 'update', before, after }]);
        return after;
      });
    },

    async closeVacancy(principal: Principal | null, id: string) {
      const row = await editableVacancy(principal, id);
      if (row.status === 'closed') throw new AppError('JOBS.VACANCY_CLOSED', 'The vacancy is already closed.');
      return db.transaction().execute(async (tx) => {
        await repository.updateVacancy(tx, id, { status: 'closed', closed_at: new Date() });
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.vacancy', entityId: id, action: 'update', before: { status: row.status }, after: { status: 'closed' } }]);
        return toPublicVacancy((await repository.findVacancy(id, tx))!, tx);
      });
    },

    // --- candidate profile ---
    async getMyProfile(principal: Principal | null) {
      requireSignedIn(principal, 'see your candidate profile');
      const c = await ownProfile(principal);
      const cv = await repository.cvMeta(principal.userId);
      return { ...(await toProfile(c, 'self')), cv: cv ? { filename: cv.filename, mediaType: cv.media_type, sizeBytes: cv.size_bytes, uploadedAt: iso(cv.uploaded_at)! } : null };
    },

    async putMyProfile(principal: Principal | null, input: Partial<ProfileFields>) {
      requireSignedIn(principal, 'keep a candidate profile');
      const f: ProfileFields = {
        skills: [], experience: [], country: null, stateCode: null, municipalityCode: null, languages: [], authorisedMx: false, authorisedUs: false,
        desiredSalaryMin: null, desiredSalaryCurrency: null, desiredSalaryPeriod: null, gender: null, openToEmployers: false, ...stripUndefined(input),
      };
      f.experience = f.experience.map((e) => ({ occupationId: e.occupationId, years: e.years, title: cleanOptional(e.title ?? null) }));
      f.stateCode = cleanOptional(f.stateCode);
      f.municipalityCode = cleanOptional(f.municipalityCode);
      const ctx = await context({ skills: f.skills, occupations: f.experience.map((e) => e.occupationId), municipalities: [f.municipalityCode] });
      assertValid(profileProblems(f, ctx), 'JOBS.INVALID_PROFILE');
      const columns: CandidateColumns = {
        skill_ids: f.skills, skill_seqs: [...new Set(f.skills.map((id) => ctx.skills.get(id)!.seq))].sort((a, b) => a - b),
        experience: JSON.stringify(f.experience), occupation_ids: [...new Set(f.experience.map((e) => e.occupationId))],
        country: f.country, state_code: f.stateCode, municipality_code: f.municipalityCode, municipality_key: municipalityKey(f.country, f.municipalityCode),
        languages: JSON.stringify(f.languages), language_grants: languageGrants(f.languages as Array<{ code: string; level: LanguageLevel }>),
        authorised_mx: f.authorisedMx, authorised_us: f.authorisedUs, desired_salary_min: f.desiredSalaryMin, desired_salary_currency: f.desiredSalaryCurrency,
        desired_salary_period: f.desiredSalaryPeriod, gender: f.gender, open_to_employers: f.openToEmployers,
        provenance: JSON.stringify({ source: 'skills-job-board', method: 'declared by candidate', declaredAt: new Date().toISOString() }),
      };
      await db.transaction().execute(async (tx) => {
        const existed = await repository.findCandidate(principal.userId, tx);
        await repository.upsertCandidate(tx, principal.userId, columns);
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.candidate', entityId: principal.userId, action: existed ? 'update' : 'create', before: null, after: { fields: Object.keys(stripUndefined(input)).sort() } }]);
      });
      return this.getMyProfile(principal);
    },

    /** Everything the job board holds about the caller, as JSON (the CV's bytes in base64). */
    async exportMyData(principal: Principal | null) {
      requireSignedIn(principal, 'export your data');
      const c = await repository.findCandidate(principal.userId);
      const cv = await repository.findCv(principal.userId);
      const searches = await repository.savedSearches(principal.userId);
      const alerts = await repository.alerts(principal.userId, false, { limit: 10_000, offset: 0 });
      const applications = await repository.candidateApplications(principal.userId);
      return {
        exportedAt: new Date().toISOString(),
        profile: c ? await toProfile(c, 'self') : null,
        cv: cv ? { filename: cv.filename, mediaType: cv.media_type, sizeBytes: cv.size_bytes, sha256: cv.sha256, uploadedAt: iso(cv.uploaded_at), contentBase64: Buffer.from(cv.content).toString('base64') } : null,
        applications: applications.map((a) => ({ id: a.id, vacancyId: a.vacancy_id, title: a.title, organisation: a.organisation_name, status: a.status, coverNote: a.cover_note, createdAt: iso(a.created_at), updatedAt: iso(a.updated_at) })),
        savedSearches: searches.map((s) => ({ id: s.id, name: s.name, filters: s.filters, createdAt: iso(s.created_at) })),
        alerts: alerts.map((a) => ({ id: a.id, savedSearchId: a.saved_search_id, vacancyId: a.vacancy_id, createdAt: iso(a.created_at), readAt: iso(a.read_at) })),
      };
    },

    /**
     * Deletes the profile, CV, saved searches and alerts, and strips the caller from their
     * applications (kept anonymous, so that employers' counts and the aggregate indicators
     * stay true). The account itself is the accounts module's.
     */
    async deleteMyData(principal: Principal | null) {
      requireSignedIn(principal, 'delete your data');
      return db.transaction().execute(async (tx) => {
        const counts = await repository.deleteCandidateData(tx, principal.userId);
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.candidate', entityId: principal.userId, action: 'delete', before: null, after: counts }]);
        return counts;
      });
    },

    async uploadCv(principal: Principal | null, file: { filename: string; content: Uint8Array } | null) {
      requireSignedIn(principal, 'upload a CV');
      await ownProfile(principal);
      if (!file || file.content.byteLength === 0) throw new AppError('JOBS.CV_MISSING', 'Send the CV as multipart/form-data in the field "file".', [{ path: '/file', message: 'missing or empty' }]);
      if (file.content.byteLength > limits.cvBytes) {
        throw new AppError('JOBS.CV_TOO_LARGE', `The CV is larger than ${limits.cvBytes / 1024 / 1024} MB.`, [{ path: '/file', message: `at most ${limits.cvBytes} bytes` }]);
      }
      const kind = cvKind(file.content);
      if (!kind) throw new AppError('JOBS.CV_TYPE_NOT_ALLOWED', `"${cleanText(file.filename)}" is not a PDF or DOCX file (checked by its content, not its name).`, [{ path: '/file', message: 'PDF or DOCX only' }]);
      const cv = {
        filename: cleanText(file.filename).slice(0, limits.shortText) || `cv.${kind}`, media_type: cvMediaTypes[kind], size_bytes: file.content.byteLength,
        sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content,
      };
      await db.transaction().execute(async (tx) => {
        await repository.putCv(tx, principal.userId, cv);
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.candidate_cv', entityId: principal.userId, action: 'update', before: null, after: { mediaType: cv.media_type, sizeBytes: cv.size_bytes } }]);
      });
      return { filename: cv.filename, mediaType: cv.media_type, sizeBytes: cv.size_bytes };
    },

    async myCv(principal: Principal | null) {
      requireSignedIn(principal, 'download your CV');
      const cv = await repository.findCv(principal.userId);
      if (!cv) throw new AppError('JOBS.CV_NOT_FOUND', 'You have not uploaded a CV.');
      return cv;
    },

    /**
     * A candidate's profile as an employer reads it: only when the candidate applied to a
     * vacancy of an organisation the caller edits, or opted in (and the caller edits an
     * organisation). Otherwise "not found", so that existence does not leak.
     */
    async candidateForEmployer(principal: Principal | null, userId: string) {
      requireSignedIn(principal, 'see candidates');
      const orgs = editedOrganisations(principal);
      const c = /^[0-9a-f-]{36}$/i.test(userId) ? await repository.findCandidate(userId) : undefined;
      const visible = c && (principal.role === 'admin' || await repository.appliedToAny(userId, orgs) || (c.open_to_employers && orgs.length > 0));
      if (!c || !visible) throw new AppError('JOBS.CANDIDATE_NOT_FOUND', 'No candidate with this id is visible to you (candidates are visible to employers they applied to, or when they opt in).');
      return toProfile(c, 'employer');
    },

    // --- applications ---
    async apply(principal: Principal | null, vacancyId: string, coverNote: string | null) {
      requireSignedIn(principal, 'apply');
      const candidate = await ownProfile(principal);
      const v = await repository.findVacancy(vacancyId);
      if (!v || v.status === 'draft') throw new AppError('JOBS.VACANCY_NOT_FOUND', `There is no vacancy with id ${vacancyId}.`);
      if (v.status === 'closed' || (v.closing_date !== null && dateOnly(v.closing_date)! < today())) throw new AppError('JOBS.VACANCY_CLOSED', 'The vacancy no longer takes applications.');
      const note = cleanOptional(coverNote);
      if (note !== null && note.length > limits.text) throw new AppError('JOBS.INVALID_PROFILE', `The cover note is at most ${limits.text} characters.`, [{ path: '/coverNote', message: `at most ${limits.text} characters` }]);
      const created = await db.transaction().execute(async (tx) => {
        const row = await repository.insertApplication(tx, vacancyId, principal.userId, note);
        if (!row) throw new AppError('JOBS.ALREADY_APPLIED', 'You already applied to this vacancy.');
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.application', entityId: row.id, action: 'create', before: null, after: { vacancyId, status: 'submitted' } }]);
        return row;
      });
      const [match] = await explain([{ v: matchVacancy(v), c: matchCandidate(candidate) }], matchCandidate(candidate));
      return { id: created.id, vacancyId, status: 'submitted' as const, createdAt: iso(created.created_at)!, match: match! };
    },

    async setApplicationStatus(principal: Principal | null, id: string, status: ApplicationStatus) {
      requireSignedIn(principal, 'change an application');
      const a = await repository.findApplication(id);
      const isCandidate = a?.candidate_user_id === principal.userId;
      const isEmployer = a ? canEditOrganisation(principal, a.organisation_id) : false;
      if (!a || (!isCandidate && !isEmployer)) throw new AppError('JOBS.APPLICATION_NOT_FOUND', `There is no application with id ${id} you can see.`);
      // Withdrawing is the candidate's; everything else the employer's (an admin editing for both sides acts as employer).
      const side = status === 'withdrawn' && isCandidate ? 'candidate' : isEmployer ? 'employer' : 'candidate';
      const problem = transitionProblem(a.status, status, side);
      if (problem) throw new AppError('JOBS.STATUS_NOT_ALLOWED', problem, [{ path: '/status', message: problem }]);
      return db.transaction().execute(async (tx) => {
        await repository.setApplicationStatus(tx, id, status);
        await recordAudit(tx, side === 'candidate' ? candidateActor(principal) : actorOf(principal), [{ entityType: 'skills.application', entityId: id, action: 'update', before: { status: a.status }, after: { status } }]);
        return { id, vacancyId: a.vacancy_id, status };
      });
    },

    async myApplications(principal: Principal | null) {
      requireSignedIn(principal, 'see your applications');
      const rows = await repository.candidateApplications(principal.userId);
      return { items: rows.map((a) => ({ id: a.id, vacancyId: a.vacancy_id, title: a.title, organisation: a.organisation_name, status: a.status, createdAt: iso(a.created_at)!, updatedAt: iso(a.updated_at)! })), total: rows.length };
    },

    /** Applicants of a vacancy with their profile and the match explained (its editors only). */
    async vacancyApplications(principal: Principal | null, vacancyId: string) {
      const v = await editableVacancy(principal, vacancyId);
      const rows = await repository.vacancyApplications(vacancyId);
      const matches = await explain(rows.map((c) => ({ v: matchVacancy(v), c: matchCandidate(c) })));
      const items = await Promise.all(rows.map(async (c, i) => ({
        id: c.application_id, status: c.application_status, coverNote: c.cover_note, createdAt: iso(c.applied_at)!,
        candidate: await toProfile(c, 'employer'), match: matches[i]!,
      })));
      return { items, total: items.length };
    },

    // --- matching ---
    async candidatesForVacancy(principal: Principal | null, vacancyId: string, limit: number) {
      const v = await editableVacancy(principal, vacancyId);
      const rows = await repository.topCandidates(v, limit);
      const matches = await explain(rows.map((c) => ({ v: matchVacancy(v), c: matchCandidate(c) })));
      const items = await Promise.all(rows.map(async (c, i) => ({ candidate: await toProfile(c, 'employer'), applied: c.applied, match: matches[i]! })));
      return { items, total: items.length };
    },

    async vacanciesForMe(principal: Principal | null, limit: number) {
      requireSignedIn(principal, 'see vacancies matched to your profile');
      const c = await ownProfile(principal);
      const rows = await repository.topVacancies(c, limit, today());
      const matches = await explain(rows.map((v) => ({ v: matchVacancy(v), c: matchCandidate(c) })), matchCandidate(c));
      const vacancies = await toPublicVacancies(rows);
      return { items: vacancies.map((vacancy, i) => ({ vacancy, match: matches[i]! })), total: vacancies.length };
    },

    // --- saved searches and alerts ---
    async saveSearch(principal: Principal | null, input: { name: string; filters: VacancyFilters }) {
      requireSignedIn(principal, 'save a search');
      const name = cleanText(input.name ?? '');
      if (name === '' || name.length > limits.shortText) throw new AppError('JOBS.INVALID_SAVED_SEARCH', 'Give the search a name (1 to 300 characters).', [{ path: '/name', message: 'required' }]);
      const f = stripUndefined(input.filters);
      const skillSeq = await resolveFilters(f, 'JOBS.INVALID_SAVED_SEARCH');
      const q = f.q ? foldForSearch(f.q) : '';
      return db.transaction().execute(async (tx) => {
        const row = await repository.insertSavedSearch(tx, {
          user_id: principal.userId, name, filters: JSON.stringify(f), q_folded: q === '' ? null : q, country: f.country ?? null, state_code: f.state ?? null,
          occupation_id: f.occupation ?? null, skill_seq: skillSeq ?? null, salary_floor_monthly: f.salaryFloor ?? null, salary_currency: f.currency ?? null,
          remote_only: f.remote === true, inclusion: f.inclusion ?? [], industry_prefix: f.industry ?? null,
        });
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.saved_search', entityId: row.id, action: 'create', before: null, after: null }]);
        return { id: row.id, name, filters: f, createdAt: iso(row.created_at)! };
      });
    },
    async savedSearches(principal: Principal | null) {
      requireSignedIn(principal, 'see your saved searches');
      const rows = await repository.savedSearches(principal.userId);
      return { items: rows.map((s) => ({ id: s.id, name: s.name, filters: s.filters, createdAt: iso(s.created_at)! })), total: rows.length };
    },
    async deleteSavedSearch(principal: Principal | null, id: string) {
      requireSignedIn(principal, 'delete a saved search');
      await db.transaction().execute(async (tx) => {
        if (!(await repository.deleteSavedSearch(tx, principal.userId, id))) throw new AppError('JOBS.SAVED_SEARCH_NOT_FOUND', `You have no saved search with id ${id}.`);
        await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.saved_search', entityId: id, action: 'delete', before: null, after: null }]);
      });
    },
    async alerts(principal: Principal | null, unreadOnly: boolean, page: { limit: number; offset: number }) {
      requireSignedIn(principal, 'see your alerts');
      const rows = await repository.alerts(principal.userId, unreadOnly, page);
      return {
        items: rows.map((a) => ({ id: a.id, savedSearch: { id: a.saved_search_id, name: a.saved_search_name }, vacancy: { id: a.vacancy_id, title: a.title, organisation: a.organisation_name }, readAt: iso(a.read_at), createdAt: iso(a.created_at)! })),
        total: rows[0] ? Number(rows[0].total) : 0,
      };
    },
    async markAlertRead(principal: Principal | null, id: string) {
      requireSignedIn(principal, 'mark an alert read');
      if (!(await repository.markAlertRead(principal.userId, id))) throw new AppError('JOBS.ALERT_NOT_FOUND', `You have no alert with id ${id}.`);
      return { id, read: true };
    },

    // --- job fairs ---
    /**
     * Organisers: editors of an organisation post fairs for it; moderators and admins may post
     * a fair with no organisation (the platform's own). The organiser's editors, moderators and
     * admins edit and cancel it.
     */
    async createFair(principal: Principal | null, input: FairInput) {
      requireSignedIn(principal, 'post a job fair');
      const organisationId = input.organisationId ?? null;
      if (organisationId === null ? !hasRole(principal, 'moderator') : !(/^[0-9a-f-]{36}$/i.test(organisationId) && canEditOrganisation(principal, organisationId))) {
        throw new AppError('JOBS.NOT_FAIR_ORGANISER', 'Post a fair for an organisation you are an editor of (organisationId); only moderators and admins post fairs without one.', [{ path: '/organisationId', message: 'not an organisation you edit' }]);
      }
      const fields: Partial<FairFields> = { description: null, country: null, stateCode: null, municipalityCode: null, venue: null, url: null, binational: false, ...stripUndefined(input) };
      delete (fields as FairInput).organisationId;
      assertValid(fairProblems(fields, await context({ municipalities: [fields.municipalityCode] })), 'JOBS.INVALID_FAIR');
      const f = normaliseFair(fields as FairFields);
      return db.transaction().execute(async (tx) => {
        const id = await repository.insertFair(tx, {
          ...(fairColumns(f) as FairColumns), organiser_organisation_id: organisationId, created_by: principal.userId,
          provenance: JSON.stringify({ source: 'skills-job-board', method: 'declared by organiser', declaredAt: new Date().toISOString() }),
        });
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.job_fair', entityId: id, action: 'create', before: null, after: f }]);
        return toFair((await repository.findFair(id, tx))!);
      });
    },

    async updateFair(principal: Principal | null, id: string, input: Partial<FairFields> & { status?: string }) {
      const row = await organisedFair(principal, id);
      const { status, ...rest } = stripUndefined(input);
      const current = fairFieldsOf(row);
      // The stored municipality too: a change of mode or state is checked against it.
      const problems = fairProblems(rest, await context({ municipalities: [rest.municipalityCode, current.municipalityCode] }), { partial: true, current });
      if (status !== undefined && status !== 'published' && status !== 'cancelled') problems.push({ path: '/status', code: 'JOBS.INVALID_FAIR', message: 'A fair is published or cancelled.' });
      assertValid(problems, 'JOBS.INVALID_FAIR');
      const f = normaliseFair(rest);
      // Switching to online drops the place; to in person, the link.
      if (f.mode === 'online') Object.assign(f, { country: null, stateCode: null, municipalityCode: null, venue: null });
      if (f.mode === 'in_person') f.url = null;
      return db.transaction().execute(async (tx) => {
        const changes = { ...fairColumns(f), ...(status ? { status: status as 'published' | 'cancelled' } : {}) };
        await repository.updateFair(tx, id, changes);
        const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (row as unknown as Record<string, unknown>)[k]]));
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.job_fair', entityId: id, action: 'update', before, after: changes }]);
        return toFair((await repository.findFair(id, tx))!);
      });
    },

    async listFairs(filters: { past?: boolean; mode?: string; country?: string; state?: string; binational?: boolean }, page: { limit: number; offset: number }) {
      const problems: FieldProblem[] = [];
      if (filters.mode !== undefined && !(fairModes as readonly string[]).includes(filters.mode)) problems.push({ path: '/mode', code: 'JOBS.INVALID_QUERY', message: `Mode is one of ${fairModes.join(', ')}.` });
      if (filters.country !== undefined && filters.country !== 'MX' && filters.country !== 'US') problems.push({ path: '/country', code: 'JOBS.INVALID_QUERY', message: 'Country is MX or US.' });
      assertValid(problems, 'JOBS.INVALID_QUERY');
      const { rows, total } = await repository.listFairs({ today: today(), past: filters.past === true, mode: filters.mode, country: filters.country, state: filters.state, binational: filters.binational }, page);
      return { items: rows.map(toFair), total };
    },

    /** A fair with the employers taking part and their open vacancies; interest as a count (and whether the caller registered). */
    async getFair(principal: Principal | null, id: string) {
      const row = await repository.findFair(id);
      if (!row) throw new AppError('JOBS.FAIR_NOT_FOUND', `There is no job fair with id ${id}.`);
      const vacancies = await toPublicVacancies(await repository.fairVacancies(id, today()));
      const employers = new Map<string, { organisation: { id: string; name: string }; vacancies: typeof vacancies }>();
      for (const v of vacancies) {
        const e = employers.get(v.organisation.id) ?? { organisation: v.organisation, vacancies: [] };
        e.vacancies.push(v);
        employers.set(v.organisation.id, e);
      }
      const interest = await repository.fairInterest(id, principal?.userId ?? null);
      return {
        ...toFair(row),
        employers: [...employers.values()],
        interest: { count: interest.count, ...(principal ? { registered: interest.mine } : {}) },
      };
    },

    /** An employer's editors bring their own published vacancies to a fair that has not ended. */
    async addFairVacancies(principal: Principal | null, fairId: string, vacancyIds: string[]) {
      requireSignedIn(principal, 'bring vacancies to a job fair');
      const fair = await openFair(fairId);
      const problems: FieldProblem[] = [];
      const found: VacancyRow[] = [];
      if (vacancyIds.length === 0) problems.push({ path: '/vacancyIds', code: 'JOBS.FAIR_VACANCY_NOT_ALLOWED', message: 'Name at least one vacancy.' });
      for (const [i, vid] of vacancyIds.entries()) {
        const v = await repository.findVacancy(vid);
        if (!v || !canEditOrganisation(principal, v.organisation_id)) problems.push({ path: `/vacancyIds/${i}`, code: 'JOBS.FAIR_VACANCY_NOT_ALLOWED', message: `${vid} is not a vacancy of an organisation you edit.` });
        else if (v.status !== 'published' || (v.closing_date !== null && dateOnly(v.closing_date)! < today())) problems.push({ path: `/vacancyIds/${i}`, code: 'JOBS.FAIR_VACANCY_NOT_ALLOWED', message: `Vacancy ${vid} is not open (${v.status}).` });
        else found.push(v);
      }
      assertValid(problems, 'JOBS.FAIR_VACANCY_NOT_ALLOWED');
      return db.transaction().execute(async (tx) => {
        const added = await repository.linkFairVacancies(tx, fair.id, found, principal.userId);
        await recordAudit(tx, actorOf(principal), added.map((vid) => ({ entityType: 'skills.job_fair_vacancy', entityId: `${fair.id}/${vid}`, action: 'create' as const, before: null, after: { fairId: fair.id, vacancyId: vid } })));
        return { fairId: fair.id, added, alreadyLinked: found.map((v) => v.id).filter((vid) => !added.includes(vid)) };
      });
    },

    /** The vacancy's editors take it out of a fair; so may the fair's organisers. */
    async removeFairVacancy(principal: Principal | null, fairId: string, vacancyId: string) {
      requireSignedIn(principal, 'change a job fair');
      const fair = await repository.findFair(fairId);
      if (!fair) throw new AppError('JOBS.FAIR_NOT_FOUND', `There is no job fair with id ${fairId}.`);
      const v = await repository.findVacancy(vacancyId);
      if (!v || !(canEditOrganisation(principal, v.organisation_id) || canOrganise(principal, fair))) throw new AppError('JOBS.VACANCY_NOT_FOUND', `No vacancy ${vacancyId} of yours is in this fair.`);
      await db.transaction().execute(async (tx) => {
        if (!(await repository.unlinkFairVacancy(tx, fairId, vacancyId))) throw new AppError('JOBS.VACANCY_NOT_FOUND', `Vacancy ${vacancyId} is not in this fair.`);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.job_fair_vacancy', entityId: `${fairId}/${vacancyId}`, action: 'delete', before: { fairId, vacancyId }, after: null }]);
      });
    },

    /** Anyone signed in registers interest; organisers and employers see only the count. */
    async setFairInterest(principal: Principal | null, fairId: string, interested: boolean) {
      requireSignedIn(principal, 'register interest in a job fair');
      const fair = interested ? await openFair(fairId) : await repository.findFair(fairId);
      if (!fair) throw new AppError('JOBS.FAIR_NOT_FOUND', `There is no job fair with id ${fairId}.`);
      await db.transaction().execute(async (tx) => {
        const changed = interested ? await repository.addFairInterest(tx, fair.id, principal.userId) : await repository.removeFairInterest(tx, fair.id, principal.userId);
        if (changed) await recordAudit(tx, candidateActor(principal), [{ entityType: 'skills.job_fair_interest', entityId: fair.id, action: interested ? 'create' : 'delete', before: null, after: null }]);
      });
      const interest = await repository.fairInterest(fair.id, principal.userId);
      return { fairId: fair.id, registered: interest.mine, count: interest.count };
    },

    // --- inclusion indicators ---
    /**
     * Aggregated and anonymous (issue point 7): shares of open vacancies offering each
     * inclusion feature by country and state; applications and placements by self-reported
     * gender by the vacancy's country and state, small cells suppressed (see suppressCells).
     */
    async inclusion() {
      const asOf = today();
      const [vacancies, applications] = await Promise.all([repository.inclusionVacancies(asOf), repository.inclusionApplications()]);
      const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
      const vacancyGroup = (t: (typeof vacancies.totals)[number]) => ({
        country: t.country,
        ...(t.state_code === null ? {} : { stateCode: t.state_code.trim(), stateName: t.state_name }),
        openVacancies: t.n,
        features: inclusionFeatures.map((f) => {
          const n = vacancies.features.find((x) => x.country === t.country && x.state_code === t.state_code && x.feature === f.code)?.n ?? 0;
          return { code: f.code, labelEs: f.es, labelEn: f.en, vacancies: n, share: share(n, t.n) };
        }),
      });
      const genderKeys = [...genders, 'not_stated'] as const;
      const groups = new Map<string, { country: string; stateCode: string | null; stateName: string | null; rows: typeof applications }>();
      for (const r of applications) {
        const key = `${r.country}|${r.state_code ?? ''}`;
        const g = groups.get(key) ?? { country: r.country, stateCode: r.state_code?.trim() ?? null, stateName: r.state_name, rows: [] };
        g.rows.push(r);
        groups.set(key, g);
      }
      const measure = (rows: typeof applications, value: 'applications' | 'placements', people: 'applicants' | 'placed') => {
        const cells = genderKeys.map((k) => {
          const r = rows.find((x) => x.gender === k);
          return { key: k, people: r ? r[people] : 0, value: r ? r[value] : 0 };
        });
        const totalPeople = cells.reduce((n, c) => n + c.people, 0);
        const published = suppressCells(cells, totalPeople);
        return {
          total: published.totalSuppressed ? null : cells.reduce((n, c) => n + c.value, 0),
          totalSuppressed: published.totalSuppressed,
          byGender: published.cells.map((c) => ({ gender: c.key, count: c.value, suppressed: c.suppressed })),
        };
      };
      const applicationGroup = (g: { country: string; stateCode: string | null; stateName: string | null; rows: typeof applications }) => ({
        country: g.country,
        ...(g.stateCode === null ? {} : { stateCode: g.stateCode, stateName: g.stateName }),
        applications: measure(g.rows, 'applications', 'applicants'),
        placements: measure(g.rows, 'placements', 'placed'),
      });
      const byKey = (a: { country: string; stateCode?: string }, b: { country: string; stateCode?: string }) => a.country.localeCompare(b.country) || (a.stateCode ?? '').localeCompare(b.stateCode ?? '');
      const appGroups = [...groups.values()].map(applicationGroup);
      const vacGroups = vacancies.totals.map(vacancyGroup);
      return {
        asOf,
        generatedAt: new Date().toISOString(),
        method: 'Open vacancies are those published and not past their closing date; a feature’s share is the vacancies offering it over the open vacancies of the place. '
          + 'Applications and placements (applications with status hired) are counted by the place of the vacancy and the self-reported gender the candidate holds today '
          + '(not_stated when none was given or the candidate deleted their data; withdrawn and rejected applications count as applications). Nothing about a person is published: '
          + `a count of 1 to ${minCellPeople - 1} distinct people is null with suppressed = true; when one cell of a place is suppressed, the next smallest is too, so that totals do not reveal it; `
          + `a place with fewer than ${minCellPeople} people has its total suppressed as well. Counts of vacancies are not suppressed: they describe public postings, not people.`,
        suppression: { minPeople: minCellPeople },
        sources: [{
          id: 'skills-job-board', title: 'Electrifica job board: vacancies posted by employers, applications and their status, candidates’ self-reported gender',
          method: 'declared by employers and candidates; aggregated at request time', asOf,
        }],
        genders: [...genderKeys],
        vacancies: { byCountry: vacGroups.filter((g) => !('stateCode' in g)), byState: vacGroups.filter((g) => 'stateCode' in g).sort(byKey) },
        applications: { byCountry: appGroups.filter((g) => !('stateCode' in g)).sort(byKey), byState: appGroups.filter((g) => 'stateCode' in g).sort(byKey) },
      };
    },

    // --- career pathways ---
    async pathway(fromId: string, toId: string) {
      const occupations = await repository.occupations([fromId, toId]);
      for (const [id, path] of [[fromId, '/from'], [toId, '/to']] as const) {
        if (!occupations.has(id)) throw new AppError('JOBS.OCCUPATION_NOT_FOUND', `"${id}" is not an occupation of the taxonomy.`, [{ path, message: 'unknown occupation' }]);
      }
      const [fromSkills, toSkills] = await Promise.all([repository.occupationSkills(fromId), repository.occupationSkills(toId)]);
      const { shared, toGain } = skillGap(fromSkills, toSkills);
      const labels = await repository.skills([...shared, ...toGain].map((s) => s.skillId));
      const out = (list: typeof shared) => list.map((s) => ({ ...skillOut(labels.get(s.skillId), s.skillId), relation: s.relation }));
      const side = async (id: string) => ({
        occupation: { id, ...stripId(occupations.get(id)!) },
        skillCount: (id === fromId ? fromSkills : toSkills).length,
        salaries: {
          mx: { source: 'Vacancies posted on Electrifica (published or closed), country MX; median of range midpoints', ranges: await repository.salaryStats(id) },
          us: { source: 'BLS Occupational Employment and Wage Statistics (OEWS), national, US$', wages: await repository.usWages(id) },
        },
      });
      return {
        from: await side(fromId), to: await side(toId),
        sharedSkills: out(shared), skillsToGain: out(toGain),
        // Up to 3 published courses per skill to gain, from the training catalogue; skills no course teaches are left out.
        courses: await coursesTeaching(db, toGain.map((s) => s.skillId)),
        notes: ['Courses: up to 3 published courses of the training catalogue per skill to gain (online ones before those elsewhere, next start date first).'],
      };
    },

    async related(occupationId: string, limit: number) {
      const occupation = (await repository.occupations([occupationId])).get(occupationId);
      if (!occupation) throw new AppError('JOBS.OCCUPATION_NOT_FOUND', `"${occupationId}" is not an occupation of the taxonomy.`);
      const rows = await repository.related(occupationId, limit);
      return {
        items: rows.map((x) => ({ id: x.id, labelEs: x.label_es, labelEn: x.label_en, sharedEssentialSkills: x.shared, jaccard: Math.round(jaccard(x.shared, x.own, x.other) * 1000) / 1000 })),
        total: rows.length,
      };
    },
  };
}

/** The columns of the fields given (an edit sets only those). */
function fairColumns(f: Partial<FairFields>): Partial<FairColumns> {
  const map: Array<[keyof FairFields, keyof FairColumns]> = [
    ['title', 'title'], ['description', 'description'], ['startsOn', 'starts_on'], ['endsOn', 'ends_on'], ['mode', 'mode'], ['country', 'country'],
    ['stateCode', 'state_code'], ['municipalityCode', 'municipality_code'], ['venue', 'venue'], ['url', 'url'], ['binational', 'binational'],
  ];
  return Object.fromEntries(map.filter(([k]) => f[k] !== undefined).map(([k, c]) => [c, f[k]])) as Partial<FairColumns>;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
const stripId = ({ labelEs, labelEn }: { labelEs: string; labelEn: string }) => ({ labelEs, labelEn });

export type JobsService = ReturnType<typeof createJobsService>;
