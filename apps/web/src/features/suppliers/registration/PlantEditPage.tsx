import '../../charging/registration/registration.css';
import './registration.css';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAsyncData } from '../../../ui/useAsyncData';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { establishmentPath } from '../paths';
import { useVocabularies } from '../useVocabularies';
import { getMine, updateEstablishment } from './api';
import { patchOf, plantFromEstablishment, serverErrors, validatePlant, type FormErrors, type PlantForm } from './form';
import { myPlantsPath } from './paths';
import { ActivitySection, ContactSection, LocationSection, useMessage } from './PlantSections';
import type { OwnEstablishment } from './types';

/** `/proveedores/mis-plantas/:id`: a company edits one of its plants, including whether its contact is shown. */
export function PlantEditPage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersRegistration.edit.title'));
  return (
    <RequireSignIn>
      <EditContent />
    </RequireSignIn>
  );
}

function EditContent() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const mine = useAsyncData((signal) => getMine(signal), [id]);
  const establishment = mine.data?.establishments.find((e) => e.id === id);
  return (
    <div className="page" data-testid="plant-edit-page">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={myPlantsPath}>{t('suppliersRegistration.mine.title')}</Link>
          </li>
          <li aria-current="page">{establishment?.name ?? t('suppliersRegistration.edit.title')}</li>
        </ol>
      </nav>
      <h1>{t('suppliersRegistration.edit.title')}</h1>
      {mine.error ? (
        <ErrorMessage error={mine.error} onRetry={mine.reload} />
      ) : !mine.data ? (
        <Loading />
      ) : establishment && !establishment.editable ? (
        <div className="alert alert--warning" role="note" data-testid="read-only">
          <p>{t(`suppliersRegistration.edit.readOnly.${establishment.readOnlyReason ?? 'not_yours'}`)}</p>
          <p>
            <Link to={establishmentPath(establishment.id)}>{establishment.name}</Link>
          </p>
        </div>
      ) : establishment ? (
        // A reload (after a stale edit) starts the form again from the current version.
        <EditForm key={establishment.updatedAt} establishment={establishment} onReload={mine.reload} />
      ) : (
        <div className="alert alert--warning" role="alert" data-testid="not-yours">
          <p>{t('suppliersRegistration.edit.notYours')}</p>
        </div>
      )}
    </div>
  );
}

function EditForm({ establishment, onReload }: { establishment: OwnEstablishment; onReload: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const vocab = useVocabularies();
  // What the form was loaded from, and the version each save moves on to.
  const [saved, setSaved] = useState<{ plant: PlantForm; updatedAt: string }>(() => ({ plant: plantFromEstablishment(establishment), updatedAt: establishment.updatedAt }));
  const [plant, setPlant] = useState<PlantForm>(saved.plant);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const message = useMessage(errors);
  const update = (patch: Partial<PlantForm>) => {
    setPlant((p) => ({ ...p, ...patch }));
    // Editing a field clears its message (and its items'), until the next save.
    const paths = Object.keys(patch).map((k) => `/establishment/${k === 'otherMarkets' ? 'exportMarkets' : k}`);
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([path]) => !paths.some((p) => path === p || path.startsWith(`${p}/`)))));
  };
  const stale = isApiError(submitError) && submitError.code === 'SUPPLIERS.STALE_EDIT';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    setSubmitError(undefined);
    const found = validatePlant(plant);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${CSS.escape(id)} [aria-invalid="true"]`)?.focus());
      return;
    }
    const patch = patchOf(saved.plant, plant, saved.updatedAt);
    if (Object.keys(patch).length === 1) {
      setDone(t('suppliersRegistration.edit.nothing'));
      return;
    }
    setBusy(true);
    try {
      const next = await updateEstablishment(establishment.id, patch);
      const fresh = plantFromEstablishment(next);
      setSaved({ plant: fresh, updatedAt: next.updatedAt });
      setPlant(fresh);
      setDone(t('suppliersRegistration.edit.saved'));
    } catch (error) {
      setSubmitError(error);
      if (isApiError(error)) setErrors(serverErrors(error, '/establishment'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="lead">
        <Link to={establishmentPath(establishment.id)}>{establishment.name}</Link>
        {establishment.company ? <span className="muted"> · {establishment.company.legalName}</span> : null}
      </p>
      {establishment.origin === 'import' ? <p className="muted">{t('suppliersRegistration.edit.importedNote')}</p> : null}
      <form id={id} className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="plant-edit-form">
        <fieldset className="registration-fieldset">
          <legend>{t('suppliersRegistration.steps.contact')}</legend>
          <ContactSection plant={plant} update={update} message={message} />
        </fieldset>
        <fieldset className="registration-fieldset">
          <legend>{t('suppliersRegistration.steps.location')}</legend>
          <LocationSection plant={plant} update={update} message={message} />
        </fieldset>
        <fieldset className="registration-fieldset">
          <legend>{t('suppliersRegistration.steps.activity')}</legend>
          <ActivitySection plant={plant} update={update} message={message} vocab={vocab} />
        </fieldset>
        {Object.keys(errors).length > 0 && !submitError ? (
          <p className="field__error" role="alert">
            {t('suppliersRegistration.validation.summary')}
          </p>
        ) : null}
        {submitError ? <ErrorMessage error={submitError} /> : null}
        {stale ? (
          <p className="actions" data-testid="stale-edit">
            <span>{t('suppliersRegistration.edit.stale')}</span>
            <button type="button" className="button button--secondary" onClick={onReload} data-testid="reload">
              {t('suppliersRegistration.edit.reload')}
            </button>
          </p>
        ) : null}
        <p role="status" className="form__success" data-testid="edit-done">
          {done}
        </p>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="save-plant">
            {t('suppliersRegistration.edit.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
