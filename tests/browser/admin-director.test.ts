// The director's day in real Chromium against a real hub: sign in, today's figures match a scenario
// driven over the API, filter the ledger, export CSV and XLSX (parsed back), close a follow-up opened by
// a 不满意 rating, register a complaint, read the weekly report. Screenshots land in test-results/screens.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv.js';
import { ARTIFACTS } from './support/browser.js';
import { signInToAdmin } from './support/admin-sign-in.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { seriousViolations } from './screens-support.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { xlsxRows } from '../support/xlsx-rows.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let page: Page;

async function visit(token: string, windowId: string, serviceId: string, matter: string, score?: string, extra: Record<string, unknown> = {}) {
  const issued = await t.issue(serviceId, extra);
  t.clock.advance(4);
  expect((await t.api('POST', `/api/v1/windows/${windowId}/call-next`, { token })).status).toBe(200);
  await t.api('POST', `/api/v1/windows/${windowId}/start`, { token });
  t.clock.advance(11);
  await t.api('POST', `/api/v1/windows/${windowId}/finish`, { token, body: { matter, outcome: `${matter}：已答复并告知所需材料` } });
  if (score) expect((await t.api('POST', `/api/v1/windows/${windowId}/rating`, { body: { score } })).status).toBe(201);
  return issued.body.number as string;
}

useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  await t.addStaff('liang.zheng', 'director');
  const lin = await t.staffAt('lin.qiao', '2');
  const tang = await t.staffAt('tang.wei', '5');
  await visit(lin, '2', 'consult', '劳动合同咨询', 'very-satisfied');
  await visit(lin, '2', 'consult', '工伤认定咨询', 'dissatisfied', { phone: '13812345678' });
  await visit(tang, '5', 'mediation', '邻里纠纷调解', 'satisfied');
  await t.issue('consult'); // still waiting
  t.clock.advance(2);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
});

const text = (testId: string) => page.getByTestId(testId).innerText();

it('refuses window staff at sign-in: the admin is for the director and the admin', async () => {
  const staff = await browser.newPage();
  await signInToAdmin(staff, `${t.url}/admin`, 'lin.qiao', 'pw-lin.qiao-123');
  expect(await staff.getByRole('alert').innerText()).toBe('此账号无权使用中心管理，请使用窗口工作台');
  expect(await staff.getByTestId('kpi-issued').count()).toBe(0);
  await staff.close();
});

it('signs in and shows today\'s figures as the API scenario left them', async () => {
  await signInToAdmin(page, `${t.url}/admin`, 'liang.zheng', 'pw-liang.zheng-123');
  await expect.poll(() => text('kpi-issued').catch(() => '')).toBe('4');
  expect(await text('kpi-served')).toBe('3');
  expect(await text('kpi-waiting')).toBe('1');
  expect(await text('kpi-satisfaction')).toBe('66.67%'); // 2 of 3 ratings (very) satisfied
  expect(await text('kpi-followup')).toBe('0%'); // one follow-up opened, none done yet
  expect(await text('kpi-longest')).toBe('2 分钟');
  expect(await text('windows')).toContain('测试lin.qiao');
  // live: a ticket issued now shows without a reload
  await t.issue('mediation');
  await expect.poll(() => text('kpi-issued')).toBe('5');
  await page.screenshot({ path: `${ARTIFACTS}/admin-dashboard.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  // English second, complete: the same page in English, then back
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  expect(await page.getByRole('navigation').innerText()).toContain('Ledger');
  expect(await page.locator('.kpis').innerText()).toContain('Satisfaction today');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: /^今日概况/ }).waitFor();
});

it('filters the ledger and exports the same rows as CSV and XLSX with Chinese headers', async () => {
  await page.getByRole('link', { name: '服务台账' }).click();
  await expect.poll(() => text('ledger-total').catch(() => '')).toContain('共 5 条');
  await page.getByLabel('搜索办理事项及结果').fill('纠纷');
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => text('ledger-total')).toContain('共 1 条');
  expect(await text('ledger-rows')).toContain('邻里纠纷调解');
  await page.getByLabel('搜索办理事项及结果').fill('');
  await page.getByLabel('业务').selectOption('consult');
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => text('ledger-total')).toContain('共 3 条');
  expect(await text('ledger-rows')).toContain('138****5678');

  const api = (await t.api('GET', '/api/v1/ledger?serviceId=consult', { as: 'liang.zheng' })).body as { number: string }[];
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
  expect(csv[0]).toEqual(expect.arrayContaining(['号票', '来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '满意度评价']));
  expect(csv.slice(1).map((r) => r[0])).toEqual(api.map((r) => r.number));
  expect(csv.slice(1).map((r) => r[csv[0]!.indexOf('满意度评价')])).toEqual(['非常满意', '不满意', '']);

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const rows = await xlsxRows(readFileSync((await xlsxDownload.path())!));
  expect(rows[0]).toEqual(csv[0]);
  expect(rows.slice(1)).toEqual(csv.slice(1));

  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/admin-ledger.png`, fullPage: true });
  // print: every filtered row, in the A4 print view without the controls
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printedRows = String(document.querySelectorAll('[data-testid=ledger-rows] tbody tr').length);
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await page.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => page.evaluate(() => document.body.dataset.printedRows)).toBe('3');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('form.filters').isVisible()).toBe(false);
  expect(await page.getByRole('heading', { name: /服务台账$/ }).innerText()).toMatch(/^2026-11-23 至 2026-11-23 服务台账$/);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '校验台账' }).click();
  await expect.poll(() => text('verify-result')).toContain('台账完整');
});

