import './live.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { formatInteger } from '../../i18n/format';
import { CopyButton } from '../../ui/CopyButton';
import { DataTable } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { listLocations } from '../charging/api';
import { emptyFilters } from '../charging/filters';
import { locationPath } from '../charging/paths';
import { registrationOptions } from '../charging/registration/api';
import { createChargePoint, deleteChargePoint, listChargePoints } from './api';
import { csmsUrl, generatePassword, timeAgo } from './liveStatus';
import type { ChargePoint } from './types';
import { useNow } from './useNow';

const subprotocols = ['ocpp1.6', 'ocpp2.0.1'];

/** A census location to link, found by name among the operator's (or all public) locations. */
function LocationPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const q = useDebouncedValue(query.trim(), 300);
  const found = useAsyncData((signal) => (q.length >= 2 ? listLocations({ ...emptyFilters, q }, { limit: 20, cursor: null }, signal) : null), [q]);
  return (
    <div className="live-toolbar">
      <Field label={t('live.chargePoints.locationSearch')} name="locationSearch" type="search" value={query} autoComplete="off" maxLength={100} onChange={(e) => setQuery(e.target.value)} />
      <SelectField label={t('live.chargePoints.location')} name="locationId" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('live.chargePoints.locationNone')}</option>
        {(found.data?.items ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {[l.name, l.municipalityName, l.stateName].filter(Boolean).join(' · ')}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function AddChargePoint({ operators, onCreated }: { operators: Array<{ id: string; name: string }>; onCreated: () => void }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState('');
  const [password, setPassword] = useState(() => generatePassword());
  const [operator, setOperator] = useState(operators[0]?.id ?? '');
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ identity: string; password: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const cp = await createChargePoint({ identity: identity.trim(), password, operatorOrganisationId: operator, ...(locationId ? { locationId } : {}) });
      // The password is shown this once; a fresh one is ready for the next charge point.
      setCreated({ identity: cp.identity, password });
      setIdentity('');
      setLocationId('');
      setPassword(generatePassword());
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-cp-heading">
      <h2 id="add-cp-heading">{t('live.chargePoints.addTitle')}</h2>
      {created ? (
        <div className="alert alert--success" role="status" data-testid="charge-point-created">
          <p>{t('live.chargePoints.created', { identity: created.identity })}</p>
          <p className="live-password">
            <code data-testid="charge-point-password">{created.password}</code> <CopyButton text={created.password} />
          </p>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} data-testid="charge-point-form">
        {operators.length > 1 ? (
          <SelectField label={t('live.chargePoints.operator')} name="operatorOrganisationId" value={operator} onChange={(e) => setOperator(e.target.value)} required>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Field
          label={t('live.chargePoints.identity')}
          hint={t('live.chargePoints.identityHint')}
          name="identity"
          value={identity}
          required
          maxLength={48}
          pattern="[A-Za-z0-9*\-_=:+|@.]+"
          autoComplete="off"
          onChange={(e) => setIdentity(e.target.value)}
          error={isApiError(error) && error.code === 'OCPP.IDENTITY_TAKEN' ? error.title : undefined}
        />
        <Field label={t('live.chargePoints.password')} hint={t('live.chargePoints.passwordHint')} name="password" value={password} readOnly spellCheck={false} />
        <p>
          <button type="button" className="button button--link" onClick={() => setPassword(generatePassword())}>
            {t('live.chargePoints.regenerate')}
          </button>
        </p>
        <LocationPicker value={locationId} onChange={setLocationId} />
        {error && !(isApiError(error) && error.code === 'OCPP.IDENTITY_TAKEN') ? <ErrorMessage error={error} /> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy || !operator}>
            {t('live.chargePoints.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ChargePointTable({ items, onRemoved }: { items: ChargePoint[]; onRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const [error, setError] = useState<unknown>(undefined);
  const remove = async (cp: ChargePoint) => {
    if (!window.confirm(t('live.chargePoints.removeConfirm', { identity: cp.identity }))) return;
    try {
      await deleteChargePoint(cp.id);
      onRemoved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {error ? <ErrorMessage error={error} /> : null}
      <DataTable
        caption={t('live.chargePoints.listCaption')}
        testId="charge-points-table"
        columns={[
          t('live.chargePoints.columns.identity'),
          t('live.chargePoints.columns.location'),
          t('live.chargePoints.columns.registration'),
          t('live.chargePoints.columns.connection'),
          t('live.chargePoints.columns.lastSeen'),
          t('live.chargePoints.columns.device'),
          { label: t('live.chargePoints.columns.actions'), labelHidden: true },
        ]}
      >
        {items.map((cp) => (
          <tr key={cp.id} data-identity={cp.identity} data-connected={String(cp.connected)}>
            <th scope="row">
              <code>{cp.identity}</code>
              {cp.operatorName ? <span className="muted small"> · {cp.operatorName}</span> : null}
            </th>
            <td>{cp.locationId ? <Link to={locationPath(cp.locationId)}>{cp.locationName ?? cp.locationId}</Link> : t('live.chargePoints.noLocation')}</td>
            <td>{t(`live.chargePoints.registration.${cp.registrationStatus}`)}</td>
            <td>{cp.connected ? t('live.chargePoints.connected') : t('live.chargePoints.disconnected')}</td>
            <td>{cp.lastSeenAt ? <time dateTime={cp.lastSeenAt}>{timeAgo(cp.lastSeenAt, now, lang)}</time> : t('live.chargePoints.never')}</td>
            <td>{[cp.vendor, cp.model, cp.ocppVersion, cp.firmwareVersion].filter(Boolean).join(' · ') || '—'}</td>
            <td>
              <button type="button" className="button button--link" onClick={() => void remove(cp)}>
                {t('live.chargePoints.remove', { identity: cp.identity })}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function ChargePoints() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const options = useAsyncData((signal) => registrationOptions(signal), []);
  const list = useAsyncData((signal) => listChargePoints({ operator: '' }, signal), []);
  const example = csmsUrl(window.location.origin, '');

  return (
    <>
      <section className="card" aria-labelledby="connect-heading">
        <h2 id="connect-heading">{t('live.chargePoints.connectTitle')}</h2>
        <p>{t('live.chargePoints.connectIntro')}</p>
        <p className="live-password">
          <code data-testid="csms-url">{example}</code>
        </p>
        <p className="muted small">{t('live.chargePoints.subprotocols', { list: subprotocols.join(', ') })}</p>
      </section>
      {options.error ? (
        <ErrorMessage error={options.error} onRetry={options.reload} />
      ) : !options.data ? (
        <Loading />
      ) : options.data.operatorOrganisations.length === 0 ? (
        <p className="muted" data-testid="charge-points-no-operator">
          {t('live.chargePoints.noOperator')}
        </p>
      ) : (
        <AddChargePoint operators={options.data.operatorOrganisations} onCreated={list.reload} />
      )}
      <section className="card" aria-labelledby="cp-list-heading">
        <h2 id="cp-list-heading">{t('live.chargePoints.listCaption')}</h2>
        {list.error ? (
          isApiError(list.error) && list.error.status === 404 ? (
            <p className="muted">{t('live.chargePoints.unavailable')}</p>
          ) : (
            <ErrorMessage error={list.error} onRetry={list.reload} />
          )
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <p className="muted">{t('live.chargePoints.empty')}</p>
        ) : (
          <>
            <p data-testid="charge-points-total">{t('live.chargePoints.total', { total: formatInteger(list.data.total, lang) })}</p>
            <ChargePointTable items={list.data.items} onRemoved={list.reload} />
          </>
        )}
      </section>
    </>
  );
}

/** `/cargadores/puntos-de-carga`: provision the charge points that report over OCPP. */
export function ChargePointsPage() {
  const { t } = useTranslation();
  usePageTitle(t('live.chargePoints.title'));
  return (
    <RequireSignIn>
      <div className="page" data-testid="charge-points">
        <h1>{t('live.chargePoints.title')}</h1>
        <p>{t('live.chargePoints.intro')}</p>
        <ChargePoints />
      </div>
    </RequireSignIn>
  );
}
