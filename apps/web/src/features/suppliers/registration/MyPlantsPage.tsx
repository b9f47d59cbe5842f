import './registration.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AsyncContent } from '../../../ui/AsyncContent';
import { DataTable } from '../../../ui/DataTable';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAsyncData } from '../../../ui/useAsyncData';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { formatDate } from '../labels';
import { establishmentPath } from '../paths';
import { getMine } from './api';
import { myPlantPath, registerPath } from './paths';
import type { ClaimStatus } from './types';

/** `/proveedores/mis-plantas`: the plants the user's organisations manage, and the user's claims. */
export function MyPlantsPage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersRegistration.mine.title'));
  return (
    <RequireSignIn>
      <MyPlants />
    </RequireSignIn>
  );
}

const claimTag: Record<ClaimStatus, string> = { pending: 'tag tag--warning', approved: 'tag', rejected: 'tag' };

function MyPlants() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const [message] = useState<string>((location.state as { message?: string } | null)?.message ?? '');
  const mine = useAsyncData((signal) => getMine(signal), []);
  return (
    <div className="page" data-testid="my-plants-page">
      <h1>{t('suppliersRegistration.mine.title')}</h1>
      <p className="lead">{t('suppliersRegistration.mine.lead')}</p>
      <p className="actions">
        <Link className="button button--primary" to={registerPath}>
          {t('suppliersRegistration.nav.register')}
        </Link>
      </p>
      <p role="status" className="form__success" data-testid="mine-message">
        {message}
      </p>
      <AsyncContent state={mine}>
        {(data) => (
          <>
            <section aria-labelledby="my-plants-heading">
              <h2 id="my-plants-heading">{t('suppliersRegistration.mine.plants')}</h2>
              {data.establishments.length === 0 ? (
                <p className="muted">{t('suppliersRegistration.mine.empty')}</p>
              ) : (
                <DataTable
                  caption={t('suppliersRegistration.mine.plants')}
                  testId="my-plants"
                  columns={[
                    t('suppliersRegistration.mine.name'),
                    t('suppliersRegistration.mine.place'),
                    t('suppliersRegistration.mine.origin'),
                    t('suppliersRegistration.mine.contact'),
                    t('suppliersRegistration.mine.updated'),
                    { label: t('suppliersRegistration.mine.actions'), labelHidden: true },
                  ]}
                >
                  {data.establishments.map((e) => (
                    <tr key={e.id} data-establishment-id={e.id}>
                      <th scope="row">
                        <Link to={establishmentPath(e.id)}>{e.name}</Link>
                        {e.company ? <span className="muted small supplier-block">{e.company.legalName}</span> : null}
                      </th>
                      <td>{[e.municipalityName, e.stateName].filter(Boolean).join(', ') || '—'}</td>
                      <td>{e.origin === 'registered' ? t('suppliersRegistration.mine.registered') : t('suppliersRegistration.mine.claimed')}</td>
                      <td>{e.contactConsent ? t('suppliersRegistration.mine.contactShown') : t('suppliersRegistration.mine.contactHidden')}</td>
                      <td>{formatDate(e.updatedAt, lang)}</td>
                      <td>
                        {e.editable ? (
                          <Link className="button button--secondary" to={myPlantPath(e.id)} aria-label={t('suppliersRegistration.mine.editNamed', { name: e.name })} data-testid="edit-plant">
                            {t('suppliersRegistration.mine.edit')}
                          </Link>
                        ) : (
                          <span className="muted small">{t(`suppliersRegistration.edit.readOnly.${e.readOnlyReason ?? 'not_yours'}`)}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </section>
            <section aria-labelledby="my-claims-heading">
              <h2 id="my-claims-heading">{t('suppliersRegistration.mine.claims')}</h2>
              <p className="muted small">{t('suppliersRegistration.mine.claimsLead')}</p>
              {data.claims.length === 0 ? (
                <p className="muted">{t('suppliersRegistration.mine.noClaims')}</p>
              ) : (
                <DataTable
                  caption={t('suppliersRegistration.mine.claims')}
                  testId="my-claims"
                  columns={[t('suppliersRegistration.mine.name'), t('suppliersRegistration.mine.organisation'), t('suppliersRegistration.mine.sent'), t('suppliersRegistration.mine.status')]}
                >
                  {data.claims.map((c) => (
                    <tr key={c.id} data-claim-id={c.id} data-status={c.status}>
                      <th scope="row">
                        <Link to={establishmentPath(c.establishment.id)}>{c.establishment.name}</Link>
                      </th>
                      <td>{c.organisation.name}</td>
                      <td>{formatDate(c.createdAt, lang)}</td>
                      <td>
                        <span className={claimTag[c.status]}>{t(`suppliersRegistration.claimStatus.${c.status}`)}</span>
                        {c.decisionNote ? <span className="muted small supplier-block">{t('suppliersRegistration.claim.note', { note: c.decisionNote })}</span> : null}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </section>
          </>
        )}
      </AsyncContent>
    </div>
  );
}
