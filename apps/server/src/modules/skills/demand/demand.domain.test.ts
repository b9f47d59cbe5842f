import { describe, expect, it } from 'vitest';
import { demandProblems, horizonOf, minOrganisationsPerCell, monthsBetween, normaliseDemand, publish, quarterOf, type DemandContext, type DemandFields } from './demand.domain.js';

// Synthetic ids; the places are real INEGI codes (05 Coahuila, 05030 Saltillo, 19039 Monterrey).
const context: DemandContext = {
  skills: new Set(['local:test-hv', 'local:test-bms']),
  occupations: new Set(['local:test-battery']),
  states: new Set(['05', '19']),
  municipalities: new Map([['05030', '05'], ['19039', '19']]),
  today: '2025-06-30',
};
const valid: Partial<DemandFields> = {
  occupationId: 'local:test-battery', skills: ['local:test-hv'], people: 12, horizon: 'within_12_months', targetDate: null,
  stateCode: '05', municipalityCode: '05030', level: 'technical', reportedOn: '2025-06-01', notes: null,
};
const paths = (p: ReturnType<typeof demandProblems>) => p.map((x) => x.path);

describe('horizons and quarters', () => {
  it('counts months rounding up and maps target dates to horizons', () => {
    expect(monthsBetween('2025-01-15', '2026-01-15')).toBe(12);
    expect(monthsBetween('2025-01-15', '2026-01-16')).toBe(13);
    expect(horizonOf('2025-01-15', '2026-01-15')).toBe('within_12_months');
    expect(horizonOf('2025-01-15', '2026-01-16')).toBe('1_3_years');
    expect(horizonOf('2025-01-15', '2030-01-15')).toBe('3_5_years');
    expect(horizonOf('2025-01-15', '2030-01-16')).toBeNull();
  });
  it('names quarters', () => {
    expect(quarterOf('2025-01-01')).toBe('2025-Q1');
    expect(quarterOf('2025-09-30')).toBe('2025-Q3');
    expect(quarterOf('2025-10-01')).toBe('2025-Q4');
  });
});

describe('demandProblems', () => {
  it('accepts a valid report and derives the horizon from a target date', () => {
    expect(demandProblems(valid, context)).toEqual([]);
    const f = normaliseDemand({ ...valid, horizon: null, targetDate: '2027-06-01' } as DemandFields);
    expect(f.horizon).toBe('1_3_years');
  });
  it('reports every missing and wrong field at once', () => {
    expect(paths(demandProblems({}, context))).toEqual(['/occupationId', '/skills', '/people', '/stateCode', '/level', '/horizon']);
    const p = demandProblems({ ...valid, occupationId: 'local:nope', skills: ['local:test-hv', 'local:test-hv', 'local:x'], people: 2.5, level: 'phd', stateCode: '19', horizon: 'soon' } as unknown as Partial<DemandFields>, context);
    expect(p.map((x) => [x.path, x.code])).toEqual([
      ['/occupationId', 'DEMAND.UNKNOWN_OCCUPATION'], ['/skills/1', 'DEMAND.INVALID_REPORT'], ['/skills/2', 'DEMAND.UNKNOWN_SKILL'],
      ['/people', 'DEMAND.INVALID_REPORT'], ['/level', 'DEMAND.INVALID_REPORT'], ['/municipalityCode', 'DEMAND.UNKNOWN_PLACE'], ['/horizon', 'DEMAND.INVALID_REPORT'],
    ]);
  });
  it('checks dates: reporting not in the future, target after it, within five years, agreeing with the horizon', () => {
    expect(paths(demandProblems({ ...valid, reportedOn: '2025-07-01' }, context))).toEqual(['/reportedOn']);
    expect(paths(demandProblems({ ...valid, targetDate: '2025-05-01' }, context))).toEqual(['/targetDate']);
    expect(paths(demandProblems({ ...valid, targetDate: '2031-01-01' }, context))).toEqual(['/targetDate']);
    expect(paths(demandProblems({ ...valid, targetDate: '2028-01-01' }, context))).toEqual(['/horizon']);
    expect(paths(demandProblems({ ...valid, reportedOn: '2025-02-30' }, context))).toEqual(['/reportedOn']);
  });
});

describe('publish: the privacy rule', () => {
  const cells = [
    { key: '05', people: 40, reports: 4, organisations: 3 },
    { key: '19', people: 90, reports: 2, organisations: 2 },
    { key: '22', people: 10, reports: 5, organisations: 5 },
  ];
  it(`withholds cells with fewer than ${minOrganisationsPerCell} organisations and leaves them out of the totals`, () => {
    const p = publish(cells, false);
    expect(p.cells).toEqual([
      { key: '05', people: 40, reports: 4, organisations: 3, suppressed: false },
      { key: '22', people: 10, reports: 5, organisations: 5, suppressed: false },
      { key: '19', people: null, reports: null, organisations: null, suppressed: true },
    ]);
    expect(p.peoplePublished).toBe(50);
    expect(p.suppressedCells).toBe(1);
  });
  it('shows everything to privileged callers, and keeps time order for trends', () => {
    const p = publish(cells, true, 'key');
    expect(p.cells.map((c) => [c.key, c.people])).toEqual([['05', 40], ['19', 90], ['22', 10]]);
    expect(p.peoplePublished).toBe(140);
  });
});
