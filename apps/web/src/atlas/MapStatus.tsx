import { useTranslation } from 'react-i18next';

/** What a map shows over its container while its style loads, or when WebGL is missing. */
export function MapStatus({ loading, failed, unavailableText }: { loading: boolean; failed: boolean; unavailableText: string }) {
  const { t } = useTranslation();
  return (
    <>
      {loading ? (
        <p className="atlas-map__placeholder" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {failed ? (
        <div className="atlas-map__placeholder alert alert--warning" role="alert" data-testid="map-unavailable">
          {unavailableText}
        </div>
      ) : null}
    </>
  );
}
