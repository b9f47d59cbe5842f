import '../skills.css';
import './insights.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatInteger } from '../../../i18n/format';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { DataTable } from '../../../ui/DataTable';
import { SelectField } from '../../../ui/Field';
import { Pagination } from '../../../ui/Pagination';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { SkillLink } from '../components';
import { getGaps, getProviderGaps, type GapCell, type ProviderGaps } from './api';
import { InsightsSubnav, MethodNote, StateSelect, useEditableOrganisations, Withheld } from './components';
import { providerTypes } from './CourseEditor';
import { labelOf } from './insights';

const pageSize = 50;

function Status({ cell }: { cell: GapCell }) {
  const { t } = useTranslation();
  if (cell.status === null) return <Withheld />;
  return <span className={`tag gap-status gap-status--${cell.status}`}>{translateDynamic(t, `skillsInsights.gaps.statuses.${cell.status}`, cell.status)}</span>;
}

function Supply({ cell }: { cell: GapCell }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = cell.supply;
  return (
    <>
      {t('skillsInsights.gaps.courses', { count: s.courses, n: formatInteger(s.courses, lang) })}
      {s.seatsPerYear > 0 ? ` · ${t('skillsInsights.gaps.seats', { n: formatInteger(s.seatsPerYear, lang) })}` : ''}
      {s.coursesWithoutSeats > 0 ? <span className="small muted"> · {t('skillsInsights.gaps.withoutSeats', { count: s.coursesWithoutSeats })}</span> : null}
      {s.onlineCourses > 0 ? <span className="small muted"> · {t('skillsInsights.gaps.online', { count: s.onlineCourses })}</span> : null}
    </>
  );
}

function GapRows({ items, showRing }: { items: Array<GapCell & { ring?: string; teachesAlready?: boolean; demandBehind?: ProviderGaps['items'][number]['demandBehind'] }>; showRing?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      {items.map((c) => (
        <tr key={`${c.stateCode}-${c.skill.id}`} data-state={c.stateCode} data-skill={c.skill.id} data-suppressed={c.suppressed ? 'true' : 'false'}>
          <th scope="row">
            <SkillLink skill={c.skill} />
            {c.teachesAlready ? <span className="tag tag--muted"> {t('skillsInsights.gaps.teachesAlready')}</span> : null}
            {c.demandBehind && c.demandBehind.occupations.length > 0 ? (
              <span className="small muted">
                {' '}
                · {t('skillsInsights.gaps.behind')}: {c.demandBehind.occupations.map((o) => (o.labelEs ? labelOf({ labelEs: o.labelEs, labelEn: o.labelEn ?? o.labelEs }, lang) : o.id)).join(', ')}
              </span>
            ) : null}
          </th>
          <td>
            {c.stateName ?? c.stateCode}
            {showRing && c.ring ? <span className="small muted"> · {translateDynamic(t, `skillsInsights.gaps.rings.${c.ring}`, c.ring)}</span> : null}
          </td>
          <td className="num">{c.suppressed ? <Withheld /> : formatInteger(c.peopleNeeded, lang)}</td>
          <td>
            <Supply cell={c} />
          </td>
          <td className="num">{c.suppressed ? '—' : formatInteger(c.gap, lang)}</td>
          <td>
            <Status cell={c} />
          </td>
        </tr>
      ))}
    </>
  );
}

function useColumns() {
  const { t } = useTranslation();
  return [
    t('skillsInsights.gaps.skill'),
    t('skillsInsights.fields.state'),
    { label: t('skillsInsights.gaps.peopleNeeded'), numeric: true },
    t('skillsInsights.gaps.supply'),
    { label: t('skillsInsights.gaps.gap'), numeric: true },
    t('skillsInsights.gaps.status'),
  ];
}

/** "Top unmet skills near you", for editors of an education provider. */
function ProviderView() {
  const { t } = useTranslation();
  const { organisations } = useEditableOrganisations(providerTypes);
  const [chosen, setChosen] = useState('');
  const orgId = chosen || organisations[0]?.organisationId || '';
  const report = useAsyncData((signal) => (orgId ? getProviderGaps(orgId, signal) : null), [orgId]);
  const columns = useColumns();
  if (organisations.length === 0) return null;
  return (
    <section className="card" aria-labelledby="gaps-provider-heading" data-testid="gaps-provider">
      <h2 id="gaps-provider-heading">{t('skillsInsights.gaps.providerTitle')}</h2>
      {organisations.length > 1 ? (
        <SelectField label={t('skillsInsights.courses.provider')} name="provider" value={orgId} onChange={(e) => setChosen(e.target.value)}>
          {organisations.map((o) => (
            <option key={o.organisationId} value={o.organisationId}>
              {o.organisationName}
            </option>
          ))}
        </SelectField>
      ) : null}
      <AsyncContent state={report}>
        {(r) => (
          <>
            <p>
              {r.basis === 'none'
                ? t('skillsInsights.gaps.basisNone')
                : t(`skillsInsights.gaps.basis.${r.basis === 'courses' ? 'courses' : 'organisation'}`, { states: r.states.filter((s) => s.ring === 'same_state').map((s) => s.name ?? s.code).join(', ') })}
            </p>
            {r.items.length === 0 ? (
              <p className="muted">{t('skillsInsights.gaps.noneUnmet')}</p>
            ) : (
              <DataTable caption={t('skillsInsights.gaps.providerTitle')} testId="gaps-provider-table" columns={columns}>
                <GapRows items={r.items} showRing />
              </DataTable>
            )}
          </>
        )}
      </AsyncContent>
    </section>
  );
}

/** `/habilidades/brechas`: people needed against training offered, per state and skill (point 4). */
export function GapsPage() {
  const { t } = useTranslation();
  usePageTitle(t('skillsInsights.gaps.title'));
  const [params, setParams] = useSearchParams();
  const state = params.get('estado') ?? '';
  const offset = Math.max(0, Number(params.get('desde') ?? 0) || 0);
  const report = useAsyncData((signal) => getGaps({ state: state || undefined }, { limit: pageSize, offset }, signal), [state, offset]);
  const columns = useColumns();
  return (
    <div className="page page--wide skills-page insights-page" data-testid="gaps-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.gaps.title')}</h1>
      <p className="lead">{t('skillsInsights.gaps.intro')}</p>
      <ProviderView />
      <section className="card" aria-labelledby="gaps-table-heading">
        <h2 id="gaps-table-heading">{t('skillsInsights.gaps.tableTitle')}</h2>
        <StateSelect label={t('skillsInsights.fields.state')} name="state" value={state} emptyLabel={t('skillsInsights.common.allStates')} onChange={(v) => setParams(v ? { estado: v } : {}, { replace: true })} />
        <AsyncContent state={report} isEmpty={(r) => r.items.length === 0} emptyText={t('skillsInsights.gaps.empty')}>
          {(r) => (
            <>
              <DataTable caption={t('skillsInsights.gaps.tableTitle')} testId="gaps-table" columns={columns} busy={report.loading}>
                <GapRows items={r.items} />
              </DataTable>
              <Pagination total={r.total} limit={pageSize} offset={offset} label={t('skillsInsights.gaps.pages')} onChange={(next) => { const p = new URLSearchParams(params); if (next) p.set('desde', String(next)); else p.delete('desde'); setParams(p); }} />
            </>
          )}
        </AsyncContent>
      </section>
      <MethodNote id="gaps-method" method={t('skillsInsights.gaps.method')} serverMethod={report.data?.method} asOf={report.data?.asOf} sources={report.data?.sources} />
    </div>
  );
}
