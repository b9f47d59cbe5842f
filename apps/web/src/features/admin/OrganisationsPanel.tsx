import { membershipRoles, organisationTypes } from '@electrifica/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembershipRole, OrganisationType } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { api, seg } from '../../api/client';
import { looksLikeEmail } from '../accounts/validation';
import { addMember, auditEntityTypes, createOrganisation, listOrganisations } from './api';
import { HistoryButton, type ShowHistory } from './HistoryButton';

const pageSize = 20;

/** The organisation's OCPI party, as the server answers it (admins set it). */
type WithOcpiParty = { ocpiCountryCode?: string | null; ocpiPartyId?: string | null };
const partyOf = (o: WithOcpiParty) => (o.ocpiCountryCode && o.ocpiPartyId ? `${o.ocpiCountryCode}*${o.ocpiPartyId}` : '');
const setOcpiParty = (organisationId: string, party: { ocpiCountryCode: string | null; ocpiPartyId: string | null }) =>
  api.patch<WithOcpiParty & { name: string }>(`/api/v1/organisations/${seg(organisationId)}`, party);

interface Props {
  onShowHistory: ShowHistory;
}

export function OrganisationsPanel({ onShowHistory }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [offset, setOffset] = useState(0);
  const orgs = useAsyncData((signal) => listOrganisations({ limit: pageSize, offset }, signal), [offset]);

  // create
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType>('company');
  const [nameError, setNameError] = useState<string | undefined>();
  const [createError, setCreateError] = useState<unknown>();
  const [createdMessage, setCreatedMessage] = useState('');

  // add member
  const [orgId, setOrgId] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MembershipRole>('member');
  const [memberErrors, setMemberErrors] = useState<{ org?: string; email?: string }>({});
  const [memberError, setMemberError] = useState<unknown>();
  const [memberMessage, setMemberMessage] = useState('');

  // OCPI party (admins)
  const [partyOrgId, setPartyOrgId] = useState('');
  const [partyCountry, setPartyCountry] = useState('');
  const [partyId, setPartyId] = useState('');
  const [partyErrors, setPartyErrors] = useState<{ org?: string; country?: string; party?: string }>({});
  const [partyError, setPartyError] = useState<unknown>();
  const [partyMessage, setPartyMessage] = useState('');

  const onPickPartyOrg = (value: string) => {
    setPartyOrgId(value);
    const org = orgs.data?.items.find((o) => o.id === value) as WithOcpiParty | undefined;
    setPartyCountry(org?.ocpiCountryCode ?? '');
    setPartyId(org?.ocpiPartyId ?? '');
  };

  const onSaveParty = async (e: FormEvent) => {
    e.preventDefault();
    setPartyError(undefined);
    setPartyMessage('');
    const country = partyCountry.trim().toUpperCase();
    const party = partyId.trim().toUpperCase();
    const errors: { org?: string; country?: string; party?: string } = {};
    if (!partyOrgId) errors.org = t('validation.required');
    if (!country !== !party) errors[country ? 'party' : 'country'] = t('chargingRegistration.ocpi.both');
    if (country && !/^[A-Z]{2}$/.test(country)) errors.country = t('chargingRegistration.ocpi.invalidCountry');
    if (party && !/^[A-Z0-9]{3}$/.test(party)) errors.party = t('chargingRegistration.ocpi.invalidParty');
    setPartyErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      const saved = await setOcpiParty(partyOrgId, { ocpiCountryCode: country || null, ocpiPartyId: party || null });
      setPartyMessage(partyOf(saved) ? t('chargingRegistration.ocpi.saved', { name: saved.name, party: partyOf(saved) }) : t('chargingRegistration.ocpi.cleared', { name: saved.name }));
      orgs.reload();
    } catch (error) {
      setPartyError(error);
    }
  };

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    setCreateError(undefined);
    setCreatedMessage('');
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    if (name.trim().length < 2) {
      setNameError(t('admin.orgs.nameTooShort', { min: 2 }));
      return;
    }
    setNameError(undefined);
    try {
      const org = await createOrganisation({ name: name.trim(), type });
      setCreatedMessage(t('admin.orgs.created', { name: org.name ?? name.trim() }));
      setName('');
      orgs.reload();
    } catch (error) {
      setCreateError(error);
    }
  };

  const onAddMember = async (e: FormEvent) => {
    e.preventDefault();
    setMemberError(undefined);
    setMemberMessage('');
    const errors: { org?: string; email?: string } = {};
    if (!orgId) errors.org = t('validation.required');
    if (!email.trim()) errors.email = t('validation.required');
    else if (!looksLikeEmail(email)) errors.email = t('validation.email');
    setMemberErrors(errors);
    if (errors.org || errors.email) return;
    try {
      await addMember(orgId, { email: email.trim(), role });
      const orgName = orgs.data?.items.find((o) => o.id === orgId)?.name ?? '';
      setMemberMessage(t('admin.orgs.memberAdded', { email: email.trim(), name: orgName }));
      setEmail('');
      orgs.reload();
    } catch (error) {
      setMemberError(error);
    }
  };

  return (
    <section className="card" aria-labelledby="admin-orgs-heading" id="organizaciones">
      <h2 id="admin-orgs-heading">{t('admin.orgs.title')}</h2>
      <AsyncContent state={orgs} isEmpty={(data) => data.items.length === 0} emptyText={t('admin.orgs.empty')}>
        {(data) => (
          <>
            <DataTable
              caption={t('admin.orgs.title')}
              testId="admin-organisations"
              columns={[
                t('admin.orgs.name'),
                t('admin.orgs.type'),
                t('chargingRegistration.ocpi.column'),
                t('admin.users.createdAt'),
                { label: t('common.actions'), labelHidden: true },
              ]}
            >
              {data.items.map((org) => (
                <tr key={org.id}>
                  <th scope="row">{org.name}</th>
                  <td>{t(`organisationTypes.${org.type}`, { defaultValue: org.type })}</td>
                  <td>{partyOf(org as WithOcpiParty) || '—'}</td>
                  <td>{formatDateTime(org.createdAt, lang)}</td>
                  <td>
                    <HistoryButton
                      entityType={auditEntityTypes.organisation}
                      entityId={org.id}
                      label={org.name}
                      onShowHistory={onShowHistory}
                    />
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('admin.orgs.pages')} />
          </>
        )}
      </AsyncContent>

      <div className="two-col">
        <form className="form" noValidate onSubmit={(e) => void onCreate(e)} aria-labelledby={`${id}-create`}>
          <h3 id={`${id}-create`}>{t('admin.orgs.createTitle')}</h3>
          <Field label={t('admin.orgs.name')} value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} error={nameError} />
          <SelectField label={t('admin.orgs.type')} value={type} onChange={(e) => setType(e.target.value as OrganisationType)}>
            {organisationTypes.map((ot) => (
              <option key={ot} value={ot}>
                {t(`organisationTypes.${ot}`)}
              </option>
            ))}
          </SelectField>
          {createError ? <ErrorMessage error={createError} /> : null}
          <p role="status" className="form__success">
            {createdMessage}
          </p>
          <button type="submit" className="button button--primary">
            {t('admin.orgs.create')}
          </button>
        </form>

        <form className="form" noValidate onSubmit={(e) => void onAddMember(e)} aria-labelledby={`${id}-member`}>
          <h3 id={`${id}-member`}>{t('admin.orgs.addMemberTitle')}</h3>
          <SelectField
            label={t('admin.orgs.organisation')}
            value={orgId}
            onChange={(e) => setOrgId(e.target.value)}
            error={memberErrors.org}
          >
            <option value="">{t('admin.orgs.chooseOrganisation')}</option>
            {(orgs.data?.items ?? []).map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('auth.fields.email')}
            type="email"
            value={email}
            required
            onChange={(e) => setEmail(e.target.value)}
            error={memberErrors.email}
          />
          <SelectField label={t('admin.orgs.memberRole')} value={role} onChange={(e) => setRole(e.target.value as MembershipRole)}>
            {membershipRoles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.membership.${r}`)}
              </option>
            ))}
          </SelectField>
          {memberError ? <ErrorMessage error={memberError} /> : null}
          <p role="status" className="form__success">
            {memberMessage}
          </p>
          <button type="submit" className="button button--primary">
            {t('admin.orgs.addMember')}
          </button>
        </form>
      </div>

      <form className="form" noValidate onSubmit={(e) => void onSaveParty(e)} aria-labelledby={`${id}-ocpi`} data-testid="ocpi-party-form">
        <h3 id={`${id}-ocpi`}>{t('chargingRegistration.ocpi.title')}</h3>
        <p className="field__hint">{t('chargingRegistration.ocpi.lead')}</p>
        <SelectField label={t('admin.orgs.organisation')} value={partyOrgId} onChange={(e) => onPickPartyOrg(e.target.value)} error={partyErrors.org}>
          <option value="">{t('admin.orgs.chooseOrganisation')}</option>
          {(orgs.data?.items ?? []).filter((o) => o.type === 'charge_point_operator').map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </SelectField>
        <Field label={t('chargingRegistration.ocpi.countryCode')} value={partyCountry} maxLength={2} autoCapitalize="characters" onChange={(e) => setPartyCountry(e.target.value)} error={partyErrors.country} />
        <Field label={t('chargingRegistration.ocpi.partyId')} value={partyId} maxLength={3} autoCapitalize="characters" onChange={(e) => setPartyId(e.target.value)} error={partyErrors.party} />
        {partyError ? <ErrorMessage error={partyError} /> : null}
        <p role="status" className="form__success">
          {partyMessage}
        </p>
        <button type="submit" className="button button--primary">
          {t('chargingRegistration.ocpi.save')}
        </button>
      </form>
    </section>
  );
}
