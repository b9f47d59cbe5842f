import type { StyleSpecification } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { loadAppConfig } from '../app/config';
import { absoluteUrl, absolutizeStyle, buildAtlasStyle, isStyleSpecification } from './style';

const baseStyles = new Map<string, Promise<StyleSpecification | null>>();

/**
 * Fetches a basemap style; on any failure (offline, bad JSON) resolves to null so the
 * atlas falls back to the plain style and keeps working with its own tiles.
 */
export function loadBaseStyle(url: string, timeoutMs = 8000): Promise<StyleSpecification | null> {
  let promise = baseStyles.get(url);
  if (!promise) {
    const absolute = absoluteUrl(url, window.location.origin);
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), timeoutMs);
    promise = fetch(absolute, { signal: controller.signal, credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const json: unknown = await response.json();
        if (!isStyleSpecification(json)) throw new Error('not a MapLibre style');
        return absolutizeStyle(json, absolute);
      })
      .catch((error: unknown) => {
        console.warn('Basemap style unavailable, using the plain style instead.', error);
        return null;
      })
      .finally(() => window.clearTimeout(timer));
    baseStyles.set(url, promise);
  }
  return promise;
}

async function resolveAtlasStyle(): Promise<StyleSpecification> {
  let base: StyleSpecification | null = null;
  try {
    const config = await loadAppConfig();
    if (config.basemapStyleUrl) base = await loadBaseStyle(config.basemapStyleUrl);
  } catch (error) {
    console.warn('Configuration unavailable, using the plain map style.', error);
  }
  return buildAtlasStyle(base, window.location.origin);
}

/** The style for every atlas map; `null` while it is being worked out. */
export function useAtlasStyle(): StyleSpecification | null {
  const [style, setStyle] = useState<StyleSpecification | null>(null);
  useEffect(() => {
    let active = true;
    void resolveAtlasStyle().then((s) => active && setStyle(s));
    return () => {
      active = false;
    };
  }, []);
  return style;
}
