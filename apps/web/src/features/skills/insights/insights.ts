/**
 * Pure helpers of the demand, catalogue, gaps, fairs and inclusion pages: the server's field
 * errors by field, the map's colours, the trend series, the address bar ↔ filters, and the
 * forms ↔ request bodies. Kept apart from the pages so they are unit-tested.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { ApiFieldError } from '../../../api/client';
import { colourFor, noDataColour, type ChoroplethClass } from '../../charging/choropleth';
import type { CourseBody, CourseQuery, DemandBody, DemandCell, DemandReport, Course, FairBody, Labelled } from './api';

/** A withheld state on the map: hatched grey would need a pattern; a distinct light violet says "not shown". */
export const withheldColour = '#d8c8e8';

/**
 * The field a server error belongs to: the first segment of its JSON pointer
 * (`/skills/1` → `skills`, `/body/people` → `people`); the first message per field wins.
 */
export function errorsByField(errors: readonly ApiFieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const parts = e.path.split('/').filter(Boolean);
    const name = parts[0] === 'body' ? parts[1] : parts[0];
    const key = name ?? '_';
    if (!(key in out)) out[key] = e.message;
  }
  return out;
}

/** People per state from published cells; withheld states apart (they are not zero, they are unknown). */
export function stateFigures(items: readonly DemandCell[]): { people: Map<string, number>; withheld: Set<string> } {
  const people = new Map<string, number>();
  const withheld = new Set<string>();
  for (const cell of items) {
    if (!/^[0-9]{2}$/.test(cell.key)) continue;
    if (cell.suppressed || cell.people === null) withheld.add(cell.key);
    else people.set(cell.key, cell.people);
  }
  return { people, withheld };
}

/** A `match` on the state code: class colours for published states, the withheld colour, grey for none. */
export function demandFillExpression(figures: ReturnType<typeof stateFigures>, classes: ChoroplethClass[]): ExpressionSpecification | string {
  const pairs: string[] = [];
  for (const [code, n] of figures.people) pairs.push(code, n > 0 ? colourFor(n, classes) : noDataColour);
  for (const code of figures.withheld) pairs.push(code, withheldColour);
  if (pairs.length === 0) return noDataColour;
  return ['match', ['to-string', ['get', 'cveEnt']], ...pairs, noDataColour] as unknown as ExpressionSpecification;
}

export interface TrendPoint {
  quarter: string;
  /** Null when the quarter's figures are withheld: the line breaks there instead of dropping to zero. */
  people: number | null;
  withheld: boolean;
}

/** The quarters in time order (the server sends them so; sorted again so the chart never zig-zags). */
export function trendSeries(items: readonly DemandCell[]): TrendPoint[] {
  return [...items]
    .filter((c) => /^[0-9]{4}-Q[1-4]$/.test(c.key))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((c) => ({ quarter: c.key, people: c.suppressed ? null : c.people, withheld: c.suppressed }));
}

/** A bilingual label in the page's language. */
export const labelOf = (item: Pick<Labelled, 'labelEs' | 'labelEn'>, language: string) => (language.startsWith('en') ? item.labelEn || item.labelEs : item.labelEs || item.labelEn);

// ---------- the demand form ----------

export interface PickedRef {
  id: string;
  label: string;
}

export interface DemandForm {
  organisationId: string;
  occupation: PickedRef | null;
  skills: PickedRef[];
  people: string;
  /** A horizon code, or '' when a target date is given instead. */
  horizon: string;
  targetDate: string;
  stateCode: string;
  municipalityCode: string;
  level: string;
  notes: string;
}

export const emptyDemandForm = (organisationId: string): DemandForm => ({
  organisationId, occupation: null, skills: [], people: '', horizon: '', targetDate: '', stateCode: '', municipalityCode: '', level: '', notes: '',
});

