/**
 * Use cases of the training catalogue: editors of training centres, universities and
 * companies publish, edit and withdraw programmes and courses (audited, one transaction
 * each); anyone searches the published ones.
 */
import { recordAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { foldForSearch } from '../../../platform/text.js';
import { canEditOrganisation, editedOrganisations, type Principal } from '../../accounts/accounts.domain.js';
import { actorOf } from '../../accounts/accounts.service.js';
import { leadingCode } from '../demand/demand.domain.js';
import { isCalendarDate, isLanguageCode, type FieldProblem } from '../jobs/jobs.domain.js';
import { courseLevels, courseProblems, courseSearchText, modalities, normaliseCourse, providerTypes, type CourseFields } from './training.domain.js';
import type { CourseColumns, CourseRow, TrainingRepository } from './training.repository.js';
import { isoTimestamp as iso } from '../../../platform/time.js';

export type CourseInput = Partial<CourseFields> & { organisationId?: string };
export interface CourseQuery {
  q?: string | undefined; skill?: string | undefined; state?: string | undefined; country?: string | undefined; modality?: string | undefined;
  level?: string | undefined; language?: string | undefined; organisation?: string | undefined; certification?: string | undefined;
  free?: boolean | undefined; startsFrom?: string | undefined; limit: number; offset: number;
}

const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));

