// Statistics correctness: a seeded multi-day scenario driven over the API with a manual clock, so every
// wait and handling time is known, and the reports checked exactly (averages, p90, time-limit overruns,
// satisfaction, follow-up rate, weekly trend and demand) — page JSON and export from the same code.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv.js';
import { ManualClock, startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
const tokens: Record<string, string> = {};

/** A new business day: tokens last 12 h, so everyone signs in again. */
async function morning(day: string) {
  t.clock.set(`${day}T09:00:00+08:00`);
  t.tokens.clear();
  for (const [user, windowId] of [['lin.qiao', '2'], ['tang.wei', '5']] as const) {
    tokens[user] = await t.login(user);
    const r = await t.api('POST', `/api/v1/windows/${windowId}/sign-in`, { token: tokens[user] });
    expect([200, 409]).toContain(r.status);
  }
}

const W: Record<string, string> = { '2': 'lin.qiao', '5': 'tang.wei' };
const act = (windowId: string, action: string, body?: unknown) => t.api('POST', `/api/v1/windows/${windowId}/${action}`, { token: tokens[W[windowId]!]!, body });

/** issue → wait `wait` min → call → start → `handle` min → finish → rating. */
async function visit(windowId: string, serviceId: string, wait: number, handle: number, score?: string) {
  const issued = await t.issue(serviceId);
  t.clock.advance(wait);
  expect((await act(windowId, 'call-next')).body.ticket.id).toBe(issued.body.id);
  await act(windowId, 'start');
  t.clock.advance(handle);
  expect((await act(windowId, 'finish', { matter: '咨询', outcome: '已答复' })).status).toBe(200);
  if (score) expect((await t.api('POST', `/api/v1/windows/${windowId}/rating`, { body: { score } })).status).toBe(201);
  t.clock.advance(1);
  return issued.body.id as string;
}

beforeAll(async () => {
  t = await startTestHub({ clock: new ManualClock(Date.parse('2026-11-10T08:00:00+08:00')) });
  await t.addStaff('liang.zheng', 'director');
  await t.addStaff('lin.qiao');
  await t.addStaff('tang.wei');
  // The week before (W46): one consultation, for the trend baseline.
  await morning('2026-11-10');
  await visit('2', 'consult', 3, 7);
  // Monday 16th
  await morning('2026-11-16');
  await visit('2', 'consult', 5, 10, 'very-satisfied');
  await visit('2', 'consult', 15, 40, 'basic'); // over the 30-minute limit; opens a follow-up
  await visit('5', 'mediation', 2, 20, 'satisfied');
  await t.issue('consult'); // no-show after two recalls
  t.clock.advance(3);
  await act('2', 'call-next');
  await act('2', 'recall');
  await act('2', 'recall');
  expect((await act('2', 'no-show')).status).toBe(200);
  // Tuesday 17th
  await morning('2026-11-17');
  await visit('2', 'consult', 8, 12, 'dissatisfied'); // opens a follow-up, left open
  await visit('5', 'mediation', 4, 65, 'very-satisfied'); // over the 60-minute limit
  const moved = await t.issue('consult'); // transferred from window 2 to mediation, handled at window 5
  t.clock.advance(6);
  await act('2', 'call-next');
  t.clock.advance(2);
  expect((await act('2', 'transfer', { toServiceId: 'mediation', note: '转人民调解' })).status).toBe(200);
  t.clock.advance(1);
  expect((await act('5', 'call-next')).body.ticket.id).toBe(moved.body.id);
  await act('5', 'start');
  t.clock.advance(10);
  await act('5', 'finish', { matter: '调解', outcome: '达成协议' });
  await t.api('POST', '/api/v1/windows/5/rating', { body: { score: 'satisfied' } });
  // Wednesday 18th
  await morning('2026-11-18');
  await visit('2', 'consult', 1, 5, 'satisfied');
  const basic = (await t.api('GET', '/api/v1/follow-ups', { as: 'liang.zheng' })).body.find((f: any) => f.rating === 'basic');
  expect((await t.api('POST', `/api/v1/follow-ups/${basic.id}`, { as: 'liang.zheng', body: { reached: true, resolved: true, note: '已回访' } })).status).toBe(200);
  t.clock.set('2026-11-23T10:00:00+08:00');
  t.tokens.clear();
});
afterAll(() => t.cleanup());

describe('weekly report of 2026-11-16 … 22', () => {
  it('has the exact totals', async () => {
    const r = await t.api('GET', '/api/v1/reports/weekly?date=2026-11-18', { as: 'liang.zheng' });
    expect(r.status).toBe(200);
    expect(r.body.period).toEqual({ kind: 'weekly', fromDay: '2026-11-16', toDay: '2026-11-22', id: '2026-W47' });
    expect(r.body.totals).toEqual({
      key: 'total', issued: 8, served: 7, noShow: 1, cancelled: 0, transfers: 1,
      // waits 5, 15, 2, 3, 8, 4, 6, 1 → 44 / 8; nearest-rank p90 = the 8th of 8
      avgWaitMinutes: 5.5, p90WaitMinutes: 15,
      // handling 10, 40, 20, 12, 65, 10, 5 → 162 / 7 = 23.14…; p90 = the 7th of 7
      avgHandlingMinutes: 23.1, p90HandlingMinutes: 65,
      overTimeLimit: 2,
      ratings: { 'very-satisfied': 2, satisfied: 3, basic: 1, dissatisfied: 1 }, rated: 7,
      satisfactionRate: 0.7143,
    });
    expect(r.body.followUps).toEqual({ opened: 2, done: 1, onTime: 1, reached: 1, resolved: 1, overdue: 1, rate: 0.5 });
    expect(r.body.byDay.map((d: any) => [d.key, d.issued, d.served])).toEqual([['2026-11-16', 4, 3], ['2026-11-17', 3, 3], ['2026-11-18', 1, 1]]);
  });

  it('splits by window, service and staff, and compares with the 4 weeks before', async () => {
    const r = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-22', { as: 'liang.zheng' })).body;
    const w2 = r.byWindow.find((x: any) => x.key === '2');
    expect(w2).toMatchObject({ label: '2号窗口', issued: 5, served: 4, noShow: 1, avgWaitMinutes: 6.4, avgHandlingMinutes: 16.8, overTimeLimit: 1, satisfactionRate: 0.5 });
    const w5 = r.byWindow.find((x: any) => x.key === '5');
    expect(w5).toMatchObject({ issued: 3, served: 3, transfers: 1, avgWaitMinutes: 4, p90HandlingMinutes: 65, satisfactionRate: 1 });
    expect(r.byService.map((s: any) => [s.key, s.issued])).toEqual([['consult', 5], ['mediation', 3]]);
    expect(r.byStaff.map((s: any) => [s.label, s.served])).toEqual(expect.arrayContaining([['测试lin.qiao', 4], ['测试tang.wei', 3]]));
    expect(r.trend.map((w: any) => [w.id, w.totals.issued])).toEqual([['2026-W43', 0], ['2026-W44', 0], ['2026-W45', 0], ['2026-W46', 1], ['2026-W47', 8]]);
    expect(r.demand.find((d: any) => d.serviceId === 'consult')).toEqual({ serviceId: 'consult', label: '法律咨询', issued: 5, baseline: 0.25, change: 19 });
    expect(r.demand.find((d: any) => d.serviceId === 'mediation')).toMatchObject({ issued: 3, baseline: 0, change: null });
  });

  it('exports the same figures as XLSX and CSV', async () => {
    const page = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-16', { as: 'liang.zheng' })).body;
    const res = await fetch(`${t.url}/api/v1/reports/weekly/export?date=2026-11-16&format=xlsx`, { headers: { authorization: `Bearer ${await t.login('liang.zheng')}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '按窗口', '按业务', '按人员', '按日', '近5周趋势', '需求研判']);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('取号')).toBe(page.totals.issued);
    expect(summary.get('平均等候(分钟)')).toBe(5.5);
    expect(summary.get('P90办理(分钟)')).toBe(65);
    expect(summary.get('超时限办结')).toBe(2);
    expect(summary.get('满意率')).toBe('71.43%');
    expect(summary.get('回访率')).toBe('50%');
    const byWindow = wb.getWorksheet('按窗口')!;
    expect(byWindow.getRow(1).getCell(1).value).toBe('窗口');
    expect(byWindow.getRow(2).getCell(2).value).toBe(page.byWindow[0].issued);
    expect(byWindow.getRow(2).getCell(17).value).toBe(page.byWindow[0].satisfactionRate);

    const csv = await t.api('GET', '/api/v1/reports/weekly/export?date=2026-11-16&format=csv', { as: 'liang.zheng' });
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['【汇总】']);
    expect(rows).toContainEqual(['满意率', '71.43%']);
    expect(rows).toContainEqual(['2号窗口', '5', '4', '1', '0', '0', '6.4', '15', '16.8', '40', '1', '1', '1', '1', '1', '4', '50%']);
  });
});

describe('other periods and the stats route', () => {
  it('daily report per window, monthly and half-yearly totals, stats by day', async () => {
    const daily = (await t.api('GET', '/api/v1/reports/daily?date=2026-11-17', { as: 'liang.zheng' })).body;
    expect(daily.trend).toBeNull();
    expect(daily.byWindow.map((w: any) => [w.key, w.issued, w.avgHandlingMinutes])).toEqual([['2', 1, 12], ['5', 2, 37.5]]);
    const monthly = (await t.api('GET', '/api/v1/reports/monthly?date=2026-11-30', { as: 'liang.zheng' })).body;
    expect(monthly.period).toMatchObject({ fromDay: '2026-11-01', toDay: '2026-11-30', id: '2026-11' });
    expect(monthly.totals).toMatchObject({ issued: 9, served: 8, avgHandlingMinutes: 21.1 }); // + 7 min of the 10th: 169 / 8
    const half = (await t.api('GET', '/api/v1/reports/half-yearly?date=2026-07-01', { as: 'liang.zheng' })).body;
    expect(half.period).toMatchObject({ fromDay: '2026-07-01', toDay: '2026-12-31', id: '2026-H2' });
    expect(half.totals.issued).toBe(9);
    const stats = (await t.api('GET', '/api/v1/stats?from=2026-11-16&to=2026-11-22&by=day', { as: 'liang.zheng' })).body;
    expect(stats.map((d: any) => [d.key, d.issued])).toEqual([['2026-11-16', 4], ['2026-11-17', 3], ['2026-11-18', 1]]);
  });

  it('streams a multi-day ledger CSV day by day with the same rows as the ledger', async () => {
    const json = (await t.api('GET', '/api/v1/ledger?from=2026-11-01&to=2026-11-23', { as: 'liang.zheng' })).body;
    const csv = await t.api('GET', '/api/v1/ledger/export?format=csv&from=2026-11-01&to=2026-11-23', { as: 'liang.zheng' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('ledger-2026-11-01-2026-11-23.csv');
    const rows = parseCsv(csv.text);
    expect(rows[0]![0]).toBe('号票');
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('票号ID')])).toEqual(json.map((r: any) => r.ticketId));
    expect(rows).toHaveLength(1 + 9);
  });

  it('refuses a bad kind, a bad date and a period that has not begun', async () => {
    expect((await t.api('GET', '/api/v1/reports/yearly', { as: 'liang.zheng' })).body.error.field).toBe('kind');
    expect((await t.api('GET', '/api/v1/reports/daily?date=2026-02-30', { as: 'liang.zheng' })).body.error.field).toBe('date');
    expect((await t.api('GET', '/api/v1/reports/monthly?date=2027-01-05', { as: 'liang.zheng' })).body.error.field).toBe('date');
    expect((await t.api('GET', '/api/v1/reports/weekly/export?format=pdf', { as: 'liang.zheng' })).body.error.field).toBe('format');
  });

  it('gives the same figures after personal data is purged, and the ledger still verifies', async () => {
    const before = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-16', { as: 'liang.zheng' })).body;
    expect((await t.api('POST', '/api/v1/ledger/purge', { as: 'admin', body: { before: '2026-11-20' } })).status).toBe(200);
    const after = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-16', { as: 'liang.zheng' })).body;
    expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });
    expect((await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.ok).toBe(true);
    await t.restart(); // and from a replay of the ledger (no cache)
    t.tokens.clear();
    const replayed = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-16', { as: 'liang.zheng' })).body;
    expect({ ...replayed, generatedAt: null }).toEqual({ ...before, generatedAt: null });
  });

  it('defaults the weekly report to last week (read on Monday)', async () => {
    expect((await t.api('GET', '/api/v1/reports/weekly', { as: 'liang.zheng' })).body.period.id).toBe('2026-W47');
  });
});
