import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Field, SelectField } from '../../ui/Field';
import { ErrorMessage } from '../../ui/Status';
import { createComponent, updateComponent } from './api';
import { curationBody, emptyCurationForm, formOf, validateCuration, type CurationErrors, type CurationForm as Form } from './curation';
import type { CatalogueComponent } from './types';
import type { Vocabularies } from './useVocabularies';

interface Props {
  /** The component being edited; null adds a new one. */
  component: CatalogueComponent | null;
  vocabularies: Vocabularies;
  onSaved: (component: CatalogueComponent) => void;
}

/** Add or edit one catalogue component (analysts, moderators and admins; the server checks). */
export function CurationForm({ component, vocabularies: v, onSaved }: Props) {
  const { t } = useTranslation();
  const creating = component === null;
  const [form, setForm] = useState<Form>(component ? formOf(component) : emptyCurationForm);
  const [errors, setErrors] = useState<CurationErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const prefix = creating ? 'new' : 'edit';

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setDone(false);
  };
  const message = (key: keyof Form) => {
    const e = errors[key];
    if (!e) return undefined;
    return e.key === 'hsInvalid' ? t('suppliers.catalogue.curation.hsInvalid', { codes: e.codes ?? '' }) : t(`suppliers.catalogue.curation.${e.key}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateCuration(form, creating);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    const body = curationBody(form, component);
    setBusy(true);
    try {
      const saved = creating ? await createComponent(body) : await updateComponent(component.code, body);
      setDone(true);
      if (creating) setForm(emptyCurationForm);
      onSaved(saved);
    } catch (err) {
      if (isApiError(err) && err.errors.length > 0) {
        const fieldErrors: CurationErrors = {};
        for (const fe of err.errors) {
          const name = fe.path.split(/[/.]/).filter(Boolean).pop() as keyof Form | undefined;
          if (name && name in emptyCurationForm) fieldErrors[name] = { key: 'required' };
        }
        setErrors(fieldErrors);
      }
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card curation-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`curation-${prefix}-heading`} data-testid={`curation-${prefix}`}>
      <h2 id={`curation-${prefix}-heading`}>{t(creating ? 'suppliers.catalogue.curation.newTitle' : 'suppliers.catalogue.curation.editTitle')}</h2>
      <p className="muted small">{t('suppliers.catalogue.curation.intro')}</p>
      <div className="curation-form__fields">
        {creating ? (
          <Field label={t('suppliers.catalogue.curation.code')} name="code" required value={form.code} onChange={(e) => set('code', e.target.value)} error={message('code')} autoComplete="off" />
        ) : null}
        <SelectField label={t('suppliers.catalogue.curation.group')} name="group" required value={form.group} onChange={(e) => set('group', e.target.value)} error={message('group')}>
          <option value="">—</option>
          {(v.taxonomy?.componentGroups ?? []).map((g) => (
            <option key={g.code} value={g.code}>
              {v.group(g.code)}
            </option>
          ))}
        </SelectField>
        <Field label={t('suppliers.catalogue.curation.nameEs')} name="nameEs" lang="es" required value={form.nameEs} onChange={(e) => set('nameEs', e.target.value)} error={message('nameEs')} />
        <Field label={t('suppliers.catalogue.curation.nameEn')} name="nameEn" lang="en" required value={form.nameEn} onChange={(e) => set('nameEn', e.target.value)} error={message('nameEn')} />
        <Field label={t('suppliers.catalogue.curation.descriptionEs')} name="descriptionEs" lang="es" value={form.descriptionEs} onChange={(e) => set('descriptionEs', e.target.value)} />
        <Field label={t('suppliers.catalogue.curation.descriptionEn')} name="descriptionEn" lang="en" value={form.descriptionEn} onChange={(e) => set('descriptionEn', e.target.value)} />
        <Field
          label={t('suppliers.catalogue.curation.hsCodes')}
          name="hsCodes"
          hint={t('suppliers.catalogue.curation.hsHint')}
          value={form.hsCodes}
          onChange={(e) => set('hsCodes', e.target.value)}
          error={message('hsCodes')}
          autoComplete="off"
        />
      </div>
      <p>
        <label className="curation-form__check">
          <input type="checkbox" name="evSpecific" checked={form.evSpecific} onChange={(e) => set('evSpecific', e.target.checked)} />
          {t('suppliers.catalogue.curation.evSpecific')}
        </label>
      </p>
      {!creating ? (
        <p>
          <label className="curation-form__check">
            <input type="checkbox" name="retired" checked={form.retired} onChange={(e) => set('retired', e.target.checked)} />
            {t('suppliers.catalogue.curation.retired')}
          </label>
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      <p role="status" className="small">
        {done ? t(creating ? 'suppliers.catalogue.curation.created' : 'suppliers.catalogue.curation.saved') : ''}
      </p>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t(creating ? 'suppliers.catalogue.curation.create' : 'suppliers.catalogue.curation.save')}
        </button>
      </div>
    </form>
  );
}
