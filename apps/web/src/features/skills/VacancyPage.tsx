import './skills.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { Fact, FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { useSession } from '../accounts/session';
import { applyToVacancy, getVacancy } from './api';
import { formatDate, MatchPanel, OccupationLink, SalaryText, SkillsSubnav, SkillTags, TaxonomySources, vacancyPlace } from './components';
import { schemesOf } from './labels';
import { candidateProfilePath, editVacancyPath, jobBoardPath } from './paths';
import type { AppliedResult, Vacancy } from './types';
import { languageName, useVocab } from './vocab';

/** `/empleo/vacantes/:id`: one vacancy in full, and applying to it. */
export function VacancyPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const vacancy = useAsyncData((signal) => getVacancy(id, signal), [id]);
  usePageTitle(vacancy.data?.title ?? t('skills.board.title'));
  const notFound = isApiError(vacancy.error) && vacancy.error.status === 404;
  return (
    <div className="page skills-page" data-testid="vacancy-page">
      {notFound ? (
        <>
          <h1>{t('skills.vacancy.notFound')}</h1>
          <p>
            <Link to={jobBoardPath}>{t('skills.nav.board')}</Link>
          </p>
        </>
      ) : vacancy.error ? (
        <ErrorMessage error={vacancy.error} onRetry={vacancy.reload} />
      ) : vacancy.data ? (
        <VacancyView v={vacancy.data} language={i18n.language} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function VacancyView({ v, language }: { v: Vacancy; language: string }) {
  const { t } = useTranslation();
  // "Saved" from the editor, which comes here after posting.
  const message = (useLocation().state as { message?: string } | null)?.message;
  const vocab = useVocab();
  const session = useSession();
  const canEdit = session.user?.role === 'admin' || session.user?.memberships.some((m) => m.organisationId === v.organisation.id && m.role === 'editor');
  const country = t(`skills.common.countries.${v.country}`);
  const skillIds = [v.occupation.id, ...v.requiredSkills.map((s) => s.id), ...v.optionalSkills.map((s) => s.id)];
  return (
    <article>
      <p className="eyebrow">{v.organisation.name}</p>
      <h1 data-testid="vacancy-title">{v.title}</h1>
      <SkillsSubnav />
      {message ? (
        <p className="alert alert--success" role="status" data-testid="vacancy-message">
          {message}
        </p>
      ) : null}
      {v.status === 'closed' ? <p className="alert alert--warning">{t('skills.vacancy.closed')}</p> : null}
      {canEdit ? (
        <p>
          <Link className="button button--secondary" to={editVacancyPath(v.id)}>
            {t('skills.vacancy.edit')}
          </Link>
        </p>
      ) : null}
      <FactList>
        <Fact label={t('skills.vacancy.employer')}>{v.organisation.name}</Fact>
        <Fact label={t('skills.vacancy.occupation')} testId="vacancy-occupation">
          <OccupationLink occupation={v.occupation} />
        </Fact>
        <Fact label={t('skills.vacancy.location')} testId="vacancy-location">
          {vacancyPlace(v, country)}
        </Fact>
        <Fact label={t('skills.vacancy.salary')} testId="vacancy-salary">
          <SalaryText salary={v.salary} />
        </Fact>
        <Fact label={t('skills.vacancy.workMode')}>{vocab('workModes', v.workMode)}</Fact>
        {v.industry ? (
          <Fact label={t('skills.vacancy.industry')} testId="vacancy-industry">
            {/* SCIAN titles exist in Spanish only (INEGI); the code makes them findable in English. */}
            {v.industry.titleEs} (SCIAN {v.industry.code})
          </Fact>
        ) : null}
        {v.closingDate ? <Fact label={t('skills.vacancy.closingDate')}>{formatDate(v.closingDate, language)}</Fact> : null}
        {v.publishedAt ? <Fact label={t('skills.vacancy.published')}>{formatDateTime(v.publishedAt, language)}</Fact> : null}
      </FactList>

      <section className="card" aria-labelledby="vacancy-activities">
        <h2 id="vacancy-activities">{t('skills.vacancy.activities')}</h2>
        {/* Free text from the employer: rendered as text, line breaks kept. */}
        <p className="free-text" data-testid="vacancy-activities">
          {v.activities}
        </p>
      </section>

      <section className="card" aria-labelledby="vacancy-benefits">
        <h2 id="vacancy-benefits">{t('skills.vacancy.benefits')}</h2>
        {v.benefits.length === 0 && !v.benefitsOther ? <p className="muted">{t('skills.common.none')}</p> : null}
        {v.benefits.length > 0 ? (
          <ul className="tag-list" data-testid="vacancy-benefits-list">
            {v.benefits.map((b) => (
              <li key={b} className="tag">
                {vocab('benefits', b)}
              </li>
            ))}
          </ul>
        ) : null}
        {v.benefitsOther ? (
          <>
            <h3>{t('skills.vacancy.benefitsOther')}</h3>
            <p className="free-text" data-testid="vacancy-benefits-other">
              {v.benefitsOther}
            </p>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="vacancy-skills">
        <h2 id="vacancy-skills">{t('skills.vacancy.requiredSkills')}</h2>
        <SkillTags skills={v.requiredSkills} testId="vacancy-required-skills" />
        {v.optionalSkills.length > 0 ? (
          <>
            <h3>{t('skills.vacancy.optionalSkills')}</h3>
            <SkillTags skills={v.optionalSkills} testId="vacancy-optional-skills" className="tag tag--muted" />
          </>
        ) : null}
        <h3>{t('skills.vacancy.languages')}</h3>
        {v.languages.length === 0 ? (
          <p className="muted">{t('skills.common.none')}</p>
        ) : (
          <ul className="plain-list">
            {v.languages.map((l) => (
              <li key={l.code}>
                {languageName(l.code, language)}: {vocab('languageLevels', l.level)}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('skills.vacancy.workAuthorisation')}</h3>
        <p>{v.workAuthorisationRequired ? t('skills.vacancy.workAuthorisationRequired', { country }) : t('skills.vacancy.workAuthorisationNotRequired')}</p>
      </section>

      <section className="card" aria-labelledby="vacancy-inclusion">
        <h2 id="vacancy-inclusion">{t('skills.vacancy.inclusion')}</h2>
        {v.inclusion.length === 0 ? (
          <p className="muted">{t('skills.vacancy.noInclusion')}</p>
        ) : (
          <ul className="tag-list" data-testid="vacancy-inclusion">
            {v.inclusion.map((c) => (
              <li key={c} className="tag tag--inclusion">
                {vocab('inclusion', c)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {v.status === 'published' ? <ApplyPanel vacancyId={v.id} /> : null}
      <TaxonomySources schemes={[...schemesOf(skillIds)]} />
    </article>
  );
}

/** Apply with an optional note; the answer explains the match (skills matched and missing). */
function ApplyPanel({ vacancyId }: { vacancyId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AppliedResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const next = encodeURIComponent(location.pathname);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await applyToVacancy(vacancyId, note.trim() || null));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const code = isApiError(error) ? error.code : '';

  return (
    <section className="card apply-panel" aria-labelledby="apply-heading" data-testid="apply-panel">
      <h2 id="apply-heading">{t('skills.vacancy.apply.title')}</h2>
      {!session.user ? (
        <p>
          <Link to={`/entrar?next=${next}`}>{t('skills.common.signInToApply')}</Link>
        </p>
      ) : result ? (
        <>
          <p className="alert alert--success" role="status" data-testid="apply-sent">
            {t('skills.vacancy.apply.sent')}
          </p>
          <MatchPanel match={result.match} />
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="apply-note" className="field__label">
              {t('skills.vacancy.apply.coverNote')}
            </label>
            <textarea id="apply-note" name="coverNote" className="input" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void apply()} data-testid="apply-button">
            {t('skills.vacancy.apply.submit')}
          </button>
          {code === 'JOBS.PROFILE_REQUIRED' ? (
            <p className="alert alert--warning" role="alert">
              {t('skills.vacancy.apply.needProfile')} <Link to={candidateProfilePath}>{t('skills.vacancy.apply.goToProfile')}</Link>
            </p>
          ) : code === 'JOBS.ALREADY_APPLIED' ? (
            <p className="alert alert--warning" role="alert" data-testid="apply-already">
              {t('skills.vacancy.apply.already')}
            </p>
          ) : error ? (
            <ErrorMessage error={error} />
          ) : null}
        </>
      )}
    </section>
  );
}
