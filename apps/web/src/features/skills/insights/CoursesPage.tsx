import '../skills.css';
import './insights.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatInteger } from '../../../i18n/format';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { SelectField } from '../../../ui/Field';
import { Pagination } from '../../../ui/Pagination';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { DebouncedSearch } from '../DebouncedSearch';
import { formatMoney } from '../labels';
import { PickedList, TaxonomyPicker } from '../TaxonomyPicker';
import { languageChoices, languageName } from '../vocab';
import { courseLevels, modalities, searchCourses, type Course, type CourseQuery } from './api';
import { InsightsSubnav, MethodNote, StateSelect, useEditableOrganisations } from './components';
import { providerTypes } from './CourseEditor';
import { courseParams, courseQueryFrom, formatDay, labelOf } from './insights';
import { coursePath, myCoursesPath } from './paths';

const pageSize = 20;

/** Tablets and up show the filters beside the results (the same breakpoint as insights.css). */
function useWideScreen(): boolean {
  const [wide] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 60rem)').matches);
  return wide;
}

/** The facts of a course in one line: level, modality, hours, place, cost. */
export function CourseFacts({ course }: { course: Course }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const place = course.modality === 'online' && !course.stateCode ? t('skillsInsights.courses.anywhere') : [course.municipalityName, course.stateName ?? course.stateCode].filter(Boolean).join(', ');
  return (
    <ul className="tag-list course-facts">
      <li className="tag">{translateDynamic(t, `skillsInsights.vocab.levels.${course.level}`, course.level)}</li>
      <li className="tag">{translateDynamic(t, `skillsInsights.vocab.modalities.${course.modality}`, course.modality)}</li>
      <li className="tag">{t('skillsInsights.courses.hours', { count: course.durationHours, hours: formatInteger(course.durationHours, lang) })}</li>
      {place ? <li className="tag">{place}</li> : null}
      <li className={`tag${course.isFree ? ' tag--ev' : ''}`}>{course.isFree ? t('skillsInsights.courses.free') : course.cost ? formatMoney(course.cost.amount, course.cost.currency, lang) : '—'}</li>
    </ul>
  );
}

