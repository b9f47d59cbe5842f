import { api, withQuery } from '../../api/client';
import type { UptimeGroupBy, UptimeReport } from './types';

const base = '/api/v1/live/uptime';

export interface UptimeQuery {
  month: string;
  groupBy: UptimeGroupBy;
  /** Only rows below this percentage. */
  below?: number | undefined;
}

const query = (q: UptimeQuery) => ({ month: q.month, groupBy: q.groupBy, below: q.below });

export const getUptime = (q: UptimeQuery, signal?: AbortSignal) => api.get<UptimeReport>(base, { ...query(q), limit: 1000 }, signal);

export const uptimeCsvUrl = (q: UptimeQuery) => withQuery(`${base}.csv`, query(q));
