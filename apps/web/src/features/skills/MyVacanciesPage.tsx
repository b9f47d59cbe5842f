import './skills.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DataTable } from '../../ui/DataTable';
import { AsyncContent } from '../../ui/AsyncContent';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { listMyVacancies } from './api';
import { formatDate, SalaryText, SkillsSubnav, vacancyPlace } from './components';
import { editVacancyPath, publishVacancyPath } from './paths';
import { useVocab } from './vocab';

/** `/empleo/mis-vacantes`: the vacancies of the organisations the person edits. */
export function MyVacanciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('skills.mine.title'));
  return (
    <RequireSignIn>
      <MyVacancies />
    </RequireSignIn>
  );
}

function MyVacancies() {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const location = useLocation();
  const message = (location.state as { message?: string } | null)?.message;
  const list = useAsyncData((signal) => listMyVacancies(signal), []);
  return (
    <div className="page page--wide skills-page" data-testid="my-vacancies">
      <h1>{t('skills.mine.title')}</h1>
      <SkillsSubnav />
      <p className="lead">{t('skills.mine.intro')}</p>
      {message ? (
        <p className="alert alert--success" role="status">
          {message}
        </p>
      ) : null}
      <p>
        <Link className="button button--primary" to={publishVacancyPath}>
          {t('skills.mine.publishNew')}
        </Link>
      </p>
      <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('skills.mine.empty')}>
        {(data) => (
          <DataTable
            caption={t('skills.mine.caption')}
            testId="my-vacancies-table"
            columns={[t('skills.mine.columns.title'), t('skills.mine.columns.status'), t('skills.mine.columns.place'), t('skills.mine.columns.salary'), t('skills.mine.columns.closing')]}
          >
            {data.items.map((v) => (
              <tr key={v.id} data-id={v.id}>
                <td>
                  <Link to={editVacancyPath(v.id)}>{v.title}</Link>
                  <div className="small muted">{v.organisation.name}</div>
                </td>
                <td>{vocab('statuses', v.status)}</td>
                <td>{vacancyPlace(v, t(`skills.common.countries.${v.country}`))}</td>
                <td>
                  <SalaryText salary={v.salary} />
                </td>
                <td>{v.closingDate ? formatDate(v.closingDate, i18n.language) : '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </AsyncContent>
    </div>
  );
}