/** `/habilidades/cursos`: the training catalogue (point 3 of the skills platform). */
export function CoursesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('skillsInsights.courses.title'));
  const [params, setParams] = useSearchParams();
  const query = courseQueryFrom(params);
  const offset = Math.max(0, Number(params.get('desde') ?? 0) || 0);
  const [skillLabel, setSkillLabel] = useState<string | null>(null);
  const key = params.toString();
  const results = useAsyncData((signal) => searchCourses(query, { limit: pageSize, offset }, signal), [key]);
  const { organisations } = useEditableOrganisations(providerTypes);
  const wide = useWideScreen();
  const activeFilters = [query.skill, query.state, query.modality, query.level, query.language, query.free].filter(Boolean).length;
  const apply = (patch: Partial<CourseQuery>) => setParams(courseParams({ ...query, ...patch }), { replace: true });
  return (
    <div className="page page--wide skills-page insights-page" data-testid="courses-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.courses.title')}</h1>
      <p className="lead">{t('skillsInsights.courses.intro')}</p>
      {organisations.length > 0 ? (
        <p>
          <Link className="button button--secondary" to={myCoursesPath} data-testid="courses-mine-link">
            {t('skillsInsights.courses.mineLink')}
          </Link>
        </p>
      ) : null}
      <div className="insights-layout">
        <section className="card insights-filters insights-filters--side" aria-label={t('skillsInsights.common.filters')} data-testid="course-filters">
          <div data-testid="course-search">
            <DebouncedSearch label={t('skillsInsights.courses.search')} name="q" hint={t('skillsInsights.courses.searchHint')} value={query.q ?? ''} onCommit={(q) => apply({ q: q || undefined })} />
          </div>
          {/* On a phone the other filters fold away, so the results start on the first screen. */}
          <details className="insights-more-filters" open={wide || activeFilters > 0} data-testid="course-more-filters">
            <summary>{activeFilters > 0 ? t('skillsInsights.courses.moreFiltersActive', { count: activeFilters }) : t('skillsInsights.courses.moreFilters')}</summary>
          <TaxonomyPicker kind="skill" name="skill" label={t('skillsInsights.courses.skill')} onPick={(item) => { setSkillLabel(item.label); apply({ skill: item.id }); }} />
          {query.skill ? <PickedList items={[{ id: query.skill, label: skillLabel ?? query.skill }]} onRemove={() => { setSkillLabel(null); apply({ skill: undefined }); }} testId="course-skill-filter" /> : null}
          <StateSelect label={t('skillsInsights.fields.state')} name="state" value={query.state ?? ''} onChange={(v) => apply({ state: v || undefined })} emptyLabel={t('skillsInsights.common.allStates')} />
          <SelectField label={t('skillsInsights.fields.modality')} name="modality" value={query.modality ?? ''} onChange={(e) => apply({ modality: e.target.value || undefined })}>
            <option value="">{t('skillsInsights.common.all')}</option>
            {modalities.map((m) => (
              <option key={m} value={m}>
                {t(`skillsInsights.vocab.modalities.${m}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('skillsInsights.fields.level')} name="level" value={query.level ?? ''} onChange={(e) => apply({ level: e.target.value || undefined })}>
            <option value="">{t('skillsInsights.common.all')}</option>
            {courseLevels.map((l) => (
              <option key={l} value={l}>
                {t(`skillsInsights.vocab.levels.${l}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('skillsInsights.fields.language')} name="language" value={query.language ?? ''} onChange={(e) => apply({ language: e.target.value || undefined })}>
            <option value="">{t('skillsInsights.common.all')}</option>
            {languageChoices(query.language ?? '', lang).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <label className="checkbox">
            <input type="checkbox" name="free" checked={query.free === true} onChange={(e) => apply({ free: e.target.checked || undefined })} /> {t('skillsInsights.courses.freeOnly')}
          </label>
          </details>
        </section>
        <section aria-labelledby="course-results-heading" className="insights-results">
          <h2 id="course-results-heading" className="visually-hidden">
            {t('skillsInsights.courses.results')}
          </h2>
          <AsyncContent state={results}>
            {(data) => (
              <>
                <p data-testid="course-total" role="status">
                  {t('skillsInsights.courses.total', { count: data.total, n: formatInteger(data.total, lang) })}
                </p>
                <ul className="result-list course-results" data-testid="course-results" aria-busy={results.loading}>
                  {data.items.map((c) => (
                    <li key={c.id} className="card course-card" data-id={c.id}>
                      <h3>
                        <Link to={coursePath(c.id)}>{c.title}</Link>
                      </h3>
                      <p className="small muted">
                        {c.provider.name}
                        {c.startDates[0] ? ` · ${t('skillsInsights.courses.nextStart', { date: formatDay(c.startDates[0], lang) })}` : ''}
                        {c.languages.length ? ` · ${c.languages.map((l) => languageName(l, lang)).join(', ')}` : ''}
                      </p>
                      <CourseFacts course={c} />
                      {c.skills.length ? <p className="small">{t('skillsInsights.courses.teaches')}: {c.skills.map((s) => labelOf(s, lang)).join(', ')}</p> : null}
                    </li>
                  ))}
                </ul>
                {data.total === 0 ? <p className="muted">{t('skillsInsights.courses.none')}</p> : null}
                <Pagination total={data.total} limit={pageSize} offset={offset} onChange={(next) => { const p = new URLSearchParams(params); if (next) p.set('desde', String(next)); else p.delete('desde'); setParams(p); }} label={t('skillsInsights.courses.pages')} />
              </>
            )}
          </AsyncContent>
        </section>
      </div>
      <MethodNote id="courses-method" method={t('skillsInsights.courses.method')} asOf={undefined} sources={undefined} extra={t('skillsInsights.courses.provenance')} />
    </div>
  );
}
