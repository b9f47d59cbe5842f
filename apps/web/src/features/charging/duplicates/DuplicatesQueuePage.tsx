import './duplicates.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDecimal, formatInteger } from '../../../i18n/format';
import { DataTable } from '../../../ui/DataTable';
import { Pagination } from '../../../ui/Pagination';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { listDuplicates } from './api';
import { reasonLabel, sourceName } from './compare';
import { duplicatePath } from './paths';
import type { DuplicateListedSide, DuplicateStatus } from './types';

const statuses: DuplicateStatus[] = ['pending', 'merged', 'distinct'];
const pageSize = 50;

function SideCell({ side }: { side: DuplicateListedSide }) {
  const { t } = useTranslation();
  return (
    <>
      <span>{side.name}</span>
      <span className="muted small duplicate-side__meta">
        {sourceName(t, side.source)} · <code>{side.sourceKey}</code>
        {side.operatorName ? ` · ${side.operatorName}` : ''}
      </span>
    </>
  );
}

function Queue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const status = (statuses as string[]).includes(params.get('status') ?? '') ? (params.get('status') as DuplicateStatus) : 'pending';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useAsyncData((signal) => listDuplicates(status, { limit: pageSize, offset }, signal), [status, offset]);

  const show = (next: { status?: DuplicateStatus; offset?: number }) => {
    const query = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== 'pending') query.set('status', s);
    const o = next.offset ?? 0;
    if (o > 0) query.set('offset', String(o));
    setParams(query);
  };

  return (
    <div className="page" data-testid="duplicates-queue">
      <h1>{t('chargingDuplicates.queue.title')}</h1>
      <p>{t('chargingDuplicates.queue.intro')}</p>
      <fieldset className="card">
        <legend>{t('chargingDuplicates.queue.statusLabel')}</legend>
        <div className="duplicate-decision">
          {statuses.map((s) => (
            <label key={s}>
              <input type="radio" name="status" value={s} checked={s === status} onChange={() => show({ status: s })} />{' '}
              {t(`chargingDuplicates.queue.statuses.${s}`)}
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
          <p data-testid="duplicates-total">{t('chargingDuplicates.queue.total', { total: formatInteger(list.data.total, lang) })}</p>
          {list.data.items.length === 0 ? (
            <p className="muted">{t('chargingDuplicates.queue.empty')}</p>
          ) : (
            <DataTable
              caption={t('chargingDuplicates.queue.caption')}
              testId="duplicates-table"
              busy={list.loading}
              columns={[
                t('chargingDuplicates.queue.columns.a'),
                t('chargingDuplicates.queue.columns.b'),
                { label: t('chargingDuplicates.queue.columns.distance'), numeric: true },
                { label: t('chargingDuplicates.queue.columns.score'), numeric: true },
                t('chargingDuplicates.queue.columns.reasons'),
                t('chargingDuplicates.queue.columns.open'),
              ]}
            >
              {list.data.items.map((pair) => (
                <tr key={pair.id} data-pair-id={pair.id}>
                  <td>
                    <SideCell side={pair.location} />
                  </td>
                  <td>
                    <SideCell side={pair.match} />
                  </td>
                  <td className="num">{formatInteger(Math.round(pair.distanceM), lang)} m</td>
                  <td className="num">{formatDecimal(pair.score, lang, 2)}</td>
                  <td>
                    <ul className="duplicate-reasons">
                      {pair.reasons.map((code) => (
                        <li key={code} className="tag">
                          {reasonLabel(t, code)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Link to={duplicatePath(pair.id)} aria-label={t('chargingDuplicates.queue.open', { a: pair.location.name, b: pair.match.name })}>
                      {t('chargingDuplicates.queue.columns.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {list.data.total > pageSize ? (
            <Pagination
              total={list.data.total}
              limit={pageSize}
              offset={offset}
              onChange={(o) => show({ offset: o })}
              label={t('chargingDuplicates.queue.pagesLabel')}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

/** `/moderacion/duplicados`: the moderator's queue of possible duplicates across sources. */
export function DuplicatesQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('chargingDuplicates.queue.title'));
  return (
    <RequireSignIn roles={['moderator', 'admin']}>
      <Queue />
    </RequireSignIn>
  );
}
