import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { PlatformRole } from '../../api/types';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useSession } from './session';

interface Props {
  children: ReactNode;
  /** When given, only these platform roles may see the content. */
  roles?: PlatformRole[];
}

/** Shows its content to signed-in users (optionally of some roles); explains otherwise. */
export function RequireSignIn({ children, roles }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);

  if (session.status === 'loading') return <Loading />;
  if (session.status === 'error') {
    return (
      <div className="page page--narrow">
        <ErrorMessage error={session.error} onRetry={() => void session.refresh()} />
      </div>
    );
  }
  if (!session.user) {
    return (
      <div className="page page--narrow" data-testid={roles ? 'not-allowed' : 'sign-in-required'}>
        <h1>{roles ? t('auth.forbidden.title') : t('auth.required.title')}</h1>
        <p>{roles ? t('auth.forbidden.anonymousBody') : t('auth.required.body')}</p>
        <p className="actions">
          <Link className="button button--primary" to={`/entrar?next=${next}`}>
            {t('nav.signIn')}
          </Link>
          <Link className="button button--secondary" to={`/registro?next=${next}`}>
            {t('nav.signUp')}
          </Link>
        </p>
      </div>
    );
  }
  if (roles && !roles.includes(session.user.role)) {
    return (
      <div className="page page--narrow" data-testid="not-allowed">
        <h1>{t('auth.forbidden.title')}</h1>
        <p>{t('auth.forbidden.body')}</p>
      </div>
    );
  }
  return <>{children}</>;
}
