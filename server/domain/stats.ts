// Service statistics from visits: the same code serves the API, the exports and the reports.
import { businessDay } from './business-day.js';
import type { RatingScore, Ticket } from './types.js';

export type StatsGrouping = 'service' | 'window' | 'staff' | 'day';

export interface StatsRow {
  key: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transfers: number;
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  avgHandlingMinutes: number | null;
  p90HandlingMinutes: number | null;
  overTimeLimit: number;
  ratings: Record<RatingScore, number>;
  rated: number;
  satisfactionRate: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Nearest-rank percentile (the value at rank ceil(p·n)); null for no data. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export function waitMinutes(t: Ticket): number | undefined {
  return t.firstCalledAt === undefined ? undefined : (t.firstCalledAt - t.issuedAt) / 60_000;
}

export function handlingMinutes(t: Ticket): number | undefined {
  if (t.status !== 'done' || t.finishedAt === undefined) return undefined;
  return (t.finishedAt - (t.startedAt ?? t.calledAt ?? t.finishedAt)) / 60_000;
}

export function computeStats(
  tickets: Ticket[],
  by: StatsGrouping,
  opts: { timeZone: string; timeLimitOf: (serviceId: string) => number | undefined },
): StatsRow[] {
  const groups = new Map<string, Ticket[]>();
  for (const t of tickets) {
    const key = by === 'service' ? t.serviceId : by === 'window' ? t.windowId ?? '' : by === 'staff' ? t.staffId ?? '' : businessDay(t.issuedAt, opts.timeZone);
    const list = groups.get(key) ?? [];
    list.push(t);
    groups.set(key, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, list]) => summarize(key, list, opts.timeLimitOf));
}

export function summarize(key: string, list: Ticket[], timeLimitOf: (serviceId: string) => number | undefined): StatsRow {
  const waits = list.map(waitMinutes).filter((x): x is number => x !== undefined);
  const handling: number[] = [];
  let overTimeLimit = 0;
  for (const t of list) {
    const h = handlingMinutes(t);
    if (h === undefined) continue;
    handling.push(h);
    const limit = timeLimitOf(t.serviceId);
    if (limit !== undefined && h > limit) overTimeLimit++;
  }
  const ratings: Record<RatingScore, number> = { 'very-satisfied': 0, satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const t of list) if (t.rating) ratings[t.rating]++;
  const rated = ratings['very-satisfied'] + ratings.satisfied + ratings.basic + ratings.dissatisfied;
  const fix = (x: number | null) => (x === null ? null : round1(x));
  return {
    key,
    issued: list.length,
    served: list.filter((t) => t.status === 'done').length,
    noShow: list.filter((t) => t.status === 'no-show').length,
    cancelled: list.filter((t) => t.status === 'cancelled').length,
    transfers: list.reduce((n, t) => n + t.transfers.length, 0),
    avgWaitMinutes: fix(mean(waits)),
    p90WaitMinutes: fix(percentile(waits, 0.9)),
    avgHandlingMinutes: fix(mean(handling)),
    p90HandlingMinutes: fix(percentile(handling, 0.9)),
    overTimeLimit,
    ratings,
    rated,
    satisfactionRate: rated === 0 ? null : Math.round(((ratings['very-satisfied'] + ratings.satisfied) / rated) * 10_000) / 10_000,
  };
}
