const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
/** Serial of 9999-12-31, the last date Excel can represent. */
export const EXCEL_MAX_SERIAL = 2_958_465;
/** Days between the 1900 and 1904 date systems. */
export const EXCEL_1904_OFFSET = 1_462;

function assertSerial(serial: number): void {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) {
    throw new RangeError(`${serial} is not an Excel date serial (expected 1 to ${EXCEL_MAX_SERIAL})`);
  }
}

/**
 * Converts an Excel serial day number (1900 date system) to 'YYYY-MM-DD', ignoring any time part.
 * Excel treats 1900 as a leap year (a bug kept from Lotus 1-2-3): serial 60 is the nonexistent
 * 1900-02-29, returned as such so that validation flags it, and every later serial is one day ahead
 * of a plain day count. Serial 1 is 1900-01-01; 44197 is 2021-01-01.
 */
export function excelSerialToIsoDate(serial: number): string {
  assertSerial(serial);
  const day = Math.floor(serial);
  if (day === 60) return '1900-02-29';
  const daysAfter18991231 = day < 60 ? day : day - 1;
  return new Date(Date.UTC(1899, 11, 31) + daysAfter18991231 * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Like excelSerialToIsoDate, but keeps a time part ('YYYY-MM-DDTHH:mm:ss', wall-clock, no zone) when there is one. */
export function excelSerialToIsoDateTime(serial: number): string {
  assertSerial(serial);
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * SECONDS_PER_DAY);
  if (seconds === SECONDS_PER_DAY) {
    day += 1;
    seconds = 0;
  }
  const date = excelSerialToIsoDate(Math.min(day, EXCEL_MAX_SERIAL));
  return seconds === 0 ? date : `${date}T${formatSeconds(seconds)}`;
}

/**
 * Formats a Date read from a workbook. Spreadsheet dates have no time zone: the reader builds them
 * as UTC instants holding the wall-clock value, so the UTC fields are the ones the user typed.
 */
export function workbookDateToIso(date: Date): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const rounded = Math.round(ms / 1000) * 1000;
  const dayStart = Math.floor(rounded / MS_PER_DAY) * MS_PER_DAY;
  const iso = new Date(dayStart).toISOString().slice(0, 10);
  const seconds = (rounded - dayStart) / 1000;
  return seconds === 0 ? iso : `${iso}T${formatSeconds(seconds)}`;
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}
