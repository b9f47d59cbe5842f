import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox, SearchResult, StateSummary } from '../../api/types';
import { AtlasMap } from '../../atlas/AtlasMap';
import { zoomFor, type MapSelection } from '../../atlas/selection';
import { usePageTitle } from '../../ui/usePageTitle';
import { SearchBox } from './SearchBox';
import { SelectionPanel } from './SelectionPanel';
import { StateList } from './StateList';

type Origin = 'map' | 'search' | 'list';

function selectionFromResult(result: SearchResult): MapSelection {
  if (result.type === 'locality') {
    return {
      type: 'locality',
      code: result.code,
      name: result.name,
      stateName: result.stateName,
      population2020: result.population2020,
      center: result.center,
    };
  }
  return { type: result.type, code: result.code, name: result.name };
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [origin, setOrigin] = useState<Origin>('map');

  const onMapReady = useCallback((map: MapLibreMap | null) => {
    mapRef.current = map;
  }, []);

  const reduceMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  const onSearchChoose = useCallback((result: SearchResult) => {
    setSelection(selectionFromResult(result));
    setOrigin('search');
    // States and municipalities are framed by their bounding box once their details load;
    // localities have only a point.
    if (result.type === 'locality' && result.center && mapRef.current) {
      mapRef.current.flyTo({ center: result.center, zoom: zoomFor(result.type), animate: !reduceMotion() });
    }
  }, []);

  const onStateChoose = useCallback((state: StateSummary) => {
    setSelection({ type: 'state', code: state.cveEnt, name: state.name });
    setOrigin('list');
  }, []);

  const onMapSelect = useCallback((next: MapSelection) => {
    setSelection(next);
    setOrigin('map');
  }, []);

  const onBBox = useCallback(
    (bbox: BBox) => {
      // Map clicks keep the view; choices from the search or the list frame the place.
      if (origin === 'map' || !mapRef.current) return;
      mapRef.current.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: 40, maxZoom: 11, animate: !reduceMotion() });
    },
    [origin],
  );

  return (
    <div className="home">
      <h1 className="visually-hidden">{t('home.title')}</h1>
      <aside className="home__panel" aria-label={t('home.panelLabel')}>
        <p className="home__intro">{t('home.intro')}</p>
        <SearchBox onChoose={onSearchChoose} />
        {selection ? (
          <SelectionPanel
            selection={selection}
            onClose={() => {
              setSelection(null);
              window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="search-input"]')?.focus(), 0);
            }}
            onBBox={onBBox}
            focusOnOpen={origin !== 'map'}
          />
        ) : (
          <StateList onChoose={onStateChoose} />
        )}
      </aside>
      <div className="home__map">
        <AtlasMap selection={selection} onSelect={onMapSelect} onMapReady={onMapReady} />
      </div>
    </div>
  );
}
