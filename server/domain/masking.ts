// Masked forms for every public screen, ticket and ledger list. Full values are shown only through an
// audited reveal.

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  // Latin names: keep the first letter of each word.
  if (/[A-Za-z]/.test(name)) return name.trim().split(/\s+/).map((w) => `${w[0]}${'*'.repeat(Math.max(1, w.length - 1))}`).join(' ');
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export { maskIdNumber } from '../../devices/idcard/id-number.js';
