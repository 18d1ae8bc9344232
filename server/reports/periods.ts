// Report periods as the seeds ask for them: a day (daily intake per window), a Monday–Sunday week
// (the Monday summary for 需求研判), a calendar month and a half year. Pure day arithmetic.
import { addDays } from '../domain/business-day.js';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'half-yearly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Period {
  kind: ReportKind;
  fromDay: string;
  toDay: string;
  /** Short id of the period: 2026-11-23, 2026-W47, 2026-11, 2026-H2. */
  id: string;
}

const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

/** ISO 8601 week number of a day. */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(day, 3 - weekday(day));
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 3 - weekday(`${year}-01-04`));
  const week = 1 + Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / (7 * 86_400_000));
  return { year, week };
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The period of a kind that contains `day`. */
export function periodOf(kind: ReportKind, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (kind) {
    case 'daily':
      return { kind, fromDay: day, toDay: day, id: day };
    case 'weekly': {
      const fromDay = addDays(day, -weekday(day));
      const w = isoWeek(fromDay);
      return { kind, fromDay, toDay: addDays(fromDay, 6), id: `${w.year}-W${String(w.week).padStart(2, '0')}` };
    }
    case 'monthly':
      return { kind, fromDay: `${day.slice(0, 7)}-01`, toDay: lastDayOfMonth(year, month), id: day.slice(0, 7) };
    case 'half-yearly':
      return month <= 6
        ? { kind, fromDay: `${year}-01-01`, toDay: `${year}-06-30`, id: `${year}-H1` }
        : { kind, fromDay: `${year}-07-01`, toDay: `${year}-12-31`, id: `${year}-H2` };
  }
}

/** What a report shows when no day is given: today, except the weekly report, which is last week's (read on Monday). */
export function defaultPeriod(kind: ReportKind, today: string): Period {
  return periodOf(kind, kind === 'weekly' ? addDays(today, -7) : today);
}

/** The `n` weeks before a weekly period, oldest first (the trend baseline). */
export function previousWeeks(week: Period, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => periodOf('weekly', addDays(week.fromDay, -7 * (n - i))));
}
