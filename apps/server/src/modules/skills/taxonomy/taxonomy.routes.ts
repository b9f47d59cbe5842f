import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../../platform/http/schemas.js';
import type { Lang, LocalEntryInput } from './taxonomy.domain.js';
import type { SearchQuery, TaxonomyService } from './taxonomy.service.js';

const tags = ['skills'];
const LangParam = Type.Union([Type.Literal('es'), Type.Literal('en')], { default: 'es', description: 'Language of `label` (es default); the query matches either language' });
const SearchParams = Type.Intersect([Page, Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in Spanish or English, accent- and case-insensitive, over preferred and alternative labels; each word as a prefix; tolerant of typos' })),
  lang: LangParam,
  ev: Type.Optional(Type.Boolean({ description: 'true: only entries tagged as related to electric vehicles' })),
  scheme: Type.Optional(Type.String({ description: 'esco, onet or local' })),
})]);
const LangQuery = Type.Object({ lang: LangParam });
// Ids hold a colon (esco:…, onet:17-2141.02, local:…); sent as is or URL-encoded.
const IdParams = Type.Object({ id: Type.String({ maxLength: 120, description: 'esco:<uuid>, onet:<code> or local:<slug>' }) });
const Labels = {
  label: Type.String({ description: 'In `lang`, or in the other language when the entry has none in `lang` (labelLang says which)' }),
  labelLang: Type.String(), labelEs: Nullable(Type.String()), labelEn: Nullable(Type.String()),
};
const Scheme = Type.String({ description: 'esco, onet or local' });
const ListMeta = { total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() };
const OccupationItem = Type.Object({
  id: Type.String(), scheme: Scheme, ...Labels, evRelated: Type.Boolean(), iscoCode: Nullable(Type.String()), socCode: Nullable(Type.String()),
  matchTier: Type.Integer({ description: '0 label starts with the query … 5 typo match only; 6 no label has every word: those with the most of them' }),
});
const SkillItem = Type.Object({
  id: Type.String(), scheme: Scheme, ...Labels, evRelated: Type.Boolean(), skillType: Type.String(), reuseLevel: Nullable(Type.String()), matchTier: Type.Integer(),
});
const Source = Type.Object({
  id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(), licence: Type.String(), url: Nullable(Type.String()),
});
const Certification = Type.Object({ code: Type.String(), scheme: Type.String(), titleEs: Type.String(), level: Nullable(Type.Integer()), committee: Nullable(Type.String()) });
const Bilingual = Type.Object({ es: Nullable(Type.String()), en: Nullable(Type.String()) });
const AltLabels = Type.Object({ es: Type.Array(Type.String()), en: Type.Array(Type.String()) });
const LinkedSkill = Type.Object({ id: Type.String(), ...Labels, skillType: Type.String(), evRelated: Type.Boolean(), importance: Nullable(Type.Number({ description: 'O*NET importance 1–5' })) });
const Money = Nullable(Type.Number());
const OccupationDetail = Type.Object({
  id: Type.String(), scheme: Scheme, ...Labels, altLabels: AltLabels, description: Bilingual,
  iscoCode: Nullable(Type.String()), iscoGroup: Nullable(Type.Object({ code: Type.String(), labelEs: Nullable(Type.String()), labelEn: Type.String() })),
  socCode: Nullable(Type.String()), escoVersion: Nullable(Type.String()), evRelated: Type.Boolean(),
  skills: Type.Object({ essential: Type.Array(LinkedSkill), optional: Type.Array(LinkedSkill) }),
  crosswalk: Type.Array(Type.Object({
    id: Type.String(), ...Labels, socCode: Nullable(Type.String()), confidence: Nullable(Type.Number({ description: 'Nesta: 0.5, 1 or 2 (best)' })), method: Type.String(),
  }), { description: 'ESCO↔O*NET links (Nesta crosswalk)' }),
  usWages: Type.Array(Type.Object({
    socCode: Type.String(), title: Type.String(), currency: Type.String(), employment: Nullable(Type.Integer()),
    hourlyMean: Money, hourlyMedian: Money, annualMean: Money, annualP10: Money, annualP25: Money, annualMedian: Money, annualP75: Money, annualP90: Money,
    topCoded: Type.Array(Type.String({ description: 'Fields above the BLS cap (≥ $239,200 a year), published without a figure' })),
    source: Type.String(), vintage: Type.String(),
  }), { description: 'US national wages (BLS OEWS), US$: the US side only' }),
  related: Type.Array(Type.Object({ id: Type.String(), ...Labels, method: Type.String(), rank: Nullable(Type.Integer()) })),
  certifications: Type.Array(Certification, { description: 'Mexican competency standards (CONOCER)' }),
  provenance: Type.Record(Type.String(), Type.Unknown()), sources: Type.Array(Source), updatedAt: Type.String(),
});
const LinkedOccupation = Type.Object({ id: Type.String(), ...Labels, evRelated: Type.Boolean(), importance: Nullable(Type.Number()) });
const SkillDetail = Type.Object({
  id: Type.String(), seq: Type.Integer({ description: 'Compact integer id used in matching' }), scheme: Scheme, ...Labels, skillType: Type.String(),
  reuseLevel: Nullable(Type.String()), altLabels: AltLabels, description: Bilingual, evRelated: Type.Boolean(),
  occupations: Type.Object({
    essential: Type.Array(LinkedOccupation), optional: Type.Array(LinkedOccupation), essentialTotal: Type.Integer(), optionalTotal: Type.Integer(),
  }, { description: 'Occupations that need the skill (first 50 of each)' }),
  certifications: Type.Array(Certification), provenance: Type.Record(Type.String(), Type.Unknown()), sources: Type.Array(Source), updatedAt: Type.String(),
});
// Field checks (empty labels, bad slugs, unknown skills) are the service's, answered per field as SKILLS.INVALID_ENTRY.
const EntryBody = {
  slug: Type.Optional(Type.String({ maxLength: 80, description: 'Id becomes local:<slug>; default: from labelEn' })),
  labelEs: Type.Optional(Type.String({ maxLength: 400 })), labelEn: Type.Optional(Type.String({ maxLength: 400 })),
  altLabelsEs: Type.Optional(Type.Array(Type.String({ maxLength: 400 }), { maxItems: 50 })),
  altLabelsEn: Type.Optional(Type.Array(Type.String({ maxLength: 400 }), { maxItems: 50 })),
  descriptionEs: Type.Optional(Nullable(Type.String({ maxLength: 8000 }))), descriptionEn: Type.Optional(Nullable(Type.String({ maxLength: 8000 }))),
  evRelated: Type.Optional(Type.Boolean()),
};
const OccupationBody = Type.Object({
  ...EntryBody, iscoCode: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  essentialSkills: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 200 })),
  optionalSkills: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 200 })),
});
const SkillBody = Type.Object({ ...EntryBody, skillType: Type.Optional(Type.String({ maxLength: 20, description: 'skill, knowledge, transversal or language' })) });
const AltLabelBody = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })), label: Type.Optional(Type.String({ maxLength: 400 })) });
const AltLabelResponse = Type.Object({ id: Type.String(), lang: Type.String(), label: Type.String(), altLabels: AltLabels });
const writeErrors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

