// The configuration and audit pages inside the admin app, in real Chromium against a real hub: the
// admin changes a service and the hall screen follows without a reload; a refused change shows its
// reason; a staff record gets a title and its English, a phone (shown masked) and a photo; the configuration downloads
// as a file YICHUANG_CONFIG accepts; the audit page lists the changes and a reveal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { ARTIFACTS } from './support/browser.js';
import { signInToAdmin } from './support/admin-sign-in.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let page: Page;
let hall: Page;
let ticketId: string;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  await t.addStaff('lin.qiao');
  await t.addStaff('liang.zheng', 'director');
  ticketId = (await t.issue('consult', { phone: '13812345678' })).body.id;
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  page.on('dialog', (d) => void d.accept());
  hall = await browser.newPage({ viewport: { width: 1280, height: 720 } });
});

const feedback = () => page.getByTestId('config-feedback').innerText();

it('signs in as admin and opens the configuration inside the admin app', async () => {
  await signInToAdmin(page, `${t.url}/admin/config`, 'admin', 'admin-secret-123');
  await page.getByTestId('config-page').waitFor();
  await page.getByTestId('service-consult').waitFor();
  expect(await page.getByTestId('service-consult').innerText()).toContain('法律咨询');
});

it('renames a service: saved, in force, and the hall screen shows it without a reload', async () => {
  await hall.goto(`${t.url}/display/hall`);
  await expect.poll(() => hall.getByTestId('waiting').innerText().catch(() => '')).toContain('法律咨询');
  await page.getByTestId('service-consult').getByRole('button', { name: '编辑' }).click();
  const form = page.getByRole('form', { name: '业务' });
  await form.getByLabel('名称', { exact: true }).fill('法律咨询（值班律师）');
  await form.getByLabel('所需材料（每行一项）').fill('本人居民身份证\n劳动合同');
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(feedback).toContain('已保存并生效');
  expect(await feedback()).toContain('consult');
  expect(await page.getByTestId('service-consult').innerText()).toContain('法律咨询（值班律师）');
  await expect.poll(() => hall.getByTestId('waiting').innerText()).toContain('法律咨询（值班律师）');
  // the audit log beside the configuration shows the change without a reload
  await expect.poll(() => page.getByTestId('change-log').innerText()).toContain('业务 consult 修改 (materials, name)');
  const services = await t.api('GET', '/api/v1/services');
  expect(services.body.find((s: any) => s.id === 'consult').materials).toEqual(['本人居民身份证', '劳动合同']);
});

it('shows why a change is refused, and changes nothing', async () => {
  await page.getByTestId('service-consult').getByRole('button', { name: '编辑' }).click();
  const form = page.getByRole('form', { name: '业务' });
  await form.getByLabel('字头').fill('C'); // legal aid's
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(feedback).toContain('prefix');
  expect(t.hub.config.services.find((s) => s.id === 'consult')!.prefix).toBe('B');
  await form.getByRole('button', { name: '取消' }).click();
  // the waiting B001 keeps consult in use
  await page.getByTestId('service-reception').waitFor();
  await t.issue('reception');
  await page.getByTestId('service-reception').getByRole('button', { name: '删除' }).click();
  await expect.poll(feedback).toContain('尚有 1 张号票');
  await page.screenshot({ path: `${ARTIFACTS}/admin-config-services.png`, fullPage: true });
});

it('gives a staff member a title, an English title, a phone (shown masked) and a photo', async () => {
  await page.getByRole('tab', { name: '工作人员' }).click();
  await page.getByTestId('staff-lin.qiao').getByRole('button', { name: '编辑' }).click();
  const form = page.getByRole('form', { name: '工作人员' });
  await form.getByLabel('职务', { exact: true }).fill('执业律师');
  await form.getByLabel('职务（英文）').fill('Practising lawyer');
  await form.getByLabel('新联系电话（留空不改）').fill('13600001111');
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.getByTestId('staff-lin.qiao').innerText()).toContain('136****1111');
  expect(await page.getByTestId('staff-lin.qiao').innerText()).toContain('执业律师');
  expect(await page.getByTestId('staff-lin.qiao').locator('td[lang="en"]').innerText()).toBe('Practising lawyer');
  expect(await page.content()).not.toContain('13600001111');
  await page.getByTestId('staff-lin.qiao').getByRole('button', { name: '编辑' }).click();
  await page.getByTestId('photo-input').setInputFiles({ name: 'lin.png', mimeType: 'image/png', buffer: PNG });
  await expect.poll(() => page.getByTestId('staff-lin.qiao').locator('img').count()).toBe(1);
  const src = await page.getByTestId('staff-lin.qiao').locator('img').getAttribute('src');
  expect(src).toMatch(/^\/api\/v1\/staff\/.+\/photo\?v=/);
  expect(await page.getByTestId('staff-lin.qiao').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
});

