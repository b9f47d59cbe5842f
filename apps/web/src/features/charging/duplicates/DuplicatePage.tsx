import './duplicates.css';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { translateDynamic } from '../../../i18n/dynamic';
import { formatDecimal, formatInteger } from '../../../i18n/format';
import { ErrorMessage, Loading } from '../../../ui/Status';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { RequireSignIn } from '../../accounts/RequireSignIn';
import { accessLabel, formatDate, formatKw, standardLabel, statusLabel } from '../labels';
import { isLocationId, locationPath } from '../paths';
import { ChargingSources } from '../SourceNotes';
import { getDuplicate, markDistinct, mergeDuplicate, unmergeDuplicate } from './api';
import { connectorSummary, differs, reasonLabel, sourceName } from './compare';
import { PairMap } from './PairMap';
import { duplicatesPath } from './paths';
import type { DuplicateDetail, DuplicateSide } from './types';

interface Row {
  key: string;
  label: string;
  /** What is compared (language-independent where it can be). */
  a: string | null;
  b: string | null;
  /** How each side is shown, when not as the compared text. */
  showA?: ReactNode;
  showB?: ReactNode;
}

function useRows(pair: DuplicateDetail): Row[] {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const notGiven = t('charging.notGiven');
  const field = (key: keyof typeof fields) => t(`chargingDuplicates.detail.fields.${key}`);
  const fields = {
    name: 0, source: 0, sourceKey: 0, operator: 0, operatorOrganisation: 0, owner: 0, access: 0, status: 0, address: 0, place: 0,
    coordinates: 0, connectors: 0, evses: 0, payment: 0, ocpp: 0, commissioned: 0, lastVerified: 0, firstSeen: 0, mergedInto: 0,
  } as const;
  const yesNo = (v: boolean | null) => (v === null ? null : v ? t('chargingDuplicates.detail.yes') : t('chargingDuplicates.detail.no'));
  const address = (s: DuplicateSide) => [s.address, [s.postalCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
  const place = (s: DuplicateSide) => [s.municipalityName, s.stateName].filter(Boolean).join(', ') || null;
  const coordinates = (s: DuplicateSide) => `${formatDecimal(s.lat, lang, 5)}, ${formatDecimal(s.lon, lang, 5)}`;
  const connectors = (s: DuplicateSide) =>
    connectorSummary(s).map((c) => `${standardLabel(t, c.standard === 'UNKNOWN' ? null : c.standard)} ×${c.count}${c.maxPowerKw !== null ? ` (${formatKw(c.maxPowerKw, lang)} kW)` : ''}`);
  const payment = (s: DuplicateSide) => s.paymentMethods.map((m) => translateDynamic(t, `chargingDashboard.payment.${m}`, m)).join(', ') || null;
  const connectorList = (items: string[]) =>
    items.length === 0 ? notGiven : (
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    );
  const { location: a, match: b } = pair;
  const rows: Row[] = [
    { key: 'name', label: field('name'), a: a.name, b: b.name },
    { key: 'source', label: field('source'), a: sourceName(t, a.source), b: sourceName(t, b.source) },
    { key: 'sourceKey', label: field('sourceKey'), a: a.sourceKey, b: b.sourceKey, showA: <code>{a.sourceKey}</code>, showB: <code>{b.sourceKey}</code> },
    { key: 'operator', label: field('operator'), a: a.operatorName, b: b.operatorName },
    { key: 'operatorOrganisation', label: field('operatorOrganisation'), a: a.operatorOrganisationName, b: b.operatorOrganisationName },
    { key: 'owner', label: field('owner'), a: a.ownerName, b: b.ownerName },
    { key: 'access', label: field('access'), a: a.access, b: b.access, showA: accessLabel(t, a.access), showB: accessLabel(t, b.access) },
    { key: 'status', label: field('status'), a: a.lifecycleStatus, b: b.lifecycleStatus, showA: statusLabel(t, a.lifecycleStatus), showB: statusLabel(t, b.lifecycleStatus) },
    { key: 'address', label: field('address'), a: address(a), b: address(b) },
    { key: 'place', label: field('place'), a: place(a), b: place(b) },
    { key: 'coordinates', label: field('coordinates'), a: coordinates(a), b: coordinates(b) },
    { key: 'connectors', label: field('connectors'), a: connectors(a).join(' | '), b: connectors(b).join(' | '), showA: connectorList(connectors(a)), showB: connectorList(connectors(b)) },
    { key: 'evses', label: field('evses'), a: formatInteger(a.evses.length, lang), b: formatInteger(b.evses.length, lang) },
    { key: 'payment', label: field('payment'), a: payment(a), b: payment(b) },
    { key: 'ocpp', label: field('ocpp'), a: yesNo(a.ocppSupport), b: yesNo(b.ocppSupport) },
    { key: 'commissioned', label: field('commissioned'), a: a.commissionedOn, b: b.commissionedOn, showA: formatDate(a.commissionedOn, lang, notGiven), showB: formatDate(b.commissionedOn, lang, notGiven) },
    { key: 'lastVerified', label: field('lastVerified'), a: a.lastVerifiedAt?.slice(0, 10) ?? null, b: b.lastVerifiedAt?.slice(0, 10) ?? null, showA: formatDate(a.lastVerifiedAt, lang, notGiven), showB: formatDate(b.lastVerifiedAt, lang, notGiven) },
    { key: 'firstSeen', label: field('firstSeen'), a: a.createdAt.slice(0, 10), b: b.createdAt.slice(0, 10), showA: formatDate(a.createdAt, lang), showB: formatDate(b.createdAt, lang) },
    { key: 'mergedInto', label: field('mergedInto'), a: yesNo(a.mergedInto !== null), b: yesNo(b.mergedInto !== null) },
  ];
  return rows;
}

function Comparison({ pair }: { pair: DuplicateDetail }) {
  const { t } = useTranslation();
  const rows = useRows(pair);
  const notGiven = t('charging.notGiven');
  const cell = (value: string | null, shown: ReactNode | undefined) => shown ?? value ?? notGiven;
  const sideHeader = (letter: string, side: DuplicateSide) =>
    side.mergedInto || side.access === 'private' ? (
      `${letter} · ${side.name}`
    ) : (
      <>
        {letter} · <Link to={locationPath(side.id)}>{side.name}</Link>
      </>
    );
  return (
    <section className="card" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">{t('chargingDuplicates.detail.caption')}</h2>
      <p className="muted small">{t('chargingDuplicates.detail.legend')}</p>
      <div className="table-wrap">
        <table className="table duplicate-compare" data-testid="duplicate-compare">
          <caption className="visually-hidden">{t('chargingDuplicates.detail.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chargingDuplicates.detail.field')}</th>
              <th scope="col" className="duplicate-compare__col">
                {sideHeader(t('chargingDuplicates.detail.recordA'), pair.location)}
              </th>
              <th scope="col" className="duplicate-compare__col">
                {sideHeader(t('chargingDuplicates.detail.recordB'), pair.match)}
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
                        <span className="tag tag--warning">{t('chargingDuplicates.detail.differs')}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{cell(row.a, row.showA)}</td>
                  <td>{cell(row.b, row.showB)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Outcome = 'merged' | 'distinct' | 'unmerged';

function Decision({ pair, onDecided }: { pair: DuplicateDetail; onDecided: (next: DuplicateDetail, outcome: Outcome) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<DuplicateDetail>, outcome: Outcome) => {
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
      ? t('chargingDuplicates.detail.decided.pending')
      : pair.status === 'merged'
        ? pair.decidedBy === null
          ? t('chargingDuplicates.detail.decided.mergedAutomatically', { date })
          : t('chargingDuplicates.detail.decided.merged', { date })
        : t('chargingDuplicates.detail.decided.distinct', { date });
  return (
    <section className="card" aria-labelledby="decision-heading" data-testid="duplicate-decision">
      <h2 id="decision-heading">{t('chargingDuplicates.detail.decisionTitle')}</h2>
      <p data-testid="duplicate-status" data-status={pair.status}>
        <strong>{state}</strong>
      </p>
      {pair.status === 'pending' ? (
        <>
          <p className="muted small">{t('chargingDuplicates.detail.decisionIntro')}</p>
          <div className="duplicate-decision">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => mergeDuplicate(pair.id, 'location'), 'merged')} data-testid="keep-a">
              {t('chargingDuplicates.detail.keepA')}
            </button>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => mergeDuplicate(pair.id, 'match'), 'merged')} data-testid="keep-b">
              {t('chargingDuplicates.detail.keepB')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => markDistinct(pair.id), 'distinct')} data-testid="mark-distinct">
              {t('chargingDuplicates.detail.distinct')}
            </button>
          </div>
        </>
      ) : pair.status === 'merged' ? (
        <div className="duplicate-decision">
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => unmergeDuplicate(pair.id), 'unmerged')} data-testid="unmerge">
            {t('chargingDuplicates.detail.unmerge')}
          </button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function PairView({ initial }: { initial: DuplicateDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [pair, setPair] = useState(initial);
  const [done, setDone] = useState<Outcome | null>(null);
  const { location: a, match: b } = pair;
  const point = (s: DuplicateSide) => `${formatDecimal(s.lat, lang, 5)}, ${formatDecimal(s.lon, lang, 5)}`;
  return (
    <div className="page" data-testid="duplicate-page">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={duplicatesPath}>{t('chargingDuplicates.queue.title')}</Link>
          </li>
          <li aria-current="page">{t('chargingDuplicates.detail.kind')}</li>
        </ol>
      </nav>
      <p className="eyebrow">{t('chargingDuplicates.detail.kind')}</p>
      <h1>{t('chargingDuplicates.detail.title', { a: a.name, b: b.name })}</h1>
      <p data-testid="duplicate-summary">
        {t('chargingDuplicates.detail.summary', { distance: formatInteger(Math.round(pair.distanceM), lang), score: formatDecimal(pair.score, lang, 2) })}
      </p>
      <h2 className="visually-hidden">{t('chargingDuplicates.detail.reasonsTitle')}</h2>
      <ul className="duplicate-reasons duplicate-reasons--page" aria-label={t('chargingDuplicates.detail.reasonsTitle')} data-testid="duplicate-reasons">
        {pair.reasons.map((code) => (
          <li key={code} className="tag">
            {reasonLabel(t, code)}
          </li>
        ))}
      </ul>
      {done ? (
        <p className="alert alert--success" role="status" data-testid="duplicate-done">
          {t(`chargingDuplicates.detail.done.${done}`)}
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
        <PairMap a={a} b={b} label={t('chargingDuplicates.detail.mapLabel', { a: point(a), b: point(b) })} />
      </div>
      <Comparison pair={pair} />
      <ChargingSources sources={pair.sources} asOf={null} />
      <p>
        <Link to={duplicatesPath}>{t('chargingDuplicates.detail.back')}</Link>
      </p>
    </div>
  );
}

function notFound(id: string): ApiError {
  return new ApiError({ status: 404, code: 'CHARGING.DUPLICATE_NOT_FOUND', title: 'Possible duplicate not found', detail: `There is no possible duplicate ${id}.` });
}

function Pair() {
  const { id = '' } = useParams();
  const pair = useAsyncData((signal) => (isLocationId(id) ? getDuplicate(id, signal) : Promise.reject(notFound(id))), [id]);
  if (pair.data?.id === id) return <PairView key={id} initial={pair.data} />;
  return <div className="page">{pair.error ? <ErrorMessage error={pair.error} onRetry={pair.reload} /> : <Loading />}</div>;
}

/** `/moderacion/duplicados/:id`: both records side by side, a map of both points, and the decision. */
export function DuplicatePage() {
  const { t } = useTranslation();
  usePageTitle(t('chargingDuplicates.detail.kind'));
  return (
    <RequireSignIn roles={['moderator', 'admin']}>
      <Pair />
    </RequireSignIn>
  );
}
