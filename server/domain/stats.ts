// Service statistics from visits: the same code serves the API, the exports, the dashboard and the
// reports. It works on compact visit facts so a year of visits can be summarized without loading
// every ticket document.
import type { RatingScore, Ticket, TicketStatus } from './types.js';

export type StatsGrouping = 'service' | 'window' | 'staff' | 'day';

/** The parts of a visit the statistics need (a store projects them straight from its columns). */
export interface VisitFact {
  serviceId: string;
  windowId?: string;
  staffId?: string;
  /** Business day of issue, YYYY-MM-DD. */
  day: string;
  status: TicketStatus;
  rating?: RatingScore;
  issuedAt: number;
  firstCalledAt?: number;
  calledAt?: number;
  startedAt?: number;
  finishedAt?: number;
  transfers: number;
}

export function factOf(t: Ticket): VisitFact {
  return {
    serviceId: t.serviceId, windowId: t.windowId, staffId: t.staffId, day: t.day, status: t.status, rating: t.rating,
    issuedAt: t.issuedAt, firstCalledAt: t.firstCalledAt, calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt,
    transfers: t.transfers.length,
  };
}

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

/** A share rounded to 4 decimals (0.9375), null when nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Nearest-rank percentile (the value at rank ceil(p·n)); null for no data. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/** Minutes from issue to the first call; undefined when never called. */
export function waitMinutes(t: Pick<VisitFact, 'issuedAt' | 'firstCalledAt'>): number | undefined {
  return t.firstCalledAt === undefined ? undefined : (t.firstCalledAt - t.issuedAt) / 60_000;
}

/** Minutes from the start of handling (or the call, when not started explicitly) to the finish. */
export function handlingMinutes(t: Pick<VisitFact, 'status' | 'startedAt' | 'calledAt' | 'finishedAt'>): number | undefined {
  if (t.status !== 'done' || t.finishedAt === undefined) return undefined;
  return (t.finishedAt - (t.startedAt ?? t.calledAt ?? t.finishedAt)) / 60_000;
}

export function groupKey(f: VisitFact, by: StatsGrouping): string {
  return by === 'service' ? f.serviceId : by === 'window' ? f.windowId ?? '' : by === 'staff' ? f.staffId ?? '' : f.day;
}

export function computeStats(
  facts: readonly VisitFact[],
  by: StatsGrouping,
  opts: { timeLimitOf: (serviceId: string) => number | undefined },
): StatsRow[] {
  const groups = new Map<string, VisitFact[]>();
  for (const f of facts) {
    const key = groupKey(f, by);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, list]) => summarize(key, list, opts.timeLimitOf));
}

export function summarize(key: string, list: readonly VisitFact[], timeLimitOf: (serviceId: string) => number | undefined): StatsRow {
  const waits: number[] = [];
  const handling: number[] = [];
  const ratings: Record<RatingScore, number> = { 'very-satisfied': 0, satisfied: 0, basic: 0, dissatisfied: 0 };
  let served = 0;
  let noShow = 0;
  let cancelled = 0;
  let transfers = 0;
  let overTimeLimit = 0;
  for (const f of list) {
    const w = waitMinutes(f);
    if (w !== undefined) waits.push(w);
    const h = handlingMinutes(f);
    if (h !== undefined) {
      handling.push(h);
      const limit = timeLimitOf(f.serviceId);
      if (limit !== undefined && h > limit) overTimeLimit++;
    }
    if (f.rating) ratings[f.rating]++;
    if (f.status === 'done') served++;
    else if (f.status === 'no-show') noShow++;
    else if (f.status === 'cancelled') cancelled++;
    transfers += f.transfers;
  }
  const rated = ratings['very-satisfied'] + ratings.satisfied + ratings.basic + ratings.dissatisfied;
  const fix = (x: number | null) => (x === null ? null : round1(x));
  return {
    key,
    issued: list.length,
    served,
    noShow,
    cancelled,
    transfers,
    avgWaitMinutes: fix(mean(waits)),
    p90WaitMinutes: fix(percentile(waits, 0.9)),
    avgHandlingMinutes: fix(mean(handling)),
    p90HandlingMinutes: fix(percentile(handling, 0.9)),
    overTimeLimit,
    ratings,
    rated,
    satisfactionRate: rate(ratings['very-satisfied'] + ratings.satisfied, rated),
  };
}
