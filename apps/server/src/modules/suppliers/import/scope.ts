import type { ErrorCode } from '@electrifica/contracts';
import { automotiveScianPrefixes, isAutomotiveScian } from '../suppliers.taxonomy.js';
import type { ScianLookup } from './scian.js';

/**
 * Why a SCIAN class keeps a row out of the census, or null when it is in: not six digits
 * (IMPORT.ROW_INVALID_CODE), not a class of SCIAN 2018 (IMPORT.ROW_UNKNOWN_CODE), or outside
 * the automotive supply chain (IMPORT.ROW_OUT_OF_SCOPE — reported, never silently dropped).
 */
export function scianProblem(code: string | null, scian: ScianLookup, column: string): { code: ErrorCode; message: string } | null {
  if (code === null) return { code: 'IMPORT.ROW_REQUIRED_FIELD', message: `${column} is empty; every establishment needs its SCIAN class.` };
  if (!/^\d{6}$/.test(code)) return { code: 'IMPORT.ROW_INVALID_CODE', message: `${column} "${code}" is not a SCIAN class (six digits, e.g. 336390).` };
  if (!scian.isClass(code)) {
    return { code: 'IMPORT.ROW_UNKNOWN_CODE', message: `${column} ${code} is not a class of SCIAN México 2018.` };
  }
  if (!isAutomotiveScian(code)) {
    return {
      code: 'IMPORT.ROW_OUT_OF_SCOPE',
      message: `${column} ${code} (${scian.titleOf(code)}) is outside the automotive supply chain the census covers (SCIAN ${automotiveScianPrefixes.slice(0, 3).join(', ')} and the industries that supply them).`,
    };
  }
  return null;
}
