// Citizen ID numbers (GB 11643): 6-digit region, 8-digit birth date, 3-digit sequence (odd = male),
// ISO 7064 MOD 11-2 check character. Dependency-free: the hub imports it for validation.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or undefined when they are not 17 digits. */
export function idCheckCharacter(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11];
}

/** True when `id` is 18 characters (17 digits + digit or X) and its check character is right. */
export function hasValidCheckCharacter(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  return idCheckCharacter(id.slice(0, 17)) === id[17]?.toUpperCase();
}

/** A real calendar date YYYYMMDD → YYYY-MM-DD, else undefined. */
export function compactDateToIso(yyyymmdd: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const valid =
    date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return valid ? `${y}-${mo}-${d}` : undefined;
}

/** Birth date YYYY-MM-DD carried by an 18-character ID number, if it is a real date. */
export function idNumberBirthDate(id: string): string | undefined {
  if (id.length !== 18) return undefined;
  return compactDateToIso(id.slice(6, 14));
}

/** Gender carried by the sequence digit (17th character) of an 18-character ID number. */
export function idNumberGender(id: string): 'male' | 'female' | undefined {
  const digit = id.length === 18 ? Number(id[16]) : NaN;
  if (Number.isNaN(digit)) return undefined;
  return digit % 2 === 1 ? 'male' : 'female';
}

/** A full validation: format, check character and a real birth date. */
export function isValidIdNumber(id: string): boolean {
  return hasValidCheckCharacter(id) && idNumberBirthDate(id) !== undefined;
}

/** Whole years between a birth date (YYYY-MM-DD) and a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** Keeps the first 3 and last 4 characters: 110***********123X. Short values keep only the last one. */
export function maskIdNumber(id: string): string {
  if (id.length >= 8) return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
  return '*'.repeat(Math.max(0, id.length - 1)) + id.slice(-1);
}
