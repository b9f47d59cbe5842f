import '../skills.css';
import './insights.css';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, formatPercent } from '../../../i18n/format';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { DataTable } from '../../../ui/DataTable';
import { SelectField } from '../../../ui/Field';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { getInclusion, type ApplicationPlace, type Inclusion, type Measure, type VacancyPlace } from './api';
import { InsightsSubnav, MethodNote, Withheld } from './components';
import { labelOf } from './insights';

const placeName = (p: { country: string; stateCode?: string; stateName?: string | null }, t: TFunction) =>
  p.stateCode ? `${p.stateName ?? p.stateCode} (${p.country})` : translateDynamic(t, `skillsInsights.countries.${p.country}`, p.country);

function VacancyShares({ places, caption, testId }: { places: VacancyPlace[]; caption: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const features = places[0]?.features ?? [];
  if (places.length === 0) return <p className="muted">{t('skillsInsights.inclusion.noVacancies')}</p>;
  return (
    <DataTable caption={caption} testId={testId} columns={[t('skillsInsights.inclusion.place'), { label: t('skillsInsights.inclusion.openVacancies'), numeric: true }, ...features.map((f) => ({ label: labelOf(f, lang), numeric: true }))]}>
      {places.map((p) => (
        <tr key={`${p.country}-${p.stateCode ?? ''}`} data-place={p.stateCode ?? p.country}>
          <th scope="row">{placeName(p, t)}</th>
          <td className="num">{formatInteger(p.openVacancies, lang)}</td>
          {features.map((f) => {
            const share = p.features.find((x) => x.code === f.code);
            return (
              <td key={f.code} className="num" title={share ? `${formatInteger(share.vacancies, lang)}` : undefined}>
                {share ? formatPercent(share.share, lang) : '—'}
              </td>
            );
          })}
        </tr>
      ))}
    </DataTable>
  );
}

function Count({ value, suppressed, min }: { value: number | null; suppressed: boolean; min: number }) {
  const { i18n } = useTranslation();
  return suppressed ? <Withheld minimum={min} unit="people" /> : <>{formatInteger(value, i18n.language)}</>;
}

function GenderTable({ data, places, measure, caption, testId }: { data: Inclusion; places: ApplicationPlace[]; measure: 'applications' | 'placements'; caption: string; testId: string }) {
  const { t } = useTranslation();
  const min = data.suppression.minPeople;
  if (places.length === 0) return <p className="muted">{t('skillsInsights.inclusion.noApplications')}</p>;
  return (
    <DataTable caption={caption} testId={testId} columns={[t('skillsInsights.inclusion.place'), { label: t('skillsInsights.inclusion.total'), numeric: true }, ...data.genders.map((g) => ({ label: translateDynamic(t, `skillsInsights.vocab.genders.${g}`, g), numeric: true }))]}>
      {places.map((p) => {
        const m: Measure = p[measure];
        return (
          <tr key={`${p.country}-${p.stateCode ?? ''}`} data-place={p.stateCode ?? p.country}>
            <th scope="row">{placeName(p, t)}</th>
            <td className="num">
              <Count value={m.total} suppressed={m.totalSuppressed} min={min} />
            </td>
            {data.genders.map((g) => {
              const cell = m.byGender.find((c) => c.gender === g);
              return (
                <td key={g} className="num" data-suppressed={cell?.suppressed ? 'true' : 'false'}>
                  {cell ? <Count value={cell.count} suppressed={cell.suppressed} min={min} /> : '—'}
                </td>
              );
            })}
          </tr>
        );
      })}
    </DataTable>
  );
}

/** `/empleo/inclusion`: inclusion indicators, aggregated and anonymous (point 7). */
export function InclusionPage() {
  const { t } = useTranslation();
  usePageTitle(t('skillsInsights.inclusion.title'));
  const data = useAsyncData((signal) => getInclusion(signal), []);
  const [level, setLevel] = useState<'state' | 'country'>('state');
  return (
    <div className="page page--wide skills-page insights-page" data-testid="inclusion-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.inclusion.title')}</h1>
      <p className="lead">{t('skillsInsights.inclusion.intro')}</p>
      <AsyncContent state={data}>
        {(d) => (
          <>
            <SelectField label={t('skillsInsights.inclusion.level')} name="level" value={level} onChange={(e) => setLevel(e.target.value === 'country' ? 'country' : 'state')}>
              <option value="state">{t('skillsInsights.inclusion.byState')}</option>
              <option value="country">{t('skillsInsights.inclusion.byCountry')}</option>
            </SelectField>
            <section className="card" aria-labelledby="inclusion-vacancies-heading">
              <h2 id="inclusion-vacancies-heading">{t('skillsInsights.inclusion.vacanciesTitle')}</h2>
              <p className="small muted">{t('skillsInsights.inclusion.vacanciesNote')}</p>
              <VacancyShares places={level === 'state' ? d.vacancies.byState : d.vacancies.byCountry} caption={t('skillsInsights.inclusion.vacanciesTitle')} testId="inclusion-vacancies" />
            </section>
            <section className="card" aria-labelledby="inclusion-applications-heading">
              <h2 id="inclusion-applications-heading">{t('skillsInsights.inclusion.applicationsTitle')}</h2>
              <p className="small muted">{t('skillsInsights.inclusion.suppressionNote', { count: d.suppression.minPeople })}</p>
              <GenderTable data={d} places={level === 'state' ? d.applications.byState : d.applications.byCountry} measure="applications" caption={t('skillsInsights.inclusion.applicationsTitle')} testId="inclusion-applications" />
            </section>
            <section className="card" aria-labelledby="inclusion-placements-heading">
              <h2 id="inclusion-placements-heading">{t('skillsInsights.inclusion.placementsTitle')}</h2>
              <GenderTable data={d} places={level === 'state' ? d.applications.byState : d.applications.byCountry} measure="placements" caption={t('skillsInsights.inclusion.placementsTitle')} testId="inclusion-placements" />
            </section>
            <MethodNote id="inclusion-method" method={t('skillsInsights.inclusion.method', { count: d.suppression.minPeople })} serverMethod={d.method} asOf={d.asOf} sources={d.sources} />
          </>
        )}
      </AsyncContent>
    </div>
  );
}
