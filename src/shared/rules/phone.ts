/** Mobile numbers: 11 digits starting with 1; landlines: area code (3–4 digits, leading 0) and 7–8 digits, optional extension. */
export function isValidPhone(input: string): boolean {
  const s = input.replace(/[\s()（）]/g, '');
  if (/^1\d{10}$/.test(s)) return true;
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s);
}
