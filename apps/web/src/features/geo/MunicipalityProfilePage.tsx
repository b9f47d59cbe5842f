import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AreaMap } from '../../atlas/AreaMap';
import { density, formatArea, formatDecimal, formatInteger } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getMunicipality, getState } from './api';
import { BoundaryNotes } from './BoundaryNotes';
import { SourcesList } from './SourcesList';
import { statePath } from './paths';

function MunicipalityProfile({ cvegeo }: { cvegeo: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const muni = useAsyncData((signal) => getMunicipality(cvegeo, signal), [cvegeo]);
  const m = muni.data;
  // Without its own boundary the small map frames the state instead.
  const stateForMap = useAsyncData(
    (signal) => (m && !m.bbox ? getState(m.cveEnt, signal) : null),
    [m?.cveEnt, m?.bbox],
  );
  usePageTitle(m?.name ?? t('geo.municipalityProfile'));

  if (muni.error) {
    return (
      <div className="page">
        <p>
          <Link to="/">{t('geo.backToMap')}</Link>
        </p>
        <ErrorMessage error={muni.error} onRetry={muni.reload} />
      </div>
    );
  }
  if (!m) return <div className="page"><Loading /></div>;
  // The census did not enumerate municipalities created after it; the source's 0 means "not counted".
  const notEnumerated = m.notes.includes('created_after_census');
  const perKm2 = notEnumerated ? null : density(m.population2020, m.areaKm2);
  const mapBBox = m.bbox ?? stateForMap.data?.bbox ?? null;
  const stateName = m.stateName ?? m.cveEnt;

  return (
    <div className="page" data-testid="municipality-profile">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.map')}</Link>
          </li>
          <li>
            <Link to={statePath(m.cveEnt)}>{stateName}</Link>
          </li>
          <li aria-current="page">{m.name}</li>
        </ol>
      </nav>
      <p className="eyebrow">{t('geo.types.municipality')}</p>
      <h1>{m.name}</h1>
      <p className="lead">
        {t('geo.municipalityOf')} <Link to={statePath(m.cveEnt)}>{stateName}</Link>
      </p>
      <BoundaryNotes hasBoundary={m.hasBoundary} notes={m.notes} />
      <div className="profile-grid">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('geo.keyFacts')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('geo.inegiCode')}</dt>
              <dd>
                <code>{m.cvegeo}</code>
              </dd>
            </div>
            <div>
              <dt>{t('geo.population2020')}</dt>
              <dd data-testid="population">{notEnumerated ? t('geo.notEnumerated') : formatInteger(m.population2020, lang, t('common.notAvailable'))}</dd>
            </div>
            {m.households2020 != null ? (
              <div>
                <dt>{t('geo.households2020')}</dt>
                <dd>{notEnumerated ? t('geo.notEnumerated') : formatInteger(m.households2020, lang)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('geo.area')}</dt>
              <dd>
                {m.areaKm2 != null ? t('geo.areaValue', { value: formatArea(m.areaKm2, lang) }) : t('common.notAvailable')}
              </dd>
            </div>
            <div>
              <dt>{t('geo.density')}</dt>
              <dd>
                {perKm2 != null ? t('geo.densityValue', { value: formatDecimal(perKm2, lang, 1) }) : t('common.notAvailable')}
              </dd>
            </div>
            <div>
              <dt>{t('geo.seat')}</dt>
              <dd>{m.seatName ?? t('common.notAvailable')}</dd>
            </div>
            <div>
              <dt>{t('geo.catalogueVintage')}</dt>
              <dd>{m.catalogueVintage}</dd>
            </div>
            <div>
              <dt>{t('geo.boundaryVintage')}</dt>
              <dd>{m.boundaryVintage ?? t('geo.noBoundary')}</dd>
            </div>
          </dl>
        </section>
        <AreaMap
          bbox={mapBBox}
          cveEnt={m.cveEnt}
          cvegeo={m.hasBoundary ? m.cvegeo : null}
          label={m.hasBoundary ? t('geo.mapOf', { name: m.name }) : t('geo.mapOfStateOnly', { name: stateName })}
        />
      </div>
      <SourcesList sources={m.sources} />
    </div>
  );
}

export function MunicipalityProfilePage() {
  const { cvegeo = '' } = useParams();
  return <MunicipalityProfile key={cvegeo} cvegeo={cvegeo} />;
}
