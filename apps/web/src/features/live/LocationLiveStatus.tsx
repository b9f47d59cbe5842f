import './live.css';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { timeAgo } from './liveStatus';
import { LiveStatusBadge, StatusBadge } from './LiveStatusBadge';
import type { LiveStatus, LiveStatusSummary } from './types';
import { useNow } from './useNow';

interface Props {
  evses: Array<{ evseUid: string; liveStatus?: LiveStatus | null }>;
  summary: LiveStatusSummary | undefined;
}

/**
 * The live status of a location's charging points on its page: one row per EVSE with its
 * badge, when it was reported and by which source. Without any report it says so plainly.
 */
export function LocationLiveStatus({ evses, summary }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const reporting = summary?.evsesReporting ?? 0;
  return (
    <section className="card live-location" aria-labelledby="live-status-heading" data-testid="live-status">
      <h2 id="live-status-heading">{t('live.location.title')}</h2>
      {reporting === 0 || !summary ? (
        <p data-testid="live-status-none">
          <StatusBadge status={null} /> {t('live.location.none')}
        </p>
      ) : (
        <>
          <p className="muted small">{t('live.location.intro')}</p>
          <p data-testid="live-status-summary">
            {t('live.location.summary', {
              reporting: formatInteger(reporting, lang),
              evses: formatInteger(evses.length, lang),
              when: summary.newestStatusAt ? timeAgo(summary.newestStatusAt, now, lang) : '—',
            })}
          </p>
          <DataTable
            caption={t('live.location.caption')}
            testId="live-status-table"
            columns={[t('live.location.columns.evse'), t('live.location.columns.status'), t('live.location.columns.ocpiStatus')]}
          >
            {evses.map((e) => (
              <tr key={e.evseUid} data-evse-uid={e.evseUid} data-live-status={e.liveStatus?.publicStatus ?? 'none'}>
                <th scope="row">
                  <code>{e.evseUid}</code>
                </th>
                <td>
                  <LiveStatusBadge live={e.liveStatus ?? null} now={now} />
                </td>
                <td>{e.liveStatus ? <code>{e.liveStatus.status}</code> : '—'}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
