import '../../charging/duplicates/duplicates.css';
import './moderation.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { formatDecimal, formatInteger } from '../../../i18n/format';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { PairMap } from '../../charging/duplicates/PairMap';
import { formatDate } from '../labels';
import { establishmentPath, isUuid } from '../paths';
import type { SupplierSource } from '../types';
import { useVocabularies } from '../useVocabularies';
import { getMatch, markDistinct, mergeMatch, unmergeMatch } from './api';
import { compareRows, differs, reasonLabel, sourceName, type RowKey, type RowLabels } from './compare';
import { matchesPath } from './paths';
import type { MatchDetail, MatchSide } from './types';

function Comparison({ pair }: { pair: MatchDetail }) {
  const { t, i18n } = useTranslation();
  const vocab = useVocabularies();
  const notGiven = t('suppliersModeration.detail.notGiven');
  const labels = useMemo<RowLabels>(
    () => ({
      field: (key) => t(`suppliersModeration.detail.fields.${key}`),
      source: (source) => sourceName(t, source, pair.sources),
      tier: vocab.tier, process: vocab.process, component: vocab.component, certification: vocab.certification,
      stratum: vocab.stratum, size: vocab.size, evReadiness: vocab.evReadiness,
      yes: t('suppliersModeration.detail.yes'), no: t('suppliersModeration.detail.no'),
    }),
    [t, vocab, pair.sources],
  );
  const rows = compareRows(pair.establishment, pair.match, labels);
  // Compared as ISO dates and keys; shown as dates and code.
  const show = (key: RowKey, value: string | null) =>
    value === null ? notGiven : key === 'sourceKey' ? <code>{value}</code> : key === 'registeredOn' || key === 'firstSeen' ? formatDate(value, i18n.language) : value;
  // A folded record is not in the directory: no link to a page that would show its canonical instead.
  const sideHeader = (letter: string, side: MatchSide) =>
    side.mergedInto ? `${letter} · ${side.name}` : (
      <>
        {letter} · <Link to={establishmentPath(side.id)}>{side.name}</Link>
      </>
    );
  return (
    <section className="card" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">{t('suppliersModeration.detail.caption')}</h2>
      <p className="muted small">{t('suppliersModeration.detail.legend')}</p>
      <div className="table-wrap">
        <table className="table duplicate-compare match-compare" data-testid="match-compare">
          <caption className="visually-hidden">{t('suppliersModeration.detail.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('suppliersModeration.detail.field')}</th>
              <th scope="col" className="duplicate-compare__col">
                {sideHeader('A', pair.establishment)}
              </th>
              <th scope="col" className="duplicate-compare__col">
                {sideHeader('B', pair.match)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const differ = differs(row.a, row.b);
              return (
                <tr key={row.key} data-field={row.key} data-differs={differ ? 'true' : 'false'} className={differ ? 'duplicate-compare__differs' : undefined}>
                  <th scope="row">
                    {row.label}
                    {differ ? (
                      <>
                        {' '}
                        <span className="tag tag--warning">{t('suppliersModeration.detail.differs')}</span>
                      </>
                    ) : null}
                  </th>
                  <td className="match-cell" data-side="A">{show(row.key, row.a)}</td>
                  <td className="match-cell" data-side="B">{show(row.key, row.b)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Where each record comes from, with its publisher, edition and licence. */
function Sources({ sources }: { sources: SupplierSource[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return null;
  return (
    <section className="card" aria-labelledby="match-sources-heading" data-testid="match-sources">
      <h2 id="match-sources-heading">{t('suppliersModeration.detail.sources')}</h2>
      <ul className="sources">
        {sources.map((s) => (
          <li key={s.id}>
            {s.url ? <a href={s.url}>{s.name}</a> : s.name} — {[s.publisher, s.vintage, s.licence].filter(Boolean).join(' · ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Outcome = 'merged' | 'distinct' | 'unmerged';

function Decision({ pair, onDecided }: { pair: MatchDetail; onDecided: (next: MatchDetail, outcome: Outcome) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<MatchDetail>, outcome: Outcome) => {
    setBusy(true);
    setError(null);
    try {
      onDecided(await action(), outcome);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const date = formatDate(pair.decidedAt, i18n.language);
  const state =
    pair.status === 'pending'
      ? t('suppliersModeration.detail.decided.pending')
      : pair.status === 'merged'
        ? pair.decidedBy === null
          ? t('suppliersModeration.detail.decided.mergedAutomatically', { date })
          : t('suppliersModeration.detail.decided.merged', { date })
        : pair.status === 'unmerged'
          ? t('suppliersModeration.detail.decided.unmerged', { date })
          : t('suppliersModeration.detail.decided.distinct', { date });
  return (
    <section className="card" aria-labelledby="decision-heading" data-testid="match-decision">
      <h2 id="decision-heading">{t('suppliersModeration.detail.decisionTitle')}</h2>
      <p data-testid="match-status" data-status={pair.status}>
        <strong>{state}</strong>
      </p>
      {pair.status === 'pending' ? (
        <>
          <p className="muted small">{t('suppliersModeration.detail.decisionIntro')}</p>
          <div className="duplicate-decision">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => mergeMatch(pair.id, 'establishment'), 'merged')} data-testid="keep-a">
              {t('suppliersModeration.detail.keepA')}
            </button>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => mergeMatch(pair.id, 'match'), 'merged')} data-testid="keep-b">
              {t('suppliersModeration.detail.keepB')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => markDistinct(pair.id), 'distinct')} data-testid="mark-distinct">
              {t('suppliersModeration.detail.distinct')}
            </button>
          </div>
        </>
      ) : pair.status === 'merged' ? (
        <>
          <p className="muted small">{t('suppliersModeration.detail.unmergeIntro')}</p>
          <div className="duplicate-decision">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => unmergeMatch(pair.id), 'unmerged')} data-testid="unmerge">
              {t('suppliersModeration.detail.unmerge')}
            </button>
          </div>
        </>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function PairView({ initial }: { initial: MatchDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [pair, setPair] = useState(initial);
  const [done, setDone] = useState<Outcome | null>(null);
  const { establishment: a, match: b } = pair;
  const point = (s: MatchSide) => `${formatDecimal(s.lat, lang, 5)}, ${formatDecimal(s.lon, lang, 5)}`;
  return (
    <div className="page" data-testid="supplier-match-page">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={matchesPath}>{t('suppliersModeration.matches.title')}</Link>
          </li>
          <li aria-current="page">{t('suppliersModeration.detail.kind')}</li>
        </ol>
      </nav>
      <p className="eyebrow">{t('suppliersModeration.detail.kind')}</p>
      <h1>{t('suppliersModeration.detail.title', { a: a.name, b: b.name })}</h1>
      <p data-testid="match-summary">
        {pair.distanceM === null
          ? t('suppliersModeration.detail.summaryNoDistance', { score: formatDecimal(pair.score, lang, 2) })
          : t('suppliersModeration.detail.summary', { distance: formatInteger(Math.round(pair.distanceM), lang), score: formatDecimal(pair.score, lang, 2) })}
      </p>
      <ul className="duplicate-reasons duplicate-reasons--page" aria-label={t('suppliersModeration.detail.reasonsTitle')} data-testid="match-reasons">
        {pair.reasons.map((code) => (
          <li key={code} className="tag">
            {reasonLabel(t, code)}
          </li>
        ))}
      </ul>
      {done ? (
        <p className="alert alert--success" role="status" data-testid="match-done">
          {t(`suppliersModeration.detail.done.${done}`)}
        </p>
      ) : null}
      <div className="duplicate-grid">
        <Decision
          pair={pair}
          onDecided={(next, outcome) => {
            setPair(next);
            setDone(outcome);
          }}
        />
        <PairMap a={a} b={b} label={t('suppliersModeration.detail.mapLabel', { a: point(a), b: point(b) })} />
      </div>
      <Comparison pair={pair} />
      <Sources sources={pair.sources} />
      <p>
        <Link to={matchesPath}>{t('suppliersModeration.detail.back')}</Link>
      </p>
    </div>
  );
}

function notFound(id: string): ApiError {
  return new ApiError({ status: 404, code: 'SUPPLIERS.MATCH_NOT_FOUND', title: 'Possible match not found', detail: `There is no possible match ${id}.` });
}

function Pair() {
  const { id = '' } = useParams();
  const pair = useAsyncData((signal) => (isUuid(id) ? getMatch(id, signal) : Promise.reject(notFound(id))), [id]);
  if (pair.data?.id === id) return <PairView key={id} initial={pair.data} />;
  return <div className="page">{pair.error ? <ErrorMessage error={pair.error} onRetry={pair.reload} /> : <Loading />}</div>;
}

/** `/moderacion/proveedores/:id`: both plant records side by side, a map of both points, and the decision. */
export function MatchPage() {
  const { t } = useTranslation();
  usePageTitle(t('suppliersModeration.detail.kind'));
  return (
    <RequireSignIn roles={['moderator', 'admin']}>
      <Pair />
    </RequireSignIn>
  );
}
