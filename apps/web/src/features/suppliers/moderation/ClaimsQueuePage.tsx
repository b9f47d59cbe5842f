import './moderation.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatInteger } from '../../../i18n/format';
import { Pagination } from '../../../ui/Pagination';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { formatDate } from '../labels';
import { establishmentPath } from '../paths';
import { TextAreaField } from '../registration/TextAreaField';
import type { Claim, ClaimStatus } from '../registration/types';
import { approveClaim, listClaims, rejectClaim } from './api';
import { sourceName } from './compare';

const statuses: ClaimStatus[] = ['pending', 'approved', 'rejected'];
const pageSize = 20;

function ClaimCard({ initial }: { initial: Claim }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [claim, setClaim] = useState(initial);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const e = claim.establishment;

  const decide = async (action: 'approve' | 'reject') => {
    // The claimant reads why: a rejection says so.
    if (action === 'reject' && !note.trim()) {
      setNoteError(t('suppliersModeration.claims.noteRequired'));
      return;
    }
    setNoteError('');
    setBusy(true);
    setError(null);
    try {
      setClaim(await (action === 'approve' ? approveClaim(claim.id, note) : rejectClaim(claim.id, note)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const headingId = `claim-${claim.id}`;
  return (
    <li className="card claim-card" aria-labelledby={headingId} data-testid="claim-card" data-claim-id={claim.id} data-status={claim.status}>
      <h2 id={headingId} className="claim-card__title">
        {e.mergedInto ? e.name : <Link to={establishmentPath(e.id)}>{e.name}</Link>}
      </h2>
      <p className="muted small">
        {[[e.municipalityName, e.stateName].filter(Boolean).join(', '), sourceName(t, e.source), e.legalName].filter(Boolean).join(' · ')}
      </p>
      <dl className="facts facts--compact claim-card__facts">
        <div>
          <dt>{t('suppliersModeration.claims.organisation')}</dt>
          <dd>{claim.organisation.name}</dd>
        </div>
        <div>
          <dt>{t('suppliersModeration.claims.claimant')}</dt>
          <dd>
            {claim.claimant.displayName} · <a href={`mailto:${claim.claimant.email}`}>{claim.claimant.email}</a>
            {claim.jobTitle ? <span className="muted"> · {claim.jobTitle}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('suppliersModeration.claims.sent')}</dt>
          <dd>{formatDate(claim.createdAt, lang)}</dd>
        </div>
      </dl>
      <h3 className="claim-card__subtitle">{t('suppliersModeration.claims.evidence')}</h3>
      <p className="claim-card__evidence" data-testid="claim-evidence">
        {claim.evidence}
      </p>
      {claim.status === 'pending' ? (
        <div className="form claim-card__decision">
          <TextAreaField
            label={t('suppliersModeration.claims.note')}
            hint={t('suppliersModeration.claims.noteHint')}
            value={note}
            maxLength={2000}
            rows={2}
            onChange={(ev) => setNote(ev.target.value)}
            error={noteError || undefined}
            data-testid="claim-note"
          />
          <div className="actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void decide('approve')} data-testid="claim-approve">
              {t('suppliersModeration.claims.approve')}
            </button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void decide('reject')} data-testid="claim-reject">
              {t('suppliersModeration.claims.reject')}
            </button>
          </div>
        </div>
      ) : (
        <p className={claim.status === 'approved' ? 'alert alert--success' : 'alert alert--warning'} role="status" data-testid="claim-decision">
          {t(`suppliersModeration.claims.decided.${claim.status}`, { date: formatDate(claim.decidedAt, lang), name: claim.decidedBy?.displayName ?? '—' })}
          {claim.decisionNote ? (
            <>
              <br />
              {t('suppliersModeration.claims.noteShown', { note: claim.decisionNote })}
            </>
          ) : null}
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </li>
  );
}

function Queue() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (statuses as string[]).includes(params.get('status') ?? '') ? (params.get('status') as ClaimStatus) : 'pending';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useAsyncData((signal) => listClaims(status, { limit: pageSize, offset }, signal), [status, offset]);
  const show = (next: { status?: ClaimStatus; offset?: number }) => {
    const query = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== 'pending') query.set('status', s);
    if ((next.offset ?? 0) > 0) query.set('offset', String(next.offset));
    setParams(query);
  };
  return (
    <div className="page" data-testid="supplier-claims-queue">
      <h1>{t('suppliersModeration.claims.title')}</h1>
      <p>{t('suppliersModeration.claims.intro')}</p>
      <fieldset className="card">
        <legend>{t('suppliersModeration.claims.statusLabel')}</legend>
        <div className="duplicate-decision">
          {statuses.map((s) => (
            <label key={s}>
              <input type="radio" name="claim-status" value={s} checked={s === status} onChange={() => show({ status: s })} />{' '}
              {t(`suppliersModeration.claims.statuses.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <p data-testid="claims-total">{t('suppliersModeration.claims.total', { total: formatInteger(list.data.total, i18n.language) })}</p>
          {list.data.items.length === 0 ? (
            <p className="muted">{t('suppliersModeration.claims.empty')}</p>
          ) : (
            <ul className="claim-list" aria-busy={list.loading}>
              {list.data.items.map((claim) => (
                <ClaimCard key={claim.id} initial={claim} />
              ))}
            </ul>
          )}
          {list.data.total > pageSize ? (
            <Pagination total={list.data.total} limit={pageSize} offset={offset} onChange={(o) => show({ offset: o })} label={t('suppliersModeration.claims.pagesLabel')} />
          ) : null}
        </>
      )}
    </div>
  );
}

/** `/moderacion/reclamos`: companies asking to manage plants of the census; a moderator checks the evidence. */
export function ClaimsQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersModeration.claims.title'));
  return (
    <RequireSignIn roles={['moderator', 'admin']}>
      <Queue />
    </RequireSignIn>
  );
}
