import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportRun } from '../../api/types';
import { translateDynamic } from '../../i18n/dynamic';
import { localized } from '../../i18n/languages';
import { DataTable } from '../../ui/DataTable';
import { ErrorMessage } from '../../ui/Status';
import { uploadImport } from './api';
import { acceptFor } from './progress';

interface Props {
  kinds: ImportKind[];
  onStarted: (run: ImportRun) => void;
}

export function NewImportForm({ kinds, onStarted }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [kindName, setKindName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [strict, setStrict] = useState(false);
  const [errors, setErrors] = useState<{ kind?: string; file?: string }>({});
  const [uploadError, setUploadError] = useState<unknown>(undefined);
  const [uploading, setUploading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const kindRef = useRef<HTMLSelectElement>(null);
  const kind = kinds.find((k) => k.kind === kindName) ?? null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setUploadError(undefined);
    const next: { kind?: string; file?: string } = {};
    if (!kind) next.kind = t('imports.form.chooseKindError');
    if (!file) next.file = t('imports.form.chooseFileError');
    setErrors(next);
    if (next.kind) return kindRef.current?.focus();
    if (next.file || !kind || !file) return fileRef.current?.focus();
    setUploading(true);
    try {
      const run = await uploadImport({ kind: kind.kind, strict, file });
      onStarted(run);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  const kindDescribedBy = [kind ? `${id}-kind-details` : null, errors.kind ? `${id}-kind-error` : null]
    .filter(Boolean)
    .join(' ');
  const fileDescribedBy = [`${id}-file-hint`, errors.file ? `${id}-file-error` : null].filter(Boolean).join(' ');

  return (
    <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="import-form">
      <div className={`field${errors.kind ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-kind`} className="field__label">
          {t('imports.kind')}
        </label>
        <select
          ref={kindRef}
          id={`${id}-kind`}
          name="kind"
          className="input"
          value={kindName}
          onChange={(e) => setKindName(e.target.value)}
          aria-invalid={errors.kind ? true : undefined}
          aria-describedby={kindDescribedBy || undefined}
          required
        >
          <option value="">{t('imports.form.chooseKind')}</option>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {localized(k.title, i18n.language)}
            </option>
          ))}
        </select>
        {errors.kind ? (
          <p id={`${id}-kind-error`} className="field__error">
            {errors.kind}
          </p>
        ) : null}
      </div>

      {kind ? (
        <div id={`${id}-kind-details`} className="kind-details" data-testid="import-kind-details">
          <p>{localized(kind.description, i18n.language)}</p>
          <p>
            <strong>{t('imports.form.formats')}:</strong> {kind.formats.join(', ')}
            {kind.requiredRole ? (
              <>
                {' · '}
                <strong>{t('imports.form.requiredRole')}:</strong>{' '}
                {translateDynamic(t, `roles.platform.${kind.requiredRole}`, kind.requiredRole)}
              </>
            ) : null}
          </p>
          {kind.kind === 'charging.template' ? (
            <section className="template-downloads" aria-labelledby={`${id}-template-heading`} data-testid="charging-template-downloads">
              <h3 id={`${id}-template-heading`}>{t('chargingTemplate.heading')}</h3>
              <p>{t('chargingTemplate.intro')}</p>
              <ul>
                <li><a href="/api/v1/charging/template.xlsx?lang=es" download hrefLang="es">{t('chargingTemplate.xlsxSpanish')}</a></li>
                <li><a href="/api/v1/charging/template.csv?lang=es" download hrefLang="es">{t('chargingTemplate.csvSpanish')}</a></li>
                <li><a href="/api/v1/charging/template.xlsx?lang=en" download hrefLang="en">{t('chargingTemplate.xlsxEnglish')}</a></li>
                <li><a href="/api/v1/charging/template.csv?lang=en" download hrefLang="en">{t('chargingTemplate.csvEnglish')}</a></li>
              </ul>
            </section>
          ) : null}
          <DataTable
            caption={t('imports.form.expectedColumns')}
            captionVisible
            className="table--compact"
            columns={[t('imports.form.column'), t('imports.form.required'), t('imports.form.aliases')]}
          >
            {kind.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>{c.required ? t('common.yes') : t('common.no')}</td>
                <td>{c.aliases.length ? c.aliases.map((a) => <code key={a}>{a} </code>) : '—'}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}

      <div className={`field${errors.file ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-file`} className="field__label">
          {t('imports.form.file')}
        </label>
        <p id={`${id}-file-hint`} className="field__hint">
          {kind ? t('imports.form.fileHintFormats', { formats: kind.formats.join(', ') }) : t('imports.form.fileHint')}
        </p>
        <input
          ref={fileRef}
          id={`${id}-file`}
          name="file"
          type="file"
          className="input input--file"
          accept={kind ? acceptFor(kind.formats) : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={fileDescribedBy}
          required
        />
        {errors.file ? (
          <p id={`${id}-file-error`} className="field__error">
            {errors.file}
          </p>
        ) : null}
      </div>

      <div className="field field--checkbox">
        <input
          id={`${id}-strict`}
          name="strict"
          type="checkbox"
          checked={strict}
          onChange={(e) => setStrict(e.target.checked)}
          aria-describedby={`${id}-strict-hint`}
        />
        <label htmlFor={`${id}-strict`}>{t('imports.form.strict')}</label>
        <p id={`${id}-strict-hint`} className="field__hint">
          {t('imports.form.strictHint')}
        </p>
      </div>

      {uploadError ? <ErrorMessage error={uploadError} /> : null}

      <button type="submit" className="button button--primary" disabled={uploading} aria-busy={uploading}>
        {uploading ? t('imports.form.uploading') : t('imports.form.submit')}
      </button>
    </form>
  );
}
