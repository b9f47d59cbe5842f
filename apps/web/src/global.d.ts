import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The home atlas map, exposed for end-to-end tests. */
    __electrificaMap?: MapLibreMap;
    /** The charging map, exposed for end-to-end tests. */
    __electrificaChargingMap?: MapLibreMap;
  }
}

export {};
