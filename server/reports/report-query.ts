// The report query code: one function per figure set, used by the API pages and by the exports, so a
// number on screen and the same number in a spreadsheet cannot differ.
import { addDays, dayStartMs } from '../domain/business-day.js';
import { computeStats, rate, summarize, type StatsGrouping, type StatsRow, type VisitFact } from '../domain/stats.js';
import type { Complaint, FollowUp, QueueState } from '../domain/types.js';
import type { LedgerStore, VisitQuery } from '../ledger/store.js';
import { visitFacts } from './fact-cache.js';
import { periodOf, previousWeeks, type Period, type ReportKind } from './periods.js';

/** What the report code reads: the store for history, the live state for names and time limits. */
export interface ReportSource {
  store: LedgerStore;
  state: QueueState;
  timeZone: string;
  now: number;
}

export type LabeledRow = StatsRow & { label: string };

/** Filters of a statistics query: a day range and optionally one service, window, staff member or rating. */
export type StatsFilter = Omit<VisitQuery, 'limit' | 'offset' | 'newestFirst'>;

export function labelOf(state: QueueState, by: StatsGrouping, key: string): string {
  switch (by) {
    case 'service':
      return state.services.get(key)?.name ?? key;
    case 'window':
      return state.windowDefs.get(key)?.name ?? (key || '未叫号');
    case 'staff':
      return state.staff.get(key)?.name ?? (key || '未叫号');
    case 'day':
      return key;
  }
}

function rows(src: ReportSource, facts: readonly VisitFact[], by: StatsGrouping): LabeledRow[] {
  return computeStats(facts, by, { timeLimitOf: timeLimits(src) }).map((r) => ({ ...r, label: labelOf(src.state, by, r.key) }));
}

const timeLimits = (src: ReportSource) => (id: string) => src.state.services.get(id)?.timeLimitMinutes;

/** GET /api/v1/stats: one row per group. */
export async function statsRows(src: ReportSource, filter: StatsFilter, by: StatsGrouping): Promise<LabeledRow[]> {
  return rows(src, await visitFacts(src.store, filter, src.now, src.timeZone), by);
}

export interface FollowUpFigures {
  /** Follow-ups opened in the period (every basic or dissatisfied rating opens one). */
  opened: number;
  done: number;
  /** Closed no later than the due date. */
  onTime: number;
  reached: number;
  resolved: number;
  /** Still open and past due now. */
  overdue: number;
  /** done / opened: the bureau's 100% target. */
  rate: number | null;
}

export function followUpFigures(all: readonly FollowUp[], fromMs: number, toMs: number, now: number): FollowUpFigures {
  const inPeriod = all.filter((f) => f.openedAt >= fromMs && f.openedAt < toMs);
  const done = inPeriod.filter((f) => f.status === 'done');
  return {
    opened: inPeriod.length,
    done: done.length,
    onTime: done.filter((f) => (f.closedAt ?? Infinity) <= f.dueAt).length,
    reached: done.filter((f) => f.reached).length,
    resolved: done.filter((f) => f.resolved).length,
    overdue: inPeriod.filter((f) => f.status === 'open' && f.dueAt < now).length,
    rate: rate(done.length, inPeriod.length),
  };
}

export interface ComplaintFigures {
  registered: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  open: number;
}

export function complaintFigures(all: readonly Complaint[], fromMs: number, toMs: number, now: number): ComplaintFigures {
  const inPeriod = all.filter((c) => c.registeredAt >= fromMs && c.registeredAt < toMs);
  const closedAt = (c: Complaint) => c.history.find((h) => h.status === 'closed')?.at;
  const closed = inPeriod.filter((c) => c.status === 'closed');
  return {
    registered: inPeriod.length,
    closed: closed.length,
    closedOnTime: closed.filter((c) => (closedAt(c) ?? Infinity) <= c.dueAt).length,
    overdue: inPeriod.filter((c) => c.status !== 'closed' && c.dueAt < now).length,
    open: inPeriod.length - closed.length,
  };
}

