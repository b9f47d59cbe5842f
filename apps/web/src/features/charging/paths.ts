export const chargingPath = '/cargadores';
export const chargingStatsPath = '/cargadores/estadisticas';
export const locationPath = (id: string) => `/cargadores/${encodeURIComponent(id)}`;

/** Location ids are UUIDs; anything else cannot be a location. */
export function isLocationId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
