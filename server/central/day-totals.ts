// Additive per-site per-day totals: each visit (ticket) and each follow-up contributes a vector the
// city keeps summed per day, so a month is a sum of days and a change to a visit is "minus the old
// contribution, plus the new". The definitions are the statistics' own (server/domain/stats.ts):
// served = done, no-show, wait = issue → first call, satisfaction = (very) satisfied over rated.
import { rate, waitMinutes } from '../domain/stats.js';
import type { FollowUp, Ticket } from '../domain/types.js';

export interface DayTotals {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  /** Visits called at least once, and the sum of their waits in minutes. */
  waited: number;
  waitMinutes: number;
  rated: number;
  satisfied: number;
  /** Follow-ups opened for the day's visits (basic / dissatisfied ratings), and those done. */
  followUps: number;
  followedUp: number;
}

export const TOTAL_FIELDS = ['issued', 'served', 'noShow', 'cancelled', 'waited', 'waitMinutes', 'rated', 'satisfied', 'followUps', 'followedUp'] as const satisfies readonly (keyof DayTotals)[];

export function emptyTotals(): DayTotals {
  return { issued: 0, served: 0, noShow: 0, cancelled: 0, waited: 0, waitMinutes: 0, rated: 0, satisfied: 0, followUps: 0, followedUp: 0 };
}

export function ticketContribution(t: Ticket): DayTotals {
  const c = emptyTotals();
  c.issued = 1;
  if (t.status === 'done') c.served = 1;
  else if (t.status === 'no-show') c.noShow = 1;
  else if (t.status === 'cancelled') c.cancelled = 1;
  const w = waitMinutes(t);
  if (w !== undefined) {
    c.waited = 1;
    c.waitMinutes = w;
  }
  if (t.rating) {
    c.rated = 1;
    if (t.rating === 'very-satisfied' || t.rating === 'satisfied') c.satisfied = 1;
  }
  return c;
}

export function followUpContribution(f: FollowUp): DayTotals {
  const c = emptyTotals();
  c.followUps = 1;
  if (f.status === 'done') c.followedUp = 1;
  return c;
}

/** target += sign · c */
export function addTotals(target: DayTotals, c: DayTotals, sign: 1 | -1 = 1): DayTotals {
  for (const k of TOTAL_FIELDS) target[k] += sign * c[k];
  return target;
}

export function isZero(t: DayTotals): boolean {
  return TOTAL_FIELDS.every((k) => Math.abs(t[k]) < 1e-9);
}

/** The figures the city view shows, rounded as the hub's own statistics round them. */
export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  avgWaitMinutes: number | null;
  satisfactionRate: number | null;
  followUpRate: number | null;
}

export function figuresOf(t: DayTotals): Figures {
  return {
    issued: t.issued,
    served: t.served,
    noShow: t.noShow,
    avgWaitMinutes: t.waited === 0 ? null : Math.round((t.waitMinutes / t.waited) * 10) / 10,
    satisfactionRate: rate(t.satisfied, t.rated),
    followUpRate: rate(t.followedUp, t.followUps),
  };
}
