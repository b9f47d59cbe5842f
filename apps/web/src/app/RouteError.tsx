import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : '';
  return (
    <div className="page page--narrow" role="alert">
      <h1>{t('errors.pageCrashed')}</h1>
      {detail ? <p className="muted">{detail}</p> : null}
      <p>
        <Link to="/">{t('geo.backToMap')}</Link>
      </p>
    </div>
  );
}
