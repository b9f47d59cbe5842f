import { describe, expect, it } from 'vitest';
import { chargingLevel, ocmAccess, ocmConnectionTypes, ocmLifecycle, powerProblem } from './charging.domain.js';

describe('connector vocabulary', () => {
  it('maps OCM connection types to one vocabulary and leaves unknown codes unmapped', () => {
    expect(ocmConnectionTypes[1]?.standard).toBe('J1772');
    expect(ocmConnectionTypes[32]?.standard).toBe('CCS1');
    expect(ocmConnectionTypes[33]?.standard).toBe('CCS2');
    expect(ocmConnectionTypes[2]?.standard).toBe('CHADEMO');
    expect(ocmConnectionTypes[27]?.standard).toBe('NACS');
    expect(ocmConnectionTypes[1040]?.standard).toBe('GBT_DC');
    expect(ocmConnectionTypes[0]).toBeUndefined();
    expect(ocmConnectionTypes[9999]).toBeUndefined();
  });
});

describe('chargingLevel', () => {
  it('splits by current and power', () => {
    expect(chargingLevel('AC_1_PHASE', 1.4)).toBe('ac_level_1');
    expect(chargingLevel('AC_1_PHASE', 7.2)).toBe('ac_level_2');
    expect(chargingLevel('DC', 50)).toBe('dc_fast');
    expect(chargingLevel('DC', 150)).toBe('dc_ultra_fast');
    expect(chargingLevel('DC', null)).toBe('dc_fast');
    expect(chargingLevel(null, null)).toBeNull();
  });
});

describe('powerProblem', () => {
  it('rejects negative, zero and absurd power, never coercing', () => {
    expect(powerProblem(22)).toBeNull();
    expect(powerProblem(null)).toBeNull();
    expect(powerProblem(-7)).toMatch(/positive/);
    expect(powerProblem(0)).toMatch(/positive/);
    expect(powerProblem(150000)).toMatch(/W instead of kW/);
  });
});

describe('OCM statuses and usage', () => {
  it('maps lifecycle and access', () => {
    expect(ocmLifecycle(50)).toBe('operational');
    expect(ocmLifecycle(150)).toBe('planned');
    expect(ocmLifecycle(200)).toBe('decommissioned');
    expect(ocmLifecycle(0)).toBeNull();
    expect(ocmAccess(4)).toBe('public');
    expect(ocmAccess(2)).toBe('private');
    expect(ocmAccess(0)).toBeNull();
  });
});
