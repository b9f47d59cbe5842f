/** The uptime report as the API returns it (`GET /api/v1/live/uptime`). */
export type UptimeGroupBy = 'port' | 'operator' | 'state';

export interface UptimeFigures {
  totalMinutes: number;
  upMinutes: number;
  outageMinutes: number;
  excludedMinutes: number;
  outsideHoursMinutes: number;
  /** Percent, 0–100; null when there are no minutes ("no data"). */
  uptimePct: number | null;
  availabilityPct: number | null;
}

/** The same figures over the twelve months ending with the month (23 CFR 680.116(b)(2)): what the 97 % target judges. */
export interface TwelveMonthFigures extends UptimeFigures {
  // Ports
  fromMonth?: string;
  toMonth?: string;
  /** Months with minutes of data: the figure is over those only. */
  monthsWithData?: number;
  // Groups
  ports?: number;
  portsWithoutData?: number;
  portsBelowTarget?: number;
}

export interface UptimeRow extends UptimeFigures {
  twelveMonths: TwelveMonthFigures;
  // Ports
  locationId?: string;
  locationName?: string;
  evseUid?: string;
  operator?: { organisationId: string | null; name: string | null };
  stateName?: string | null;
  usStateAbbr?: string | null;
  hoursApplied?: boolean;
  lastReportAt?: string | null;
  appliedExclusions?: Array<{ id: string; reason: string; startsAt: string; endsAt: string; appliedMinutes: number }>;
  // Groups
  key?: string;
  name?: string | null;
  ports?: number;
  portsWithoutData?: number;
  portsBelowTarget?: number;
}

export interface UptimeReport {
  month: string;
  groupBy: UptimeGroupBy;
  below: number | null;
  items: UptimeRow[];
  total: number;
  limit: number;
  offset: number;
  overall: UptimeFigures & { ports: number; portsWithoutData: number; portsBelowTarget: number; twelveMonths: UptimeFigures & { ports: number; portsWithoutData: number; portsBelowTarget: number } };
  method: { id: string; rule: string; formula: string; availabilityFormula: string; target: number; page: string };
  period: { month: string; timeZones: string; start: string | null; end: string | null; complete: boolean; twelveMonths: { fromMonth: string; toMonth: string; start: string | null; end: string | null } };
  sources: Array<{ source: string; ports: number }>;
  exclusionsRecorded: number;
  computedAt: string;
}
