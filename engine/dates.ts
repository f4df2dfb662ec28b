/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. Strings of this shape compare in date order,
 * so windows are plain string comparisons; arithmetic works on calendar months.
 */

/** The character at `i` of `text` as a digit 0–9; any other character gives a number above 9. */
function digitAt(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) >>> 0;
}

/** True for a real calendar date written `YYYY-MM-DD` (2021-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const [y0, y1, y2, y3] = [digitAt(value, 0), digitAt(value, 1), digitAt(value, 2), digitAt(value, 3)];
  const [m0, m1, d0, d1] = [digitAt(value, 5), digitAt(value, 6), digitAt(value, 8), digitAt(value, 9)];
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return false;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** "00" to "31": months and days as they are written. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

function format(year: number, month: number, day: number): string {
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** The number the ASCII digits of a well-formed date write from `start` to `end`. */
function numberAt(date: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + date.charCodeAt(i) - 48;
  return n;
}

/** Adds calendar months, clamping to the month's last day: 2020-11-30 + 3 = 2021-02-28. Negative months go back. */
export function addMonths(date: string, months: number): string {
  const year = numberAt(date, 0, 4);
  const month = numberAt(date, 5, 7);
  const day = numberAt(date, 8, 10);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The last day of the date's month (a window runs to the end of the month it lapses in). */
export function endOfMonth(date: string): string {
  const year = numberAt(date, 0, 4);
  const month = numberAt(date, 5, 7);
  return format(year, month, daysInMonth(year, month));
}

/** Today in local time, as `YYYY-MM-DD`. */
export function today(): string {
  const now = new Date();
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The calendar day `days` after `date` (before it when negative): 2021-02-28 + 1 = 2021-03-01. */
export function addDays(date: string, days: number): string {
  const moved = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes a year below 100 as written.
  moved.setUTCFullYear(numberAt(date, 0, 4), numberAt(date, 5, 7) - 1, numberAt(date, 8, 10) + days);
  return format(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}
