import '../skills.css';
import './insights.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AsyncContent } from '../../../ui/AsyncContent';
import { ErrorMessage } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useSession } from '../../accounts/session';
import { vacancyPath } from '../paths';
import { addFairVacancies, getFair, myVacancies, removeFairVacancy, setFairInterest, type FairDetail } from './api';
import { InsightsSubnav } from './components';
import { FairPlace } from './FairsPage';
import { dateRange, formatDay } from './insights';
import { fairsPath } from './paths';

/** Anyone signed in registers interest; the public sees only the count. */
function Interest({ fair, onChange }: { fair: FairDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [error, setError] = useState<unknown>(null);
  const open = fair.status !== 'cancelled';
  const toggle = async () => {
    setError(null);
    try {
      await setFairInterest(fair.id, !fair.interest.registered);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="fair-interest-heading" data-testid="fair-interest">
      <h2 id="fair-interest-heading">{t('skillsInsights.fairs.interestTitle')}</h2>
      <p data-testid="fair-interest-count">{t('skillsInsights.fairs.interestCount', { count: fair.interest.count })}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {!user ? (
        <p>
          <Link to={`/entrar?next=${encodeURIComponent(`${fairsPath}/${fair.id}`)}`}>{t('skillsInsights.fairs.signInToRegister')}</Link>
        </p>
      ) : open ? (
        <button type="button" className={`button ${fair.interest.registered ? 'button--secondary' : 'button--primary'}`} onClick={() => void toggle()} data-testid="fair-interest-toggle" aria-pressed={fair.interest.registered === true}>
          {fair.interest.registered ? t('skillsInsights.fairs.unregister') : t('skillsInsights.fairs.register')}
        </button>
      ) : null}
    </section>
  );
}

/** An employer's editors bring their published vacancies to the fair. */
function JoinWithVacancies({ fair, onChange }: { fair: FairDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const editor = user?.memberships.some((m) => m.role === 'editor') ?? false;
  const mine = useAsyncData((signal) => (editor ? myVacancies(signal) : null), [editor]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  if (!editor || fair.status === 'cancelled') return null;
  const linked = new Set(fair.employers.flatMap((e) => e.vacancies.map((v) => v.id)));
  const published = (mine.data?.items ?? []).filter((v) => v.status === 'published');
  const join = async () => {
    setError(null);
    try {
      await addFairVacancies(fair.id, chosen);
      setChosen([]);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="fair-join-heading" data-testid="fair-join">
      <h2 id="fair-join-heading">{t('skillsInsights.fairs.joinTitle')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {published.length === 0 ? (
        <p className="muted">{t('skillsInsights.fairs.noVacancies')}</p>
      ) : (
        <fieldset className="insights-fieldset">
          <legend>{t('skillsInsights.fairs.chooseVacancies')}</legend>
          {published.map((v) => (
            <label key={v.id} className="checkbox">
              <input
                type="checkbox"
                name="vacancyIds"
                value={v.id}
                disabled={linked.has(v.id)}
                checked={linked.has(v.id) || chosen.includes(v.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.id] : c.filter((x) => x !== v.id)))}
              />{' '}
              {v.title} <span className="small muted">· {v.organisation.name}</span>
            </label>
          ))}
          <p className="actions">
            <button type="button" className="button button--primary" disabled={chosen.length === 0} onClick={() => void join()} data-testid="fair-join-submit">
              {t('skillsInsights.fairs.join')}
            </button>
          </p>
        </fieldset>
      )}
    </section>
  );
}

/** `/empleo/ferias/:id`: a fair, its employers and their vacancies. */
export function FairPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const { user } = useSession();
  const fair = useAsyncData((signal) => getFair(id, signal), [id, user?.id]);
  usePageTitle(fair.data?.title ?? t('skillsInsights.fairs.title'));
  const [error, setError] = useState<unknown>(null);
  const editorOf = new Set((user?.memberships ?? []).filter((m) => m.role === 'editor').map((m) => m.organisationId));
  const remove = async (vacancyId: string) => {
    setError(null);
    try {
      await removeFairVacancy(id, vacancyId);
      fair.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="page skills-page insights-page" data-testid="fair-page">
      <InsightsSubnav />
      <p className="small">
        <Link to={fairsPath}>← {t('skillsInsights.fairs.back')}</Link>
      </p>
      <AsyncContent state={fair}>
        {(f) => (
          <>
            <h1 data-testid="fair-title">{f.title}</h1>
            <p className="lead">
              <strong>{dateRange(f.startsOn, f.endsOn, lang)}</strong>
              {f.organiser ? ` · ${t('skillsInsights.fairs.organisedBy', { name: f.organiser.name })}` : ''}
            </p>
            <p>
              <FairPlace fair={f} />
            </p>
            {f.url && /^https?:\/\//.test(f.url) ? (
              <p>
                <a href={f.url} rel="noreferrer nofollow">
                  {t('skillsInsights.fairs.joinOnline')}
                </a>
              </p>
            ) : null}
            {f.description ? <p className="preserve-lines">{f.description}</p> : null}
            <Interest fair={f} onChange={fair.reload} />
            <section className="card" aria-labelledby="fair-employers-heading" data-testid="fair-employers">
              <h2 id="fair-employers-heading">{t('skillsInsights.fairs.employers')}</h2>
              {error ? <ErrorMessage error={error} /> : null}
              {f.employers.length === 0 ? <p className="muted">{t('skillsInsights.fairs.noEmployers')}</p> : null}
              {f.employers.map((e) => (
                <div key={e.organisation.id} className="fair-employer">
                  <h3>{e.organisation.name}</h3>
                  <ul>
                    {e.vacancies.map((v) => (
                      <li key={v.id} data-id={v.id}>
                        <Link to={vacancyPath(v.id)}>{v.title}</Link>
                        <span className="small muted"> · {[v.municipalityName, v.stateName ?? v.stateCode].filter(Boolean).join(', ')}</span>
                        {editorOf.has(e.organisation.id) || (f.organiser && editorOf.has(f.organiser.id)) ? (
                          <>
                            {' '}
                            <button type="button" className="button button--secondary button--small" onClick={() => void remove(v.id)} aria-label={t('skillsInsights.fairs.removeVacancy', { title: v.title })}>
                              {t('skillsInsights.fairs.remove')}
                            </button>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
            <JoinWithVacancies fair={f} onChange={fair.reload} />
            <p className="small muted">{t('skillsInsights.fairs.updated', { date: formatDay(f.updatedAt, lang) })}</p>
          </>
        )}
      </AsyncContent>
    </div>
  );
}
