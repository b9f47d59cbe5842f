import './skills.css';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { SessionUser } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { Field, SelectField } from '../../ui/Field';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { useSession } from '../accounts/session';
import { closeVacancy, createVacancy, getVacancy, setApplicationStatus, updateVacancy, vacancyApplicants } from './api';
import { MatchPanel, SkillsSubnav, SkillTags, StateSelect, TaxonomySources } from './components';
import { PickedList, TaxonomyPicker } from './TaxonomyPicker';
import { applicationStatuses, languageLevels, salaryPeriods, workModes, type Applicant, type Country, type LanguageLevel, type Vacancy } from './types';
import {
  addPicked, benefitsFor, changedFields, defaultCurrency, emptyVacancyForm, inclusionCodes, maxTextLength, maxTitleLength, toggle, vacancyBodyOf,
  vacancyFormOf, vacancyServerErrors, validateVacancy, type FieldMessage, type VacancyErrors, type VacancyField, type VacancyForm,
} from './vacancyForm';
import { vacancyPath } from './paths';
import { languageChoices, languageName, useVocab } from './vocab';

const todayIso = () => new Date().toISOString().slice(0, 10);
const editableOrganisations = (user: SessionUser) => user.memberships.filter((m) => m.role === 'editor');

/** `/empleo/publicar`: an organisation editor posts a vacancy. */
export function PublishVacancyPage() {
  const { t } = useTranslation();
  usePageTitle(t('skills.editor.publishTitle'));
  return (
    <RequireSignIn>
      <PublishContent />
    </RequireSignIn>
  );
}

function PublishContent() {
  const { user } = useSession();
  const { t } = useTranslation();
  if (!user) return null;
  const orgs = editableOrganisations(user);
  if (orgs.length === 0) {
    return (
      <div className="page skills-page" data-testid="vacancy-editor">
        <h1>{t('skills.editor.publishTitle')}</h1>
        <SkillsSubnav />
        <p className="alert alert--warning" data-testid="no-organisation">
          {t('skills.editor.noOrganisation')}
        </p>
      </div>
    );
  }
  return <VacancyEditor user={user} initial={emptyVacancyForm(orgs[0]!.organisationId)} />;
}

/** `/empleo/mis-vacantes/:id`: edit or close a vacancy, and see its applicants. */
export function EditVacancyPage() {
  const { t } = useTranslation();
  usePageTitle(t('skills.editor.editTitle'));
  return (
    <RequireSignIn>
      <EditContent />
    </RequireSignIn>
  );
}

function EditContent() {
  const { user } = useSession();
  const { i18n } = useTranslation();
  const { id = '' } = useParams();
  const vacancy = useAsyncData((signal) => getVacancy(id, signal), [id]);
  if (!user) return null;
  if (vacancy.error) {
    return (
      <div className="page">
        <ErrorMessage error={vacancy.error} onRetry={vacancy.reload} />
      </div>
    );
  }
  if (!vacancy.data) return <Loading />;
  return <VacancyEditor key={vacancy.data.updatedAt} user={user} existing={vacancy.data} initial={vacancyFormOf(vacancy.data, i18n.language)} onSaved={vacancy.setData} />;
}

