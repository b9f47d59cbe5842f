import '../skills.css';
import './insights.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { SkillLink } from '../components';
import { languageName } from '../vocab';
import { getCourse } from './api';
import { InsightsSubnav } from './components';
import { CourseFacts } from './CoursesPage';
import { formatDay } from './insights';
import { coursesPath } from './paths';

/** `/habilidades/cursos/:id`: one course, its skills, dates, cost and where it comes from. */
export function CoursePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const course = useAsyncData((signal) => getCourse(id, signal), [id]);
  usePageTitle(course.data?.title ?? t('skillsInsights.courses.title'));
  return (
    <div className="page skills-page insights-page" data-testid="course-page">
      <InsightsSubnav />
      <p className="small">
        <Link to={coursesPath}>← {t('skillsInsights.courses.back')}</Link>
      </p>
      <AsyncContent state={course}>
        {(c) => (
          <article>
            <h1 data-testid="course-title">{c.title}</h1>
            {c.status === 'withdrawn' ? (
              <p className="alert alert--warning" role="status" data-testid="course-withdrawn">
                {t('skillsInsights.courses.withdrawn')}
              </p>
            ) : null}
            <p className="lead">
              {c.provider.name} · {translateDynamic(t, `skillsInsights.vocab.kinds.${c.kind}`, c.kind)}
            </p>
            <CourseFacts course={c} />
            {c.description ? <p className="preserve-lines">{c.description}</p> : null}
            <dl className="facts insights-facts">
              <dt>{t('skillsInsights.courses.skillsTaught')}</dt>
              <dd>
                <ul className="tag-list" data-testid="course-skills">
                  {c.skills.map((s) => (
                    <li key={s.id} className="tag">
                      <SkillLink skill={s} />
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('skillsInsights.fields.languages')}</dt>
              <dd>{c.languages.map((l) => languageName(l, lang)).join(', ') || '—'}</dd>
              <dt>{t('skillsInsights.fields.startDates')}</dt>
              <dd>{c.startDates.length ? c.startDates.map((d) => formatDay(d, lang)).join(' · ') : t('skillsInsights.courses.noDates')}</dd>
              {c.certification ? (
                <>
                  <dt>{t('skillsInsights.fields.certification')}</dt>
                  <dd>
                    {c.certification.code}
                    {c.certification.titleEs ? <span lang="es"> — {c.certification.titleEs}</span> : null}
                  </dd>
                </>
              ) : null}
              {c.partner ? (
                <>
                  <dt>{t('skillsInsights.fields.partnerName')}</dt>
                  <dd>
                    {c.partner.name}
                    {c.partner.country ? ` (${c.partner.country})` : ''}
                  </dd>
                </>
              ) : null}
              {c.seatsPerYear !== null ? (
                <>
                  <dt>{t('skillsInsights.fields.seatsPerYear')}</dt>
                  <dd>{c.seatsPerYear}</dd>
                </>
              ) : null}
              {c.url && /^https?:\/\//.test(c.url) ? (
                <>
                  <dt>{t('skillsInsights.fields.url')}</dt>
                  <dd>
                    <a href={c.url} rel="noreferrer nofollow">
                      {c.url}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
            <p className="small muted" data-testid="course-provenance">
              {t('skillsInsights.courses.provenanceLine', { provider: c.provider.name, date: formatDay(c.updatedAt, lang) })}
            </p>
          </article>
        )}
      </AsyncContent>
    </div>
  );
}