it('downloads the configuration as a file YICHUANG_CONFIG accepts', async () => {
  await page.getByRole('tab', { name: '导出配置' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载配置文件' }).click()]);
  expect(download.suggestedFilename()).toBe('yichuang.config.json');
  const file = join(t.dataDir, 'downloaded.json');
  writeFileSync(file, readFileSync((await download.path())!));
  const loaded = loadConfig(file).config;
  expect(loaded.services.find((s) => s.id === 'consult')!.name).toBe('法律咨询（值班律师）');
  expect(loaded.staff.find((s) => s.username === 'lin.qiao')).toMatchObject({ title: '执业律师', titleEn: 'Practising lawyer' });
});

it('lists the changes and every reveal on the audit page, in Chinese and in English', async () => {
  expect((await t.api('POST', `/api/v1/tickets/${ticketId}/reveal`, { as: 'admin', body: { reason: '投诉核查需要联系当事人' } })).status).toBe(200);
  await page.reload();
  await page.getByTestId('audit-page').waitFor();
  await expect.poll(() => page.getByTestId('reveal-log').innerText().catch(() => '')).toContain('投诉核查需要联系当事人');
  expect(await page.getByTestId('reveal-log').innerText()).toContain('B001');
  const changes = await page.getByTestId('change-log').innerText();
  expect(changes).toContain('配置变更');
  expect(changes).toContain('修改工作人员');
  expect(changes).not.toContain('13600001111');
  await page.screenshot({ path: `${ARTIFACTS}/admin-audit.png`, fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.getByTestId('audit-page').innerText()).toContain('Reveals of personal data');
  expect(await page.getByTestId('config-page').innerText()).toContain('Configuration');
});

it('shows a director the configuration read-only', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const director = await context.newPage();
  await signInToAdmin(director, `${t.url}/admin/config`, 'liang.zheng', 'pw-liang.zheng-123');
  await director.getByTestId('config-readonly').waitFor();
  await director.getByTestId('service-consult').waitFor();
  expect(await director.getByTestId('service-consult').getByRole('button', { name: '编辑' }).isVisible()).toBe(false);
  expect(await director.getByRole('tab', { name: '工作人员' }).count()).toBe(0);
  expect(await director.getByRole('tab', { name: '导出配置' }).count()).toBe(0);
  await director.getByRole('tab', { name: '窗口' }).click();
  expect(await director.getByTestId('windows-tab').innerText()).not.toContain('screen');
  // the audit trail is the director's to read; retention is set by the admin
  await expect.poll(() => director.getByTestId('reveal-log').innerText().catch(() => '')).toContain('投诉核查需要联系当事人');
  expect(await director.getByLabel('来访人姓名、身份证号、电话保存天数（30–3650）').isDisabled()).toBe(true);
  await context.close();
});

// Last: an API change makes the admin page's copy stale for the tests above.
it('a new notice appears on the open hall screen without a reload', async () => {
  await hall.goto(`${t.url}/display/hall`);
  await expect.poll(() => hall.getByTestId('waiting').innerText().catch(() => '')).toContain('法律援助');
  const r = await t.api('PUT', '/api/v1/config/sections/notices', { as: 'admin', body: ['今日下午值班律师：王律师（调整后）'] });
  expect(r.status).toBe(200);
  await expect.poll(() => hall.getByTestId('notices').innerText(), { timeout: 10_000 }).toContain('王律师（调整后）');
});