it('closes the follow-up opened by the 不满意 rating', async () => {
  await page.getByRole('link', { name: '回访' }).click();
  const row = page.locator('tr[data-number="B002"]');
  await row.getByRole('button', { name: '记录回访' }).click();
  await row.getByLabel('回访情况').fill('电话无人接听');
  await row.getByRole('button', { name: '未接通或未解决，稍后再访' }).click();
  await expect.poll(() => row.innerText()).toContain('电话无人接听');
  expect((await t.api('GET', '/api/v1/follow-ups?status=open', { as: 'liang.zheng' })).body.map((f: any) => f.attempts.length)).toEqual([1]);
  await row.getByRole('button', { name: '记录回访' }).click();
  await row.getByLabel('已联系上').check();
  await row.getByLabel('问题已解决').check();
  await row.getByLabel('回访情况').fill('已电话回访，群众对答复表示理解');
  await row.getByRole('button', { name: '保存并完成回访' }).click();
  await expect.poll(async () => (await t.api('GET', '/api/v1/follow-ups?status=done', { as: 'liang.zheng' })).body.map((f: any) => f.number)).toEqual(['B002']);
  const done = (await t.api('GET', '/api/v1/follow-ups', { as: 'liang.zheng' })).body[0];
  expect(done).toMatchObject({ reached: true, resolved: true, note: '已电话回访，群众对答复表示理解' });
  await expect.poll(() => text('follow-up-rate')).toContain('100%');
  expect(await seriousViolations(page)).toEqual([]);
});

it('registers a complaint', async () => {
  await page.getByRole('link', { name: '投诉' }).click();
  const form = page.getByRole('form', { name: '登记投诉' });
  await form.getByLabel('渠道').selectOption('12348');
  await form.getByLabel('涉及窗口').selectOption('2');
  await form.getByLabel('事由').fill('咨询答复不清楚');
  await form.getByLabel('投诉内容').fill('关于工伤认定的答复不够详细');
  await form.getByRole('button', { name: '登记投诉' }).click();
  await expect.poll(() => text('complaint-rows').catch(() => '')).toContain('咨询答复不清楚');
  const list = (await t.api('GET', '/api/v1/complaints', { as: 'liang.zheng' })).body;
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ channel: '12348', windowId: '2', subject: '咨询答复不清楚', status: 'open', overdue: false });
  expect(await seriousViolations(page)).toEqual([]);
});

it('shows the weekly report with the same figures as the API, ready to print', async () => {
  await page.goto(`${t.url}/admin/reports?kind=weekly&date=2026-11-23`);
  await expect.poll(() => text('report-issued').catch(() => '')).toBe('5');
  const api = (await t.api('GET', '/api/v1/reports/weekly?date=2026-11-23', { as: 'liang.zheng' })).body;
  expect(api.period).toMatchObject({ fromDay: '2026-11-23', toDay: '2026-11-29', id: '2026-W48' });
  expect(await text('report-satisfaction')).toBe('66.67%');
  expect(await text('report-followup')).toBe('100%');
  expect(await text('by-window')).toContain('2号窗口');
  expect(await page.getByTestId('trend-chart').locator('canvas').count()).toBe(1);
  await page.screenshot({ path: `${ARTIFACTS}/admin-weekly-report.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });
});

it('lets the admin reveal a visitor\'s phone only with a reason, and the reveal is audited', async () => {
  const admin = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signInToAdmin(admin, `${t.url}/admin/ledger?serviceId=consult`, 'admin', 'admin-secret-123');
  const row = admin.getByTestId('ledger-rows').locator('tr', { hasText: 'B002' });
  await row.getByRole('button', { name: '查看' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: '提交' }).click();
  expect(await dialog.getByRole('alert').innerText()).toBe('请填写查看原因');
  await dialog.getByLabel('查看原因（将记入审计）').fill('回访工伤认定咨询的群众');
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => row.getByTestId('revealed').innerText().catch(() => '')).toContain('13812345678');
  const audit = (await t.api('GET', '/api/v1/audit/reveals', { as: 'admin' })).body;
  expect(JSON.stringify(audit)).toContain('回访工伤认定咨询的群众');
  // the director sees masked data only: no reveal button
  await page.goto(`${t.url}/admin/ledger?serviceId=consult`);
  await expect.poll(() => text('ledger-total').catch(() => '')).toContain('共 3 条');
  expect(await text('ledger-rows')).toContain('138****5678');
  expect(await page.getByTestId('ledger-rows').getByRole('button', { name: '查看' }).count()).toBe(0);

  // devices: the simulated kiosk printer's last tickets
  await admin.getByRole('link', { name: '设备' }).click();
  // .ci/run installs espeak-ng: the page says the hub speaks for screens without a Chinese voice
  await expect.poll(() => admin.getByTestId('speech-engine').innerText()).toContain('espeak-ng 合成播报');
  await admin.getByTestId('devices').locator('tr', { hasText: 'sim-printer-K1' }).getByRole('button', { name: '打印预览' }).click();
  await expect.poll(() => admin.getByTestId('print-preview').innerText().catch(() => '')).toMatch(/[BD]00\d/);
  // configuration: the configuration module renders in its slot
  await admin.getByRole('link', { name: '配置' }).click();
  await expect.poll(() => admin.locator('main.page').innerText()).not.toBe('');
  expect(await admin.getByTestId('config-unavailable').count()).toBe(0);
  await admin.close();
});
