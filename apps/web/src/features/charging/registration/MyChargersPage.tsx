import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { AsyncContent } from '../../../ui/AsyncContent';
import { DataTable } from '../../../ui/DataTable';
import { Pagination } from '../../../ui/Pagination';
import { ErrorMessage } from '../../../ui/Status';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAsyncData } from '../../../ui/useAsyncData';
import { listMyRegistrations, retireRegistration } from './api';
import type { RegistrationListItem } from './types';
import './registration.css';

const pageSize = 25;

/** "Mis cargadores": what the user registered or owns, with edit and retire; imported ones read-only. */
export function MyChargersPage() {
  const { t } = useTranslation();
  usePageTitle(t('chargingRegistration.mine.title'));
  return (
    <RequireSignIn>
      <MyChargers />
    </RequireSignIn>
  );
}

function MyChargers() {
  const { t } = useTranslation();
  const location = useLocation();
  const [offset, setOffset] = useState(0);
  const list = useAsyncData((signal) => listMyRegistrations({ limit: pageSize, offset }, signal), [offset]);
  const [message, setMessage] = useState<string>((location.state as { message?: string } | null)?.message ?? '');
  const [retireError, setRetireError] = useState<unknown>();

  const retire = async (item: RegistrationListItem) => {
    if (!window.confirm(t('chargingRegistration.mine.retireConfirm', { name: item.name }))) return;
    setRetireError(undefined);
    try {
      await retireRegistration(item.id, item.updatedAt);
      setMessage(t('chargingRegistration.mine.retired', { name: item.name }));
      list.reload();
    } catch (error) {
      setRetireError(error);
    }
  };

  return (
    <div className="page">
      <h1>{t('chargingRegistration.mine.title')}</h1>
      <p className="lead">{t('chargingRegistration.mine.lead')}</p>
      <p className="actions">
        <Link className="button button--primary" to="/cargadores/registrar">
          {t('chargingRegistration.nav.register')}
        </Link>
      </p>
      <p role="status" className="form__success" data-testid="mine-message">
        {message}
      </p>
      {retireError ? <ErrorMessage error={retireError} /> : null}
      <AsyncContent state={list} isEmpty={(d) => d.items.length === 0} emptyText={t('chargingRegistration.mine.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('chargingRegistration.mine.title')}
              testId="my-chargers"
              columns={[
                t('chargingRegistration.mine.name'),
                t('chargingRegistration.mine.place'),
                t('chargingRegistration.mine.access'),
                t('chargingRegistration.mine.status'),
                t('chargingRegistration.mine.origin'),
                { label: t('chargingRegistration.mine.actions'), labelHidden: true },
              ]}
            >
              {data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.name}
                    {item.organisation ? <span className="muted"> · {item.organisation.name}</span> : null}
                  </th>
                  <td>{[item.municipalityName, item.stateName].filter(Boolean).join(', ') || '—'}</td>
                  <td>{item.access ? t(`chargingRegistration.access.${item.access}`) : '—'}</td>
                  <td>{item.lifecycleStatus ? t(`chargingRegistration.status.${item.lifecycleStatus}`) : '—'}</td>
                  <td>
                    {item.origin === 'registered' ? t('chargingRegistration.mine.registered') : (
                      <span title={t('chargingRegistration.mine.importedNote')}>{t('chargingRegistration.mine.imported')}</span>
                    )}
                  </td>
                  <td>
                    {item.editable ? (
                      <span className="actions">
                        <Link className="button button--secondary" to={`/cargadores/mis-cargadores/${item.id}`} aria-label={`${t('chargingRegistration.mine.edit')}: ${item.name}`}>
                          {t('chargingRegistration.mine.edit')}
                        </Link>
                        {item.lifecycleStatus !== 'decommissioned' ? (
                          <button type="button" className="button button--secondary" onClick={() => void retire(item)} aria-label={`${t('chargingRegistration.mine.retire')}: ${item.name}`}>
                            {t('chargingRegistration.mine.retire')}
                          </button>
                        ) : null}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            {data.items.some((i) => i.origin === 'import') ? <p className="muted">{t('chargingRegistration.mine.importedNote')}</p> : null}
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('chargingRegistration.mine.pages')} />
          </>
        )}
      </AsyncContent>
    </div>
  );
}
