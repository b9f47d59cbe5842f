import { useTranslation } from 'react-i18next';
import type { ChargingSource } from './types';
import { formatDate } from './labels';

/**
 * The licence line every view of charging data carries, and the warning that the loaded
 * locations are a sample, not the country's network.
 */
export function ChargingAttribution() {
  const { t } = useTranslation();
  return (
    <div className="charging-attribution" data-testid="charging-attribution">
      <p className="alert alert--warning">
        <strong>{t('charging.sampleTitle')}</strong> {t('charging.sampleNote')}
      </p>
      <p className="small">{t('charging.attribution')}</p>
    </div>
  );
}

interface SourcesProps {
  sources: ChargingSource[];
  /** When the newest charging data were loaded. */
  asOf: string | null;
}

/** Where the figures come from, with licence, edition and the date of the data. */
export function ChargingSources({ sources, asOf }: SourcesProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="charging-sources-heading">
      <h2 id="charging-sources-heading">{t('geo.sources')}</h2>
      <p>
        {t('charging.asOf')}: <strong data-testid="charging-as-of">{formatDate(asOf, lang, t('common.notAvailable'))}</strong>
      </p>
      {sources.length === 0 ? (
        <p className="muted">{t('geo.noSources')}</p>
      ) : (
        <ul className="sources" data-testid="sources">
          {sources.map((s) => (
            <li key={s.id}>
              <strong>{s.url ? <a href={s.url}>{s.name}</a> : s.name}</strong> — {s.publisher}. {t('geo.vintage')}: {s.vintage}.
              {s.licence ? (
                <>
                  {' '}
                  {t('charging.licence')}: {s.licence}.
                </>
              ) : null}
              {s.attribution ? <span className="muted"> {s.attribution}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
