import '../skills.css';
import './insights.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { Field, SelectField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { hasRole, useSession } from '../../accounts/session';
import { createFair, fairModes, listFairs, type Fair, type FairFilters } from './api';
import { InsightsSubnav, StateSelect } from './components';
import { dateRange, emptyFairForm, fairBody, type FairForm } from './insights';
import { fairPath } from './paths';
import { useSubmission } from './useSubmission';

export function FairPlace({ fair }: { fair: Fair }) {
  const { t } = useTranslation();
  const place = [fair.venue, fair.municipalityName ?? fair.municipalityCode, fair.stateName ?? fair.stateCode].filter(Boolean).join(', ');
  return (
    <>
      <span className="tag">{translateDynamic(t, `skillsInsights.vocab.fairModes.${fair.mode}`, fair.mode)}</span>
      {fair.binational ? <span className="tag tag--ev">{t('skillsInsights.fairs.binational')}</span> : null}
      {fair.status === 'cancelled' ? <span className="tag tag--gap">{t('skillsInsights.fairs.cancelled')}</span> : null}
      {place ? <span className="small"> {place}</span> : null}
    </>
  );
}

function NewFair({ onCreated }: { onCreated: (fair: Fair) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = hasRole(user, 'admin', 'moderator');
  const organisations = (user?.memberships ?? []).filter((m) => m.role === 'editor');
  const [form, setForm] = useState<FairForm>(emptyFairForm(organisations[0]?.organisationId ?? ''));
  const { errors, submitError, busy, submit: send } = useSubmission();
  if (!user || (!staff && organisations.length === 0)) return null;
  const update = (patch: Partial<FairForm>) => setForm((f) => ({ ...f, ...patch }));
  const err = (k: string) => errors[k];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await send({}, async () => {
      const fair = await createFair(fairBody(form));
      setForm(emptyFairForm(form.organisationId));
      onCreated(fair);
    });
  };
  const place = form.mode !== 'online' && form.mode !== '';
  const link = form.mode !== 'in_person' && form.mode !== '';
  const count = Object.keys(errors).length;
  return (
    <details className="card" data-testid="fair-new">
      <summary>{t('skillsInsights.fairs.newTitle')}</summary>
      <form className="insights-form" onSubmit={submit} noValidate data-testid="fair-form">
        {count > 0 ? (
          <p className="alert alert--error" role="alert">
            {t('skillsInsights.form.fixErrors', { count })}
          </p>
        ) : null}
        {submitError && count === 0 ? <ErrorMessage error={submitError} /> : null}
        <SelectField label={t('skillsInsights.fairs.organiser')} name="organisationId" value={form.organisationId} error={err('organisationId')} onChange={(e) => update({ organisationId: e.target.value })}>
          {staff ? <option value="">{t('skillsInsights.fairs.platform')}</option> : null}
          {organisations.map((o) => (
            <option key={o.organisationId} value={o.organisationId}>
              {o.organisationName}
            </option>
          ))}
        </SelectField>
        <Field label={t('skillsInsights.fields.title')} name="title" required maxLength={200} value={form.title} error={err('title')} onChange={(e) => update({ title: e.target.value })} />
        <div className="field">
          <label className="field__label" htmlFor="fair-description">
            {t('skillsInsights.fields.description')}
          </label>
          <textarea id="fair-description" name="description" className="input" rows={3} value={form.description} onChange={(e) => update({ description: e.target.value })} />
          {err('description') ? <p className="field__error">{err('description')}</p> : null}
        </div>
        <div className="insights-form__row">
          <Field label={t('skillsInsights.fairs.startsOn')} name="startsOn" type="date" required value={form.startsOn} error={err('startsOn')} onChange={(e) => update({ startsOn: e.target.value })} />
          <Field label={t('skillsInsights.fairs.endsOn')} name="endsOn" type="date" required value={form.endsOn} error={err('endsOn')} onChange={(e) => update({ endsOn: e.target.value })} />
          <SelectField label={t('skillsInsights.fairs.mode')} name="mode" required value={form.mode} error={err('mode')} onChange={(e) => update({ mode: e.target.value })}>
            <option value="">{t('skillsInsights.common.choose')}</option>
            {fairModes.map((m) => (
              <option key={m} value={m}>
                {t(`skillsInsights.vocab.fairModes.${m}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {place ? (
          <div className="insights-form__row">
            <SelectField label={t('skillsInsights.fields.country')} name="country" value={form.country} error={err('country')} onChange={(e) => update({ country: e.target.value, stateCode: '' })}>
              <option value="MX">{t('skillsInsights.countries.MX')}</option>
              <option value="US">{t('skillsInsights.countries.US')}</option>
            </SelectField>
            {form.country === 'US' ? (
              <Field label={t('skillsInsights.fields.state')} name="stateCode" maxLength={2} hint={t('skillsInsights.courses.uspsHint')} value={form.stateCode} error={err('stateCode')} onChange={(e) => update({ stateCode: e.target.value.toUpperCase() })} />
            ) : (
              <StateSelect label={t('skillsInsights.fields.state')} name="stateCode" required value={form.stateCode} error={err('stateCode')} onChange={(v) => update({ stateCode: v })} />
            )}
            <Field label={t('skillsInsights.fairs.venue')} name="venue" maxLength={300} value={form.venue} error={err('venue')} onChange={(e) => update({ venue: e.target.value })} />
          </div>
        ) : null}
        {link ? <Field label={t('skillsInsights.fairs.url')} name="url" type="url" required value={form.url} error={err('url')} onChange={(e) => update({ url: e.target.value })} /> : null}
        <label className="checkbox">
          <input type="checkbox" name="binational" checked={form.binational} onChange={(e) => update({ binational: e.target.checked })} /> {t('skillsInsights.fairs.binationalLabel')}
        </label>
        <p className="actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="fair-submit">
            {t('skillsInsights.fairs.create')}
          </button>
        </p>
      </form>
    </details>
  );
}

/** `/empleo/ferias`: job fairs, soonest first (point 6 of the skills platform). */
export function FairsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('skillsInsights.fairs.title'));
  const [params, setParams] = useSearchParams();
  const filters: FairFilters = { past: params.get('pasadas') === 'true', mode: params.get('modalidad') ?? undefined, state: params.get('estado') ?? undefined };
  const fairs = useAsyncData((signal) => listFairs(filters, signal), [params.toString()]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <div className="page skills-page insights-page" data-testid="fairs-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.fairs.title')}</h1>
      <p className="lead">{t('skillsInsights.fairs.intro')}</p>
      <NewFair onCreated={() => fairs.reload()} />
      <section className="card insights-filters" aria-label={t('skillsInsights.common.filters')}>
        <SelectField label={t('skillsInsights.fairs.mode')} name="mode" value={filters.mode ?? ''} onChange={(e) => set('modalidad', e.target.value)}>
          <option value="">{t('skillsInsights.common.all')}</option>
          {fairModes.map((m) => (
            <option key={m} value={m}>
              {t(`skillsInsights.vocab.fairModes.${m}`)}
            </option>
          ))}
        </SelectField>
        <StateSelect label={t('skillsInsights.fields.state')} name="state" value={filters.state ?? ''} emptyLabel={t('skillsInsights.common.allStates')} onChange={(v) => set('estado', v)} />
        <label className="checkbox">
          <input type="checkbox" name="past" checked={filters.past === true} onChange={(e) => set('pasadas', e.target.checked ? 'true' : '')} /> {t('skillsInsights.fairs.past')}
        </label>
      </section>
      <AsyncContent state={fairs} isEmpty={(d) => d.items.length === 0} emptyText={t('skillsInsights.fairs.none')}>
        {(d) => (
          <ul className="result-list" data-testid="fair-results">
            {d.items.map((f) => (
              <li key={f.id} className="card" data-id={f.id}>
                <h2 className="h3">
                  <Link to={fairPath(f.id)}>{f.title}</Link>
                </h2>
                <p>
                  <strong>{dateRange(f.startsOn, f.endsOn, lang)}</strong>
                  {f.organiser ? <span className="small muted"> · {f.organiser.name}</span> : null}
                </p>
                <p>
                  <FairPlace fair={f} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </div>
  );
}
