import './live.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/Field';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { useSession } from '../accounts/session';
import { locationPath } from '../charging/paths';
import { getMaintenance } from './api';
import { timeAgo } from './liveStatus';
import { StatusBadge } from './LiveStatusBadge';
import { useNow } from './useNow';

/** Thresholds offered, in minutes. */
const thresholds = [15, 60, 240, 1440, 4320] as const;
const defaultThreshold = 60;

function Maintenance() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const threshold = thresholds.find((m) => String(m) === params.get('minutos')) ?? defaultThreshold;
  const editable = (user?.memberships ?? []).filter((m) => m.role === 'editor');
  const operator = editable.some((m) => m.organisationId === params.get('operador')) ? params.get('operador')! : '';
  const data = useAsyncData((signal) => getMaintenance({ offlineForMinutes: threshold, operator }, signal), [threshold, operator]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const duration = (m: number) => (m % 60 === 0 ? t('live.maintenance.hours', { count: m / 60 }) : t('live.maintenance.minutes', { count: m }));
  const ago = (iso: string | null) => (iso ? timeAgo(iso, now, lang) : t('live.maintenance.never'));

  return (
    <div className="page" data-testid="maintenance">
      <h1>{t('live.maintenance.title')}</h1>
      <p>{t('live.maintenance.intro')}</p>
      <form className="card live-toolbar" onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('live.maintenance.threshold')} name="minutos" value={String(threshold)} onChange={(e) => set('minutos', e.target.value)}>
          {thresholds.map((m) => (
            <option key={m} value={String(m)}>
              {duration(m)}
            </option>
          ))}
        </SelectField>
        {editable.length > 1 ? (
          <SelectField label={t('live.maintenance.operator')} name="operador" value={operator} onChange={(e) => set('operador', e.target.value)}>
            <option value="">{t('live.maintenance.allOperators')}</option>
            {editable.map((m) => (
              <option key={m.organisationId} value={m.organisationId}>
                {m.organisationName}
              </option>
            ))}
          </SelectField>
        ) : null}
      </form>
      {data.error ? (
        <ErrorMessage error={data.error} onRetry={data.reload} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <>
          <section className="card" aria-labelledby="offline-heading">
            <h2 id="offline-heading">{t('live.maintenance.offlineTitle', { count: data.data.chargePoints.length })}</h2>
            {data.data.chargePoints.length === 0 ? (
              <p className="muted">{t('live.maintenance.offlineEmpty')}</p>
            ) : (
              <DataTable
                caption={t('live.maintenance.offlineCaption')}
                testId="maintenance-offline"
                busy={data.loading}
                columns={[
                  t('live.maintenance.columns.identity'),
                  t('live.maintenance.columns.location'),
                  t('live.maintenance.columns.operator'),
                  t('live.maintenance.columns.state'),
                  t('live.maintenance.columns.since'),
                  t('live.maintenance.columns.lastSeen'),
                ]}
              >
                {data.data.chargePoints.map((c) => (
                  <tr key={c.id} data-identity={c.identity}>
                    <th scope="row">
                      <code>{c.identity}</code>
                    </th>
                    <td>{c.locationId ? <Link to={locationPath(c.locationId)}>{c.locationName}</Link> : t('live.maintenance.noLocation')}</td>
                    <td>{c.operatorName ?? '—'}</td>
                    <td>{c.stateName ?? '—'}</td>
                    <td>
                      <time dateTime={c.offlineSince}>{ago(c.offlineSince)}</time>
                    </td>
                    <td>{c.lastSeenAt ? <time dateTime={c.lastSeenAt}>{ago(c.lastSeenAt)}</time> : t('live.maintenance.never')}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
          <section className="card" aria-labelledby="faulted-heading">
            <h2 id="faulted-heading">{t('live.maintenance.faultedTitle', { count: data.data.ports.length })}</h2>
            {data.data.ports.length === 0 ? (
              <p className="muted">{t('live.maintenance.faultedEmpty')}</p>
            ) : (
              <DataTable
                caption={t('live.maintenance.faultedCaption')}
                testId="maintenance-faulted"
                busy={data.loading}
                columns={[
                  t('live.maintenance.columns.location'),
                  t('live.maintenance.columns.evse'),
                  t('live.maintenance.columns.status'),
                  t('live.maintenance.columns.error'),
                  t('live.maintenance.columns.since'),
                  t('live.maintenance.columns.source'),
                  t('live.maintenance.columns.operator'),
                ]}
              >
                {data.data.ports.map((p) => (
                  <tr key={`${p.locationId}/${p.evseUid}`} data-evse-uid={p.evseUid}>
                    <th scope="row">
                      <Link to={locationPath(p.locationId)}>{p.locationName}</Link>
                    </th>
                    <td>
                      <code>{p.evseUid}</code>
                    </td>
                    <td>
                      <StatusBadge status={p.publicStatus} /> <code className="small">{p.status}</code>
                    </td>
                    <td>{[p.protocolStatus, p.errorCode, p.info].filter(Boolean).join(' · ') || '—'}</td>
                    <td>
                      <time dateTime={p.since}>{ago(p.since)}</time>
                    </td>
                    <td>{t(`live.sources.${p.source}`)}</td>
                    <td>{p.operatorName ?? '—'}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
          <p className="muted small">{t('live.maintenance.asOf', { when: ago(data.data.asOf) })}</p>
        </>
      )}
    </div>
  );
}

/** `/mantenimiento`: an operator's chargers offline and ports faulted for too long. */
export function MaintenancePage() {
  const { t } = useTranslation();
  usePageTitle(t('live.maintenance.title'));
  return (
    <RequireSignIn>
      <Maintenance />
    </RequireSignIn>
  );
}
