import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AreaMap } from '../../atlas/AreaMap';
import { density, formatInteger } from '../../i18n/format';
import { Fact } from '../../ui/Facts';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getMunicipality, getState } from './api';
import { BoundaryNotes } from './BoundaryNotes';
import { AreaFact, CodeFact, DensityFact } from './GeoFacts';
import { KeyFacts, ProfileHeading, ProfilePending } from './ProfileParts';
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

  if (muni.error || !m) return <ProfilePending error={muni.error} onRetry={muni.reload} />;
  // The census did not enumerate municipalities created after it; the source's 0 means "not counted".
  const notEnumerated = m.notes.includes('created_after_census');
  const mapBBox = m.bbox ?? stateForMap.data?.bbox ?? null;
  const stateName = m.stateName ?? m.cveEnt;

  return (
    <div className="page" data-testid="municipality-profile">
      <ProfileHeading kind="municipality" name={m.name} trail={[{ label: stateName, to: statePath(m.cveEnt) }]} />
      <p className="lead">
        {t('geo.municipalityOf')} <Link to={statePath(m.cveEnt)}>{stateName}</Link>
      </p>
      <BoundaryNotes hasBoundary={m.hasBoundary} notes={m.notes} />
      <div className="profile-grid">
        <KeyFacts>
          <CodeFact code={m.cvegeo} />
          <Fact label={t('geo.population2020')} testId="population">
            {notEnumerated ? t('geo.notEnumerated') : formatInteger(m.population2020, lang, t('common.notAvailable'))}
          </Fact>
          {m.households2020 != null ? (
            <Fact label={t('geo.households2020')}>
              {notEnumerated ? t('geo.notEnumerated') : formatInteger(m.households2020, lang)}
            </Fact>
          ) : null}
          <AreaFact areaKm2={m.areaKm2} />
          <DensityFact perKm2={notEnumerated ? null : density(m.population2020, m.areaKm2)} />
          <Fact label={t('geo.seat')}>{m.seatName ?? t('common.notAvailable')}</Fact>
          <Fact label={t('geo.catalogueVintage')}>{m.catalogueVintage}</Fact>
          <Fact label={t('geo.boundaryVintage')}>{m.boundaryVintage ?? t('geo.noBoundary')}</Fact>
        </KeyFacts>
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
