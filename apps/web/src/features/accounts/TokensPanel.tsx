import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { CopyButton } from '../../ui/CopyButton';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { ErrorMessage } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { createToken, listTokens, revokeToken } from './api';
import { maxTokenNameLength } from './validation';

export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tokens = useAsyncData((signal) => listTokens(signal), []);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setActionError(undefined);
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      setCreated(await createToken(name.trim()));
      setName('');
      tokens.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  const onRevoke = async (id: string, tokenName: string) => {
    if (!window.confirm(t('account.tokens.confirmRevoke', { name: tokenName }))) return;
    setActionError(undefined);
    try {
      await revokeToken(id);
      if (created?.id === id) setCreated(null);
      tokens.reload();
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('account.tokens.title')}</h2>
      <p>{t('account.tokens.intro')}</p>

      <form className="form form--inline" noValidate onSubmit={(e) => void onCreate(e)}>
        <Field
          label={t('account.tokens.name')}
          name="tokenName"
          value={name}
          maxLength={maxTokenNameLength}
          required
          onChange={(e) => setName(e.target.value)}
          error={nameError}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('account.tokens.create')}
        </button>
      </form>

      {created ? (
        <div className="alert alert--success" role="status" data-testid="new-token">
          <p className="alert__title">{t('account.tokens.createdTitle', { name: created.name })}</p>
          <p>{t('account.tokens.createdOnce')}</p>
          <p className="token-value">
            <code aria-label={t('account.tokens.valueLabel')}>{created.token}</code>
          </p>
          <CopyButton text={created.token} label={t('account.tokens.copy')} />{' '}
          <button type="button" className="button button--link" onClick={() => setCreated(null)}>
            {t('account.tokens.dismiss')}
          </button>
        </div>
      ) : null}

      {actionError ? <ErrorMessage error={actionError} /> : null}

      <AsyncContent state={tokens} isEmpty={(data) => data.items.length === 0} emptyText={t('account.tokens.empty')}>
        {(data) => (
          <DataTable
            caption={t('account.tokens.title')}
            columns={[
              t('account.tokens.name'),
              t('account.tokens.createdAt'),
              t('account.tokens.lastUsedAt'),
              { label: t('common.actions'), labelHidden: true },
            ]}
          >
            {data.items.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{formatDateTime(token.createdAt, lang)}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : t('account.tokens.neverUsed')}</td>
                <td>
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => void onRevoke(token.id, token.name)}
                    aria-label={t('account.tokens.revokeNamed', { name: token.name })}
                  >
                    {t('account.tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </AsyncContent>
    </section>
  );
}
