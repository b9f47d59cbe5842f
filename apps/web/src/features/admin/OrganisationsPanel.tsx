import { membershipRoles, organisationTypes } from '@electrifica/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembershipRole, OrganisationType } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { Field } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { looksLikeEmail } from '../accounts/validation';
import { addMember, auditEntityTypes, createOrganisation, listOrganisations } from './api';

const pageSize = 20;

interface Props {
  onShowHistory: (entityType: string, entityId: string, label: string) => void;
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
      {orgs.error ? <ErrorMessage error={orgs.error} onRetry={orgs.reload} /> : null}
      {orgs.loading && !orgs.data ? <Loading /> : null}
      {orgs.data ? (
        orgs.data.items.length === 0 ? (
          <p className="muted">{t('admin.orgs.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="admin-organisations">
                <caption className="visually-hidden">{t('admin.orgs.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.orgs.name')}</th>
                    <th scope="col">{t('admin.orgs.type')}</th>
                    <th scope="col">{t('admin.users.createdAt')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {orgs.data.items.map((org) => (
                    <tr key={org.id}>
                      <th scope="row">{org.name}</th>
                      <td>{t(`organisationTypes.${org.type}`, { defaultValue: org.type })}</td>
                      <td>{formatDateTime(org.createdAt, lang)}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--link"
                          onClick={() => onShowHistory(auditEntityTypes.organisation, org.id, org.name)}
                          aria-label={t('admin.audit.showFor', { label: org.name })}
                        >
                          {t('admin.audit.show')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination total={orgs.data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('admin.orgs.pages')} />
          </>
        )
      ) : null}

      <div className="two-col">
        <form className="form" noValidate onSubmit={(e) => void onCreate(e)} aria-labelledby={`${id}-create`}>
          <h3 id={`${id}-create`}>{t('admin.orgs.createTitle')}</h3>
          <Field label={t('admin.orgs.name')} value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} error={nameError} />
          <div className="field">
            <label htmlFor={`${id}-type`} className="field__label">
              {t('admin.orgs.type')}
            </label>
            <select id={`${id}-type`} className="input" value={type} onChange={(e) => setType(e.target.value as OrganisationType)}>
              {organisationTypes.map((ot) => (
                <option key={ot} value={ot}>
                  {t(`organisationTypes.${ot}`)}
                </option>
              ))}
            </select>
          </div>
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
          <div className={`field${memberErrors.org ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-org`} className="field__label">
              {t('admin.orgs.organisation')}
            </label>
            <select
              id={`${id}-org`}
              className="input"
              value={orgId}
              onChange={(e) => setOrgId(e.target.value)}
              aria-invalid={memberErrors.org ? true : undefined}
              aria-describedby={memberErrors.org ? `${id}-org-error` : undefined}
            >
              <option value="">{t('admin.orgs.chooseOrganisation')}</option>
              {(orgs.data?.items ?? []).map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
            {memberErrors.org ? (
              <p id={`${id}-org-error`} className="field__error">
                {memberErrors.org}
              </p>
            ) : null}
          </div>
          <Field
            label={t('auth.fields.email')}
            type="email"
            value={email}
            required
            onChange={(e) => setEmail(e.target.value)}
            error={memberErrors.email}
          />
          <div className="field">
            <label htmlFor={`${id}-role`} className="field__label">
              {t('admin.orgs.memberRole')}
            </label>
            <select id={`${id}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as MembershipRole)}>
              {membershipRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.membership.${r}`)}
                </option>
              ))}
            </select>
          </div>
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
