import type { TFunction } from 'i18next';

/** MapLibre's own UI strings (control tooltips, the canvas label) in the app language. */
export function mapLocale(t: TFunction): Record<string, string> {
  return {
    'Map.Title': t('map.ariaLabel'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'Popup.Close': t('common.close'),
    'ScaleControl.Kilometers': 'km',
    'ScaleControl.Meters': 'm',
  };
}
