import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getMunicipality, getState, listStates } from '../geo/api';
import { ChargingMap } from './ChargingMap';
import { FilterForm } from './FilterForm';
import { filtersFromParams, hasFilters, withFilter, withoutFilters, type FilterKey } from './filters';
import { LocationList } from './LocationList';
import { chargingStatsPath } from './paths';
import { ChargingAttribution } from './SourceNotes';

/** `/cargadores`: the charging census on a map and as a list, with the same filters for both. */
export function ChargingPage() {
  const { t } = useTranslation();
  usePageTitle(t('charging.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);

  const states = useAsyncData((signal) => listStates(signal), []);
  const state = useAsyncData((signal) => (filters.state ? getState(filters.state, signal) : null), [filters.state]);
  const municipality = useAsyncData(
    (signal) => (filters.municipality ? getMunicipality(filters.municipality, signal) : null),
    [filters.municipality],
  );
  const fitTo =
    (filters.municipality && municipality.data?.cvegeo === filters.municipality ? municipality.data.bbox : null) ??
    (filters.state && state.data?.cveEnt === filters.state ? state.data.bbox : null);

  const onChange = (key: FilterKey, value: string) => setParams((current) => withFilter(current, key, value), { replace: true });
  const onClear = () => setParams((current) => withoutFilters(current), { replace: true });

  return (
    <div className="page page--wide charging-page">
      <h1>{t('charging.title')}</h1>
      <p className="lead">{t('charging.intro')}</p>
      <nav aria-label={t('charging.sectionsLabel')} className="subnav">
        <ul>
          <li>
            <Link to={chargingStatsPath}>{t('charging.stats.link')}</Link>
          </li>
        </ul>
      </nav>
      <ChargingAttribution />
      <FilterForm
        filters={filters}
        states={states.data?.items ?? []}
        municipalityName={municipality.data?.cvegeo === filters.municipality ? municipality.data.name : null}
        onChange={onChange}
        onClear={onClear}
        active={hasFilters(filters)}
      />
      <ChargingMap filters={filters} fitTo={fitTo} />
      <LocationList filters={filters} />
    </div>
  );
}
