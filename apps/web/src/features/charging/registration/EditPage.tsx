import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { AsyncContent } from '../../../ui/AsyncContent';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAsyncData } from '../../../ui/useAsyncData';
import { getRegistration, updateRegistration } from './api';
import { bodyOf, formFromDetail } from './form';
import { RegistrationForm } from './RegistrationForm';
import type { RegistrationDetail } from './types';

/** Edit a registered charger; imported ones are shown as read-only with where to correct them. */
export function EditPage() {
  const { t } = useTranslation();
  usePageTitle(t('chargingRegistration.edit.title'));
  return (
    <RequireSignIn>
      <EditContent />
    </RequireSignIn>
  );
}

function EditContent() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useAsyncData((signal) => getRegistration(id, signal), [id]);
  // The version the form was loaded from; each save moves it on.
  const [version, setVersion] = useState<string | null>(null);
  return (
    <div className="page">
      <p>
        <Link to="/cargadores/mis-cargadores">← {t('chargingRegistration.mine.title')}</Link>
      </p>
      <h1>{t('chargingRegistration.edit.title')}</h1>
      <AsyncContent state={detail}>
        {(d: RegistrationDetail) =>
          d.editable ? (
            <>
              <p className="lead">{d.name}</p>
              <RegistrationForm
                key={d.updatedAt}
                initial={formFromDetail(d)}
                options={null}
                submitLabel={t('chargingRegistration.edit.submit')}
                successMessage={t('chargingRegistration.edit.saved')}
                errorExtra={
                  <button type="button" className="button button--secondary" onClick={() => { setVersion(null); detail.reload(); }}>
                    {t('chargingRegistration.edit.reload')}
                  </button>
                }
                onSubmit={async (form) => {
                  // A 409 CHARGING.STALE_EDIT is shown by the form, with the reload button above.
                  const saved = await updateRegistration(d.id, { ...bodyOf(form), updatedAt: version ?? d.updatedAt });
                  setVersion(saved.updatedAt);
                }}
              />
            </>
          ) : (
            <div className="card">
              <p className="lead">{d.name}</p>
              <p>{t('chargingRegistration.mine.importedNote')}</p>
            </div>
          )
        }
      </AsyncContent>
    </div>
  );
}
