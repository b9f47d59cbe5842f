import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { translateDynamic } from '../../../i18n/dynamic';
import type { LocateResponse, Membership } from '../../../api/types';
import { Field, SelectField } from '../../../ui/Field';
import { useDebouncedValue } from '../../../ui/useDebouncedValue';
import { PointPicker } from '../../charging/registration/PointPicker';
import { locatePoint } from '../../geo/api';
import { componentName, groupComponents } from '../labels';
import type { Vocabularies } from '../useVocabularies';
import { commonMarkets, countryName, pointOf, type CertificationForm, type CompanyForm, type FormMessage, type PlantForm } from './form';
import { CheckboxField } from './CheckboxField';
import type { EmployeeStratum, EvReadiness, SizeClass } from './types';

/**
 * The sections of the supplier form, shared by the guided registration (one per step) and
 * the edit page of a plant (all at once). Each shows the messages of its own fields.
 */
export type Message = (path: string) => string | undefined;

interface PlantProps {
  plant: PlantForm;
  update: (patch: Partial<PlantForm>) => void;
  message: Message;
  vocab: Vocabularies;
}

const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

/** A field's message: our wording for our own checks, the server's text (with its code's wording) otherwise. */
export function useMessage(errors: Record<string, FormMessage>): Message {
  const { t } = useTranslation();
  return (path) => {
    const m = errors[path];
    if (!m) return undefined;
    if ('key' in m) return t(`suppliersRegistration.validation.${m.key}`);
    // The server writes its messages in English; a specific code (RFC, point) gets our wording first.
    if (m.code && m.code !== 'SUPPLIERS.INVALID_REGISTRATION') return `${translateDynamic(t, `errors.${m.code}`, '')} ${m.text}`.trim();
    return m.text;
  };
}

/** Messages of a list's items (`/establishment/tiers/2`) shown once, under the list. */
function listMessages(message: Message, path: string, count: number): string | undefined {
  const found = [message(path), ...Array.from({ length: count }, (_, i) => message(`${path}/${i}`))].filter(Boolean);
  return found.length ? found.join(' ') : undefined;
}

