import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import { courseKinds, courseLevels, limits, modalities, type CourseFields } from './training.domain.js';
import type { CourseInput, CourseQuery, TrainingService } from './training.service.js';

const tags = ['skills'];
/* Null means "not given"; a type list keeps coercion from turning null into "". */
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const nullNumber = (options: object = {}) => Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });

const fields = {
  kind: Type.String({ maxLength: 20, description: courseKinds.join(', ') }),
  title: Type.String({ maxLength: limits.title * 2 }),
  description: nullString({ maxLength: limits.text * 2, description: 'Free text, stored and returned as given (never rendered as HTML)' }),
  level: Type.String({ maxLength: 20, description: courseLevels.join(', ') }),
  modality: Type.String({ maxLength: 20, description: modalities.join(', ') }),
  durationHours: Type.Number({ description: 'Total hours of instruction' }),
  languages: Type.Array(Type.String({ maxLength: 3 }), { maxItems: limits.languages, description: 'ISO 639-1 codes of the languages taught in' }),
  country: nullString({ maxLength: 2, description: 'MX or US; may be empty for online courses' }),
  stateCode: nullString({ maxLength: 5, description: 'MX: INEGI cve_ent; US: USPS code' }),
  municipalityCode: nullString({ maxLength: 10, description: 'MX: INEGI cvegeo (5 digits)' }),
  lat: nullNumber({ description: 'WGS84 latitude (optional point)' }),
  lon: nullNumber(),
  skills: Type.Array(Type.String({ maxLength: 200 }), { maxItems: limits.skills, description: 'Taxonomy skill ids taught' }),
  certificationCode: nullString({ maxLength: 40, description: 'A certification of the taxonomy (CONOCER standard, e.g. EC1547)' }),
  partnerName: nullString({ maxLength: limits.title * 2, description: 'Bi-national partner institution' }),
  partnerCountry: nullString({ maxLength: 2, description: 'ISO 3166-1 alpha-2 (US, CA…)' }),
  startDates: Type.Array(Type.String({ maxLength: 10 }), { maxItems: limits.startDates, description: 'YYYY-MM-DD' }),
  isFree: Type.Boolean(),
  costAmount: nullNumber({ description: 'Total cost, when not free' }),
  costCurrency: nullString({ maxLength: 3, description: 'ISO 4217 (MXN, USD…)' }),
  seatsPerYear: nullNumber({ description: 'Places offered per year; the gap report counts seats when given' }),
  url: nullString({ maxLength: limits.url, description: 'http(s) address of the course page' }),
};
const optional = <T extends Record<string, object>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v as never)]));
const CourseBody = Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 40, description: 'The provider: an organisation you are an editor of' })), ...optional(fields) }, { additionalProperties: false });
const CoursePatch = Type.Object(optional(fields), { additionalProperties: false });

const Labelled = Type.Object({ id: Type.String(), labelEs: Type.String(), labelEn: Type.String() });
export const Course = Type.Object({
  id: Type.String(), status: Type.String(), kind: Type.String(), title: Type.String(), description: Nullable(Type.String()),
  provider: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
  level: Type.String(), modality: Type.String(), durationHours: Type.Number(), languages: Type.Array(Type.String()),
  country: Nullable(Type.String()), stateCode: Nullable(Type.String()), stateName: Nullable(Type.String()),
  municipalityCode: Nullable(Type.String()), municipalityName: Nullable(Type.String()), lat: Nullable(Type.Number()), lon: Nullable(Type.Number()),
  skills: Type.Array(Labelled),
  certification: Nullable(Type.Object({ code: Type.String(), titleEs: Nullable(Type.String()) })),
  partner: Nullable(Type.Object({ name: Type.String(), country: Nullable(Type.String()) })),
  startDates: Type.Array(Type.String()), isFree: Type.Boolean(), cost: Nullable(Type.Object({ amount: Type.Number(), currency: Type.String() })),
  seatsPerYear: Nullable(Type.Integer()), url: Nullable(Type.String()), provenance: Type.Object({}, { additionalProperties: true }),
  withdrawnAt: Nullable(Type.String()), updatedAt: Type.String(),
});
const listOf = <T extends object>(item: T) => Type.Object({ items: Type.Array(item as never), total: Type.Integer() });
const Query = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the title, description, provider or partner (accent-insensitive)' })),
  skill: Type.Optional(Type.String({ maxLength: 200, description: 'Taught skill (taxonomy id)' })),
  state: Type.Optional(Type.String({ maxLength: 5, description: 'cve_ent (MX) or USPS code (US); online courses without a place are not in any state' })),
  country: Type.Optional(Type.String({ maxLength: 2 })),
  modality: Type.Optional(Type.String({ maxLength: 20 })), level: Type.Optional(Type.String({ maxLength: 20 })),
  language: Type.Optional(Type.String({ maxLength: 3 })), organisation: Type.Optional(Type.String({ maxLength: 40, description: 'Provider id' })),
  certification: Type.Optional(Type.String({ maxLength: 40 })), free: Type.Optional(Type.Boolean()),
  startsFrom: Type.Optional(Type.String({ maxLength: 10, description: 'Courses with a start date on or after (YYYY-MM-DD)' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), offset: Type.Integer({ minimum: 0, default: 0 }),
});
const IdParam = Type.Object({ id: Type.String({ maxLength: 200 }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

export function trainingRoutes(training: TrainingService) {
  return async (app: FastifyInstance) => {
    app.get('/skills/courses', {
      schema: { tags, summary: 'The training catalogue: published programmes and courses', querystring: Query, response: { 200: listOf(Course), 400: Problem } },
    }, async (request) => training.search(request.query as CourseQuery));

    app.get('/skills/courses/mine', {
      schema: { tags, summary: 'Courses of the organisations you edit (withdrawn ones included)', response: { 200: listOf(Course), 401: Problem } },
    }, async (request) => training.mine(request.principal));

    app.get('/skills/courses/:id', {
      schema: { tags, summary: 'A course', params: IdParam, response: { 200: Course, 404: Problem } },
    }, async (request) => training.get((request.params as { id: string }).id));

    app.post('/skills/courses', {
      schema: {
        tags, summary: 'Publish a programme or course (an editor of a training centre, university or company)',
        description: 'Required: organisationId, kind, title, level, modality, durationHours, languages, skills, isFree (and costAmount + costCurrency when not free); '
          + 'country and state unless online. Invalid or missing fields answer 422 with `errors[]`; the leading code is TRAINING.UNKNOWN_CURRENCY, TRAINING.UNKNOWN_SKILL, '
          + 'TRAINING.UNKNOWN_CERTIFICATION, TRAINING.UNKNOWN_PLACE or TRAINING.INVALID_COURSE. Nothing is saved unless everything is valid.',
        body: CourseBody, response: { 201: Course, ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await training.publish(request.principal, request.body as CourseInput)));

    app.patch('/skills/courses/:id', {
      schema: { tags, summary: 'Edit a course (its provider’s editors)', params: IdParam, body: CoursePatch, response: { 200: Course, ...errors } },
    }, async (request) => training.update(request.principal, (request.params as { id: string }).id, request.body as Partial<CourseFields>));

    app.post('/skills/courses/:id/withdraw', {
      schema: { tags, summary: 'Withdraw a course from the catalogue (its provider’s editors)', params: IdParam, response: { 200: Course, ...errors } },
    }, async (request) => training.withdraw(request.principal, (request.params as { id: string }).id));
  };
}
