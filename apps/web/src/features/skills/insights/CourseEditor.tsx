import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, SelectField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Status';
import { PickedList, TaxonomyPicker } from '../TaxonomyPicker';
import { languageChoices } from '../vocab';
import { courseKinds, courseLevels, modalities, publishCourse, updateCourse, type Course } from './api';
import { FormActions, StateSelect } from './components';
import { courseBody, type CourseForm } from './insights';
import { useSubmission } from './useSubmission';

/** Organisation types that publish courses (universities register as training centres). */
export const providerTypes = ['training_centre', 'university', 'company', 'government_office'] as const;

function TextArea({ label, name, value, hint, error, onChange }: { label: string; name: string; value: string; hint?: string; error?: string; onChange: (v: string) => void }) {
  const id = `course-${name}`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea id={id} name={name} className="input" rows={3} value={value} aria-invalid={error ? true : undefined} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} onChange={(e) => onChange(e.target.value)} />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Publish or edit a course; the server's errors are shown next to their fields. */
export function CourseEditor({ initial, editingId, organisations, onDone, onCancel }: { initial: CourseForm; editingId: string | null; organisations: Array<{ organisationId: string; organisationName: string }>; onDone: (course: Course) => void; onCancel?: () => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState(initial);
  const { errors, submitError, busy, submit: send } = useSubmission();
  const update = (patch: Partial<CourseForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = (field: string) => errors[field];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.title.trim()) local.title = t('skillsInsights.form.required');
    if (!form.level) local.level = t('skillsInsights.form.required');
    if (!form.modality) local.modality = t('skillsInsights.form.required');
    if (form.skills.length === 0) local.skills = t('skillsInsights.form.required');
    await send(local, async () => {
      const saved = editingId ? await updateCourse(editingId, courseBody(form, false)) : await publishCourse(courseBody(form, true));
      onDone(saved);
    });
  };
  const errorCount = Object.keys(errors).length;
  const online = form.modality === 'online';
  return (
    <form className="card insights-form" onSubmit={submit} noValidate data-testid="course-form" aria-labelledby="course-form-heading">
      <h2 id="course-form-heading">{editingId ? t('skillsInsights.courses.editTitle') : t('skillsInsights.courses.publishTitle')}</h2>
      {errorCount > 0 ? (
        <p className="alert alert--error" role="alert" data-testid="course-form-errors">
          {t('skillsInsights.form.fixErrors', { count: errorCount })}
        </p>
      ) : null}
      {submitError && errorCount === 0 ? <ErrorMessage error={submitError} /> : null}
      {!editingId ? (
        <SelectField label={t('skillsInsights.courses.provider')} name="organisationId" required value={form.organisationId} error={err('organisationId')} onChange={(e) => update({ organisationId: e.target.value })}>
          {organisations.map((o) => (
            <option key={o.organisationId} value={o.organisationId}>
              {o.organisationName}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="insights-form__row">
        <SelectField label={t('skillsInsights.fields.kind')} name="kind" required value={form.kind} error={err('kind')} onChange={(e) => update({ kind: e.target.value })}>
          {courseKinds.map((k) => (
            <option key={k} value={k}>
              {t(`skillsInsights.vocab.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('skillsInsights.fields.title')} name="title" required maxLength={200} value={form.title} error={err('title')} onChange={(e) => update({ title: e.target.value })} />
      </div>
      <TextArea label={t('skillsInsights.fields.description')} name="description" value={form.description} error={err('description')} onChange={(v) => update({ description: v })} />
      <div className="insights-form__row">
        <SelectField label={t('skillsInsights.fields.level')} name="level" required value={form.level} error={err('level')} onChange={(e) => update({ level: e.target.value })}>
          <option value="">{t('skillsInsights.common.choose')}</option>
          {courseLevels.map((l) => (
            <option key={l} value={l}>
              {t(`skillsInsights.vocab.levels.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('skillsInsights.fields.modality')} name="modality" required value={form.modality} error={err('modality')} onChange={(e) => update({ modality: e.target.value })}>
          <option value="">{t('skillsInsights.common.choose')}</option>
          {modalities.map((m) => (
            <option key={m} value={m}>
              {t(`skillsInsights.vocab.modalities.${m}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('skillsInsights.fields.durationHours')} name="durationHours" inputMode="decimal" required value={form.durationHours} error={err('durationHours')} onChange={(e) => update({ durationHours: e.target.value })} />
      </div>
      <SelectField label={t('skillsInsights.fields.languages')} name="languages" multiple value={form.languages} error={err('languages')} hint={t('skillsInsights.courses.languagesHint')} onChange={(e) => update({ languages: [...e.target.selectedOptions].map((o) => o.value) })}>
        {languageChoices('', i18n.language).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      <fieldset className="insights-fieldset">
        <legend>{t('skillsInsights.courses.place')}</legend>
        {online ? <p className="field__hint">{t('skillsInsights.courses.onlinePlaceHint')}</p> : null}
        <div className="insights-form__row">
          <SelectField label={t('skillsInsights.fields.country')} name="country" value={form.country} error={err('country')} onChange={(e) => update({ country: e.target.value, stateCode: '' })}>
            {online ? <option value="">{t('skillsInsights.common.none')}</option> : null}
            <option value="MX">{t('skillsInsights.countries.MX')}</option>
            <option value="US">{t('skillsInsights.countries.US')}</option>
          </SelectField>
          {form.country === 'US' ? (
            <Field label={t('skillsInsights.fields.state')} name="stateCode" maxLength={2} hint={t('skillsInsights.courses.uspsHint')} value={form.stateCode} error={err('stateCode')} onChange={(e) => update({ stateCode: e.target.value.toUpperCase() })} />
          ) : (
            <StateSelect label={t('skillsInsights.fields.state')} name="stateCode" required={!online} value={form.stateCode} error={err('stateCode')} onChange={(v) => update({ stateCode: v })} />
          )}
          <Field label={t('skillsInsights.fields.municipality')} name="municipalityCode" inputMode="numeric" maxLength={5} hint={t('skillsInsights.form.municipalityHint')} value={form.municipalityCode} error={err('municipalityCode')} onChange={(e) => update({ municipalityCode: e.target.value })} />
        </div>
      </fieldset>
      <TaxonomyPicker kind="skill" name="skills" label={t('skillsInsights.courses.skillsTaught')} required error={err('skills')} exclude={form.skills.map((s) => s.id)} onPick={(item) => update({ skills: [...form.skills, item] })} />
      <PickedList items={form.skills} onRemove={(id) => update({ skills: form.skills.filter((s) => s.id !== id) })} testId="course-picked-skills" />
      <div className="insights-form__row">
        <Field label={t('skillsInsights.fields.certification')} name="certificationCode" maxLength={40} hint={t('skillsInsights.courses.certificationHint')} value={form.certificationCode} error={err('certificationCode')} onChange={(e) => update({ certificationCode: e.target.value })} />
        <Field label={t('skillsInsights.fields.partnerName')} name="partnerName" maxLength={200} value={form.partnerName} error={err('partnerName')} onChange={(e) => update({ partnerName: e.target.value })} />
        <Field label={t('skillsInsights.fields.partnerCountry')} name="partnerCountry" maxLength={2} hint="US, CA…" value={form.partnerCountry} error={err('partnerCountry')} onChange={(e) => update({ partnerCountry: e.target.value })} />
      </div>
      <TextArea label={t('skillsInsights.fields.startDates')} name="startDates" hint={t('skillsInsights.courses.startDatesHint')} value={form.startDates} error={err('startDates')} onChange={(v) => update({ startDates: v })} />
      <label className="checkbox">
        <input type="checkbox" name="isFree" checked={form.isFree} onChange={(e) => update({ isFree: e.target.checked })} /> {t('skillsInsights.courses.free')}
      </label>
      {!form.isFree ? (
        <div className="insights-form__row">
          <Field label={t('skillsInsights.fields.costAmount')} name="costAmount" inputMode="decimal" value={form.costAmount} error={err('costAmount')} onChange={(e) => update({ costAmount: e.target.value })} />
          <Field label={t('skillsInsights.fields.costCurrency')} name="costCurrency" maxLength={3} hint="MXN, USD…" value={form.costCurrency} error={err('costCurrency')} onChange={(e) => update({ costCurrency: e.target.value })} />
        </div>
      ) : null}
      <div className="insights-form__row">
        <Field label={t('skillsInsights.fields.seatsPerYear')} name="seatsPerYear" inputMode="numeric" hint={t('skillsInsights.courses.seatsHint')} value={form.seatsPerYear} error={err('seatsPerYear')} onChange={(e) => update({ seatsPerYear: e.target.value })} />
        <Field label={t('skillsInsights.fields.url')} name="url" type="url" maxLength={1000} value={form.url} error={err('url')} onChange={(e) => update({ url: e.target.value })} />
      </div>
      <FormActions busy={busy} submitTestId="course-submit" submitLabel={editingId ? t('skillsInsights.form.save') : t('skillsInsights.courses.publish')} onCancel={onCancel} />
    </form>
  );
}
