import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../features/accounts/session';
import { useAppConfig } from './config';
import { LanguageSwitch } from './LanguageSwitch';
import { currentGroup, navigationFor, type NavGroup, type NavGroupId, type NavItem } from './navigation';

function NavItemLink({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  return (
    <NavLink to={item.to} end={item.end} data-testid={item.testId}>
      {t(item.labelKey)}
    </NavLink>
  );
}

/**
 * One section of the header as a disclosure (a button that shows a list of links), the
 * pattern WAI-ARIA recommends for site navigation: unlike an ARIA menu, the links stay
 * ordinary links reached with Tab, which is what screen reader users expect of a header.
 */
function NavSection({
  group,
  open,
  current,
  onToggle,
  onClose,
  buttonRef,
}: {
  group: NavGroup;
  open: boolean;
  current: boolean;
  onToggle: () => void;
  onClose: () => void;
  buttonRef: (element: HTMLButtonElement | null) => void;
}) {
  const { t } = useTranslation();
  const listId = `${useId()}-nav-${group.id}`;
  return (
    <li
      className="main-nav__section"
      onBlur={(event) => {
        // Close when focus moves on past the section. A null target is a click on nothing
        // focusable (or Safari, which does not focus links on click): outside clicks are
        // handled by the document listener, so the link under the pointer still works.
        const next = event.relatedTarget;
        if (open && next instanceof Node && !event.currentTarget.contains(next)) onClose();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`main-nav__section-button${current ? ' main-nav__section-button--current' : ''}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={onToggle}
        data-testid={`nav-group-${group.id}`}
      >
        {t(group.labelKey)}
        <svg className="main-nav__chevron" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M2 4.5 6 8.5 10 4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      </button>
      <ul id={listId} className="main-nav__panel" hidden={!open}>
        {group.items.map((item) => (
          <li key={item.to}>
            <NavItemLink item={item} />
          </li>
        ))}
      </ul>
    </li>
  );
}

function Header() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // menuOpen: the whole navigation on narrow screens; openSection: one section's links.
  const [menuOpen, setMenuOpen] = useState(false);
  const [openSection, setOpenSection] = useState<NavGroupId | null>(null);
  const headerRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const sectionButtons = useRef(new Map<NavGroupId, HTMLButtonElement>());

  // Following a link (or going back) closes everything.
  useEffect(() => {
    setMenuOpen(false);
    setOpenSection(null);
  }, [location.pathname]);

  // A press anywhere else closes an open section, and on narrow screens the menu.
  useEffect(() => {
    if (!menuOpen && !openSection) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!headerRef.current?.contains(target)) {
        setOpenSection(null);
        setMenuOpen(false);
      } else if (openSection && !sectionButtons.current.get(openSection)?.parentElement?.contains(target)) {
        setOpenSection(null);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [menuOpen, openSection]);

  // Escape closes the innermost open thing and returns focus to the button that opened it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (openSection) {
      sectionButtons.current.get(openSection)?.focus();
      setOpenSection(null);
    } else if (menuOpen) {
      toggleRef.current?.focus();
      setMenuOpen(false);
    } else return;
    event.preventDefault();
  };

  const onSignOut = async () => {
    await session.signOut().catch(() => undefined);
    void navigate('/');
  };

  const user = session.user;
  const entries = navigationFor(user);
  const currentSection = currentGroup(entries, location.pathname);
  return (
    <header className="site-header" ref={headerRef} onKeyDown={onKeyDown}>
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t('nav.homeLabel')}>
          <svg className="brand__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#f2c230" />
            <path d="M18 3 7 18h7l-2 11 11-15h-7z" fill="#0f2d3a" />
          </svg>
          <span className="brand__name">Electrifica</span>
        </Link>
        <button
          ref={toggleRef}
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
          data-testid="menu-toggle"
        >
          {t('nav.menu')}
        </button>
        <nav id="main-nav" className={`main-nav${menuOpen ? ' main-nav--open' : ''}`} aria-label={t('nav.label')}>
          <ul className="main-nav__list">
            {entries.map((entry) =>
              entry.kind === 'link' ? (
                <li key={entry.item.to}>
                  <NavItemLink item={entry.item} />
                </li>
              ) : (
                <NavSection
                  key={entry.group.id}
                  group={entry.group}
                  open={openSection === entry.group.id}
                  current={currentSection === entry.group.id}
                  onToggle={() => setOpenSection((open) => (open === entry.group.id ? null : entry.group.id))}
                  onClose={() => setOpenSection(null)}
                  buttonRef={(element) => {
                    if (element) sectionButtons.current.set(entry.group.id, element);
                    else sectionButtons.current.delete(entry.group.id);
                  }}
                />
              ),
            )}
          </ul>
          <div className="main-nav__account">
            {session.status === 'loading' ? null : user ? (
              <>
                <NavLink to="/cuenta" className="account-link" data-testid="account-link" title={user.displayName}>
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