export function demandFormFrom(report: DemandReport, language: string): DemandForm {
  return {
    organisationId: report.organisation.id,
    occupation: { id: report.occupation.id, label: labelOf(report.occupation, language) },
    skills: report.skills.map((s) => ({ id: s.id, label: labelOf(s, language) })),
    people: String(report.people),
    horizon: report.targetDate ? '' : report.horizon,
    targetDate: report.targetDate ?? '',
    stateCode: report.stateCode,
    municipalityCode: report.municipalityCode ?? '',
    level: report.level,
    notes: report.notes ?? '',
  };
}

/** The checks the page can make before asking the server (the server checks everything again). Values are message keys. */
export function checkDemandForm(form: DemandForm): Record<string, 'required' | 'wholeNumber' | 'horizonOrDate'> {
  const out: Record<string, 'required' | 'wholeNumber' | 'horizonOrDate'> = {};
  if (!form.occupation) out.occupationId = 'required';
  if (form.skills.length === 0) out.skills = 'required';
  if (form.people.trim() === '') out.people = 'required';
  else if (!/^[0-9]+$/.test(form.people.trim()) || Number(form.people) < 1) out.people = 'wholeNumber';
  if (!form.horizon && !form.targetDate) out.horizon = 'horizonOrDate';
  if (!form.stateCode) out.stateCode = 'required';
  if (!form.level) out.level = 'required';
  return out;
}

/** The request body; empty optional fields are sent as null so an edit can clear them. */
export function demandBody(form: DemandForm, forCreate: boolean): DemandBody {
  const body: DemandBody = {
    occupationId: form.occupation?.id,
    skills: form.skills.map((s) => s.id),
    people: Number(form.people.trim()),
    horizon: form.targetDate ? null : form.horizon || null,
    targetDate: form.targetDate || null,
    stateCode: form.stateCode,
    municipalityCode: form.municipalityCode.trim() || null,
    level: form.level,
    notes: form.notes.trim() || null,
  };
  if (forCreate) body.organisationId = form.organisationId;
  return body;
}

// ---------- the catalogue's filters in the address bar ----------

const courseKeys = ['q', 'skill', 'state', 'modality', 'level', 'language'] as const;

export function courseQueryFrom(params: URLSearchParams): CourseQuery {
  const out: CourseQuery = {};
  for (const key of courseKeys) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value;
  }
  if (params.get('free') === 'true') out.free = true;
  return out;
}

export function courseParams(query: CourseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of courseKeys) if (query[key]) params.set(key, query[key]);
  if (query.free) params.set('free', 'true');
  return params;
}

// ---------- the course form ----------

export interface CourseForm {
  organisationId: string;
  kind: string;
  title: string;
  description: string;
  level: string;
  modality: string;
  durationHours: string;
  languages: string[];
  country: string;
  stateCode: string;
  municipalityCode: string;
  skills: PickedRef[];
  certificationCode: string;
  partnerName: string;
  partnerCountry: string;
  /** One date per line or separated by commas (YYYY-MM-DD). */
  startDates: string;
  isFree: boolean;
  costAmount: string;
  costCurrency: string;
  seatsPerYear: string;
  url: string;
}

export const emptyCourseForm = (organisationId: string): CourseForm => ({
  organisationId, kind: 'course', title: '', description: '', level: '', modality: '', durationHours: '', languages: ['es'], country: 'MX', stateCode: '',
  municipalityCode: '', skills: [], certificationCode: '', partnerName: '', partnerCountry: '', startDates: '', isFree: false, costAmount: '', costCurrency: 'MXN', seatsPerYear: '', url: '',
});

export function courseFormFrom(course: Course, language: string): CourseForm {
  return {
    organisationId: course.provider.id, kind: course.kind, title: course.title, description: course.description ?? '', level: course.level, modality: course.modality,
    durationHours: String(course.durationHours), languages: course.languages, country: course.country ?? '', stateCode: course.stateCode ?? '',
    municipalityCode: course.municipalityCode ?? '', skills: course.skills.map((s) => ({ id: s.id, label: labelOf(s, language) })),
    certificationCode: course.certification?.code ?? '', partnerName: course.partner?.name ?? '', partnerCountry: course.partner?.country ?? '',
    startDates: course.startDates.join('\n'), isFree: course.isFree, costAmount: course.cost ? String(course.cost.amount) : '',
    costCurrency: course.cost?.currency ?? 'MXN', seatsPerYear: course.seatsPerYear === null ? '' : String(course.seatsPerYear), url: course.url ?? '',
  };
}

