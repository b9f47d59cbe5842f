import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { useSession } from '../accounts/session';
import { AuditViewer, type AuditQuery } from './AuditViewer';
import { OrganisationsPanel } from './OrganisationsPanel';
import { UsersTable } from './UsersTable';

function AdminContent() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [auditQuery, setAuditQuery] = useState<AuditQuery | null>(null);

  const showHistory = useCallback((entityType: string, entityId: string, label: string) => {
    setAuditQuery({ entityType, entityId, label });
    window.setTimeout(() => {
      const target = document.getElementById('historial');
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    }, 0);
  }, []);

  return (
    <div className="page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sectionsLabel')} className="subnav">
        <ul>
          <li>
            <a href="#usuarios">{t('admin.users.title')}</a>
          </li>
          <li>
            <a href="#organizaciones">{t('admin.orgs.title')}</a>
          </li>
          <li>
            <a href="#historial">{t('admin.audit.title')}</a>
          </li>
        </ul>
      </nav>
      <UsersTable currentUserId={user?.id ?? ''} onShowHistory={showHistory} />
      <OrganisationsPanel onShowHistory={showHistory} />
      <AuditViewer query={auditQuery} onQuery={setAuditQuery} />
    </div>
  );
}

export function AdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return (
    <RequireSignIn roles={['admin']}>
      <AdminContent />
    </RequireSignIn>
  );
}
