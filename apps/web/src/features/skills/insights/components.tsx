import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Membership, SessionUser } from '../../../api/types';
import { normaliseLanguage } from '../../../i18n/languages';
import { SelectField } from '../../../ui/Field';
import { useAsyncData } from '../../../ui/useAsyncData';
import { useSession } from '../../accounts/session';
import { listStates } from '../../geo/api';
import { SubnavLinks } from '../components';
import { getOrganisation, type Source } from './api';
import { formatDay, organisationsOfTypes } from './insights';
import { coursesPath, demandPath, fairsPath, gapsPath, inclusionPath } from './paths';

/** The sections of the skills insights, under each page's heading. */
export function InsightsSubnav() {
  const { t } = useTranslation();
  const links: Array<[string, string, boolean]> = [
    [demandPath, t('skillsInsights.nav.demand'), true],
    [coursesPath, t('skillsInsights.nav.courses'), true],
    [gapsPath, t('skillsInsights.nav.gaps'), true],
    [fairsPath, t('skillsInsights.nav.fairs'), false],
    [inclusionPath, t('skillsInsights.nav.inclusion'), true],
  ];
  return <SubnavLinks label={t('skillsInsights.nav.sections')} links={links} className="insights-subnav" />;
}

/** "Retenido (menos de 3 organizaciones)": shown in place of a withheld figure. */
export function Withheld({ minimum = 3, unit = 'organisations' }: { minimum?: number; unit?: 'organisations' | 'people' }) {
  const { t } = useTranslation();
  return (
    <span className="withheld" data-withheld="true">
      {unit === 'people' ? t('skillsInsights.common.withheldPeople', { count: minimum }) : t('skillsInsights.common.withheld', { count: minimum })}
    </span>
  );
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/**
 * How the figures are made, as of when (left out when `asOf` is undefined), and from what: our translated method first; the
 * server's own text (in English) shown directly in English and folded away in Spanish.
 */
export function MethodNote({ id, method, serverMethod, asOf, sources, extra }: { id: string; method: string; serverMethod?: string | null; asOf: string | null | undefined; sources: readonly Source[] | undefined; extra?: string }) {
  const { t, i18n } = useTranslation();
  const english = normaliseLanguage(i18n.language) === 'en';
  return (
    <section className="card insights-method" aria-labelledby={`${id}-heading`} data-testid={`${id}`}>
      <h2 id={`${id}-heading`}>{t('skillsInsights.common.methodTitle')}</h2>
      <p>{method}</p>
      {extra ? <p>{extra}</p> : null}
      {serverMethod && !english ? (
        <details className="alert__more">
          <summary>{t('skillsInsights.common.methodOriginal')}</summary>
          <p lang="en">{serverMethod}</p>
        </details>
      ) : null}
      {asOf !== undefined ? (
        <p className="small" data-testid={`${id}-as-of`}>
          {t('skillsInsights.common.asOf', { date: asOf ? formatDay(asOf, i18n.language) : t('skillsInsights.common.noData') })}
        </p>
      ) : null}
      {sources && sources.length > 0 ? (
        <>
          <h3 className="small">{t('skillsInsights.common.sources')}</h3>
          <ul className="small insights-sources" data-testid={`${id}-sources`}>
            {sources.map((s, i) => {
              const name = text(s.name) ?? text(s.title) ?? text(s.id) ?? '';
              const url = text(s.url);
              const detail = [text(s.publisher), text(s.vintage), text(s.method)].filter(Boolean).join(' · ');
              return (
                <li key={`${text(s.id) ?? i}`}>
                  {url && /^https?:\/\//.test(url) ? (
                    <a href={url} rel="noreferrer" lang="en">
                      {name}
                    </a>
                  ) : (
                    <span lang="en">{name}</span>
                  )}
                  {detail ? <span className="muted" lang="en"> — {detail}</span> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Mexican states (INEGI) for the selects; loaded once per page. */
export function useStates() {
  const states = useAsyncData((signal) => listStates(signal), []);
  return states.data?.items ?? [];
}

export function StateSelect({ label, name, value, onChange, error, required, emptyLabel }: { label: string; name: string; value: string; onChange: (code: string) => void; error?: string; required?: boolean; emptyLabel?: string }) {
  const { t } = useTranslation();
  const states = useStates();
  return (
    <SelectField label={label} name={name} value={value} error={error} required={required} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel ?? t('skillsInsights.common.choose')}</option>
      {states.map((s) => (
        <option key={s.cveEnt} value={s.cveEnt}>
          {s.name}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * The organisations the person edits whose type allows an action (a company reports demand,
 * a training centre publishes courses). The types come from the organisation records; the
 * server checks again on every write.
 */
export function useEditableOrganisations(allowed: readonly string[]): { organisations: Membership[]; loading: boolean; user: SessionUser | null } {
  const { user } = useSession();
  const editable = useMemo(() => (user?.memberships ?? []).filter((m) => m.role === 'editor'), [user]);
  const key = editable.map((m) => m.organisationId).join(',');
  const [types, setTypes] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setTypes(null);
    Promise.all(editable.map((m) => getOrganisation(m.organisationId, controller.signal).then((o) => [m.organisationId, o.type] as const, () => [m.organisationId, ''] as const)))
      .then((pairs) => {
        if (!controller.signal.aborted) setTypes(new Map(pairs));
      })
      .catch(() => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const organisations = types ? organisationsOfTypes(editable, types, allowed) : [];
  return { organisations, loading: types === null && editable.length > 0, user };
}

/** The end of an editor form: submit (its text says create or save) and, when editing, cancel. */
export function FormActions({ busy, submitLabel, submitTestId, onCancel }: { busy: boolean; submitLabel: string; submitTestId: string; onCancel?: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="actions">
      <button type="submit" className="button button--primary" disabled={busy} data-testid={submitTestId}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('skillsInsights.form.cancel')}
        </button>
      ) : null}
    </p>
  );
}

/** Edit and withdraw, on a row of one's own records that are not withdrawn yet. */
export function EditWithdrawActions({ testIdPrefix, onEdit, onWithdraw }: { testIdPrefix: string; onEdit: () => void; onWithdraw: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="actions">
      <button type="button" className="button button--secondary button--small" onClick={onEdit} data-testid={`${testIdPrefix}-edit`}>
        {t('skillsInsights.form.edit')}
      </button>
      <button type="button" className="button button--danger button--small" onClick={onWithdraw} data-testid={`${testIdPrefix}-withdraw`}>
        {t('skillsInsights.form.withdraw')}
      </button>
    </span>
  );
}
