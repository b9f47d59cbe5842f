import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BBox } from '../../api/types';
import { municipalityCodeOf, type MapSelection } from '../../atlas/selection';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { Fact, FactList } from '../../ui/Facts';
import { useAsyncData } from '../../ui/useAsyncData';
import { getMunicipality, getState } from './api';
import { BoundaryNotes } from './BoundaryNotes';
import { AreaFact, CodeFact } from './GeoFacts';
import { municipalityPath, statePath } from './paths';

interface Props {
  selection: MapSelection;
  onClose: () => void;
  /** Called when the details bring a bounding box (to fit the map to it). */
  onBBox?: (bbox: BBox) => void;
  /** Move focus to the heading (when chosen with the keyboard). */
  focusOnOpen?: boolean;
}

interface PanelFacts {
  name: string;
  subtitle: string | null;
  code: string;
  population: number | null;
  areaKm2: number | null;
  profilePath: string;
  bbox: BBox | null;
  hasBoundary: boolean;
  notes: string[];
}

async function loadFacts(selection: MapSelection, signal: AbortSignal): Promise<PanelFacts> {
  switch (selection.type) {
    case 'state': {
      const s = await getState(selection.code, signal);
      return {
        name: s.name,
        subtitle: null,
        code: s.cveEnt,
        population: s.population2020,
        areaKm2: s.areaKm2,
        profilePath: statePath(s.cveEnt),
        bbox: s.bbox,
        hasBoundary: true,
        notes: [],
      };
    }
    case 'municipality': {
      const m = await getMunicipality(selection.code, signal);
      return {
        name: m.name,
        subtitle: m.stateName,
        code: m.cvegeo,
        population: m.population2020,
        areaKm2: m.areaKm2,
        profilePath: municipalityPath(m.cvegeo),
        bbox: m.bbox,
        hasBoundary: m.hasBoundary,
        notes: m.notes,
      };
    }
    case 'locality':
      return {
        name: selection.name,
        subtitle: selection.stateName,
        code: selection.code,
        population: selection.population2020,
        areaKm2: null,
        profilePath: municipalityPath(municipalityCodeOf(selection.code)),
        bbox: null,
        hasBoundary: true,
        notes: [],
      };
  }
}

export function SelectionPanel({ selection, onClose, onBBox, focusOnOpen = false }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const facts = useAsyncData((signal) => loadFacts(selection, signal), [selection]);
  const onBBoxRef = useRef(onBBox);
  onBBoxRef.current = onBBox;

  useEffect(() => {
    if (facts.data?.bbox) onBBoxRef.current?.(facts.data.bbox);
  }, [facts.data]);

  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
  }, [selection, focusOnOpen]);

  return (
    <section className="panel card" aria-labelledby="selection-heading" data-testid="selection-panel">
      <div className="panel__header">
        <p className="panel__kind">{t(`geo.types.${selection.type}`)}</p>
        <button type="button" className="button button--icon" onClick={onClose} aria-label={t('map.closePanel')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <h2 id="selection-heading" ref={headingRef} tabIndex={-1}>
        {facts.data?.name ?? selection.name}
      </h2>
      <AsyncContent state={facts}>
        {(data) => (
          <>
            {data.subtitle ? <p className="panel__subtitle">{data.subtitle}</p> : null}
            <FactList compact>
              <CodeFact code={data.code} />
              <Fact label={t('geo.population2020')} testId="panel-population">
                {formatInteger(data.population, lang, t('common.notAvailable'))}
              </Fact>
              {selection.type !== 'locality' ? <AreaFact areaKm2={data.areaKm2} /> : null}
            </FactList>
            {selection.type === 'municipality' ? <BoundaryNotes hasBoundary={data.hasBoundary} notes={data.notes} /> : null}
            <p>
              <Link className="button button--primary" to={data.profilePath} data-testid="panel-profile-link">
                {selection.type === 'locality' ? t('map.openMunicipalityProfile') : t('map.openProfile')}
              </Link>
            </p>
          </>
        )}
      </AsyncContent>
    </section>
  );
}
