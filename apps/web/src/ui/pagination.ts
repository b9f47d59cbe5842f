export interface PageInfo {
  page: number;
  pageCount: number;
  from: number;
  to: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Describes the page at `offset` of `total` rows, `limit` per page (pages start at 1). */
export function pageInfo(total: number, limit: number, offset: number): PageInfo {
  const safeLimit = Math.max(1, Math.floor(limit));
  const safeTotal = Math.max(0, Math.floor(total));
  const safeOffset = Math.min(Math.max(0, Math.floor(offset)), Math.max(0, safeTotal - 1));
  const pageCount = Math.max(1, Math.ceil(safeTotal / safeLimit));
  const page = Math.floor(safeOffset / safeLimit) + 1;
  return {
    page,
    pageCount,
    from: safeTotal === 0 ? 0 : safeOffset + 1,
    to: Math.min(safeOffset + safeLimit, safeTotal),
    hasPrevious: safeOffset > 0,
    hasNext: safeOffset + safeLimit < safeTotal,
  };
}
