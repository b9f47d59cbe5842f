import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n/dynamic';
import { Fact, FactList } from '../../ui/Facts';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from './RequireSignIn';
import { useSession } from './session';
import { TokensPanel } from './TokensPanel';

function AccountContent() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <div className="page">
      <h1>{t('account.title')}</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        <FactList>
          <Fact label={t('auth.fields.displayName')}>{user.displayName}</Fact>
          <Fact label={t('auth.fields.email')}>{user.email}</Fact>
          <Fact label={t('account.role')}>{translateDynamic(t, `roles.platform.${user.role}`, user.role)}</Fact>
        </FactList>
        <h3>{t('account.memberships')}</h3>
        {user.memberships.length === 0 ? (
          <p className="muted">{t('account.noMemberships')}</p>
        ) : (
          <ul>
            {user.memberships.map((m) => (
              <li key={m.organisationId}>
                {m.organisationName} — {translateDynamic(t, `roles.membership.${m.role}`, m.role)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <TokensPanel />
    </div>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  return (
    <RequireSignIn>
      <AccountContent />
    </RequireSignIn>
  );
}
