import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole, useSession } from '../features/accounts/session';
import { useAppConfig } from './config';
import { LanguageSwitch } from './LanguageSwitch';

function Header() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  const onSignOut = async () => {
    await session.signOut().catch(() => undefined);
    void navigate('/');
  };

  const user = session.user;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t('nav.homeLabel')}>
          <svg className="brand__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#f2c230" />
            <path d="M18 3 7 18h7l-2 11 11-15h-7z" fill="#0f2d3a" />
          </svg>
          <span className="brand__name">Electrifica</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
        </button>
        <nav id="main-nav" className={`main-nav${menuOpen ? ' main-nav--open' : ''}`} aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.map')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/cargadores">{t('nav.charging')}</NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to="/cargadores/registrar" data-testid="nav-register-charger">{t('chargingRegistration.nav.register')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/cargadores/mis-cargadores" data-testid="nav-my-chargers">{t('chargingRegistration.nav.mine')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/importaciones">{t('nav.imports')}</NavLink>
              </li>
            ) : null}
            {/* live status: maintenance and OCPP charge points for operators' editors and admins; national status for analysts */}
            {user && (hasRole(user, 'admin', 'analyst') || user.memberships.some((m) => m.role === 'editor')) ? (
              <li>
                <NavLink to="/mantenimiento" data-testid="nav-maintenance">{t('live.nav.maintenance')}</NavLink>
              </li>
            ) : null}
            {user && (hasRole(user, 'admin') || user.memberships.some((m) => m.role === 'editor')) ? (
              <li>
                <NavLink to="/cargadores/puntos-de-carga" data-testid="nav-charge-points">{t('live.nav.chargePoints')}</NavLink>
              </li>
            ) : null}
            {hasRole(user, 'analyst', 'admin') ? (
              <li>
                <NavLink to="/estado-en-vivo" data-testid="nav-live-national">{t('live.nav.national')}</NavLink>
              </li>
            ) : null}
            {hasRole(user, 'moderator', 'admin') ? (
              <li>
                <NavLink to="/moderacion/duplicados">{t('chargingDuplicates.nav')}</NavLink>
              </li>
            ) : null}
            {hasRole(user, 'admin') ? (
              <li>
                <NavLink to="/admin">{t('nav.admin')}</NavLink>
              </li>
            ) : null}
          </ul>
          <div className="main-nav__account">
            {session.status === 'loading' ? null : user ? (
              <>
                <NavLink to="/cuenta" className="account-link" data-testid="account-link">
                  <span className="visually-hidden">{t('nav.signedInAs')} </span>
                  {user.displayName}
                </NavLink>
                <button type="button" className="button button--ghost" onClick={() => void onSignOut()} data-testid="sign-out">
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <>
                <NavLink to="/entrar" data-testid="sign-in-link">
                  {t('nav.signIn')}
                </NavLink>
                <NavLink to="/registro" className="button button--accent">
                  {t('nav.signUp')}
                </NavLink>
              </>
            )}
            <LanguageSwitch />
          </div>
        </nav>
      </div>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  const config = useAppConfig();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('footer.inegi')}</p>
        <p>{t('footer.usCensus')}</p>
        <p>
          <a href="/api/docs">{t('footer.apiDocs')}</a>
          {config.status === 'ready' && config.config.version ? (
            <span className="muted"> · {t('footer.version', { version: config.config.version })}</span>
          ) : null}
        </p>
      </div>
    </footer>
  );
}

/** Moves focus to the main region on client-side navigation, so screen readers follow. */
function useFocusOnNavigate(ref: RefObject<HTMLElement | null>) {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname, ref]);
}

export function Layout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  const location = useLocation();
  useFocusOnNavigate(mainRef);
  const isHome = location.pathname === '/';
  return (
    <div className={`app${isHome ? ' app--home' : ''}`}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}
