import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { formatDecimal, formatInteger } from '../../i18n/format';
import { translateDynamic } from '../../i18n/dynamic';
import { SelectField } from '../../ui/Field';
import { useAsyncData } from '../../ui/useAsyncData';
import { useSession } from '../accounts/session';
import { listStates } from '../geo/api';
import { escoAttribution, currencyNote, formatSalaryAmounts, labelIn, labelLanguage, onetLicenceUrl, onetUrl, placeLabel, type Bilingual } from './labels';
import { candidateProfilePath, jobBoardPath, myVacanciesPath, occupationPath, pathwaysPath, publishVacancyPath, skillPath, taxonomyPath, vacancyPath } from './paths';
import { usStateName, usStates } from './places';
import type { CitedSource, Country, LabelledRef, MatchExplanation, Salary, Vacancy } from './types';
import { useVocab } from './vocab';
import { CourseList } from './CourseList';

/** The sections of the job board and the taxonomy, under each page's heading. */
export function SkillsSubnav() {
  const { t } = useTranslation();
  const { user } = useSession();
  // Posting is offered to everyone (the page explains who may post); the list of one's vacancies only to editors.
  const editor = user?.memberships.some((m) => m.role === 'editor') ?? false;
  const links: Array<[string, string, boolean]> = [
    [jobBoardPath, t('skills.nav.board'), true],
    [candidateProfilePath, t('skills.nav.profile'), false],
    [publishVacancyPath, t('skills.nav.publish'), false],
    ...(editor ? [[myVacanciesPath, t('skills.nav.mine'), false] as [string, string, boolean]] : []),
    [taxonomyPath, t('skills.nav.taxonomy'), true],
    [pathwaysPath, t('skills.nav.pathways'), false],
  ];
  return <SubnavLinks label={t('skills.nav.sections')} links={links} />;
}

