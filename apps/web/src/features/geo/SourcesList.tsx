import { useTranslation } from 'react-i18next';
import type { DataSource } from '../../api/types';

/** Where the figures on a page come from, with their vintage. */
export function SourcesList({ sources }: { sources: DataSource[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('geo.sources')}</h2>
      {sources.length === 0 ? (
        <p className="muted">{t('geo.noSources')}</p>
      ) : (
        <ul className="sources" data-testid="sources">
          {sources.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> — {s.publisher}.{' '}
              {t('geo.vintage')}: {s.vintage}.
              {s.attribution ? <span className="muted"> {s.attribution}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