// Fastify has already decoded the path (`esco%3A…` arrives as `esco:…`).
const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;

export function taxonomyRoutes(taxonomy: TaxonomyService) {
  return async (app: FastifyInstance) => {
    app.get('/skills/occupations', {
      schema: {
        tags, summary: 'Search occupations (ESCO, O*NET, Electrifica-curated) in Spanish or English',
        description: 'Accent- and case-insensitive over preferred and alternative labels in both languages (Mexican wording can be added as alternative labels). ' +
          'Ranked: preferred label starting with the query, the query as a phrase in a preferred label, every word in preferred labels, then alternative labels, then typo matches. ' +
          'Without `q`, every occupation in label order. ESCO: "This service uses the ESCO classification of the European Commission." O*NET 29.2: CC BY 4.0, USDOL/ETA.',
        querystring: SearchParams, response: { 200: Type.Object({ items: Type.Array(OccupationItem), ...ListMeta }), 400: Problem },
      },
    }, async (request) => taxonomy.searchOccupations(request.query as SearchQuery));

    app.get('/skills/skills', {
      schema: {
        tags, summary: 'Search skills and knowledge (ESCO, O*NET, Electrifica-curated) in Spanish or English',
        description: 'Same matching and ranking as occupations.',
        querystring: SearchParams, response: { 200: Type.Object({ items: Type.Array(SkillItem), ...ListMeta }), 400: Problem },
      },
    }, async (request) => taxonomy.searchSkills(request.query as SearchQuery));

    app.get('/skills/occupations/:id', {
      schema: {
        tags, summary: 'An occupation: labels in both languages, description, essential and optional skills, ISCO/SOC codes, ESCO↔O*NET links, US wages, related occupations, certifications, sources',
        params: IdParams, querystring: LangQuery, response: { 200: OccupationDetail, 404: Problem },
      },
    }, async (request) => taxonomy.occupation(idOf(request), (request.query as { lang: Lang }).lang));

    app.get('/skills/skills/:id', {
      schema: {
        tags, summary: 'A skill: labels in both languages, description, the occupations that need it, certifications, sources',
        params: IdParams, querystring: LangQuery, response: { 200: SkillDetail, 404: Problem },
      },
    }, async (request) => taxonomy.skill(idOf(request), (request.query as { lang: Lang }).lang));

    app.post('/skills/occupations', {
      schema: {
        tags, summary: 'Add an occupation ESCO and O*NET lack, as local:<slug> (moderators and admins; audited)',
        body: OccupationBody, response: { 201: Type.Object({ id: Type.String() }), ...writeErrors },
      },
    }, async (request, reply) => reply.status(201).send(await taxonomy.addOccupation(request.principal, request.body as LocalEntryInput)));

    app.post('/skills/skills', {
      schema: {
        tags, summary: 'Add a skill ESCO and O*NET lack, as local:<slug> (moderators and admins; audited)',
        body: SkillBody, response: { 201: Type.Object({ id: Type.String(), seq: Type.Integer() }), ...writeErrors },
      },
    }, async (request, reply) => reply.status(201).send(await taxonomy.addSkill(request.principal, request.body as LocalEntryInput)));

    app.post('/skills/occupations/:id/alt-labels', {
      schema: {
        tags, summary: 'Add an alternative label (e.g. Mexican wording) to an occupation (moderators and admins; audited; kept across data reloads)',
        params: IdParams, body: AltLabelBody, response: { 201: AltLabelResponse, ...writeErrors },
      },
    }, async (request, reply) => reply.status(201).send(await taxonomy.addAltLabel(request.principal, 'occupation', idOf(request), request.body as { lang?: string; label?: string })));

    app.post('/skills/skills/:id/alt-labels', {
      schema: {
        tags, summary: 'Add an alternative label to a skill (moderators and admins; audited; kept across data reloads)',
        params: IdParams, body: AltLabelBody, response: { 201: AltLabelResponse, ...writeErrors },
      },
    }, async (request, reply) => reply.status(201).send(await taxonomy.addAltLabel(request.principal, 'skill', idOf(request), request.body as { lang?: string; label?: string })));
  };
}
