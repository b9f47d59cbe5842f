import './registration.css';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isApiError } from '../../../api/client';
import type { SessionUser } from '../../../api/types';
import { Field, SelectField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { useSession } from '../../accounts/session';
import { formatDate } from '../../charging/labels';
import { createClaim, getMine } from './api';
import {
  claimBodyOf, claimOrganisations, claimStanding, emptyClaimForm, evidenceMaxLength, evidenceMinLength, newOrganisation, validateClaim,
  type ClaimErrors, type ClaimForm,
} from './claim';
import { myPlantPath } from './paths';
import { TextAreaField } from './TextAreaField';
import type { Claim } from './types';

interface Props {
  establishmentId: string;
  /** The establishment's company is already managed by an organisation (the page knows it from the detail). */
  managed?: boolean;
}

/**
 * "¿Es tu planta? Reclámala": on an establishment's page, lets a company ask to manage a
 * plant the census already has. A moderator checks the evidence before anything changes.
 */
export function ClaimSlot({ establishmentId, managed = false }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return null;
  return (
    <section className="card claim-slot" aria-labelledby={`claim-${establishmentId}`} data-testid="claim-slot">
      <h2 id={`claim-${establishmentId}`}>{t('suppliersRegistration.claim.title')}</h2>
      {session.user ? (
        <SignedIn user={session.user} establishmentId={establishmentId} managed={managed} />
      ) : (
        <>
          <p>{managed ? t('suppliersRegistration.claim.managed') : t('suppliersRegistration.claim.intro')}</p>
          {managed ? null : (
            <p>
              <Link className="button button--secondary" to={`/entrar?next=${encodeURIComponent(location.pathname + location.search)}`} data-testid="claim-sign-in">
                {t('suppliersRegistration.claim.signIn')}
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function SignedIn({ user, establishmentId, managed }: { user: SessionUser; establishmentId: string; managed: boolean }) {
  const { t, i18n } = useTranslation();
  const mine = useAsyncData((signal) => getMine(signal), [establishmentId, user.id]);
  const [sent, setSent] = useState<Claim | null>(null);
  const [open, setOpen] = useState(false);

  if (mine.error) return <ErrorMessage error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return null;
  const standing = sent ? { kind: 'pending' as const, claim: sent } : claimStanding(establishmentId, mine.data);
  const date = (iso: string | null) => formatDate(iso, i18n.language);

  switch (standing.kind) {
    case 'manages':
      return (
        <p data-testid="claim-state" data-state="manages">
          {t('suppliersRegistration.claim.youManage')}{' '}
          <Link to={myPlantPath(establishmentId)}>{t('suppliersRegistration.claim.edit')}</Link>
        </p>
      );
    case 'pending':
      return (
        <p className="alert alert--success" role="status" data-testid="claim-state" data-state="pending">
          {t('suppliersRegistration.claim.pending', { organisation: standing.claim.organisation.name, date: date(standing.claim.createdAt) })}
        </p>
      );
    case 'approved':
      // Approved but no longer managed by the user's organisations (e.g. they left it).
      return <p data-testid="claim-state" data-state="approved">{t('suppliersRegistration.claim.approved', { date: date(standing.claim.decidedAt) })}</p>;
    default:
      break;
  }
  if (managed) return <p data-testid="claim-state" data-state="managed">{t('suppliersRegistration.claim.managed')}</p>;
  return (
    <>
      {standing.kind === 'rejected' ? (
        <div className="alert alert--warning" data-testid="claim-state" data-state="rejected">
          <p>{t('suppliersRegistration.claim.rejected', { date: date(standing.claim.decidedAt) })}</p>
          {standing.claim.decisionNote ? <p>{t('suppliersRegistration.claim.note', { note: standing.claim.decisionNote })}</p> : null}
        </div>
      ) : (
        <p>{t('suppliersRegistration.claim.intro')}</p>
      )}
      {open ? (
        <ClaimFormView
          user={user}
          establishmentId={establishmentId}
          onCancel={() => setOpen(false)}
          onSent={(claim) => {
            setSent(claim);
            setOpen(false);
          }}
        />
      ) : (
        <p>
          <button type="button" className="button button--primary" aria-expanded={false} onClick={() => setOpen(true)} data-testid="claim-open">
            {t('suppliersRegistration.claim.open')}
          </button>
        </p>
      )}
    </>
  );
}

function ClaimFormView({ user, establishmentId, onSent, onCancel }: { user: SessionUser; establishmentId: string; onSent: (claim: Claim) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const id = useId();
  const organisations = claimOrganisations(user.memberships);
  const [form, setForm] = useState<ClaimForm>(() => emptyClaimForm(user.memberships));
  const [errors, setErrors] = useState<ClaimErrors>({});
  const [serverError, setServerError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<ClaimForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // Editing a field clears its message until the next try.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !(field in patch))));
  };

  // The server's field messages (English) are shown next to their fields when it names one.
  const fieldMessage = (field: keyof ClaimForm): string | undefined => {
    const key = field === 'organisationId' || field === 'jobTitle' ? undefined : errors[field];
    if (key) return t(`suppliersRegistration.validation.${key}`, { min: evidenceMinLength, max: evidenceMaxLength });
    if (isApiError(serverError)) return serverError.errors.find((e) => e.path.replace(/^\/body/, '') === `/${field}`)?.message;
    return undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setServerError(undefined);
    const found = validateClaim(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${CSS.escape(id)} [aria-invalid="true"]`)?.focus());
      return;
    }
    setBusy(true);
    try {
      onSent(await createClaim(establishmentId, claimBodyOf(form)));
      // A claim for a new organisation made the user its editor: the menu and forms should know.
      if (form.organisationId === newOrganisation) void session.refresh();
    } catch (error) {
      setServerError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={id} className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="claim-form">
      <SelectField label={t('suppliersRegistration.claim.organisation')} value={form.organisationId} onChange={(e) => update({ organisationId: e.target.value })}>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
        <option value={newOrganisation}>{t('suppliersRegistration.claim.newOrganisation')}</option>
      </SelectField>
      {form.organisationId === newOrganisation ? (
        <Field
          label={t('suppliersRegistration.claim.organisationName')}
          hint={t('suppliersRegistration.claim.organisationNameHint')}
          value={form.organisationName}
          required
          maxLength={200}
          autoComplete="organization"
          onChange={(e) => update({ organisationName: e.target.value })}
          error={fieldMessage('organisationName')}
          data-testid="claim-organisation-name"
        />
      ) : null}
      <Field label={t('suppliersRegistration.claim.jobTitle')} value={form.jobTitle} maxLength={120} autoComplete="organization-title" onChange={(e) => update({ jobTitle: e.target.value })} data-testid="claim-job-title" />
      <TextAreaField
        label={t('suppliersRegistration.claim.evidence')}
        hint={t('suppliersRegistration.claim.evidenceHint')}
        value={form.evidence}
        required
        maxLength={evidenceMaxLength}
        onChange={(e) => update({ evidence: e.target.value })}
        error={fieldMessage('evidence')}
        data-testid="claim-evidence"
      />
      <p className="field__hint">{t('suppliersRegistration.claim.moderated')}</p>
      {serverError ? <ErrorMessage error={serverError} /> : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="claim-submit">
          {t('suppliersRegistration.claim.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('suppliersRegistration.claim.cancel')}
        </button>
      </div>
    </form>
  );
}
