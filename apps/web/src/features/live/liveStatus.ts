/**
 * How live status looks: a colour per public status (map points, badges, chart), the time
 * since a report in words, and the one-time password of a new charge point. Pure.
 */
import { intlLocale } from '../../i18n/languages';
import type { PublicStatus } from './types';

/**
 * Colours of the public statuses; dark enough for white text (WCAG AA). A map point with
 * no live status keeps the census' own yellow.
 */
export const statusColours: Record<PublicStatus, string> = {
  available: '#1b6e30',
  occupied: '#0d47a1',
  out_of_service: '#b71c1c',
  unknown: '#5f6368',
};

/** The order in which statuses are listed: what a driver most wants to know first. */
export const statusOrder: readonly PublicStatus[] = ['available', 'occupied', 'out_of_service', 'unknown'];

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * "hace 5 min" / "5 min. ago": the time from `iso` to `now` in the largest whole unit
 * (days, hours, minutes); under a minute, "ahora" / "now". A time in the future (a
 * charger's clock a little ahead) reads as now too.
 */
export function timeAgo(iso: string, now: Date, language: string): string {
  const format = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto', style: 'short' });
  const seconds = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 1000));
  for (const [unit, size] of units) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Characters of generated charge point passwords: no look-alikes (0/O, 1/l/I), safe in a URL's basic auth. */
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A strong random password for a charge point (OCPP security profiles 1 and 2 allow 16 to
 * 40 characters): 24 characters, ~140 bits, from the browser's CSPRNG without modulo bias.
 */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b), length = 24): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** The address a charge point connects to, for the page that provisions it. */
export function csmsUrl(origin: string, identity: string): string {
  const url = new URL(origin);
  const scheme = url.protocol === 'http:' ? 'ws:' : 'wss:';
  return `${scheme}//${url.host}/ocpp/${identity ? encodeURIComponent(identity) : '<identity>'}`;
}
