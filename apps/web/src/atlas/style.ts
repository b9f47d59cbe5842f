/**
 * Map style for the atlas: Electrifica's own vector tiles (states, municipalities and
 * US states for bi-national context) on top of either a configured basemap or a plain
 * background. Pure functions only, so they are easy to test.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

/** lon -118.6..-86.7, lat 14.5..32.8 */
export const mexicoBounds: [[number, number], [number, number]] = [
  [-118.6, 14.5],
  [-86.7, 32.8],
];

export const tileMaxZoom = 10;
export const municipalitiesMinZoom = 5;

export const sourceIds = {
  states: 'states',
  municipalities: 'municipalities',
  usStates: 'us-states',
} as const;

export const layerIds = {
  background: 'electrifica-background',
  usStatesFill: 'us-states-fill',
  usStatesLine: 'us-states-line',
  statesFill: 'states-fill',
  municipalitiesFill: 'municipalities-fill',
  statesSelectedFill: 'states-selected-fill',
  municipalitiesSelectedFill: 'municipalities-selected-fill',
  municipalitiesLine: 'municipalities-line',
  statesLine: 'states-line',
  statesSelectedLine: 'states-selected-line',
  municipalitiesSelectedLine: 'municipalities-selected-line',
} as const;

export const palette = {
  background: '#cfe0ea',
  usFill: '#e4e2dd',
  usLine: '#a9a59c',
  stateFill: '#f8f6ef',
  stateHover: '#fde7a6',
  stateLine: '#4b5963',
  municipalityHover: '#fbd77a',
  municipalityLine: '#8c969d',
  selectedFill: '#e0a800',
  selectedLine: '#7a4b00',
} as const;

/**
 * Absolute URL for a same-origin path. MapLibre needs absolute tile URLs; `URL` escapes
 * `{` and `}` in paths, so the `{z}/{x}/{y}` placeholders are restored afterwards.
 */
export function absoluteUrl(path: string, base: string): string {
  return new URL(path, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

export function tileUrl(source: string, origin: string): string {
  return absoluteUrl(`/tiles/${source}/{z}/{x}/{y}.pbf`, origin);
}

export function overlaySources(origin: string): Record<string, SourceSpecification> {
  return {
    [sourceIds.usStates]: {
      type: 'vector',
      tiles: [tileUrl(sourceIds.usStates, origin)],
      minzoom: 0,
      maxzoom: tileMaxZoom,
      promoteId: 'abbr',
      attribution: 'U.S. Census Bureau',
    },
    [sourceIds.states]: {
      type: 'vector',
      tiles: [tileUrl(sourceIds.states, origin)],
      minzoom: 0,
      maxzoom: tileMaxZoom,
      promoteId: 'cveEnt',
    },
    [sourceIds.municipalities]: {
      type: 'vector',
      tiles: [tileUrl(sourceIds.municipalities, origin)],
      minzoom: 0,
      maxzoom: tileMaxZoom,
      promoteId: 'cvegeo',
    },
  };
}

/** Matches no feature; used until something is selected. */
export const matchNothing: FilterSpecification = ['==', ['get', 'cveEnt'], '__none__'];

export function stateFilter(cveEnt: string | null): FilterSpecification {
  return cveEnt ? ['==', ['get', 'cveEnt'], cveEnt] : matchNothing;
}

export function municipalityFilter(cvegeo: string | null): FilterSpecification {
  return cvegeo ? ['==', ['get', 'cvegeo'], cvegeo] : ['==', ['get', 'cvegeo'], '__none__'];
}

const hovered = (on: string, off: string): ExpressionSpecification => [
  'case',
  ['boolean', ['feature-state', 'hover'], false],
  on,
  off,
];

export interface OverlayOptions {
  /** A basemap sits underneath: keep the fills translucent so it shows through. */
  overBasemap: boolean;
  selectedState?: string | null;
  selectedMunicipality?: string | null;
}

export function overlayLayers({ overBasemap, selectedState = null, selectedMunicipality = null }: OverlayOptions): LayerSpecification[] {
  const stateOpacity = overBasemap ? 0.35 : 1;
  return [
    {
      id: layerIds.usStatesFill,
      type: 'fill',
      source: sourceIds.usStates,
      'source-layer': 'us-states',
      paint: { 'fill-color': palette.usFill, 'fill-opacity': overBasemap ? 0.4 : 0.85 },
    },
    {
      id: layerIds.usStatesLine,
      type: 'line',
      source: sourceIds.usStates,
      'source-layer': 'us-states',
      paint: { 'line-color': palette.usLine, 'line-width': 0.6 },
    },
    {
      id: layerIds.statesFill,
      type: 'fill',
      source: sourceIds.states,
      'source-layer': 'states',
      paint: {
        'fill-color': hovered(palette.stateHover, palette.stateFill),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 4, stateOpacity, 8, stateOpacity * 0.6],
      },
    },
    {
      id: layerIds.municipalitiesFill,
      type: 'fill',
      source: sourceIds.municipalities,
      'source-layer': 'municipalities',
      minzoom: municipalitiesMinZoom,
      paint: {
        'fill-color': hovered(palette.municipalityHover, palette.stateFill),
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.7, 0],
      },
    },
    {
      id: layerIds.statesSelectedFill,
      type: 'fill',
      source: sourceIds.states,
      'source-layer': 'states',
      filter: stateFilter(selectedState),
      paint: { 'fill-color': palette.selectedFill, 'fill-opacity': 0.3 },
    },
    {
      id: layerIds.municipalitiesSelectedFill,
      type: 'fill',
      source: sourceIds.municipalities,
      'source-layer': 'municipalities',
      filter: municipalityFilter(selectedMunicipality),
      paint: { 'fill-color': palette.selectedFill, 'fill-opacity': 0.45 },
    },
    {
      id: layerIds.municipalitiesLine,
      type: 'line',
      source: sourceIds.municipalities,
      'source-layer': 'municipalities',
      minzoom: municipalitiesMinZoom,
      paint: {
        'line-color': palette.municipalityLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.3, 10, 1],
      },
    },
    {
      id: layerIds.statesLine,
      type: 'line',
      source: sourceIds.states,
      'source-layer': 'states',
      paint: {
        'line-color': palette.stateLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 2],
      },
    },
    {
      id: layerIds.statesSelectedLine,
      type: 'line',
      source: sourceIds.states,
      'source-layer': 'states',
      filter: stateFilter(selectedState),
      paint: { 'line-color': palette.selectedLine, 'line-width': 2.5 },
    },
    {
      id: layerIds.municipalitiesSelectedLine,
      type: 'line',
      source: sourceIds.municipalities,
      'source-layer': 'municipalities',
      filter: municipalityFilter(selectedMunicipality),
      paint: { 'line-color': palette.selectedLine, 'line-width': 2.5 },
    },
  ];
}

