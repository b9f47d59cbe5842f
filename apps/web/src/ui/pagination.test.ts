import { describe, expect, it } from 'vitest';
import { pageInfo } from './pagination';

describe('pageInfo', () => {
  it('describes a middle page', () => {
    expect(pageInfo(95, 20, 40)).toEqual({ page: 3, pageCount: 5, from: 41, to: 60, hasPrevious: true, hasNext: true });
  });
  it('describes the last page', () => {
    expect(pageInfo(95, 20, 80)).toMatchObject({ page: 5, from: 81, to: 95, hasNext: false });
  });
  it('copes with no rows', () => {
    expect(pageInfo(0, 20, 0)).toEqual({ page: 1, pageCount: 1, from: 0, to: 0, hasPrevious: false, hasNext: false });
  });
});
