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
import { looksLikeEmail } from '../accounts/validation';
import { addMember, auditEntityTypes, createOrganisation, listOrganisations } from './api';
import { HistoryButton, type ShowHistory } from './HistoryButton';

const pageSize = 20;

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
                t('admin.users.createdAt'),
                { label: t('common.actions'), labelHidden: true },
              ]}
            >
              {data.items.map((org) => (
                <tr key={org.id}>
                  <th scope="row">{org.name}</th>
                  <td>{t(`organisationTypes.${org.type}`, { defaultValue: org.type })}</td>
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
    </section>
  );
}
