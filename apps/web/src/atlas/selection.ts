/** What the user has picked on the atlas, from the map, the search box or the state list. */
export type MapSelection =
  | { type: 'state'; code: string; name: string }
  | { type: 'municipality'; code: string; name: string }
  | {
      type: 'locality';
      code: string;
      name: string;
      stateName: string | null;
      population2020: number | null;
      center: [number, number] | null;
    };

interface FeatureLike {
  layer?: { id?: string };
  sourceLayer?: string;
  properties?: Record<string, unknown> | null;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null;

/** Turns a rendered tile feature into a selection (municipalities win over states). */
export function selectionFromFeatures(features: readonly FeatureLike[]): MapSelection | null {
  const muni = features.find((f) => f.sourceLayer === 'municipalities');
  if (muni) {
    const code = str(muni.properties?.cvegeo);
    if (code) return { type: 'municipality', code, name: str(muni.properties?.name) ?? code };
  }
  const state = features.find((f) => f.sourceLayer === 'states');
  if (state) {
    const code = str(state.properties?.cveEnt);
    if (code) return { type: 'state', code: code.padStart(2, '0'), name: str(state.properties?.name) ?? code };
  }
  return null;
}

/** The state an item belongs to: the first two digits of any INEGI geostatistical code. */
export function stateCodeOf(code: string): string {
  return code.slice(0, 2);
}

/** A locality's municipality: the first five digits of its nine-digit code. */
export function municipalityCodeOf(code: string): string {
  return code.slice(0, 5);
}

/** Zoom used when flying to a point of each kind. */
export function zoomFor(type: MapSelection['type']): number {
  switch (type) {
    case 'state':
      return 5.5;
    case 'municipality':
      return 8.5;
    case 'locality':
      return 11;
  }
}