/** A style with nothing but a background colour: no glyphs or sprites needed. */
export function plainStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: layerIds.background, type: 'background', paint: { 'background-color': palette.background } }],
  };
}

function absolutizeMaybe(value: string, base: string): string {
  // mapbox:// and other custom schemes, and data: URLs, are left as they are
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  return absoluteUrl(value, base);
}

/** Makes the relative URLs in a fetched basemap style absolute against the style's own URL. */
export function absolutizeStyle(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const out: StyleSpecification = { ...style, sources: { ...style.sources } };
  if (typeof out.glyphs === 'string') out.glyphs = absolutizeMaybe(out.glyphs, styleUrl);
  if (typeof out.sprite === 'string') out.sprite = absolutizeMaybe(out.sprite, styleUrl);
  else if (Array.isArray(out.sprite)) {
    out.sprite = out.sprite.map((s) => ({ ...s, url: absolutizeMaybe(s.url, styleUrl) }));
  }
  for (const [id, source] of Object.entries(out.sources)) {
    const copy = { ...source } as SourceSpecification & { url?: string; tiles?: string[]; data?: unknown };
    if (typeof copy.url === 'string') copy.url = absolutizeMaybe(copy.url, styleUrl);
    if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((tile) => absolutizeMaybe(tile, styleUrl));
    if (typeof copy.data === 'string') copy.data = absolutizeMaybe(copy.data, styleUrl);
    out.sources[id] = copy;
  }
  return out;
}

export function isStyleSpecification(value: unknown): value is StyleSpecification {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === 8 && typeof v.sources === 'object' && v.sources !== null && Array.isArray(v.layers);
}

/**
 * The complete atlas style: the basemap (or the plain background) with Electrifica's
 * layers on top. Ids that clash with the basemap are not added twice.
 */
export function buildAtlasStyle(base: StyleSpecification | null, origin: string, options: Omit<OverlayOptions, 'overBasemap'> = {}): StyleSpecification {
  const root = base ?? plainStyle();
  const sources = { ...root.sources };
  for (const [id, source] of Object.entries(overlaySources(origin))) {
    if (!(id in sources)) sources[id] = source;
  }
  const existing = new Set(root.layers.map((l) => l.id));
  const layers = [
    ...root.layers,
    ...overlayLayers({ overBasemap: base !== null, ...options }).filter((l) => !existing.has(l.id)),
  ];
  return { ...root, sources, layers };
}

/** True when the style can render text (a symbol layer with text needs glyphs). */
export function styleHasGlyphs(style: StyleSpecification): boolean {
  return typeof style.glyphs === 'string' && style.glyphs.length > 0;
}