function VacancyEditor({ user, initial, existing, onSaved }: { user: SessionUser; initial: VacancyForm; existing?: Vacancy; onSaved?: (v: Vacancy) => void }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const navigate = useNavigate();
  const formId = useId();
  const [form, setForm] = useState<VacancyForm>(initial);
  const [errors, setErrors] = useState<VacancyErrors>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [confirmClose, setConfirmClose] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const initialBody = useMemo(() => vacancyBodyOf(initial), [initial]);
  const closed = existing?.status === 'closed';
  const orgs = editableOrganisations(user);

  const msg = (m: FieldMessage | undefined): string | undefined =>
    !m ? undefined : 'key' in m ? t(`skills.validation.${m.key}`) : m.text;
  const err = (field: VacancyField) => msg(errors[field]);
  const update = (patch: Partial<VacancyForm>, fields: VacancyField[] = Object.keys(patch) as VacancyField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const f of fields) delete next[f];
      return next;
    });
  };
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [errorCount, submitError]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    setSubmitError(null);
    const found = validateVacancy(form, todayIso());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const body = vacancyBodyOf(form);
      if (existing) {
        const saved = await updateVacancy(existing.id, changedFields(initialBody, body));
        setMessage(t('skills.editor.updated'));
        onSaved?.(saved);
      } else {
        const saved = await createVacancy(body);
        void navigate(vacancyPath(saved.id), { state: { message: t('skills.editor.created', { title: saved.title }) } });
      }
    } catch (error) {
      setSubmitError(error);
      if (isApiError(error)) setErrors(vacancyServerErrors(error.errors));
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    if (!existing) return;
    setBusy(true);
    try {
      const saved = await closeVacancy(existing.id);
      setMessage(t('skills.editor.closed'));
      setConfirmClose(false);
      onSaved?.(saved);
    } catch (error) {
      setSubmitError(error);
    } finally {
      setBusy(false);
    }
  };

  const countryChange = (country: Country) =>
    update({ country, stateCode: '', municipalityCode: '', salaryCurrency: form.salaryCurrency === defaultCurrency(form.country) ? defaultCurrency(country) : form.salaryCurrency }, ['country', 'stateCode', 'municipalityCode', 'salaryCurrency']);

  const title = existing ? t('skills.editor.editTitle') : t('skills.editor.publishTitle');
  return (
    <div className="page skills-page" data-testid="vacancy-editor">
      <h1>{title}</h1>
      <SkillsSubnav />
      {existing ? (
        <p>
          <Link to={vacancyPath(existing.id)}>{t('skills.editor.view')}</Link>
        </p>
      ) : null}
      {closed ? <p className="alert alert--warning">{t('skills.editor.readOnlyClosed')}</p> : null}
      <p className="lead">{t('skills.editor.lead')}</p>
      <div ref={summaryRef} tabIndex={-1} className="editor-summary">
        {errorCount > 0 ? (
          <p className="alert alert--error" role="alert" data-testid="editor-errors">
            {t('skills.editor.errorsSummary', { count: errorCount })}
          </p>
        ) : null}
        {submitError && errorCount === 0 ? <ErrorMessage error={submitError} /> : null}
        {errors.form ? <p className="field__error">{msg(errors.form)}</p> : null}
      </div>
      <p role="status" className={message ? 'alert alert--success' : undefined} data-testid="editor-message">
        {message}
      </p>
      <form id={formId} className="form vacancy-form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="vacancy-form">
        <fieldset disabled={closed || busy} className="vacancy-form__body">
          <Section title={t('skills.editor.sections.position')}>
            {!existing && orgs.length > 1 ? (
              <SelectField label={t('skills.editor.organisation')} name="organisationId" required value={form.organisationId} error={err('organisationId')} onChange={(e) => update({ organisationId: e.target.value })}>
                {orgs.map((o) => (
                  <option key={o.organisationId} value={o.organisationId}>
                    {o.organisationName}
                  </option>
                ))}
              </SelectField>
            ) : (
              <p className="small">
                {t('skills.editor.organisation')}: <strong>{existing?.organisation.name ?? orgs[0]?.organisationName}</strong>
                {errors.organisationId ? <span className="field__error"> {err('organisationId')}</span> : null}
              </p>
            )}
            <Field label={t('skills.editor.title')} name="title" required maxLength={maxTitleLength} value={form.title} error={err('title')} onChange={(e) => update({ title: e.target.value })} />
            {form.occupation ? (
              <div className={`field${errors.occupationId ? ' field--invalid' : ''}`}>
                <p className="field__label">{t('skills.editor.occupation')}</p>
                <PickedList items={[form.occupation]} onRemove={() => update({ occupation: null }, ['occupationId'])} testId="picked-occupation" />
                {errors.occupationId ? <p className="field__error">{err('occupationId')}</p> : null}
              </div>
            ) : (
              <TaxonomyPicker kind="occupation" name="occupation" required label={t('skills.editor.occupation')} hint={t('skills.editor.occupationHint')} error={err('occupationId')} onPick={(o) => update({ occupation: o }, ['occupationId'])} />
            )}
            <TextArea label={t('skills.editor.activities')} name="activities" required value={form.activities} error={err('activities')} maxLength={maxTextLength} onChange={(activities) => update({ activities })} />
            <Field
              label={t('skills.editor.industryScian')}
              name="industryScian"
              value={form.industryScian}
              maxLength={6}
              inputMode="numeric"
              hint={t('skills.editor.industryScianHint')}
              error={err('industryScian')}
              onChange={(e) => update({ industryScian: e.target.value })}
            />
          </Section>

          <Section title={t('skills.editor.sections.place')}>
            <div className="form-grid">
              <SelectField label={t('skills.editor.country')} name="country" required value={form.country} error={err('country')} onChange={(e) => countryChange(e.target.value as Country)}>
                <option value="MX">{t('skills.common.countries.MX')}</option>
                <option value="US">{t('skills.common.countries.US')}</option>
              </SelectField>
              <StateSelect country={form.country} name="stateCode" required label={t('skills.editor.state')} value={form.stateCode} error={err('stateCode')} onChange={(stateCode) => update({ stateCode })} />
              <Field
                label={t('skills.editor.municipality')}
                name="municipalityCode"
                value={form.municipalityCode}
                maxLength={200}
                inputMode={form.country === 'MX' ? 'numeric' : undefined}
                hint={form.country === 'MX' ? t('skills.editor.municipalityHintMx') : t('skills.editor.municipalityHintUs')}
                error={err('municipalityCode')}
                onChange={(e) => update({ municipalityCode: e.target.value })}
              />
            </div>
          </Section>

          <Section title={t('skills.editor.sections.pay')}>
            <div className="form-grid">
              <Field label={t('skills.editor.salaryMin')} name="salaryMin" required inputMode="decimal" value={form.salaryMin} error={err('salaryMin')} onChange={(e) => update({ salaryMin: e.target.value }, ['salaryMin', 'salaryMax'])} />
              <Field label={t('skills.editor.salaryMax')} name="salaryMax" required inputMode="decimal" value={form.salaryMax} error={err('salaryMax')} onChange={(e) => update({ salaryMax: e.target.value }, ['salaryMin', 'salaryMax'])} />
              <Field
                label={t('skills.editor.currency')}
                name="salaryCurrency"
                required
                maxLength={3}
                autoCapitalize="characters"
                hint={t('skills.editor.currencyHint')}
                value={form.salaryCurrency}
                error={err('salaryCurrency')}
                onChange={(e) => update({ salaryCurrency: e.target.value.toUpperCase() })}
              />
              <SelectField label={t('skills.editor.period')} name="salaryPeriod" required value={form.salaryPeriod} error={err('salaryPeriod')} onChange={(e) => update({ salaryPeriod: e.target.value as VacancyForm['salaryPeriod'] })}>
                {salaryPeriods.map((p) => (
                  <option key={p} value={p}>
                    {t(`skills.salary.periods.${p}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <CheckGroup legend={t('skills.editor.benefits')} name="benefits" error={err('benefits')} options={benefitsFor(form.country).map((b) => [b, vocab('benefits', b)])} values={form.benefits} onToggle={(b) => update({ benefits: toggle(form.benefits, b) })} />
            <TextArea label={t('skills.editor.benefitsOther')} name="benefitsOther" value={form.benefitsOther} error={err('benefitsOther')} maxLength={maxTextLength} onChange={(benefitsOther) => update({ benefitsOther })} />
          </Section>

          <Section title={t('skills.editor.sections.skills')}>
            <TaxonomyPicker
              kind="skill"
              name="requiredSkills"
              required
              label={t('skills.editor.requiredSkills')}
              hint={t('skills.editor.skillHint')}
              error={err('requiredSkills')}
              exclude={[...form.requiredSkills, ...form.optionalSkills].map((s) => s.id)}
              onPick={(s) => update({ requiredSkills: addPicked(form.requiredSkills, s) })}
            />
            <PickedList items={form.requiredSkills} testId="picked-required" onRemove={(id) => update({ requiredSkills: form.requiredSkills.filter((s) => s.id !== id) })} />
            <TaxonomyPicker
              kind="skill"
              name="optionalSkills"
              label={t('skills.editor.optionalSkills')}
              error={err('optionalSkills')}
              exclude={[...form.requiredSkills, ...form.optionalSkills].map((s) => s.id)}
              onPick={(s) => update({ optionalSkills: addPicked(form.optionalSkills, s) })}
            />
            <PickedList items={form.optionalSkills} testId="picked-optional" onRemove={(id) => update({ optionalSkills: form.optionalSkills.filter((s) => s.id !== id) })} />
            <LanguagesEditor value={form.languages} error={err('languages')} onChange={(languages) => update({ languages })} />
          </Section>

          <Section title={t('skills.editor.sections.conditions')}>
            <SelectField label={t('skills.editor.workMode')} name="workMode" required value={form.workMode} error={err('workMode')} onChange={(e) => update({ workMode: e.target.value as VacancyForm['workMode'] })}>
              {workModes.map((m) => (
                <option key={m} value={m}>
                  {vocab('workModes', m)}
                </option>
              ))}
            </SelectField>
            <label className="skills-check">
              <input type="checkbox" name="workAuthorisationRequired" checked={form.workAuthorisationRequired} onChange={(e) => update({ workAuthorisationRequired: e.target.checked })} />
              <span>{t('skills.editor.workAuthorisationRequired')}</span>
            </label>
            <CheckGroup legend={t('skills.editor.inclusion')} name="inclusion" error={err('inclusion')} options={inclusionCodes.map((c) => [c, vocab('inclusion', c)])} values={form.inclusion} onToggle={(c) => update({ inclusion: toggle(form.inclusion, c) })} />
            <Field label={t('skills.editor.closingDate')} name="closingDate" type="date" min={todayIso()} value={form.closingDate} error={err('closingDate')} onChange={(e) => update({ closingDate: e.target.value })} />
            {!existing || existing.status === 'draft' ? (
              <SelectField label={t('skills.editor.status')} name="status" value={form.status} error={err('status')} onChange={(e) => update({ status: e.target.value === 'draft' ? 'draft' : 'published' })}>
                <option value="published">{t('skills.editor.statusPublished')}</option>
                <option value="draft">{t('skills.editor.statusDraft')}</option>
              </SelectField>
            ) : null}
          </Section>
          <div className="actions">
            <button type="submit" className="button button--primary" data-testid="vacancy-submit">
              {busy ? t('skills.editor.saving') : existing ? t('skills.editor.submitUpdate') : t('skills.editor.submitCreate')}
            </button>
          </div>
        </fieldset>
      </form>
      {existing && !closed ? (
        <div className="card">
          {confirmClose ? (
            <div role="alertdialog" aria-labelledby="close-confirm" className="confirm">
              <p id="close-confirm">{t('skills.editor.closeConfirm')}</p>
              <div className="actions">
                <button type="button" className="button button--danger" disabled={busy} onClick={() => void close()} data-testid="close-yes">
                  {t('skills.editor.closeYes')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setConfirmClose(false)}>
                  {t('skills.editor.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirmClose(true)} data-testid="close-vacancy">
              {t('skills.editor.close')}
            </button>
          )}
        </div>
      ) : null}
      {existing ? <Applicants vacancyId={existing.id} language={i18n.language} /> : null}
      <TaxonomySources />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card vacancy-form__section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function TextArea({ label, name, value, error, required, maxLength, hint, onChange }: { label: string; name: string; value: string; error?: string; required?: boolean; maxLength: number; hint?: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        className="input"
        rows={5}
        maxLength={maxLength}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckGroup({ legend, name, options, values, error, onToggle }: { legend: string; name: string; options: Array<[string, string]>; values: readonly string[]; error?: string; onToggle: (value: string) => void }) {
  const id = useId();
  return (
    <fieldset className={`skills-checks${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined} data-testid={`checks-${name}`}>
      <legend className="field__label">{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="skills-check">
          <input type="checkbox" name={name} value={value} checked={values.includes(value)} onChange={() => onToggle(value)} />
          <span>{label}</span>
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Languages with their CEFR level: rows of code + level, add and remove. */
export function LanguagesEditor({ value, error, onChange }: { value: Array<{ code: string; level: LanguageLevel }>; error?: string; onChange: (value: Array<{ code: string; level: LanguageLevel }>) => void }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocab();
  const id = useId();
  return (
    <fieldset className={`languages-editor${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined} data-testid="languages-editor">
      <legend className="visually-hidden">{t('skills.editor.languages')}</legend>
      {value.map((l, i) => (
        <div key={i} className="languages-editor__row">
          <SelectField label={t('skills.editor.languageCode')} name={`languages.${i}.code`} value={l.code} onChange={(e) => onChange(value.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}>
            <option value="">—</option>
            {languageChoices(l.code, i18n.language).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('skills.editor.languageLevel')} name={`languages.${i}.level`} value={l.level} onChange={(e) => onChange(value.map((x, j) => (j === i ? { ...x, level: e.target.value as LanguageLevel } : x)))}>
            {languageLevels.map((level) => (
              <option key={level} value={level}>
                {vocab('languageLevels', level)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button--secondary" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('skills.editor.removeLanguage', { code: l.code ? languageName(l.code, i18n.language) : String(i + 1) })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...value, { code: '', level: 'B1' }])}>
        {t('skills.editor.addLanguage')}
      </button>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The applicants of a vacancy with their match; the editor moves each application along. */
function Applicants({ vacancyId, language }: { vacancyId: string; language: string }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const list = useAsyncData((signal) => vacancyApplicants(vacancyId, signal), [vacancyId]);
  const [error, setError] = useState<unknown>(null);
  const change = async (a: Applicant, status: string) => {
    setError(null);
    try {
      await setApplicationStatus(a.id, status);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="applicants-heading" data-testid="applicants">
      <h2 id="applicants-heading">{t('skills.applicants.title')}</h2>
      <p className="small muted">{t('skills.applicants.intro')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('skills.applicants.empty')}</p> : null}
      <ul className="plain-list applicant-list">
        {(list.data?.items ?? []).map((a) => (
          <li key={a.id} className="applicant" data-id={a.id}>
            <h3>{a.candidate.displayName}</h3>
            <p className="small muted">{t('skills.applicants.applied', { date: formatDateTime(a.createdAt, language) })}</p>
            {a.coverNote ? (
              <p className="free-text">
                <span className="muted">{t('skills.applicants.coverNote')}: </span>
                {a.coverNote}
              </p>
            ) : null}
            <SelectField label={t('skills.applicants.status')} name={`status-${a.id}`} value={a.status} onChange={(e) => void change(a, e.target.value)}>
              {applicationStatuses.map((s) => (
                <option key={s} value={s} disabled={s === 'withdrawn'}>
                  {vocab('applicationStatuses', s)}
                </option>
              ))}
            </SelectField>
            <h4>{t('skills.applicants.skills')}</h4>
            <SkillTags skills={a.candidate.skills} />
            <MatchPanel match={a.match} headingLevel={4} testId="applicant-match" />
          </li>
        ))}
      </ul>
    </section>
  );
}