/** A number typed by a person ("1,500" or "1500.5"); NaN stays NaN so the server names the field. */
const numberOrNull = (text: string): number | null => {
  const t = text.trim().replace(/,/g, '');
  return t === '' ? null : Number(t);
};

export function courseBody(form: CourseForm, forCreate: boolean): CourseBody {
  const online = form.modality === 'online';
  const body: CourseBody = {
    kind: form.kind, title: form.title.trim(), description: form.description.trim() || null, level: form.level, modality: form.modality,
    durationHours: numberOrNull(form.durationHours) ?? undefined, languages: form.languages,
    country: form.country || null, stateCode: form.stateCode || null, municipalityCode: form.municipalityCode.trim() || null,
    skills: form.skills.map((s) => s.id), certificationCode: form.certificationCode.trim() || null,
    partnerName: form.partnerName.trim() || null, partnerCountry: form.partnerCountry.trim().toUpperCase() || null,
    startDates: form.startDates.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean),
    isFree: form.isFree,
    costAmount: form.isFree ? null : numberOrNull(form.costAmount), costCurrency: form.isFree ? null : form.costCurrency.trim().toUpperCase() || null,
    seatsPerYear: numberOrNull(form.seatsPerYear), url: form.url.trim() || null,
  };
  // An online course may have no place (it is then open to every state); the server requires one otherwise.
  if (online && !form.stateCode) body.country = null;
  if (forCreate) body.organisationId = form.organisationId;
  return body;
}

// ---------- the fair form ----------

export interface FairForm {
  organisationId: string;
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  mode: string;
  country: string;
  stateCode: string;
  municipalityCode: string;
  venue: string;
  url: string;
  binational: boolean;
}

export const emptyFairForm = (organisationId: string): FairForm => ({
  organisationId, title: '', description: '', startsOn: '', endsOn: '', mode: '', country: 'MX', stateCode: '', municipalityCode: '', venue: '', url: '', binational: false,
});

/** An online fair has no place; an in-person one no address to join. */
export function fairBody(form: FairForm): FairBody {
  const place = form.mode !== 'online';
  const link = form.mode !== 'in_person';
  return {
    organisationId: form.organisationId || null,
    title: form.title.trim(), description: form.description.trim() || null, startsOn: form.startsOn, endsOn: form.endsOn, mode: form.mode,
    country: place ? form.country || null : null, stateCode: place ? form.stateCode || null : null,
    municipalityCode: place ? form.municipalityCode.trim() || null : null, venue: place ? form.venue.trim() || null : null,
    url: link ? form.url.trim() || null : null, binational: form.binational,
  };
}

/** "12 – 14 mar 2026" or one day; dates are calendar dates (no time zone shift). */
export function dateRange(startsOn: string, endsOn: string, language: string): string {
  const fmt = new Intl.DateTimeFormat(language.startsWith('en') ? 'en-US' : 'es-MX', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const a = new Date(`${startsOn}T00:00:00Z`);
  const b = new Date(`${endsOn}T00:00:00Z`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${startsOn} – ${endsOn}`;
  return startsOn === endsOn ? fmt.format(a) : fmt.formatRange(a, b);
}

/** A calendar date in the page's language. */
export function formatDay(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-US' : 'es-MX', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Which of one's organisations may do something, given their types (the server decides again). */
export function organisationsOfTypes<T extends { organisationId: string }>(memberships: readonly T[], types: ReadonlyMap<string, string>, allowed: readonly string[]): T[] {
  return memberships.filter((m) => allowed.includes(types.get(m.organisationId) ?? ''));
}