/** A row of section links under a page's heading: `[path, text, current only on this exact path]`. */
export function SubnavLinks({ label, links, className = '' }: { label: string; links: Array<[string, string, boolean]>; className?: string }) {
  return (
    <nav aria-label={label} className={`subnav skills-subnav ${className}`.trim()}>
      <ul>
        {links.map(([to, text, end]) => (
          <li key={to}>
            <NavLink to={to} end={end}>
              {text}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "$15,000 – $20,000 al mes (MXN)": amounts per locale, the period in words, the code where "$" could mislead. */
export function SalaryText({ salary }: { salary: Pick<Salary, 'min' | 'max' | 'currency'> & { period: string } }) {
  const { t, i18n } = useTranslation();
  const amount = formatSalaryAmounts(salary, i18n.language);
  const note = currencyNote(salary.currency, i18n.language);
  const text = translateDynamic(t, `skills.salary.per.${salary.period}`, `${amount} / ${salary.period}`, { amount });
  return (
    <span className="salary">
      {text}
      {note ? <abbr className="salary__currency"> {note}</abbr> : null}
    </span>
  );
}

/** A taxonomy label in the page's language, marked with its own language when it falls back. */
export function TaxonomyLabel({ item }: { item: Bilingual & { id?: string } }) {
  const { i18n } = useTranslation();
  const lang = labelLanguage(item, i18n.language);
  const pageLang = i18n.language.startsWith('en') ? 'en' : 'es';
  return <span lang={lang !== pageLang ? lang : undefined}>{labelIn(item, i18n.language)}</span>;
}

export function SkillLink({ skill }: { skill: LabelledRef }) {
  return (
    <Link to={skillPath(skill.id)}>
      <TaxonomyLabel item={skill} />
    </Link>
  );
}

export function OccupationLink({ occupation }: { occupation: LabelledRef }) {
  return (
    <Link to={occupationPath(occupation.id)}>
      <TaxonomyLabel item={occupation} />
    </Link>
  );
}

/** Skills as a list of links (to their taxonomy pages). */
export function SkillTags({ skills, testId, className = 'tag' }: { skills: readonly LabelledRef[]; testId?: string; className?: string }) {
  return (
    <ul className="tag-list" data-testid={testId}>
      {skills.map((s) => (
        <li key={s.id} className={className} data-id={s.id}>
          <SkillLink skill={s} />
        </li>
      ))}
    </ul>
  );
}

/** A vacancy's place: municipality, state, country. */
export function vacancyPlace(v: Pick<Vacancy, 'municipalityName' | 'municipalityCode' | 'stateName' | 'stateCode' | 'country'>, countryName: string): string {
  const state = v.stateName ?? (v.country === 'US' ? usStateName(v.stateCode) : null) ?? v.stateCode;
  return placeLabel([v.municipalityName ?? (v.country === 'US' ? v.municipalityCode : null), state, countryName]);
}

/**
 * The sources a taxonomy view draws on, with the wording their licences ask for: ESCO's
 * fixed sentence (in English, as the Commission gives it), O*NET with CC BY 4.0.
 */
export function TaxonomySources({ sources, schemes = ['esco', 'onet'] }: { sources?: readonly CitedSource[]; schemes?: readonly string[] }) {
  const { t } = useTranslation();
  const shown = new Set(schemes);
  return (
    <section className="taxonomy-sources" aria-labelledby="taxonomy-sources-heading" data-testid="taxonomy-sources">
      <h2 id="taxonomy-sources-heading" className="taxonomy-sources__title">
        {t('skills.sources.title')}
      </h2>
      <ul className="plain-list small">
        {shown.has('esco') ? (
          <li>
            {t('skills.sources.esco')} <span lang="en">{escoAttribution}</span>
          </li>
        ) : null}
        {shown.has('onet') ? (
          <li>
            <a href={onetUrl}>O*NET</a>: {t('skills.sources.onet')} <a href={onetLicenceUrl}>{t('skills.sources.onetLicence')}</a>.
          </li>
        ) : null}
        {shown.has('local') ? <li>{t('skills.sources.local')}</li> : null}
        {(sources ?? [])
          .filter((s) => !/esco|o\*?net/i.test(s.name))
          .map((s) => (
            <li key={s.id}>
              {s.url ? <a href={s.url}>{s.name}</a> : s.name}
              {s.vintage ? ` (${s.vintage})` : ''}
              {s.attribution ? ` — ${s.attribution}` : ''}
            </li>
          ))}
      </ul>
    </section>
  );
}

let mxStatesCache: Promise<Array<[string, string]>> | null = null;
/** Mexico's 32 states (INEGI), asked once per page load. */
function mexicanStates(signal: AbortSignal): Promise<Array<[string, string]>> {
  if (!mxStatesCache) {
    mxStatesCache = listStates()
      .then((r) => r.items.map((s): [string, string] => [s.cveEnt, s.name]))
      .catch((error: unknown) => {
        mxStatesCache = null;
        throw error;
      });
  }
  const pending = mxStatesCache;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
    pending.then(resolve, reject);
  });
}

export function useStates(country: Country | '') {
  const mx = useAsyncData((signal) => (country === 'MX' ? mexicanStates(signal) : null), [country]);
  if (country === 'US') return usStates;
  if (country === 'MX') return mx.data ?? [];
  return [];
}

/** The state list of a country (INEGI for Mexico, USPS for the US). */
export function StateSelect({
  country, value, onChange, label, name, error, required, allowAll,
}: { country: Country | ''; value: string; onChange: (value: string) => void; label: string; name: string; error?: string; required?: boolean; allowAll?: boolean }) {
  const { t } = useTranslation();
  const states = useStates(country);
  return (
    <SelectField label={label} name={name} value={value} error={error} required={required} disabled={!country} onChange={(e) => onChange(e.target.value)}>
      <option value="">{country ? (allowAll ? t('skills.common.anyState') : '—') : t('skills.common.pickCountryFirst')}</option>
      {states.map(([code, stateName]) => (
        <option key={code} value={code}>
          {stateName}
        </option>
      ))}
    </SelectField>
  );
}

/** One vacancy in a list: position, employer, place, pay, work mode, benefits and inclusion. */
export function VacancyCard({ vacancy: v, headingLevel = 3 }: { vacancy: Vacancy; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const shownBenefits = v.benefits.slice(0, 4);
  return (
    <article className="vacancy-card" data-id={v.id} data-testid="vacancy-card">
      <Heading className="vacancy-card__title">
        <Link to={vacancyPath(v.id)}>{v.title}</Link>
      </Heading>
      <p className="vacancy-card__employer">{v.organisation.name}</p>
      <p className="vacancy-card__place">{vacancyPlace(v, t(`skills.common.countries.${v.country}`))}</p>
      <p className="vacancy-card__salary" data-testid="vacancy-salary">
        <SalaryText salary={v.salary} />
      </p>
      <ul className="tag-list" aria-label={t('skills.card.workMode')}>
        <li className={`tag tag--mode-${v.workMode}`}>{vocab('workModes', v.workMode)}</li>
        {v.status === 'closed' ? <li className="tag tag--muted">{vocab('statuses', 'closed')}</li> : null}
      </ul>
      {shownBenefits.length > 0 ? (
        <p className="small">
          <span className="muted">{t('skills.card.benefits')}: </span>
          {shownBenefits.map((b) => vocab('benefits', b)).join(' · ')}
          {v.benefits.length > shownBenefits.length ? ` · ${t('skills.card.more', { count: v.benefits.length - shownBenefits.length })}` : ''}
        </p>
      ) : null}
      {v.inclusion.length > 0 ? (
        <ul className="tag-list" aria-label={t('skills.card.inclusion')}>
          {v.inclusion.map((c) => (
            <li key={c} className="tag tag--inclusion">
              {vocab('inclusion', c)}
            </li>
          ))}
        </ul>
      ) : null}
      {v.closingDate ? <p className="small muted">{t('skills.card.closes', { date: formatDate(v.closingDate, i18n.language) })}</p> : null}
    </article>
  );
}

/** A calendar date (YYYY-MM-DD) in the page's language, without shifting it by the time zone. */
export function formatDate(date: string, language: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-US' : 'es-MX', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

const maxParts = { skills: 60, location: 20, language: 10, authorisation: 10 } as const;

/** The match explained: the score, its parts, the skills that match and those missing. */
export function MatchPanel({ match, headingLevel = 3, testId = 'match-panel' }: { match: MatchExplanation; headingLevel?: 2 | 3 | 4; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const vocab = useVocab();
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!;
  const SubHeading = (['h3', 'h4', 'h5'] as const)[headingLevel - 2]!;
  const matched = [...match.skills.matchedRequired, ...match.skills.matchedOptional];
  const requiredMissing = new Set(match.skills.missingRequired.map((s) => s.id));
  const missing = [...match.skills.missingRequired, ...match.skills.missingOptional];
  const parts: Array<[keyof typeof maxParts, string]> = [
    ['skills', t('skills.match.partSkills')],
    ['location', t('skills.match.partLocation')],
    ['language', t('skills.match.partLanguage')],
    ['authorisation', t('skills.match.partAuthorisation')],
  ];
  return (
    <div className="match-panel" data-testid={testId}>
      <Heading>{t('skills.match.score', { score: formatDecimal(match.score, lang, Number.isInteger(match.score) ? 0 : 1) })}</Heading>
      <meter className="match-panel__meter" min={0} max={100} value={match.score} aria-label={t('skills.match.title')} />
      <dl className="facts facts--compact match-panel__parts" aria-label={t('skills.match.parts')}>
        {parts.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{t('skills.match.of', { value: formatDecimal(match.parts[key], lang, Number.isInteger(match.parts[key]) ? 0 : 1), max: formatInteger(maxParts[key], lang) })}</dd>
          </div>
        ))}
      </dl>
      <p className="small">
        {vocab('location', match.location)} · {t('skills.match.languages', { met: formatInteger(match.languages.met, lang), required: formatInteger(match.languages.required, lang) })}{' '}
        · {match.authorised ? t('skills.match.authorised') : t('skills.match.notAuthorised')}
      </p>
      <div className="match-panel__skills">
        <div>
          <SubHeading>{t('skills.match.matched')}</SubHeading>
          {matched.length === 0 ? <p className="muted small">{t('skills.match.noneMatched')}</p> : <SkillTags skills={matched} testId="match-matched" className="tag tag--ev" />}
        </div>
        <div>
          <SubHeading>{t('skills.match.missing')}</SubHeading>
          {missing.length === 0 ? (
            <p className="muted small">{t('skills.match.noneMissing')}</p>
          ) : (
            <ul className="tag-list" data-testid="match-missing">
              {missing.map((s) => (
                <li key={s.id} className="tag tag--gap" data-id={s.id}>
                  <SkillLink skill={s} />
                  {requiredMissing.has(s.id) ? <span className="muted"> ({t('skills.match.required')})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {match.courses && missing.length > 0 ? (
        <section className="match-panel__courses" data-testid="match-courses">
          <SubHeading>{t('skills.match.coursesTitle')}</SubHeading>
          {match.courses.length === 0 ? (
            <p className="muted small">{t('skills.match.noCourses')}</p>
          ) : (
            <ul className="plain-list">
              {match.courses.map((c) => {
                const skill = missing.find((s) => s.id === c.skillId);
                return (
                  <li key={c.skillId} data-id={c.skillId}>
                    {skill ? <SkillLink skill={skill} /> : c.skillId}
                    <CourseList courses={c.courses} />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
