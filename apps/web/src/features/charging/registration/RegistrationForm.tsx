import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import type { LocateResponse } from '../../../api/types';
import { Field, SelectField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Status';
import { useDebouncedValue } from '../../../ui/useDebouncedValue';
import { locatePoint } from '../../geo/api';
import {
  emptyConnector, emptyEvse, pointOf, serverErrors, validateForm,
  type ConnectorForm, type FormErrors, type FormMessage, type HoursMode, type RegistrationForm as FormState,
} from './form';
import { PointPicker } from './PointPicker';
import {
  chargingUses, connectorStandards, lifecycleStatuses, paymentMethods,
  type Access, type ConnectorFormat, type ConnectorStandard, type LifecycleStatus, type PowerType, type RegistrationOptions,
} from './types';
import './registration.css';

interface Props {
  initial: FormState;
  /** Create: the organisations the user can act for. Edit: null (who registers is fixed). */
  options: RegistrationOptions | null;
  submitLabel: string;
  /** Sends the form; a thrown ApiError's field errors are shown at their fields. */
  onSubmit: (form: FormState) => Promise<void>;
  /** Shown after a successful submit. */
  successMessage?: string;
  /** Extra content under the error (e.g. a reload button after a stale edit). */
  errorExtra?: ReactNode;
}

const pointPaths = new Set(['/lat', '/lon']);

/** The registration form shared by "Registrar cargador" and the edit page. */
export function RegistrationForm({ initial, options, submitLabel, onSubmit, successMessage, errorExtra }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<FormState>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState('');
  const creating = options !== null;

  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const updateEvse = (i: number, patch: Partial<FormState['evses'][number]>) =>
    setForm((f) => ({ ...f, evses: f.evses.map((e, k) => (k === i ? { ...e, ...patch } : e)) }));
  const updateConnector = (i: number, j: number, patch: Partial<ConnectorForm>) =>
    setForm((f) => ({
      ...f,
      evses: f.evses.map((e, k) => (k === i ? { ...e, connectors: e.connectors.map((c, m) => (m === j ? { ...c, ...patch } : c)) } : e)),
    }));

  const message = (path: string): string | undefined => {
    const m: FormMessage | undefined = errors[path];
    if (!m) return undefined;
    if ('key' in m) return t(`chargingRegistration.validation.${m.key}`);
    // The server's messages are in English; its codes have our own wording.
    if (isApiError(submitError)) {
      if (pointPaths.has(path) && submitError.code.startsWith('CHARGING.POINT_')) return `${t(`errors.${submitError.code}` as 'errors.CHARGING.POINT_SWAPPED')} ${m.text}`;
      if (/max(PowerKw|VoltageV|AmperageA)$/.test(path)) return `${t('errors.CHARGING.IMPLAUSIBLE_POWER')} ${m.text}`;
    }
    return m.text;
  };

  // Where the point falls, from the same boundaries the server uses.
  const point = pointOf(form);
  const debounced = useDebouncedValue(point ? `${point.lat},${point.lon}` : '', 300);
  const [placement, setPlacement] = useState<{ state: 'none' | 'checking' | 'outside' } | { state: 'inside'; result: LocateResponse }>({ state: 'none' });
  useEffect(() => {
    if (!debounced) {
      setPlacement({ state: 'none' });
      return;
    }
    const [lat, lon] = debounced.split(',').map(Number) as [number, number];
    const controller = new AbortController();
    setPlacement({ state: 'checking' });
    locatePoint(lat, lon, controller.signal)
      .then((result) => setPlacement({ state: 'inside', result }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setPlacement({ state: isApiError(error) && error.code === 'GEO.POINT_OUTSIDE_COVERAGE' ? 'outside' : 'none' });
      });
    return () => controller.abort();
  }, [debounced]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    setSubmitError(undefined);
    const found = validateForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first invalid control so keyboard and screen-reader users land on it.
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${CSS.escape(id)} [aria-invalid="true"]`)?.focus());
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(form);
      if (successMessage) setDone(successMessage);
    } catch (error) {
      setSubmitError(error);
      if (isApiError(error)) setErrors(serverErrors(error.errors));
    } finally {
      setSubmitting(false);
    }
  };

  const toggle = <T extends string>(list: T[], value: T, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));
  const accessChoices: Access[] = form.actingAs === 'owner' ? ['private'] : ['public', 'restricted'];

  return (
    <form id={id} className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="registration-form">
      {creating ? (
        <fieldset className="registration-fieldset">
          <legend>{t('chargingRegistration.actingAs.legend')}</legend>
          <div className="registration-choices">
            {(['operator', 'owner'] as const).map((role) => (
              <label key={role}>
                <input
                  type="radio"
                  name={`${id}-acting`}
                  value={role}
                  checked={form.actingAs === role}
                  onChange={() =>
                    update({
                      actingAs: role,
                      access: role === 'owner' ? 'private' : 'public',
                      organisationId: role === 'operator' ? options.operatorOrganisations[0]?.id ?? '' : '',
                    })
                  }
                />
                {t(`chargingRegistration.actingAs.${role}`)}
              </label>
            ))}
          </div>
          {form.actingAs === 'operator' ? (
            options.operatorOrganisations.length === 0 ? (
              <p className="alert" role="note">{t('chargingRegistration.actingAs.noOperator')}</p>
            ) : (
              <SelectField
                label={t('chargingRegistration.actingAs.organisation')}
                value={form.organisationId}
                required
                onChange={(e) => update({ organisationId: e.target.value })}
                error={message('/organisationId')}
              >
                <option value="">—</option>
                {options.operatorOrganisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
            )
          ) : (
            <>
              <SelectField
                label={t('chargingRegistration.actingAs.ownerFor')}
                value={form.organisationId}
                onChange={(e) => update({ organisationId: e.target.value })}
                error={message('/organisationId')}
              >
                <option value="">{t('chargingRegistration.actingAs.ownerSelf')}</option>
                {options.ownerOrganisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
              <p className="field__hint">{t('chargingRegistration.actingAs.privateNote')}</p>
            </>
          )}
        </fieldset>
      ) : form.access === 'private' ? (
        <p className="field__hint">{t('chargingRegistration.actingAs.privateNote')}</p>
      ) : null}

      <fieldset className="registration-fieldset">
        <legend>{t('chargingRegistration.sections.place')}</legend>
        <p className="field__hint">{t('chargingRegistration.hints.point')}</p>
        <div className="registration-grid">
          <PointPicker point={point} onPick={(p) => update({ lat: String(p.lat), lon: String(p.lon) })} />
          <div className="form">
            <Field label={t('chargingRegistration.fields.lat')} inputMode="decimal" value={form.lat} required onChange={(e) => update({ lat: e.target.value })} error={message('/lat')} data-testid="lat" />
            <Field label={t('chargingRegistration.fields.lon')} inputMode="decimal" value={form.lon} required onChange={(e) => update({ lon: e.target.value })} error={message('/lon')} data-testid="lon" />
            <p className="registration-placement" role="status" aria-live="polite" data-testid="placement">
              {placement.state === 'inside'
                ? placement.result.municipality
                  ? t('chargingRegistration.placement.inside', { municipality: placement.result.municipality.name, state: placement.result.state.name })
                  : t('chargingRegistration.placement.insideState', { state: placement.result.state.name })
                : t(`chargingRegistration.placement.${placement.state}`)}
            </p>
            <Field label={t('chargingRegistration.fields.address')} value={form.address} maxLength={300} onChange={(e) => update({ address: e.target.value })} error={message('/address')} autoComplete="street-address" />
            <Field label={t('chargingRegistration.fields.postalCode')} value={form.postalCode} inputMode="numeric" maxLength={5} hint={t('chargingRegistration.hints.postalCode')} onChange={(e) => update({ postalCode: e.target.value })} error={message('/postalCode')} autoComplete="postal-code" />
          </div>
        </div>
      </fieldset>

      <fieldset className="registration-fieldset">
        <legend>{t('chargingRegistration.sections.site')}</legend>
        <div className="registration-grid">
          <Field label={t('chargingRegistration.fields.name')} value={form.name} required maxLength={200} onChange={(e) => update({ name: e.target.value })} error={message('/name')} data-testid="name" />
          <SelectField label={t('chargingRegistration.fields.access')} value={form.access} onChange={(e) => update({ access: e.target.value as Access })} error={message('/access')}>
            {accessChoices.map((a) => (
              <option key={a} value={a}>
                {t(`chargingRegistration.access.${a}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('chargingRegistration.fields.lifecycleStatus')} value={form.lifecycleStatus} onChange={(e) => update({ lifecycleStatus: e.target.value as LifecycleStatus })} error={message('/lifecycleStatus')}>
            {lifecycleStatuses.filter((s) => s !== 'decommissioned' || form.lifecycleStatus === 'decommissioned').map((s) => (
              <option key={s} value={s}>
                {t(`chargingRegistration.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t('chargingRegistration.fields.commissionedOn')} type="date" value={form.commissionedOn} onChange={(e) => update({ commissionedOn: e.target.value })} error={message('/commissionedOn')} />
          <SelectField label={t('chargingRegistration.fields.ocppSupport')} value={form.ocpp} onChange={(e) => update({ ocpp: e.target.value as FormState['ocpp'] })}>
            {(['unknown', 'yes', 'no'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`chargingRegistration.ocpp.${o}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="registration-fieldset">
          <legend>{t('chargingRegistration.fields.uses')}</legend>
          <div className="registration-choices">
            {chargingUses.map((u) => (
              <label key={u}>
                <input type="checkbox" checked={form.uses.includes(u)} onChange={(e) => update({ uses: toggle(form.uses, u, e.target.checked) })} />
                {t(`chargingRegistration.uses.${u}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="registration-fieldset">
          <legend>{t('chargingRegistration.fields.paymentMethods')}</legend>
          <div className="registration-choices">
            {paymentMethods.map((p) => (
              <label key={p}>
                <input type="checkbox" checked={form.paymentMethods.includes(p)} onChange={(e) => update({ paymentMethods: toggle(form.paymentMethods, p, e.target.checked) })} />
                {t(`chargingRegistration.payment.${p}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="registration-fieldset">
        <legend>{t('chargingRegistration.sections.hours')}</legend>
        <div className="registration-choices">
          {(['twentyfourseven', 'weekly', 'unknown'] as const).map((mode: HoursMode) => (
            <label key={mode}>
              <input
                type="radio"
                name={`${id}-hours`}
                checked={form.hoursMode === mode}
                onChange={() => update({ hoursMode: mode, periods: mode === 'weekly' && form.periods.length === 0 ? [{ weekday: 1, begin: '08:00', end: '20:00' }] : form.periods })}
              />
              {t(`chargingRegistration.hours.${mode}`)}
            </label>
          ))}
        </div>
        {form.hoursMode === 'weekly' ? (
          <>
            {form.periods.map((p, i) => (
              <div key={i} className="registration-row">
                <SelectField label={t('chargingRegistration.hours.weekday')} value={String(p.weekday)} onChange={(e) => update({ periods: form.periods.map((q, k) => (k === i ? { ...q, weekday: Number(e.target.value) } : q)) })}>
                  {(['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => (
                    <option key={d} value={d}>
                      {t(`chargingRegistration.hours.days.${d}`)}
                    </option>
                  ))}
                </SelectField>
                <Field label={t('chargingRegistration.hours.begin')} type="time" value={p.begin} onChange={(e) => update({ periods: form.periods.map((q, k) => (k === i ? { ...q, begin: e.target.value } : q)) })} error={message(`/openingHours/regular_hours/${i}/period_begin`)} />
                <Field label={t('chargingRegistration.hours.end')} type="time" value={p.end} onChange={(e) => update({ periods: form.periods.map((q, k) => (k === i ? { ...q, end: e.target.value } : q)) })} error={message(`/openingHours/regular_hours/${i}/period_end`)} />
                <button type="button" className="button button--secondary" onClick={() => update({ periods: form.periods.filter((_, k) => k !== i) })}>
                  {t('chargingRegistration.hours.removePeriod', { n: i + 1 })}
                </button>
              </div>
            ))}
            {message('/openingHours/regular_hours') ? <p className="field__error">{message('/openingHours/regular_hours')}</p> : null}
            <div>
              <button type="button" className="button button--secondary" onClick={() => update({ periods: [...form.periods, { weekday: Math.min(7, (form.periods.at(-1)?.weekday ?? 0) + 1), begin: '08:00', end: '20:00' }] })}>
                {t('chargingRegistration.hours.addPeriod')}
              </button>
            </div>
          </>
        ) : null}
      </fieldset>

      <fieldset className="registration-fieldset">
        <legend>{t('chargingRegistration.sections.evses')}</legend>
        {message('/evses') ? <p className="field__error">{message('/evses')}</p> : null}
        {form.evses.map((evse, i) => (
          <fieldset key={i} className="registration-fieldset registration-evse" data-testid={`evse-${i}`}>
            <legend>{t('chargingRegistration.evse.title', { n: i + 1 })}</legend>
            <Field label={t('chargingRegistration.fields.evseUid')} value={evse.evseUid} maxLength={48} hint={i === 0 ? t('chargingRegistration.hints.evseUid') : undefined} onChange={(e) => updateEvse(i, { evseUid: e.target.value })} error={message(`/evses/${i}/evseUid`)} />
            {message(`/evses/${i}/connectors`) ? <p className="field__error">{message(`/evses/${i}/connectors`)}</p> : null}
            {evse.connectors.map((c, j) => {
              const path = `/evses/${i}/connectors/${j}`;
              return (
                <div key={j} className="registration-connector" role="group" aria-label={`${t('chargingRegistration.evse.title', { n: i + 1 })} · ${t('chargingRegistration.evse.connector', { n: j + 1 })}`}>
                  <div className="registration-row">
                    <SelectField label={t('chargingRegistration.fields.standard')} value={c.standard} onChange={(e) => updateConnector(i, j, { standard: e.target.value as ConnectorStandard })} error={message(`${path}/standard`)}>
                      {connectorStandards.map((s) => (
                        <option key={s} value={s}>
                          {t(`chargingRegistration.standards.${s}`)}
                        </option>
                      ))}
                    </SelectField>
                    <SelectField label={t('chargingRegistration.fields.format')} value={c.format} onChange={(e) => updateConnector(i, j, { format: e.target.value as ConnectorFormat | '' })}>
                      {(['', 'SOCKET', 'CABLE'] as const).map((f) => (
                        <option key={f} value={f}>
                          {t(`chargingRegistration.format.${f}`)}
                        </option>
                      ))}
                    </SelectField>
                    <SelectField label={t('chargingRegistration.fields.powerType')} value={c.powerType} onChange={(e) => updateConnector(i, j, { powerType: e.target.value as PowerType | '' })}>
                      {(['', 'AC_1_PHASE', 'AC_3_PHASE', 'DC'] as const).map((p) => (
                        <option key={p} value={p}>
                          {t(`chargingRegistration.powerType.${p}`)}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                  <div className="registration-row">
                    <Field label={t('chargingRegistration.fields.maxPowerKw')} inputMode="decimal" value={c.maxPowerKw} onChange={(e) => updateConnector(i, j, { maxPowerKw: e.target.value })} error={message(`${path}/maxPowerKw`)} data-testid={`power-${i}-${j}`} />
                    <Field label={t('chargingRegistration.fields.maxVoltageV')} inputMode="decimal" value={c.maxVoltageV} onChange={(e) => updateConnector(i, j, { maxVoltageV: e.target.value })} error={message(`${path}/maxVoltageV`)} />
                    <Field label={t('chargingRegistration.fields.maxAmperageA')} inputMode="decimal" value={c.maxAmperageA} onChange={(e) => updateConnector(i, j, { maxAmperageA: e.target.value })} error={message(`${path}/maxAmperageA`)} />
                    <button type="button" className="button button--secondary" onClick={() => updateEvse(i, { connectors: evse.connectors.filter((_, m) => m !== j) })}>
                      {t('chargingRegistration.evse.removeConnector', { n: j + 1, evse: i + 1 })}
                    </button>
                  </div>
                </div>
              );
            })}
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => updateEvse(i, { connectors: [...evse.connectors, emptyConnector()] })}>
                {t('chargingRegistration.evse.addConnector')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => update({ evses: form.evses.filter((_, k) => k !== i) })}>
                {t('chargingRegistration.evse.remove', { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <div>
          <button type="button" className="button button--secondary" onClick={() => update({ evses: [...form.evses, emptyEvse()] })} data-testid="add-evse">
            {t('chargingRegistration.evse.add')}
          </button>
        </div>
      </fieldset>

      {Object.keys(errors).length > 0 && !submitError ? <p className="field__error" role="alert">{t('chargingRegistration.validation.summary')}</p> : null}
      {submitError ? <ErrorMessage error={submitError} /> : null}
      {submitError ? errorExtra : null}
      <p role="status" className="form__success" data-testid="registration-done">
        {done}
      </p>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submitting || (form.actingAs === 'operator' && creating && options.operatorOrganisations.length === 0)} data-testid="registration-submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
