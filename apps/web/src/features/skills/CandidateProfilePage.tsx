import './skills.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { Field, SelectField } from '../../ui/Field';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import {
  deleteMyData, deleteSavedSearch, exportMyDataUrl, getMyProfile, listAlerts, listSavedSearches, markAlertRead, myApplications, myCvUrl, recommendedVacancies,
  saveMyProfile, setApplicationStatus, uploadCv,
} from './api';
import { MatchPanel, SkillsSubnav, StateSelect, TaxonomySources, VacancyCard } from './components';
import { jobFiltersFromSaved, paramsFromJobFilters } from './filters';
import { jobBoardPath, vacancyPath } from './paths';
import { emptyProfileForm, genderOptions, profileBodyOf, profileFormOf, profileServerErrors, validateProfile, type ProfileErrors, type ProfileForm } from './profileForm';
import { PickedList, TaxonomyPicker } from './TaxonomyPicker';
import { salaryPeriods, type CandidateProfile, type Country } from './types';
import { addPicked, type FieldMessage } from './vacancyForm';
import { LanguagesEditor } from './VacancyEditorPage';
import { useVocab } from './vocab';

/** `/empleo/perfil`: the candidate's own profile, matches, applications, alerts and data. */
export function CandidateProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('skills.profile.title'));
  return (
    <RequireSignIn>
      <ProfileContent />
    </RequireSignIn>
  );
}

function ProfileContent() {
  const { t } = useTranslation();
  const profile = useAsyncData(async (signal) => {
    try {
      return await getMyProfile(signal);
    } catch (error) {
      // No profile yet is the normal start, not an error.
      if (isApiError(error) && error.code === 'JOBS.PROFILE_REQUIRED') return null;
      throw error;
    }
  }, []);
  const [deleted, setDeleted] = useState(false);
  // A new form after a deletion; saving keeps the form (and its message) as it is.
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="page page--wide skills-page" data-testid="candidate-profile">
      <h1>{t('skills.profile.title')}</h1>
      <SkillsSubnav />
      <p className="lead">{t('skills.profile.lead')}</p>
      {deleted ? (
        <p className="alert alert--success" role="status" data-testid="data-deleted">
          {t('skills.profile.data.deleted')}
        </p>
      ) : null}
      {profile.error ? <ErrorMessage error={profile.error} onRetry={profile.reload} /> : null}
      {profile.data === undefined ? (
        profile.loading ? <Loading /> : null
      ) : (
        <div className="profile-layout">
          <div className="profile-layout__main">
            <ProfileEditor key={formKey} profile={profile.data} onSaved={(p) => profile.setData(p)} />
            {profile.data ? <Cv profile={profile.data} onChange={profile.reload} /> : null}
            <Recommended hasProfile={profile.data !== null} version={profile.data?.updatedAt ?? ''} />
          </div>
          <div className="profile-layout__side">
            <Alerts />
            <SavedSearches />
            <Applications />
            <YourData
              onDeleted={() => {
                setDeleted(true);
                profile.setData(null);
                setFormKey((k) => k + 1);
              }}
            />
          </div>
        </div>
      )}
      <TaxonomySources />
    </div>
  );
}