/** One week of the weekly report's trend (this week and the 4 before it). */
export interface TrendWeek {
  id: string;
  fromDay: string;
  toDay: string;
  totals: StatsRow;
  /** Tickets issued per service id. */
  issuedByService: Record<string, number>;
}

/** 需求研判: demand per service this week against the average of the 4 weeks before. */
export interface DemandRow {
  serviceId: string;
  label: string;
  issued: number;
  baseline: number;
  /** (issued − baseline) / baseline; null when the baseline is 0. */
  change: number | null;
}

export interface Report {
  period: Period;
  generatedAt: string;
  totals: StatsRow;
  byWindow: LabeledRow[];
  byService: LabeledRow[];
  byStaff: LabeledRow[];
  byDay: LabeledRow[];
  followUps: FollowUpFigures;
  complaints: ComplaintFigures;
  /** Weekly reports only: the 4 previous weeks and this one, oldest first. */
  trend: TrendWeek[] | null;
  demand: DemandRow[] | null;
}

function range(src: ReportSource, p: { fromDay: string; toDay: string }) {
  return { fromMs: dayStartMs(p.fromDay, src.timeZone), toMs: dayStartMs(addDays(p.toDay, 1), src.timeZone) };
}

export async function buildReport(src: ReportSource, kind: ReportKind, day: string): Promise<Report> {
  const period = periodOf(kind, day);
  const baseline = kind === 'weekly' ? previousWeeks(period, 4) : [];
  // One read covers the period and, for a weekly report, the 4 weeks before it.
  const all = await visitFacts(src.store, { fromDay: baseline[0]?.fromDay ?? period.fromDay, toDay: period.toDay }, src.now, src.timeZone);
  const facts = baseline.length ? all.filter((f) => f.day >= period.fromDay) : all;
  const { fromMs, toMs } = range(src, period);
  // Follow-ups and complaints are all in the live state (never pruned): no store read, no parsing.
  const followUps = [...src.state.followUps.values()];
  const complaints = [...src.state.complaints.values()];
  const limits = timeLimits(src);

  let trend: TrendWeek[] | null = null;
  let demand: DemandRow[] | null = null;
  if (kind === 'weekly') {
    trend = [...baseline, period].map((w) => {
      const inWeek = all.filter((f) => f.day >= w.fromDay && f.day <= w.toDay);
      const issuedByService: Record<string, number> = {};
      for (const f of inWeek) issuedByService[f.serviceId] = (issuedByService[f.serviceId] ?? 0) + 1;
      return { id: w.id, fromDay: w.fromDay, toDay: w.toDay, totals: summarize(w.id, inWeek, limits), issuedByService };
    });
    const current = trend[trend.length - 1]!;
    demand = [...src.state.services.keys()].map((serviceId) => {
      const issued = current.issuedByService[serviceId] ?? 0;
      const base = trend!.slice(0, -1).reduce((n, w) => n + (w.issuedByService[serviceId] ?? 0), 0) / 4;
      return { serviceId, label: labelOf(src.state, 'service', serviceId), issued, baseline: Math.round(base * 100) / 100, change: base === 0 ? null : Math.round(((issued - base) / base) * 10_000) / 10_000 };
    });
  }

  return {
    period,
    generatedAt: new Date(src.now).toISOString(),
    totals: summarize('total', facts, limits),
    byWindow: rows(src, facts.filter((f) => f.windowId !== undefined), 'window'),
    byService: rows(src, facts, 'service'),
    byStaff: rows(src, facts.filter((f) => f.staffId !== undefined), 'staff'),
    byDay: rows(src, facts, 'day'),
    followUps: followUpFigures(followUps, fromMs, toMs, src.now),
    complaints: complaintFigures(complaints, fromMs, toMs, src.now),
    trend,
    demand,
  };
}
