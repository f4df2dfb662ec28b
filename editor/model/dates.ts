/** Dates as staff type them, read as the rulesets and cases write them: YYYY-MM-DD. */
import { isIsoDate } from '../../engine/index.js';
import { asciiDigits } from './typing.js';

/** 2021-06-30, 2021-6-30, 2021/6/30, 2021.6.30, 2021年6月30日. */
const TYPED_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** The ISO date `typed` means; '' for nothing typed; null for what is not a real date (2021-02-30). */
export function isoDate(typed: string): string | null {
  const clean = asciiDigits(typed.trim());
  if (clean === '') return '';
  const match = TYPED_DATE.exec(clean);
  if (!match) return null;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}
