import { platformRoles } from '@electrifica/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser, PlatformRole } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { describeError } from '../../ui/errors';
import { Pagination } from '../../ui/Pagination';
import { useAsyncData } from '../../ui/useAsyncData';
import { auditEntityTypes, listUsers, setUserRole } from './api';
import { HistoryButton, type ShowHistory } from './HistoryButton';

const pageSize = 20;

type RowState = { state: 'saving' } | { state: 'saved' } | { state: 'error'; message: string };

interface Props {
  currentUserId: string;
  onShowHistory: ShowHistory;
}

export function UsersTable({ currentUserId, onShowHistory }: Props) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const users = useAsyncData((signal) => listUsers({ limit: pageSize, offset }, signal), [offset]);
  const [rows, setRows] = useState<Record<string, RowState>>({});

  const changeRole = async (user: AdminUser, role: PlatformRole) => {
    if (role === user.role) return;
    setRows((r) => ({ ...r, [user.id]: { state: 'saving' } }));
    try {
      const updated = await setUserRole(user.id, role);
      const merged: AdminUser = { ...user, ...(updated && typeof updated === 'object' ? updated : {}), role };
      if (users.data) {
        users.setData({ ...users.data, items: users.data.items.map((u) => (u.id === user.id ? merged : u)) });
      }
      setRows((r) => ({ ...r, [user.id]: { state: 'saved' } }));
    } catch (error) {
      const { title, detail } = describeError(t, error);
      setRows((r) => ({ ...r, [user.id]: { state: 'error', message: detail ? `${title}: ${detail}` : title } }));
    }
  };

  return (
    <section className="card" aria-labelledby="admin-users-heading" id="usuarios">
      <h2 id="admin-users-heading">{t('admin.users.title')}</h2>
      <AsyncContent state={users}>
        {(data) => (
          <>
            <DataTable
              caption={t('admin.users.title')}
              testId="admin-users"
              columns={[
                t('auth.fields.displayName'),
                t('auth.fields.email'),
                t('account.role'),
                t('admin.users.createdAt'),
                { label: t('common.actions'), labelHidden: true },
              ]}
            >
              {data.items.map((user) => {
                const row = rows[user.id];
                const selectId = `role-${user.id}`;
                const statusId = `role-status-${user.id}`;
                return (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td className="break">{user.email}</td>
                    <td>
                      <label htmlFor={selectId} className="visually-hidden">
                        {t('admin.users.roleOf', { email: user.email })}
                      </label>
                      <select
                        id={selectId}
                        className="input input--compact"
                        value={user.role}
                        disabled={row?.state === 'saving'}
                        onChange={(e) => void changeRole(user, e.target.value as PlatformRole)}
                        aria-describedby={statusId}
                      >
                        {platformRoles.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.platform.${role}`)}
                          </option>
                        ))}
                      </select>
                      <span id={statusId} role="status" className={`row-status${row?.state === 'error' ? ' row-status--error' : ''}`}>
                        {row?.state === 'saving'
                          ? t('common.saving')
                          : row?.state === 'saved'
                            ? t('common.saved')
                            : row?.state === 'error'
                              ? row.message
                              : user.id === currentUserId
                                ? t('admin.users.you')
                                : ''}
                      </span>
                    </td>
                    <td>{formatDateTime(user.createdAt, i18n.language)}</td>
                    <td>
                      <HistoryButton
                        entityType={auditEntityTypes.user}
                        entityId={user.id}
                        label={user.email}
                        onShowHistory={onShowHistory}
                      />
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('admin.users.pages')} />
          </>
        )}
      </AsyncContent>
    </section>
  );
}
