import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { translateDynamic } from '../../i18n/dynamic';
import { formatDateTime } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { useAsyncData } from '../../ui/useAsyncData';
import { auditEntityTypes, listAudit } from './api';
import { diffRecords, displayValue } from './diff';

export interface AuditQuery {
  entityType: string;
  entityId: string;
  /** Human label of the record, when known. */
  label?: string;
}

const pageSize = 20;
const knownEntityTypes = Object.values(auditEntityTypes);

function AuditEventDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const changes = diffRecords(event.before, event.after);
  const visible = showAll ? changes : changes.filter((c) => c.kind !== 'unchanged');
  const hidden = changes.length - visible.length;
  return (
    <>
      {visible.length === 0 ? (
        <p className="muted">{t('admin.audit.noChanges')}</p>
      ) : (
        <DataTable
          caption={t('admin.audit.changes')}
          className="table--compact diff"
          columns={[t('admin.audit.field'), t('admin.audit.before'), t('admin.audit.after')]}
        >
          {visible.map((c) => (
            <tr key={c.field} className={`diff__row diff__row--${c.kind}`}>
              <th scope="row">
                <code>{c.field}</code>
                <span className="diff__kind">{t(`admin.audit.kinds.${c.kind}`)}</span>
              </th>
              <td className="diff__before">
                {c.kind === 'added' ? <span className="muted">—</span> : <pre>{displayValue(c.before)}</pre>}
              </td>
              <td className="diff__after">
                {c.kind === 'removed' ? <span className="muted">—</span> : <pre>{displayValue(c.after)}</pre>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {hidden > 0 || showAll ? (
        <button type="button" className="button button--link" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? t('admin.audit.hideUnchanged') : t('admin.audit.showUnchanged', { count: hidden })}
        </button>
      ) : null}
    </>
  );
}

interface Props {
  query: AuditQuery | null;
  onQuery: (query: AuditQuery) => void;
}

export function AuditViewer({ query, onQuery }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [entityType, setEntityType] = useState(query?.entityType ?? '');
  const [entityId, setEntityId] = useState(query?.entityId ?? '');
  const [offset, setOffset] = useState(0);
  const [formError, setFormError] = useState<{ type?: string; id?: string }>({});
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!query) return;
    setEntityType(query.entityType);
    setEntityId(query.entityId);
    setOffset(0);
  }, [query]);

  const events = useAsyncData(
    (signal) => (query ? listAudit({ entityType: query.entityType, entityId: query.entityId, limit: pageSize, offset }, signal) : null),
    [query, offset],
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // An id without a type is ambiguous; everything else (even no filter at all) is fine.
    const errors: { type?: string; id?: string } = {};
    if (entityId.trim() && !entityType.trim()) errors.type = t('admin.audit.typeNeeded');
    setFormError(errors);
    if (errors.type) return;
    onQuery({ entityType: entityType.trim(), entityId: entityId.trim() });
  };

  return (
    <section className="card" aria-labelledby="admin-audit-heading" id="historial" tabIndex={-1}>
      <h2 id="admin-audit-heading" ref={headingRef}>
        {t('admin.audit.title')}
      </h2>
      <p>{t('admin.audit.intro')}</p>
      <p className="muted small">{t('admin.audit.filterHint')}</p>
      <form className="form form--inline" noValidate onSubmit={onSubmit}>
        <Field
          label={t('admin.audit.entityType')}
          list={`${id}-types`}
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          error={formError.type}
        />
        <datalist id={`${id}-types`}>
          {knownEntityTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <Field label={t('admin.audit.entityId')} value={entityId} onChange={(e) => setEntityId(e.target.value)} error={formError.id} />
        <button type="submit" className="button button--primary">
          {t('admin.audit.search')}
        </button>
      </form>

      {query ? (
        <div aria-live="polite" data-testid="audit-results">
          <h3>
            {query.label || query.entityType || query.entityId
              ? t('admin.audit.resultsFor', { label: query.label ?? `${query.entityType} ${query.entityId}`.trim() })
              : t('admin.audit.recent')}
          </h3>
          <AsyncContent state={events} isEmpty={(data) => data.items.length === 0} emptyText={t('admin.audit.empty')}>
            {(data) => (
              <>
                <ol className="audit-list">
                  {data.items.map((event) => (
                    <li key={String(event.id)} className="audit-event" data-testid="audit-event">
                      <p className="audit-event__meta">
                        {!query.entityId ? (
                          <>
                            <code>
                              {event.entityType} {event.entityId}
                            </code>{' '}
                          </>
                        ) : null}
                        <span className={`status-pill status-pill--${event.action}`}>
                          {translateDynamic(t, `admin.audit.actions.${event.action}`, event.action)}
                        </span>{' '}
                        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, i18n.language)}</time> ·{' '}
                        {t('admin.audit.by', { actor: event.actorLabel })}
                      </p>
                      <AuditEventDiff event={event} />
                    </li>
                  ))}
                </ol>
                <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('admin.audit.pages')} />
              </>
            )}
          </AsyncContent>
        </div>
      ) : null}
    </section>
  );
}
