/** Pure helpers of the side-by-side comparison: reason wording, connector summaries, differences. */
import type { TFunction } from 'i18next';
import { translateDynamic } from '../../../i18n/dynamic';
import { sortStandards } from '../labels';
import { unknownStandard } from '../types';
import type { DuplicateSide } from './types';

/** `distance_12m` carries its figure; every other reason is a plain code. */
export function parseReason(code: string): { key: string; distanceM?: number } {
  const distance = /^distance_(\d+)m$/.exec(code);
  if (distance) return { key: 'distance', distanceM: Number(distance[1]) };
  return { key: code };
}

/** A reason in the interface language; a code this version does not know is shown as it came. */
export function reasonLabel(t: TFunction, code: string): string {
  const { key, distanceM } = parseReason(code);
  return translateDynamic(t, `chargingDuplicates.reasons.${key}`, code, distanceM === undefined ? {} : { distanceM });
}

/** The source's name ("Open Charge Map", "AFDC"…), or its code when it is not one we name. */
export function sourceName(t: TFunction, source: string): string {
  return translateDynamic(t, `chargingDuplicates.sources.${source}`, source);
}

/** Connectors per standard with the highest power, in the census's order: `NACS ×2 (18 kW)`. */
export function connectorSummary(side: Pick<DuplicateSide, 'evses'>): Array<{ standard: string; count: number; maxPowerKw: number | null }> {
  const byStandard = new Map<string, { count: number; maxPowerKw: number | null }>();
  for (const evse of side.evses) {
    for (const c of evse.connectors) {
      const standard = c.standard ?? unknownStandard;
      const entry = byStandard.get(standard) ?? { count: 0, maxPowerKw: null };
      entry.count += 1;
      if (c.maxElectricPowerKw !== null && (entry.maxPowerKw === null || c.maxElectricPowerKw > entry.maxPowerKw)) entry.maxPowerKw = c.maxElectricPowerKw;
      byStandard.set(standard, entry);
    }
  }
  return sortStandards(byStandard.keys()).map((standard) => ({ standard, ...byStandard.get(standard)! }));
}

/**
 * Whether two shown values differ. Case, accents and spacing are not differences worth
 * a moderator's eye ("Querétaro" vs "QUERETARO"); missing on one side is.
 */
export function differs(a: string | null, b: string | null): boolean {
  const fold = (v: string | null) =>
    v === null ? null : v.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim() || null;
  return fold(a) !== fold(b);
}