function Choices({ legend, hint, error, children, testId }: { legend: string; hint?: string; error?: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="registration-fieldset" data-testid={testId} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <div className="registration-choices supplier-choices">{children}</div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CompanySection({ company, update, message, memberships, organisationId, setOrganisation, vocab }: {
  company: CompanyForm;
  update: (patch: Partial<CompanyForm>) => void;
  message: Message;
  memberships: readonly Membership[];
  organisationId: string;
  setOrganisation: (id: string, name: string) => void;
  vocab: Vocabularies;
}) {
  const { t, i18n } = useTranslation();
  const editable = memberships.filter((m) => m.role === 'editor');
  const owner = company.ownershipCountry.trim().toUpperCase();
  return (
    <div className="form">
      {editable.length > 0 ? (
        <SelectField
          label={t('suppliersRegistration.company.organisation')}
          hint={t('suppliersRegistration.company.organisationHint')}
          value={organisationId}
          onChange={(e) => setOrganisation(e.target.value, editable.find((m) => m.organisationId === e.target.value)?.organisationName ?? '')}
          error={message('/organisationId')}
          data-testid="organisation"
        >
          {editable.map((m) => (
            <option key={m.organisationId} value={m.organisationId}>
              {m.organisationName}
            </option>
          ))}
          <option value="">{t('suppliersRegistration.company.newOrganisation')}</option>
        </SelectField>
      ) : (
        <p className="field__hint">{t('suppliersRegistration.company.newOrganisationNote')}</p>
      )}
      <div className="registration-grid">
        <Field label={t('suppliersRegistration.company.legalName')} hint={t('suppliersRegistration.company.legalNameHint')} value={company.legalName} required maxLength={200} autoComplete="organization" onChange={(e) => update({ legalName: e.target.value })} error={message('/company/legalName')} data-testid="legal-name" />
        <Field label={t('suppliersRegistration.company.rfc')} hint={t('suppliersRegistration.company.rfcHint')} value={company.rfc} maxLength={13} autoCapitalize="characters" spellCheck={false} onChange={(e) => update({ rfc: e.target.value })} error={message('/company/rfc')} data-testid="rfc" />
        <Field label={t('suppliersRegistration.company.tradeNames')} hint={t('suppliersRegistration.hints.list')} value={company.tradeNames} maxLength={600} onChange={(e) => update({ tradeNames: e.target.value })} error={listMessages(message, '/company/tradeNames', 10)} />
        <SelectField label={t('suppliersRegistration.company.sizeClass')} value={company.sizeClass} onChange={(e) => update({ sizeClass: e.target.value as SizeClass | '' })} error={message('/company/sizeClass')}>
          <option value="">{t('suppliersRegistration.notDeclared')}</option>
          {(vocab.taxonomy?.sizeClasses ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {vocab.size(s.code)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('suppliersRegistration.company.ownershipCountry')}
          hint={/^[A-Z]{2}$/.test(owner) ? countryName(owner, i18n.language) : t('suppliersRegistration.company.ownershipCountryHint')}
          value={company.ownershipCountry}
          maxLength={2}
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => update({ ownershipCountry: e.target.value })}
          error={message('/company/ownershipCountry')}
        />
        <Field label={t('suppliersRegistration.company.website')} type="url" inputMode="url" value={company.website} maxLength={300} autoComplete="url" onChange={(e) => update({ website: e.target.value })} error={message('/company/website')} />
      </div>
    </div>
  );
}

type Placement = { state: 'none' | 'checking' | 'outside' } | { state: 'inside'; result: LocateResponse };

/** Where the point falls, from the same boundaries the server uses. */
function usePlacement(plant: PlantForm): Placement {
  const point = pointOf(plant);
  const debounced = useDebouncedValue(point ? `${point.lat},${point.lon}` : '', 300);
  const [placement, setPlacement] = useState<Placement>({ state: 'none' });
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
  return placement;
}

export function LocationSection({ plant, update, message }: Omit<PlantProps, 'vocab'>) {
  const { t } = useTranslation();
  const placement = usePlacement(plant);
  const point = pointOf(plant);
  const p = '/establishment';
  return (
    <div className="form">
      <Field label={t('suppliersRegistration.plant.name')} hint={t('suppliersRegistration.plant.nameHint')} value={plant.name} required maxLength={200} onChange={(e) => update({ name: e.target.value })} error={message(`${p}/name`)} data-testid="plant-name" />
      <p className="field__hint">{t('suppliersRegistration.plant.pointHint')}</p>
      <div className="registration-grid">
        <PointPicker point={point} label={t('suppliersRegistration.plant.mapLabel')} onPick={(pt) => update({ lat: String(pt.lat), lon: String(pt.lon) })} />
        <div className="form">
          <Field label={t('suppliersRegistration.plant.lat')} inputMode="decimal" value={plant.lat} required onChange={(e) => update({ lat: e.target.value })} error={message(`${p}/lat`)} data-testid="lat" />
          <Field label={t('suppliersRegistration.plant.lon')} inputMode="decimal" value={plant.lon} required onChange={(e) => update({ lon: e.target.value })} error={message(`${p}/lon`)} data-testid="lon" />
          <p className="registration-placement" role="status" aria-live="polite" data-testid="placement">
            {placement.state === 'inside'
              ? placement.result.municipality
                ? t('suppliersRegistration.placement.inside', { municipality: placement.result.municipality.name, state: placement.result.state.name })
                : t('suppliersRegistration.placement.insideState', { state: placement.result.state.name })
              : t(`suppliersRegistration.placement.${placement.state}`)}
          </p>
        </div>
      </div>
      <div className="registration-grid">
        <Field label={t('suppliersRegistration.plant.street')} value={plant.street} maxLength={200} autoComplete="address-line1" onChange={(e) => update({ street: e.target.value })} error={message(`${p}/street`)} />
        <Field label={t('suppliersRegistration.plant.exteriorNumber')} value={plant.exteriorNumber} maxLength={20} onChange={(e) => update({ exteriorNumber: e.target.value })} error={message(`${p}/exteriorNumber`)} />
        <Field label={t('suppliersRegistration.plant.industrialPark')} value={plant.industrialPark} maxLength={200} onChange={(e) => update({ industrialPark: e.target.value })} error={message(`${p}/industrialPark`)} />
        <Field label={t('suppliersRegistration.plant.neighbourhood')} value={plant.neighbourhood} maxLength={200} onChange={(e) => update({ neighbourhood: e.target.value })} error={message(`${p}/neighbourhood`)} />
        <Field label={t('suppliersRegistration.plant.locality')} value={plant.locality} maxLength={200} autoComplete="address-level2" onChange={(e) => update({ locality: e.target.value })} error={message(`${p}/locality`)} />
        <Field label={t('suppliersRegistration.plant.postalCode')} value={plant.postalCode} inputMode="numeric" maxLength={5} autoComplete="postal-code" onChange={(e) => update({ postalCode: e.target.value })} error={message(`${p}/postalCode`)} />
      </div>
    </div>
  );
}

export function ActivitySection({ plant, update, message, vocab }: PlantProps) {
  const { t, i18n } = useTranslation();
  const p = '/establishment';
  const tx = vocab.taxonomy;
  const active = (vocab.components ?? []).filter((c) => !c.retired || plant.components.includes(c.code));
  const groups = groupComponents(active, (tx?.componentGroups ?? []).map((g) => g.code));
  const certification = (code: string) => plant.certifications.find((c) => c.code === code);
  const setCertification = (code: string, patch: Partial<CertificationForm> | null) =>
    update({
      certifications: patch === null
        ? plant.certifications.filter((c) => c.code !== code)
        : certification(code)
          ? plant.certifications.map((c) => (c.code === code ? { ...c, ...patch } : c))
          : [...plant.certifications, { code, expiresOn: '', certificateId: '', ...patch }],
    });
  return (
    <div className="form">
      <div className="registration-grid">
        <Field label={t('suppliersRegistration.activity.scian')} hint={t('suppliersRegistration.activity.scianHint')} value={plant.scian} inputMode="numeric" maxLength={6} onChange={(e) => update({ scian: e.target.value })} error={message(`${p}/scian`)} data-testid="scian" />
        <SelectField label={t('suppliersRegistration.activity.employees')} value={plant.employeesStratum} onChange={(e) => update({ employeesStratum: e.target.value as EmployeeStratum | '' })} error={message(`${p}/employeesStratum`)}>
          <option value="">{t('suppliersRegistration.notDeclared')}</option>
          {(tx?.employeeStrata ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {vocab.stratum(s.code)}
            </option>
          ))}
        </SelectField>
      </div>
      <Choices legend={t('suppliersRegistration.activity.tiers')} error={listMessages(message, `${p}/tiers`, plant.tiers.length)} testId="tiers">
        {(tx?.tiers ?? []).map((tier) => (
          <label key={tier.code}>
            <input type="checkbox" checked={plant.tiers.includes(tier.code)} onChange={(e) => update({ tiers: toggle(plant.tiers, tier.code, e.target.checked) })} />
            {vocab.tier(tier.code)}
          </label>
        ))}
      </Choices>
      <Choices legend={t('suppliersRegistration.activity.processes')} error={listMessages(message, `${p}/processes`, plant.processes.length)} testId="processes">
        {(tx?.processes ?? []).map((process) => (
          <label key={process.code}>
            <input type="checkbox" checked={plant.processes.includes(process.code)} onChange={(e) => update({ processes: toggle(plant.processes, process.code, e.target.checked) })} />
            {vocab.process(process.code)}
          </label>
        ))}
      </Choices>
      <fieldset className="registration-fieldset" data-testid="components">
        <legend>{t('suppliersRegistration.activity.components')}</legend>
        <p className="field__hint">{t('suppliersRegistration.activity.componentsHint')}</p>
        {groups.map(({ group, items }) => {
          const chosen = items.filter((c) => plant.components.includes(c.code)).length;
          return (
            <details key={group} className="supplier-group" open={chosen > 0 || undefined}>
              <summary>
                {vocab.group(group)}
                {chosen > 0 ? <span className="muted"> · {t('suppliersRegistration.activity.chosen', { count: chosen })}</span> : null}
              </summary>
              <div className="registration-choices supplier-choices">
                {items.map((c) => (
                  <label key={c.code}>
                    <input type="checkbox" checked={plant.components.includes(c.code)} onChange={(e) => update({ components: toggle(plant.components, c.code, e.target.checked) })} />
                    {componentName(c, i18n.language)}
                    {c.evSpecific ? <span className="tag supplier-ev-tag">{t('suppliersRegistration.activity.ev')}</span> : null}
                  </label>
                ))}
              </div>
            </details>
          );
        })}
        {listMessages(message, `${p}/components`, plant.components.length) ? <p className="field__error" role="alert">{listMessages(message, `${p}/components`, plant.components.length)}</p> : null}
      </fieldset>
      <fieldset className="registration-fieldset" data-testid="certifications">
        <legend>{t('suppliersRegistration.activity.certifications')}</legend>
        <p className="field__hint">{t('suppliersRegistration.activity.certificationsHint')}</p>
        {(tx?.certifications ?? []).map((cert) => {
          const held = certification(cert.code);
          const index = plant.certifications.findIndex((c) => c.code === cert.code);
          return (
            <div key={cert.code} className="supplier-certification">
              <label className="supplier-certification__name">
                <input type="checkbox" checked={!!held} onChange={(e) => setCertification(cert.code, e.target.checked ? {} : null)} />
                {vocab.certification(cert.code)}
              </label>
              {held ? (
                <div className="registration-row">
                  <Field label={t('suppliersRegistration.activity.expiresOn', { name: vocab.certification(cert.code) })} type="date" value={held.expiresOn} onChange={(e) => setCertification(cert.code, { expiresOn: e.target.value })} error={message(`${p}/certifications/${index}/expiresOn`) ?? message(`${p}/certifications/${index}/code`)} />
                  <Field label={t('suppliersRegistration.activity.certificateId', { name: vocab.certification(cert.code) })} value={held.certificateId} maxLength={100} onChange={(e) => setCertification(cert.code, { certificateId: e.target.value })} error={message(`${p}/certifications/${index}/certificateId`)} />
                </div>
              ) : null}
            </div>
          );
        })}
        {message(`${p}/certifications`) ? <p className="field__error">{message(`${p}/certifications`)}</p> : null}
      </fieldset>
      <Choices legend={t('suppliersRegistration.activity.evReadiness')} error={message(`${p}/evReadiness`)} testId="ev-readiness">
        {[...(tx?.evReadiness ?? []).map((r) => r.code), ''].map((code) => (
          <label key={code || 'unknown'}>
            <input type="radio" name="evReadiness" checked={plant.evReadiness === code} onChange={() => update({ evReadiness: code as EvReadiness | '' })} />
            {code ? vocab.evReadiness(code) : t('suppliersRegistration.notDeclared')}
          </label>
        ))}
      </Choices>
      <Field label={t('suppliersRegistration.activity.oemCustomers')} hint={t('suppliersRegistration.hints.list')} value={plant.oemCustomers} maxLength={2000} onChange={(e) => update({ oemCustomers: e.target.value })} error={listMessages(message, `${p}/oemCustomers`, 50)} />
      <Choices legend={t('suppliersRegistration.activity.exportMarkets')} error={listMessages(message, `${p}/exportMarkets`, plant.exportMarkets.length + 20)} testId="export-markets">
        {commonMarkets.map((code) => (
          <label key={code}>
            <input type="checkbox" checked={plant.exportMarkets.includes(code)} onChange={(e) => update({ exportMarkets: toggle(plant.exportMarkets, code, e.target.checked) })} />
            {countryName(code, i18n.language)}
          </label>
        ))}
      </Choices>
      <Field label={t('suppliersRegistration.activity.otherMarkets')} hint={t('suppliersRegistration.activity.otherMarketsHint')} value={plant.otherMarkets} maxLength={400} autoCapitalize="characters" onChange={(e) => update({ otherMarkets: e.target.value })} />
    </div>
  );
}

export function ContactSection({ plant, update, message }: Omit<PlantProps, 'vocab'>) {
  const { t } = useTranslation();
  const p = '/establishment';
  return (
    <div className="form">
      <div className="registration-grid">
        <Field label={t('suppliersRegistration.contact.phone')} type="tel" value={plant.phone} maxLength={30} autoComplete="tel" onChange={(e) => update({ phone: e.target.value })} error={message(`${p}/phone`)} data-testid="phone" />
        <Field label={t('suppliersRegistration.contact.email')} type="email" value={plant.email} maxLength={200} autoComplete="email" onChange={(e) => update({ email: e.target.value })} error={message(`${p}/email`)} data-testid="email" />
        <Field label={t('suppliersRegistration.contact.website')} type="url" inputMode="url" value={plant.website} maxLength={300} onChange={(e) => update({ website: e.target.value })} error={message(`${p}/website`)} />
      </div>
      <CheckboxField
        label={t('suppliersRegistration.contact.consent')}
        hint={t('suppliersRegistration.contact.consentHint')}
        checked={plant.contactConsent}
        onChange={(e) => update({ contactConsent: e.target.checked })}
        error={message(`${p}/contactConsent`)}
        data-testid="contact-consent"
      />
    </div>
  );
}
