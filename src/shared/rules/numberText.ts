/**
 * Whole numbers as clerks type them into a sheet: “15人”, “30 人”, “1,200”, full-width “１２”,
 * “12.0”. Anything that is not one exact whole number (约20, 若干, 12.5, 1,2) is refused, so a
 * guess never enters the ledger.
 */

/** Units that may follow a count in a cell. */
const UNITS = /(人次|人|名|个|位|户|家|年|星|星级|期|次)$/;

export function readInteger(text: string): number | null {
  const t = text.normalize('NFKC').replace(/\s/g, '').replace(UNITS, '');
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/.exec(t);
  if (!m) return null;
  const n = Number(`${m[1]}${(m[2] as string).replace(/,/g, '')}`);
  return Number.isSafeInteger(n) ? n : null;
}
