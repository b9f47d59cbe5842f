import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../../i18n/format';
import { translateDynamic } from '../../../i18n/dynamic';
import { DataTable } from '../../../ui/DataTable';
import { Field, SelectField } from '../../../ui/Field';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { PickedList, TaxonomyPicker } from '../TaxonomyPicker';
import { demandHorizons, demandLevels, myDemandReports, reportDemand, updateDemandReport, withdrawDemandReport, type DemandReport } from './api';
import { EditWithdrawActions, FormActions, StateSelect, useEditableOrganisations } from './components';
import { checkDemandForm, demandBody, demandFormFrom, emptyDemandForm, formatDay, labelOf, type DemandForm } from './insights';
import { useSubmission } from './useSubmission';

/** Organisation types that report demand (the server's rule). */
const reporterTypes = ['company', 'industry_chamber'] as const;

function DemandReportForm({ initial, editingId, organisations, onDone, onCancel }: { initial: DemandForm; editingId: string | null; organisations: Array<{ organisationId: string; organisationName: string }>; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const { errors, submitError, busy, submit: send } = useSubmission();
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<DemandForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
  };
  const err = (field: string) => errors[field];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = checkDemandForm(form);
    await send(Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(`skillsInsights.form.${v}`)])), async () => {
      if (editingId) await updateDemandReport(editingId, demandBody(form, false));
      else await reportDemand(demandBody(form, true));
      setSaved(true);
      if (!editingId) setForm(emptyDemandForm(form.organisationId));
      onDone();
    });
  };
  const errorCount = Object.keys(errors).length;

  return (
    <form className="insights-form" onSubmit={submit} noValidate data-testid="demand-form" aria-labelledby="demand-form-heading">
      <h3 id="demand-form-heading">{editingId ? t('skillsInsights.demand.editTitle') : t('skillsInsights.demand.reportTitle')}</h3>
      {errorCount > 0 ? (
        <p className="alert alert--error" role="alert" data-testid="demand-form-errors">
          {t('skillsInsights.form.fixErrors', { count: errorCount })}
        </p>
      ) : null}
      {submitError && errorCount === 0 ? <ErrorMessage error={submitError} /> : null}
      {saved ? (
        <p className="alert alert--success" role="status" data-testid="demand-saved">
          {t('skillsInsights.demand.saved')}
        </p>
      ) : null}
      {!editingId ? (
        <SelectField label={t('skillsInsights.fields.organisation')} name="organisationId" required value={form.organisationId} error={err('organisationId')} onChange={(e) => update({ organisationId: e.target.value })}>
          {organisations.map((o) => (
            <option key={o.organisationId} value={o.organisationId}>
              {o.organisationName}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TaxonomyPicker kind="occupation" name="occupation" label={t('skillsInsights.fields.occupation')} required error={err('occupationId')} hint={form.occupation ? t('skillsInsights.form.chosen', { label: form.occupation.label }) : undefined} onPick={(item) => update({ occupation: item })} />
      <TaxonomyPicker kind="skill" name="skills" label={t('skillsInsights.fields.skills')} required error={err('skills')} exclude={form.skills.map((s) => s.id)} onPick={(item) => update({ skills: [...form.skills, item] })} />
      <PickedList items={form.skills} onRemove={(id) => update({ skills: form.skills.filter((s) => s.id !== id) })} testId="demand-picked-skills" />
      <div className="insights-form__row">
        <Field label={t('skillsInsights.fields.people')} name="people" inputMode="numeric" required value={form.people} error={err('people')} onChange={(e) => update({ people: e.target.value })} />
        <SelectField label={t('skillsInsights.fields.level')} name="level" required value={form.level} error={err('level')} onChange={(e) => update({ level: e.target.value })}>
          <option value="">{t('skillsInsights.common.choose')}</option>
          {demandLevels.map((l) => (
            <option key={l} value={l}>
              {t(`skillsInsights.vocab.levels.${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="insights-form__row">
        <SelectField label={t('skillsInsights.fields.horizon')} name="horizon" value={form.horizon} error={err('horizon')} hint={t('skillsInsights.form.horizonHint')} onChange={(e) => update({ horizon: e.target.value })}>
          <option value="">{t('skillsInsights.common.choose')}</option>
          {demandHorizons.map((h) => (
            <option key={h} value={h}>
              {t(`skillsInsights.vocab.horizons.${h}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('skillsInsights.fields.targetDate')} name="targetDate" type="date" value={form.targetDate} error={err('targetDate')} onChange={(e) => update({ targetDate: e.target.value })} />
      </div>
      <div className="insights-form__row">
        <StateSelect label={t('skillsInsights.fields.state')} name="stateCode" required value={form.stateCode} error={err('stateCode')} onChange={(v) => update({ stateCode: v })} />
        <Field label={t('skillsInsights.fields.municipality')} name="municipalityCode" inputMode="numeric" maxLength={5} hint={t('skillsInsights.form.municipalityHint')} value={form.municipalityCode} error={err('municipalityCode')} onChange={(e) => update({ municipalityCode: e.target.value })} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="demand-notes">
          {t('skillsInsights.fields.notes')}
        </label>
        <p className="field__hint" id="demand-notes-hint">
          {t('skillsInsights.form.notesHint')}
        </p>
        <textarea id="demand-notes" name="notes" className="input" rows={3} maxLength={2000} aria-describedby="demand-notes-hint" value={form.notes} onChange={(e) => update({ notes: e.target.value })} />
        {err('notes') ? <p className="field__error">{err('notes')}</p> : null}
      </div>
      <FormActions busy={busy} submitTestId="demand-submit" submitLabel={editingId ? t('skillsInsights.form.save') : t('skillsInsights.demand.submit')} onCancel={onCancel} />
    </form>
  );
}

function MyReports({ reports, onEdit, onWithdrawn }: { reports: DemandReport[]; onEdit: (r: DemandReport) => void; onWithdrawn: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [error, setError] = useState<unknown>(null);
  const withdraw = async (r: DemandReport) => {
    if (!window.confirm(t('skillsInsights.demand.withdrawConfirm'))) return;
    setError(null);
    try {
      await withdrawDemandReport(r.id);
      onWithdrawn();
    } catch (e) {
      setError(e);
    }
  };
  if (reports.length === 0) return <p className="muted">{t('skillsInsights.demand.noOwnReports')}</p>;
  return (
    <>
      {error ? <ErrorMessage error={error} /> : null}
      <DataTable
        caption={t('skillsInsights.demand.mineTitle')}
        testId="demand-mine"
        columns={[t('skillsInsights.fields.occupation'), { label: t('skillsInsights.fields.people'), numeric: true }, t('skillsInsights.fields.state'), t('skillsInsights.fields.horizon'), t('skillsInsights.fields.status'), { label: t('skillsInsights.common.actions'), labelHidden: true }]}
      >
        {reports.map((r) => (
          <tr key={r.id} data-id={r.id} data-status={r.status}>
            <th scope="row">
              {labelOf(r.occupation, lang)}
              <span className="small muted"> · {r.organisation.name} · {formatDay(r.reportedOn, lang)}</span>
            </th>
            <td className="num">{formatInteger(r.people, lang)}</td>
            <td>{r.stateName ?? r.stateCode}{r.municipalityName ? `, ${r.municipalityName}` : ''}</td>
            <td>{translateDynamic(t, `skillsInsights.vocab.horizons.${r.horizon}`, r.horizon)}</td>
            <td>{translateDynamic(t, `skillsInsights.vocab.statuses.${r.status}`, r.status)}</td>
            <td>
              {r.status !== 'withdrawn' ? <EditWithdrawActions testIdPrefix="demand" onEdit={() => onEdit(r)} onWithdraw={() => void withdraw(r)} /> : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** The reporting side, for editors of a company or an industry chamber. */
export function DemandReporting({ onChange }: { onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { organisations, loading, user } = useEditableOrganisations(reporterTypes);
  const mine = useAsyncData((signal) => (organisations.length > 0 ? myDemandReports(signal) : null), [organisations.length]);
  const [editing, setEditing] = useState<DemandReport | null>(null);
  const refresh = () => {
    mine.reload();
    onChange();
  };
  return (
    <section className="card" aria-labelledby="demand-reporting-heading" data-testid="demand-reporting">
      <h2 id="demand-reporting-heading">{t('skillsInsights.demand.reportingTitle')}</h2>
      {!user ? (
        <p>
          {t('skillsInsights.demand.reportingAnonymous')} <Link to="/entrar?next=%2Fhabilidades%2Fdemanda">{t('nav.signIn')}</Link>
        </p>
      ) : loading ? (
        <Loading />
      ) : organisations.length === 0 ? (
        <p className="muted" data-testid="demand-not-reporter">
          {t('skillsInsights.demand.reportingNotAllowed')}
        </p>
      ) : (
        <>
          {editing ? (
            <DemandReportForm key={editing.id} initial={demandFormFrom(editing, i18n.language)} editingId={editing.id} organisations={organisations} onDone={() => { setEditing(null); refresh(); }} onCancel={() => setEditing(null)} />
          ) : (
            <DemandReportForm key="new" initial={emptyDemandForm(organisations[0]!.organisationId)} editingId={null} organisations={organisations} onDone={refresh} />
          )}
          <h3>{t('skillsInsights.demand.mineTitle')}</h3>
          {mine.error ? <ErrorMessage error={mine.error} onRetry={mine.reload} /> : null}
          {mine.data ? <MyReports reports={mine.data.items} onEdit={setEditing} onWithdrawn={refresh} /> : mine.loading ? <Loading /> : null}
        </>
      )}
    </section>
  );
}
