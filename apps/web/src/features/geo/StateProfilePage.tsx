import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AreaMap } from '../../atlas/AreaMap';
import { density, formatInteger } from '../../i18n/format';
import { Fact } from '../../ui/Facts';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getState } from './api';
import { AreaFact, CodeFact, DensityFact } from './GeoFacts';
import { MunicipalitiesTable } from './MunicipalitiesTable';
import { KeyFacts, ProfileHeading, ProfilePending } from './ProfileParts';
import { SourcesList } from './SourcesList';

function StateProfile({ cveEnt }: { cveEnt: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useAsyncData((signal) => getState(cveEnt, signal), [cveEnt]);
  usePageTitle(state.data?.name ?? t('geo.stateProfile'));

  if (state.error || !state.data) return <ProfilePending error={state.error} onRetry={state.reload} />;
  const s = state.data;

  return (
    <div className="page" data-testid="state-profile">
      <ProfileHeading kind="state" name={s.name} />
      <div className="profile-grid">
        <KeyFacts>
          <CodeFact code={s.cveEnt} />
          <Fact label={t('geo.population2020')} testId="population">
            {formatInteger(s.population2020, lang, t('common.notAvailable'))}
          </Fact>
          <Fact label={t('geo.populationFemale')}>{formatInteger(s.populationFemale2020, lang, t('common.notAvailable'))}</Fact>
          <Fact label={t('geo.populationMale')}>{formatInteger(s.populationMale2020, lang, t('common.notAvailable'))}</Fact>
          <AreaFact areaKm2={s.areaKm2} />
          <DensityFact perKm2={density(s.population2020, s.areaKm2)} />
          <Fact label={t('geo.municipalityCount')}>{formatInteger(s.municipalityCount, lang)}</Fact>
        </KeyFacts>
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
