import '../../charging/duplicates/duplicates.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDecimal, formatInteger } from '../../../i18n/format';
import { DataTable } from '../../../ui/DataTable';
import { Pagination } from '../../../ui/Pagination';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { listMatches } from './api';
import { reasonLabel, sourceName } from './compare';
import { matchPath } from './paths';
import type { MatchListedSide, MatchStatus } from './types';

const statuses: MatchStatus[] = ['pending', 'merged', 'distinct', 'unmerged'];
const pageSize = 50;

function SideCell({ side }: { side: MatchListedSide }) {
  const { t } = useTranslation();
  return (
    <>
      <span>{side.name}</span>
      <span className="muted small duplicate-side__meta">
        {sourceName(t, side.source)} · <code>{side.sourceKey}</code>
        {side.municipalityName ? ` · ${[side.municipalityName, side.stateName].filter(Boolean).join(', ')}` : ''}
      </span>
    </>
  );
}

function Queue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const status = (statuses as string[]).includes(params.get('status') ?? '') ? (params.get('status') as MatchStatus) : 'pending';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const list = useAsyncData((signal) => listMatches(status, { limit: pageSize, offset }, signal), [status, offset]);

  const show = (next: { status?: MatchStatus; offset?: number }) => {
    const query = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== 'pending') query.set('status', s);
    const o = next.offset ?? 0;
    if (o > 0) query.set('offset', String(o));
    setParams(query);
  };

  return (
    <div className="page" data-testid="supplier-matches-queue">
      <h1>{t('suppliersModeration.matches.title')}</h1>
      <p>{t('suppliersModeration.matches.intro')}</p>
      <fieldset className="card">
        <legend>{t('suppliersModeration.matches.statusLabel')}</legend>
        <div className="duplicate-decision">
          {statuses.map((s) => (
            <label key={s}>
              <input type="radio" name="status" value={s} checked={s === status} onChange={() => show({ status: s })} />{' '}
              {t(`suppliersModeration.matches.statuses.${s}`)}
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
          <p data-testid="matches-total">{t('suppliersModeration.matches.total', { total: formatInteger(list.data.total, lang) })}</p>
          {list.data.items.length === 0 ? (
            <p className="muted">{t('suppliersModeration.matches.empty')}</p>
          ) : (
            <DataTable
              caption={t('suppliersModeration.matches.caption')}
              testId="matches-table"
              busy={list.loading}
              columns={[
                t('suppliersModeration.matches.columns.a'),
                t('suppliersModeration.matches.columns.b'),
                { label: t('suppliersModeration.matches.columns.distance'), numeric: true },
                { label: t('suppliersModeration.matches.columns.score'), numeric: true },
                t('suppliersModeration.matches.columns.reasons'),
                t('suppliersModeration.matches.columns.open'),
              ]}
            >
              {list.data.items.map((pair) => (
                <tr key={pair.id} data-pair-id={pair.id}>
                  <td>
                    <SideCell side={pair.establishment} />
                  </td>
                  <td>
                    <SideCell side={pair.match} />
                  </td>
                  <td className="num">{pair.distanceM === null ? '—' : `${formatInteger(Math.round(pair.distanceM), lang)} m`}</td>
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
                    <Link to={matchPath(pair.id)} aria-label={t('suppliersModeration.matches.open', { a: pair.establishment.name, b: pair.match.name })}>
                      {t('suppliersModeration.matches.columns.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {list.data.total > pageSize ? (
            <Pagination total={list.data.total} limit={pageSize} offset={offset} onChange={(o) => show({ offset: o })} label={t('suppliersModeration.matches.pagesLabel')} />
          ) : null}
        </>
      )}
    </div>
  );
}

/** `/moderacion/proveedores`: the moderator's queue of possible duplicate plants across sources. */
export function MatchesQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersModeration.matches.title'));
  return (
    <RequireSignIn roles={['moderator', 'admin']}>
      <Queue />
    </RequireSignIn>
  );
}
