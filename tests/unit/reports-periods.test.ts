// Report periods, the statistics' arithmetic and the dashboard's alerts as pure functions.
import { describe, expect, it } from 'vitest';
import { percentile, summarize, type VisitFact } from '../../server/domain/stats.js';
import { dashboard, PAUSE_ALERT_MINUTES } from '../../server/reports/dashboard.js';
import { defaultPeriod, isoWeek, periodOf, previousWeeks } from '../../server/reports/periods.js';
import { followUpFigures } from '../../server/reports/report-query.js';
import { DomainHarness } from '../support/domain-harness.js';

describe('periods', () => {
  it('weeks run Monday to Sunday with ISO numbers, also across a year end', () => {
    expect(periodOf('weekly', '2026-11-18')).toEqual({ kind: 'weekly', fromDay: '2026-11-16', toDay: '2026-11-22', id: '2026-W47' });
    expect(periodOf('weekly', '2026-11-22')).toMatchObject({ fromDay: '2026-11-16' }); // Sunday belongs to the week before Monday
    expect(periodOf('weekly', '2027-01-01')).toMatchObject({ fromDay: '2026-12-28', toDay: '2027-01-03', id: '2026-W53' });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(previousWeeks(periodOf('weekly', '2026-01-07'), 4).map((w) => w.id)).toEqual(['2025-W50', '2025-W51', '2025-W52', '2026-W01']);
  });

  it('months and half years have their real last day', () => {
    expect(periodOf('monthly', '2028-02-10')).toMatchObject({ fromDay: '2028-02-01', toDay: '2028-02-29', id: '2028-02' });
    expect(periodOf('half-yearly', '2026-06-30')).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-06-30', id: '2026-H1' });
    expect(periodOf('daily', '2026-11-23')).toMatchObject({ fromDay: '2026-11-23', toDay: '2026-11-23' });
  });

  it('the weekly report defaults to last week, the others to the current period', () => {
    expect(defaultPeriod('weekly', '2026-11-23').id).toBe('2026-W47');
    expect(defaultPeriod('monthly', '2026-11-23').id).toBe('2026-11');
  });
});

describe('statistics', () => {
  const fact = (f: Partial<VisitFact>): VisitFact => ({ serviceId: 's', day: '2026-11-23', status: 'done', issuedAt: 0, transfers: 0, ...f });

  it('nearest-rank p90 and rounded means', () => {
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([3, 1, 2], 0.9)).toBe(3);
    expect(percentile(Array.from({ length: 10 }, (_, i) => i + 1), 0.9)).toBe(9);
    const row = summarize('k', [
      fact({ firstCalledAt: 60_000, startedAt: 120_000, finishedAt: 120_000 + 31 * 60_000, rating: 'basic' }),
      fact({ firstCalledAt: 120_000, calledAt: 120_000, finishedAt: 120_000 + 10 * 60_000, rating: 'satisfied' }), // never started: handling from the call
      fact({ status: 'no-show', firstCalledAt: 180_000 }),
      fact({ status: 'waiting' }),
    ], () => 30);
    expect(row).toMatchObject({ issued: 4, served: 2, noShow: 1, avgWaitMinutes: 2, p90WaitMinutes: 3, avgHandlingMinutes: 20.5, overTimeLimit: 1, rated: 2, satisfactionRate: 0.5 });
  });

  it('the follow-up rate counts follow-ups opened in the period', () => {
    const f = (openedAt: number, status: 'open' | 'done', closedAt?: number) => ({ id: String(openedAt), ticketId: 't', number: 'A001', rating: 'basic' as const, openedAt, dueAt: openedAt + 100, status, closedAt, reached: true, resolved: false });
    const figures = followUpFigures([f(10, 'done', 50), f(20, 'done', 200), f(30, 'open'), f(500, 'open')], 0, 100, 1000);
    expect(figures).toEqual({ opened: 3, done: 2, onTime: 1, reached: 2, resolved: 0, overdue: 1, rate: 0.6667 });
  });
});

describe('dashboard', () => {
  it('flags a long wait, a long pause and an unhealthy device; counts calls per hour', () => {
    const d = new DomainHarness();
    const lin = d.addStaff('lin.qiao');
    d.run({ type: 'sign-in', windowId: '2', staffId: lin });
    d.issue('consult');
    d.callNext('2', lin);
    d.run({ type: 'finish', windowId: '2', staffId: lin });
    d.issue('consult');
    d.run({ type: 'pause', windowId: '2', staffId: lin, reason: '临时离开' });
    d.advance(PAUSE_ALERT_MINUTES + 16); // consult's own threshold is 30 minutes
    const view = dashboard(d.state, d.now, [{ id: 'printer-k1', kind: 'printer', state: 'paper-out' }, { id: 'pad-2', kind: 'rating-pad', state: 'simulated' }], followUpFigures([], 0, 1, 1));
    expect(view.totals).toMatchObject({ issued: 2, served: 1 });
    expect(view.waiting).toBe(1);
    expect(view.longestWait).toMatchObject({ number: 'B002', minutes: 31 });
    expect(view.alerts).toEqual([
      { kind: 'long-wait', serviceId: 'consult', service: '法律咨询', number: 'B002', minutes: 31, threshold: 30 },
      { kind: 'paused', windowId: '2', window: '2号窗口', minutes: 31, reason: '临时离开' },
      { kind: 'device', deviceId: 'printer-k1', deviceKind: 'printer', state: 'paper-out', detail: null },
    ]);
    expect(view.callsPerHour.find((h) => h.hour === 9)).toEqual({ hour: 9, calls: 1 });
    expect(view.windows.find((w) => w.id === '2')).toMatchObject({ status: 'paused', pausedMinutes: 31, servedToday: 1 });
  });
});
