import { ageOn as ageOnDay } from '../../devices/idcard/id-number.js';

// Business days are calendar days in the center's time zone (default Asia/Shanghai), whatever the
// machine's own zone is: numbering restarts and day-end expiry follow the hall, not the server.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** YYYY-MM-DD of the instant `ms` in `timeZone`. */
export function businessDay(ms: number, timeZone: string): string {
  return formatter(timeZone).format(new Date(ms));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Whole years between a birth date (YYYY-MM-DD) and the business day of `ms`. */
export function ageOn(birthDate: string, ms: number, timeZone: string): number {
  return ageOnDay(birthDate, businessDay(ms, timeZone));
}

/** Adds whole days to a YYYY-MM-DD day (calendar arithmetic, zone-free). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 of a day in a time zone. */
export function dayStartMs(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Find the zone's offset at that instant and shift; two passes settle DST edges.
  let ms = guess;
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    ms = guess - (local - ms);
  }
  return ms;
}