function requireSignedIn(principal: Principal | null, what: string): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', `Sign in, or send an API token as "Authorization: Bearer <token>", to ${what}.`);
}
const courseCodes = ['TRAINING.UNKNOWN_CURRENCY', 'TRAINING.UNKNOWN_SKILL', 'TRAINING.UNKNOWN_CERTIFICATION', 'TRAINING.UNKNOWN_PLACE'] as const;
function assertValid(problems: FieldProblem[], fallback: 'TRAINING.INVALID_COURSE' | 'TRAINING.INVALID_QUERY') {
  if (problems.length === 0) return;
  throw new AppError(fallback === 'TRAINING.INVALID_QUERY' ? fallback : leadingCode(problems, courseCodes, fallback), problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
}
function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function createTrainingService(deps: { db: Db; repository: TrainingRepository }) {
  const { db, repository } = deps;
  let statesCache: Awaited<ReturnType<TrainingRepository['states']>> | null = null;
  const states = async () => (statesCache ??= await repository.states());

  async function context(input: Partial<CourseFields>) {
    return {
      skills: new Set((await repository.skills(input.skills ?? [])).keys()),
      certifications: await repository.certifications([input.certificationCode]),
      states: await states(),
      municipalities: new Map([...(await repository.municipalities([input.municipalityCode])).entries()].map(([k, v]) => [k, v.state])),
    };
  }

  async function toCourses(rows: CourseRow[], tx: Db = db) {
    const labels = await repository.skills(rows.flatMap((r) => r.skill_ids), tx);
    return rows.map((r) => ({
      id: r.id, status: r.status, kind: r.kind, title: r.title, description: r.description,
      provider: { id: r.organisation_id, name: r.organisation_name, type: r.organisation_type },
      level: r.level, modality: r.modality, durationHours: Number(r.duration_hours), languages: r.languages,
      country: r.country?.trim() ?? null, stateCode: r.state_code, stateName: r.state_name, municipalityCode: r.municipality_code, municipalityName: r.municipality_name,
      lat: num(r.lat), lon: num(r.lon),
      skills: r.skill_ids.map((id) => ({ id, labelEs: labels.get(id)?.labelEs ?? id, labelEn: labels.get(id)?.labelEn ?? id })),
      certification: r.certification_code ? { code: r.certification_code, titleEs: r.certification_title } : null,
      partner: r.partner_name ? { name: r.partner_name, country: r.partner_country?.trim() ?? null } : null,
      startDates: r.start_dates,
      isFree: r.is_free,
      cost: r.cost_amount === null ? null : { amount: Number(r.cost_amount), currency: (r.cost_currency ?? '').trim() },
      seatsPerYear: r.seats_per_year,
      url: r.url,
      // The course speaks for its provider: who typed it is not public.
      provenance: { source: r.provenance.source, method: r.provenance.method, declaredAt: r.provenance.declaredAt },
      withdrawnAt: iso(r.withdrawn_at), updatedAt: iso(r.updated_at)!,
    }));
  }
  const toCourse = async (r: CourseRow, tx: Db = db) => (await toCourses([r], tx))[0]!;

  const fieldsOf = (r: CourseRow): CourseFields => ({
    kind: r.kind, title: r.title, description: r.description, level: r.level, modality: r.modality, durationHours: Number(r.duration_hours),
    languages: r.languages, country: (r.country?.trim() ?? null) as CourseFields['country'], stateCode: r.state_code, municipalityCode: r.municipality_code,
    lat: num(r.lat), lon: num(r.lon), skills: r.skill_ids, certificationCode: r.certification_code, partnerName: r.partner_name,
    partnerCountry: r.partner_country?.trim() ?? null, startDates: r.start_dates, isFree: r.is_free, costAmount: num(r.cost_amount),
    costCurrency: r.cost_currency?.trim() ?? null, seatsPerYear: r.seats_per_year, url: r.url,
  });
  const columnsOf = (f: CourseFields, providerName: string, principal: Principal): CourseColumns => ({
    kind: f.kind, title: f.title, description: f.description, level: f.level, modality: f.modality, duration_hours: f.durationHours,
    languages: f.languages, country: f.country, state_code: f.stateCode, municipality_code: f.municipalityCode, lat: f.lat, lon: f.lon,
    skill_ids: f.skills, certification_code: f.certificationCode, partner_name: f.partnerName, partner_country: f.partnerCountry,
    start_dates: f.startDates, is_free: f.isFree, cost_amount: f.costAmount, cost_currency: f.costCurrency, seats_per_year: f.seatsPerYear, url: f.url,
    search_text: courseSearchText([f.title, f.description, providerName, f.partnerName, f.certificationCode]),
    provenance: JSON.stringify({ source: 'skills-training-catalogue', method: 'declared by provider', userId: principal.userId, declaredAt: new Date().toISOString() }),
  });

  async function editable(principal: Principal | null, id: string) {
    requireSignedIn(principal, 'manage courses');
    const row = await repository.find(id);
    if (!row) throw new AppError('TRAINING.COURSE_NOT_FOUND', `There is no course with id ${id}.`);
    if (!canEditOrganisation(principal, row.organisation_id)) throw new AppError('TRAINING.NOT_YOUR_COURSE', 'Only editors of the provider (and admins) manage its courses.');
    if (row.status === 'withdrawn') throw new AppError('TRAINING.COURSE_WITHDRAWN', 'The course was withdrawn; publish it again as a new course.');
    return row;
  }

  async function checkQuery(q: CourseQuery) {
    const problems: FieldProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path, code: 'TRAINING.INVALID_QUERY', message });
    if (q.skill && (await repository.skills([q.skill])).size === 0) add('/skill', `"${q.skill}" is not a skill of the taxonomy.`);
    if (q.country && q.country !== 'MX' && q.country !== 'US') add('/country', 'country is MX or US.');
    if (q.state) {
      const s = await states();
      if (!s.MX.has(q.state) && !s.US.has(q.state)) add('/state', `"${q.state}" is not an INEGI state code (01 … 32) nor a USPS code.`);
    }
    if (q.modality && !(modalities as readonly string[]).includes(q.modality)) add('/modality', `modality is one of ${modalities.join(', ')}.`);
    if (q.level && !(courseLevels as readonly string[]).includes(q.level)) add('/level', `level is one of ${courseLevels.join(', ')}.`);
    if (q.language && !isLanguageCode(q.language)) add('/language', `"${q.language}" is not an ISO 639-1 language code.`);
    if (q.organisation && !/^[0-9a-f-]{36}$/i.test(q.organisation)) add('/organisation', 'organisation is an organisation id (uuid).');
    if (q.startsFrom && !isCalendarDate(q.startsFrom)) add('/startsFrom', 'startsFrom is a date YYYY-MM-DD.');
    assertValid(problems, 'TRAINING.INVALID_QUERY');
  }

  return {
    async search(q: CourseQuery) {
      await checkQuery(q);
      const { rows, total } = await repository.list({
        words: q.q ? foldForSearch(q.q).split(' ').filter(Boolean) : [], skill: q.skill, state: q.state, country: q.country, modality: q.modality,
        level: q.level, language: q.language, organisation: q.organisation, certification: q.certification, free: q.free, startsFrom: q.startsFrom,
      }, { limit: q.limit, offset: q.offset });
      return { items: await toCourses(rows), total };
    },

    /** Published and withdrawn courses are public (a withdrawn one says so); links to it keep working. */
    async get(id: string) {
      const row = await repository.find(id);
      if (!row) throw new AppError('TRAINING.COURSE_NOT_FOUND', `There is no course with id ${id}.`);
      return toCourse(row);
    },

    async mine(principal: Principal | null) {
      requireSignedIn(principal, 'see your organisations’ courses');
      const items = await toCourses(await repository.ofOrganisations(editedOrganisations(principal)));
      return { items, total: items.length };
    },

    async publish(principal: Principal | null, input: CourseInput) {
      requireSignedIn(principal, 'publish a course');
      const organisationId = input.organisationId ?? '';
      const provider = canEditOrganisation(principal, organisationId) ? await repository.organisation(organisationId) : undefined;
      if (!provider || !providerTypes.has(provider.type)) {
        throw new AppError('TRAINING.NOT_A_PROVIDER', 'Publish courses for a training centre, university or company you are an editor of (organisationId).', [{ path: '/organisationId', message: 'not a provider you edit' }]);
      }
      const given = stripUndefined({ ...input });
      delete given.organisationId;
      const fields = {
        description: null, country: null, stateCode: null, municipalityCode: null, lat: null, lon: null, certificationCode: null,
        partnerName: null, partnerCountry: null, startDates: [], costAmount: null, costCurrency: null, seatsPerYear: null, url: null, ...given,
      } as Partial<CourseFields>;
      assertValid(courseProblems(fields, await context(fields)), 'TRAINING.INVALID_COURSE');
      const f = normaliseCourse(fields as CourseFields);
      return db.transaction().execute(async (tx) => {
        const id = await repository.insert(tx, organisationId, principal.userId, columnsOf(f, provider.name, principal));
        const after = await toCourse((await repository.find(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.course', entityId: id, action: 'create', before: null, after }]);
        return after;
      });
    },

    async update(principal: Principal | null, id: string, patch: Partial<CourseFields>) {
      const row = await editable(principal, id);
      const given = stripUndefined(patch);
      const current = fieldsOf(row);
      // A course made free drops its cost; an edit naming a cost makes it paid.
      if (given.isFree === true) { given.costAmount ??= null; given.costCurrency ??= null; }
      assertValid(courseProblems(given, await context({ ...given, municipalityCode: given.municipalityCode ?? current.municipalityCode }), { partial: true, current }), 'TRAINING.INVALID_COURSE');
      const f = normaliseCourse({ ...current, ...given });
      const before = await toCourse(row);
      return db.transaction().execute(async (tx) => {
        await repository.update(tx, id, columnsOf(f, row.organisation_name, principal!));
        const after = await toCourse((await repository.find(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.course', entityId: id, action: 'update', before, after }]);
        return after;
      });
    },

    async withdraw(principal: Principal | null, id: string) {
      const row = await editable(principal, id);
      return db.transaction().execute(async (tx) => {
        await repository.update(tx, id, { status: 'withdrawn', withdrawn_at: new Date() });
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.course', entityId: id, action: 'update', before: { status: row.status }, after: { status: 'withdrawn' } }]);
        return toCourse((await repository.find(id, tx))!, tx);
      });
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
