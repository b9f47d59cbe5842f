import './duplicates.css';
import { useTranslation } from 'react-i18next';
import { useAsyncData } from '../../../ui/useAsyncData';
import { getAlsoReportedBy } from './api';
import { sourceName } from './compare';

/**
 * "Also reported by": the records of other sources merged into this location, each with
 * its source and licence. Renders nothing while loading, on error, or when there are none,
 * so the location page reads the same for locations known to one source only.
 */
export function AlsoReportedBy({ locationId }: { locationId: string }) {
  const { t } = useTranslation();
  const also = useAsyncData((signal) => getAlsoReportedBy(locationId, signal), [locationId]);
  const items = also.data?.locationId === locationId ? also.data.items : [];
  if (items.length === 0) return null;
  return (
    <section className="card also-reported-by" aria-labelledby="also-reported-by-heading" data-testid="also-reported-by">
      <h2 id="also-reported-by-heading">{t('chargingDuplicates.also.title')}</h2>
      <p className="muted small">{t('chargingDuplicates.also.intro')}</p>
      <ul>
        {items.map((item) => {
          const name = item.source?.name ?? sourceName(t, item.sourceId);
          return (
            <li key={item.sourceKey}>
              <strong>
                {item.source?.url ? <a href={item.source.url}>{t('chargingDuplicates.also.item', { source: name, id: item.sourceRecordId })}</a> : t('chargingDuplicates.also.item', { source: name, id: item.sourceRecordId })}
              </strong>{' '}
              — {item.name}
              {item.source?.licence ? <span className="muted"> · {t('chargingDuplicates.also.licence', { licence: item.source.licence })}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
