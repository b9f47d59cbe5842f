import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AreaMap } from '../../atlas/AreaMap';
import { density, formatArea, formatDecimal, formatInteger } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getState } from './api';
import { MunicipalitiesTable } from './MunicipalitiesTable';
import { SourcesList } from './SourcesList';

function StateProfile({ cveEnt }: { cveEnt: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useAsyncData((signal) => getState(cveEnt, signal), [cveEnt]);
  usePageTitle(state.data?.name ?? t('geo.stateProfile'));

  if (state.error) {
    return (
      <div className="page">
        <p>
          <Link to="/">{t('geo.backToMap')}</Link>
        </p>
        <ErrorMessage error={state.error} onRetry={state.reload} />
      </div>
    );
  }
  if (!state.data) return <div className="page"><Loading /></div>;
  const s = state.data;
  const perKm2 = density(s.population2020, s.areaKm2);

  return (
    <div className="page" data-testid="state-profile">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.map')}</Link>
          </li>
          <li aria-current="page">{s.name}</li>
        </ol>
      </nav>
      <p className="eyebrow">{t('geo.types.state')}</p>
      <h1>{s.name}</h1>
      <div className="profile-grid">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('geo.keyFacts')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('geo.inegiCode')}</dt>
              <dd>
                <code>{s.cveEnt}</code>
              </dd>
            </div>
            <div>
              <dt>{t('geo.population2020')}</dt>
              <dd data-testid="population">{formatInteger(s.population2020, lang, t('common.notAvailable'))}</dd>
            </div>
            <div>
              <dt>{t('geo.populationFemale')}</dt>
              <dd>{formatInteger(s.populationFemale2020, lang, t('common.notAvailable'))}</dd>
            </div>
            <div>
              <dt>{t('geo.populationMale')}</dt>
              <dd>{formatInteger(s.populationMale2020, lang, t('common.notAvailable'))}</dd>
            </div>
            <div>
              <dt>{t('geo.area')}</dt>
              <dd>
                {s.areaKm2 != null ? t('geo.areaValue', { value: formatArea(s.areaKm2, lang) }) : t('common.notAvailable')}
              </dd>
            </div>
            <div>
              <dt>{t('geo.density')}</dt>
              <dd>
                {perKm2 != null ? t('geo.densityValue', { value: formatDecimal(perKm2, lang, 1) }) : t('common.notAvailable')}
              </dd>
            </div>
            <div>
              <dt>{t('geo.municipalityCount')}</dt>
              <dd>{formatInteger(s.municipalityCount, lang)}</dd>
            </div>
          </dl>
        </section>
        <AreaMap bbox={s.bbox} cveEnt={s.cveEnt} label={t('geo.mapOf', { name: s.name })} />
      </div>
      <MunicipalitiesTable cveEnt={s.cveEnt} stateName={s.name} />
      <SourcesList sources={s.sources} />
    </div>
  );
}

export function StateProfilePage() {
  const { cveEnt = '' } = useParams();
  return <StateProfile key={cveEnt} cveEnt={cveEnt} />;
}
