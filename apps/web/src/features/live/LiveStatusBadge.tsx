import { useTranslation } from 'react-i18next';
import { statusColours, timeAgo } from './liveStatus';
import type { LiveStatus, PublicStatus } from './types';

/** The public status as a coloured badge with its name (colour is never the only cue). */
export function StatusBadge({ status }: { status: PublicStatus | null }) {
  const { t } = useTranslation();
  if (status === null) {
    return (
      <span className="live-badge live-badge--none" data-live-status="none">
        {t('live.noLiveStatus')}
      </span>
    );
  }
  return (
    <span className="live-badge" style={{ background: statusColours[status] }} data-live-status={status}>
      {t(`live.status.${status}`)}
    </span>
  );
}

/** Badge, "actualizado hace N min" and the source of one EVSE's live status. */
export function LiveStatusBadge({ live, now }: { live: LiveStatus | null; now: Date }) {
  const { t, i18n } = useTranslation();
  if (!live) return <StatusBadge status={null} />;
  return (
    <span className="live-status">
      <StatusBadge status={live.publicStatus} />{' '}
      <span className="muted small" data-testid="live-updated">
        <time dateTime={live.statusAt} title={new Date(live.statusAt).toLocaleString(i18n.language)}>
          {t('live.updated', { when: timeAgo(live.statusAt, now, i18n.language) })}
        </time>{' '}
        · {t('live.via', { source: t(`live.sources.${live.source}`) })}
      </span>
    </span>
  );
}