function ProfileEditor({ profile, onSaved }: { profile: CandidateProfile | null; onSaved: (p: CandidateProfile) => void }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const [form, setForm] = useState<ProfileForm>(() => (profile ? profileFormOf(profile, i18n.language) : emptyProfileForm()));
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [submitError, setSubmitError] = useState<unknown>(null);
  const msg = (m: FieldMessage | undefined) => (!m ? undefined : 'key' in m ? t(`skills.validation.${m.key}`) : m.text);
  const update = (patch: Partial<ProfileForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof ProfileErrors];
      return next;
    });
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    setSubmitError(null);
    const found = validateProfile(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const saved = await saveMyProfile(profileBodyOf(form));
      setMessage(t('skills.profile.saved'));
      onSaved(saved);
    } catch (error) {
      setSubmitError(error);
      if (isApiError(error)) setErrors(profileServerErrors(error.errors));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form profile-form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="profile-form">
      {!profile ? <p className="alert alert--warning">{t('skills.profile.new')}</p> : null}
      {submitError ? <ErrorMessage error={submitError} /> : null}
      {errors.form ? <p className="field__error">{msg(errors.form)}</p> : null}
      <section className="card">
        <h2>{t('skills.profile.sections.skills')}</h2>
        <TaxonomyPicker
          kind="skill"
          name="skills"
          label={t('skills.profile.skills')}
          hint={t('skills.profile.skillsHint')}
          error={msg(errors.skills)}
          exclude={form.skills.map((s) => s.id)}
          onPick={(s) => update({ skills: addPicked(form.skills, s) })}
        />
        <PickedList items={form.skills} testId="profile-skills" onRemove={(id) => update({ skills: form.skills.filter((s) => s.id !== id) })} />
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.experience')}</h2>
        {errors.experience ? <p className="field__error">{msg(errors.experience)}</p> : null}
        {form.experience.map((entry, i) => (
          <fieldset key={i} className="experience-row">
            <legend className="field__label">{t('skills.profile.experience.entry', { n: i + 1 })}</legend>
            {entry.occupation ? (
              <PickedList items={[entry.occupation]} onRemove={() => update({ experience: form.experience.map((x, j) => (j === i ? { ...x, occupation: null } : x)) })} />
            ) : (
              <TaxonomyPicker kind="occupation" name={`experience.${i}.occupation`} label={t('skills.profile.experience.occupation')} onPick={(o) => update({ experience: form.experience.map((x, j) => (j === i ? { ...x, occupation: o } : x)) })} />
            )}
            <div className="form-grid">
              <Field label={t('skills.profile.experience.title')} name={`experience.${i}.title`} maxLength={300} value={entry.title} onChange={(e) => update({ experience: form.experience.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} />
              <Field label={t('skills.profile.experience.years')} name={`experience.${i}.years`} inputMode="decimal" value={entry.years} onChange={(e) => update({ experience: form.experience.map((x, j) => (j === i ? { ...x, years: e.target.value } : x)) })} />
            </div>
            <button type="button" className="button button--secondary" onClick={() => update({ experience: form.experience.filter((_, j) => j !== i) })}>
              {t('skills.profile.experience.remove')}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button--secondary" onClick={() => update({ experience: [...form.experience, { occupation: null, title: '', years: '' }] })}>
          {t('skills.profile.experience.add')}
        </button>
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.place')}</h2>
        <div className="form-grid">
          <SelectField label={t('skills.editor.country')} name="country" value={form.country} error={msg(errors.country)} onChange={(e) => update({ country: e.target.value as Country | '', stateCode: '', municipalityCode: '' })}>
            <option value="">—</option>
            <option value="MX">{t('skills.common.countries.MX')}</option>
            <option value="US">{t('skills.common.countries.US')}</option>
          </SelectField>
          <StateSelect country={form.country} name="stateCode" label={t('skills.editor.state')} value={form.stateCode} error={msg(errors.stateCode)} onChange={(stateCode) => update({ stateCode })} />
          <Field
            label={t('skills.editor.municipality')}
            name="municipalityCode"
            maxLength={200}
            hint={form.country === 'MX' ? t('skills.editor.municipalityHintMx') : t('skills.editor.municipalityHintUs')}
            value={form.municipalityCode}
            error={msg(errors.municipalityCode)}
            onChange={(e) => update({ municipalityCode: e.target.value })}
          />
        </div>
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.languages')}</h2>
        <LanguagesEditor value={form.languages} error={msg(errors.languages)} onChange={(languages) => update({ languages })} />
        <h3>{t('skills.profile.sections.authorisation')}</h3>
        <label className="skills-check">
          <input type="checkbox" name="authorisedMx" checked={form.authorisedMx} onChange={(e) => update({ authorisedMx: e.target.checked })} />
          <span>{t('skills.profile.authorisedMx')}</span>
        </label>
        <label className="skills-check">
          <input type="checkbox" name="authorisedUs" checked={form.authorisedUs} onChange={(e) => update({ authorisedUs: e.target.checked })} />
          <span>{t('skills.profile.authorisedUs')}</span>
        </label>
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.salary')}</h2>
        <div className="form-grid">
          <Field label={t('skills.profile.desiredSalary')} name="desiredSalaryMin" inputMode="decimal" value={form.desiredSalaryMin} error={msg(errors.desiredSalaryMin)} onChange={(e) => update({ desiredSalaryMin: e.target.value })} />
          <Field label={t('skills.editor.currency')} name="desiredSalaryCurrency" maxLength={3} value={form.desiredSalaryCurrency} error={msg(errors.desiredSalaryCurrency)} onChange={(e) => update({ desiredSalaryCurrency: e.target.value.toUpperCase() })} />
          <SelectField label={t('skills.editor.period')} name="desiredSalaryPeriod" value={form.desiredSalaryPeriod} error={msg(errors.desiredSalaryPeriod)} onChange={(e) => update({ desiredSalaryPeriod: e.target.value as ProfileForm['desiredSalaryPeriod'] })}>
            {salaryPeriods.map((p) => (
              <option key={p} value={p}>
                {t(`skills.salary.periods.${p}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.gender')}</h2>
        <SelectField label={t('skills.profile.gender')} name="gender" hint={t('skills.profile.genderExplanation')} value={form.gender} error={msg(errors.gender)} onChange={(e) => update({ gender: e.target.value })}>
          <option value="">{t('skills.profile.genderNone')}</option>
          {genderOptions.map((g) => (
            <option key={g} value={g}>
              {vocab('genders', g)}
            </option>
          ))}
        </SelectField>
      </section>
      <section className="card">
        <h2>{t('skills.profile.sections.visibility')}</h2>
        <label className="skills-check">
          <input type="checkbox" name="openToEmployers" aria-describedby="open-to-employers-hint" checked={form.openToEmployers} onChange={(e) => update({ openToEmployers: e.target.checked })} />
          <span>{t('skills.profile.openToEmployers')}</span>
        </label>
        <p id="open-to-employers-hint" className="field__hint">
          {t('skills.profile.openToEmployersHint')}
        </p>
      </section>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="profile-save">
          {t('skills.profile.save')}
        </button>
        <p role="status" className="small" data-testid="profile-message">
          {message}
        </p>
      </div>
    </form>
  );
}

function Cv({ profile, onChange }: { profile: CandidateProfile; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await uploadCv(file);
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="cv-heading" data-testid="cv">
      <h2 id="cv-heading">{t('skills.profile.cv.title')}</h2>
      {profile.cv ? (
        <p>
          <a href={myCvUrl} download>
            {profile.cv.filename}
          </a>{' '}
          <span className="muted small">
            ({formatBytes(profile.cv.sizeBytes, i18n.language)}, {formatDateTime(profile.cv.uploadedAt, i18n.language)})
          </span>
        </p>
      ) : (
        <p className="muted">{t('skills.profile.cv.none')}</p>
      )}
      <div className="field">
        <label htmlFor="cv-file" className="field__label">
          {t('skills.profile.cv.upload')}
        </label>
        <p id="cv-hint" className="field__hint">
          {t('skills.profile.cv.hint')}
        </p>
        <input id="cv-file" name="cv" type="file" className="input input--file" aria-describedby="cv-hint" accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" disabled={busy} onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function Recommended({ hasProfile, version }: { hasProfile: boolean; version: string }) {
  const { t } = useTranslation();
  const list = useAsyncData((signal) => (hasProfile ? recommendedVacancies(10, signal) : null), [hasProfile, version]);
  return (
    <section className="card" aria-labelledby="recommended-heading" data-testid="recommended">
      <h2 id="recommended-heading">{t('skills.profile.recommended.title')}</h2>
      <p className="small muted">{t('skills.profile.recommended.intro')}</p>
      {!hasProfile ? (
        <p className="muted">{t('skills.profile.recommended.needProfile')}</p>
      ) : (
        <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('skills.profile.recommended.empty')}>
          {(data) => (
            <ul className="vacancy-list">
              {data.items.map(({ vacancy, match }) => (
                <li key={vacancy.id}>
                  <VacancyCard vacancy={vacancy} />
                  <details className="match-details">
                    <summary>{t('skills.match.score', { score: String(match.score) })}</summary>
                    <MatchPanel match={match} headingLevel={3} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </AsyncContent>
      )}
    </section>
  );
}

function Applications() {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const list = useAsyncData((signal) => myApplications(signal), []);
  const [error, setError] = useState<unknown>(null);
  const withdraw = async (id: string) => {
    setError(null);
    try {
      await setApplicationStatus(id, 'withdrawn');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="applications-heading" data-testid="my-applications">
      <h2 id="applications-heading">{t('skills.profile.applications.title')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('skills.profile.applications.empty')}>
        {(data) => (
          <ul className="plain-list">
            {data.items.map((a) => (
              <li key={a.id} className="compact-item">
                <Link to={vacancyPath(a.vacancyId)}>{a.title}</Link> <span className="muted small">· {a.organisation}</span>
                <div className="small">
                  {vocab('applicationStatuses', a.status)} · {formatDateTime(a.createdAt, i18n.language)}
                  {!['hired', 'rejected', 'withdrawn'].includes(a.status) ? (
                    <>
                      {' '}
                      <button type="button" className="button button--link" onClick={() => void withdraw(a.id)}>
                        {t('skills.profile.applications.withdraw')}
                      </button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </section>
  );
}

function Alerts() {
  const { t, i18n } = useTranslation();
  const list = useAsyncData((signal) => listAlerts(signal), []);
  const read = async (id: string) => {
    await markAlertRead(id);
    list.reload();
  };
  return (
    <section className="card" aria-labelledby="alerts-heading" data-testid="alerts">
      <h2 id="alerts-heading">{t('skills.profile.alerts.title')}</h2>
      <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('skills.profile.alerts.empty')}>
        {(data) => (
          <ul className="plain-list">
            {data.items.map((a) => (
              <li key={a.id} className={`compact-item${a.readAt ? '' : ' compact-item--unread'}`} data-id={a.id}>
                {!a.readAt ? <span className="tag tag--ev">{t('skills.profile.alerts.unread')}</span> : null} <Link to={vacancyPath(a.vacancy.id)}>{a.vacancy.title}</Link>{' '}
                <span className="muted small">· {a.vacancy.organisation}</span>
                <div className="small muted">
                  {t('skills.profile.alerts.from', { name: a.savedSearch.name })} · {formatDateTime(a.createdAt, i18n.language)}
                </div>
                {!a.readAt ? (
                  <button type="button" className="button button--link" onClick={() => void read(a.id)}>
                    {t('skills.profile.alerts.markRead')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </section>
  );
}

function SavedSearches() {
  const { t } = useTranslation();
  const list = useAsyncData((signal) => listSavedSearches(signal), []);
  const remove = async (id: string) => {
    await deleteSavedSearch(id);
    list.reload();
  };
  return (
    <section className="card" aria-labelledby="searches-heading" data-testid="saved-searches">
      <h2 id="searches-heading">{t('skills.profile.searches.title')}</h2>
      <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('skills.profile.searches.empty')}>
        {(data) => (
          <ul className="plain-list">
            {data.items.map((s) => {
              const qs = paramsFromJobFilters(jobFiltersFromSaved(s.filters)).toString();
              return (
                <li key={s.id} className="compact-item" data-id={s.id}>
                  <Link to={qs ? `${jobBoardPath}?${qs}` : jobBoardPath}>{s.name}</Link>{' '}
                  <button type="button" className="button button--link" aria-label={t('skills.profile.searches.delete', { name: s.name })} onClick={() => void remove(s.id)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </AsyncContent>
    </section>
  );
}

function YourData({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (confirming) document.getElementById('delete-confirm-yes')?.focus();
  }, [confirming]);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteMyData();
      setConfirming(false);
      onDeleted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="data-heading" data-testid="your-data">
      <h2 id="data-heading">{t('skills.profile.data.title')}</h2>
      <p className="small">{t('skills.profile.data.intro')}</p>
      <p>
        <a className="button button--secondary" href={exportMyDataUrl} download="electrifica-empleo.json" data-testid="export-data">
          {t('skills.profile.data.export')}
        </a>
      </p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm">
          <p id="delete-confirm-text">{t('skills.profile.data.confirm')}</p>
          <div className="actions">
            <button id="delete-confirm-yes" type="button" className="button button--danger" disabled={busy} onClick={() => void remove()} data-testid="delete-confirm">
              {t('skills.profile.data.confirmYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('skills.editor.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)} data-testid="delete-data">
          {t('skills.profile.data.delete')}
        </button>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
