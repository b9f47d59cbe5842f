import '../skills.css';
import './insights.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { translateDynamic } from '../../../i18n/dynamic';
import { DataTable } from '../../../ui/DataTable';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { myCourses, withdrawCourse, type Course } from './api';
import { EditWithdrawActions, InsightsSubnav, useEditableOrganisations } from './components';
import { CourseEditor, providerTypes } from './CourseEditor';
import { courseFormFrom, emptyCourseForm, formatDay } from './insights';
import { coursePath } from './paths';

function MyCourses() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { organisations, loading } = useEditableOrganisations(providerTypes);
  const mine = useAsyncData((signal) => myCourses(signal), []);
  const [editing, setEditing] = useState<Course | null>(null);
  const [published, setPublished] = useState<Course | null>(null);
  const [error, setError] = useState<unknown>(null);
  const withdraw = async (c: Course) => {
    if (!window.confirm(t('skillsInsights.courses.withdrawConfirm'))) return;
    setError(null);
    try {
      await withdrawCourse(c.id);
      mine.reload();
    } catch (e) {
      setError(e);
    }
  };
  if (loading) return <Loading />;
  if (organisations.length === 0) {
    return (
      <p className="muted" data-testid="courses-not-provider">
        {t('skillsInsights.courses.notProvider')}
      </p>
    );
  }
  return (
    <>
      {published ? (
        <p className="alert alert--success" role="status" data-testid="course-saved">
          {t('skillsInsights.courses.saved')} <Link to={coursePath(published.id)}>{published.title}</Link>
        </p>
      ) : null}
      {editing ? (
        <CourseEditor key={editing.id} initial={courseFormFrom(editing, lang)} editingId={editing.id} organisations={organisations} onDone={(c) => { setEditing(null); setPublished(c); mine.reload(); }} onCancel={() => setEditing(null)} />
      ) : (
        <CourseEditor key={published?.id ?? 'new'} initial={emptyCourseForm(organisations[0]!.organisationId)} editingId={null} organisations={organisations} onDone={(c) => { setPublished(c); mine.reload(); }} />
      )}
      <section className="card" aria-labelledby="my-courses-heading">
        <h2 id="my-courses-heading">{t('skillsInsights.courses.mineTitle')}</h2>
        {error ? <ErrorMessage error={error} /> : null}
        {mine.error ? <ErrorMessage error={mine.error} onRetry={mine.reload} /> : null}
        {mine.data && mine.data.items.length === 0 ? <p className="muted">{t('skillsInsights.courses.noneMine')}</p> : null}
        {mine.data && mine.data.items.length > 0 ? (
          <DataTable caption={t('skillsInsights.courses.mineTitle')} testId="courses-mine" columns={[t('skillsInsights.fields.title'), t('skillsInsights.courses.provider'), t('skillsInsights.fields.status'), t('skillsInsights.common.updated'), { label: t('skillsInsights.common.actions'), labelHidden: true }]}>
            {mine.data.items.map((c) => (
              <tr key={c.id} data-id={c.id} data-status={c.status}>
                <th scope="row">
                  <Link to={coursePath(c.id)}>{c.title}</Link>
                </th>
                <td>{c.provider.name}</td>
                <td>{translateDynamic(t, `skillsInsights.vocab.statuses.${c.status}`, c.status)}</td>
                <td>{formatDay(c.updatedAt, lang)}</td>
                <td>
                  {c.status !== 'withdrawn' ? <EditWithdrawActions testIdPrefix="course" onEdit={() => setEditing(c)} onWithdraw={() => void withdraw(c)} /> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>
    </>
  );
}

/** `/habilidades/cursos/mis-cursos`: a provider publishes, edits and withdraws its courses. */
export function MyCoursesPage() {
  const { t } = useTranslation();
  usePageTitle(t('skillsInsights.courses.mineTitle'));
  return (
    <div className="page skills-page insights-page" data-testid="my-courses-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.courses.mineTitle')}</h1>
      <p className="lead">{t('skillsInsights.courses.mineIntro')}</p>
      <RequireSignIn>
        <MyCourses />
      </RequireSignIn>
    </div>
  );
}
