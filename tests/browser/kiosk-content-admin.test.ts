// 触摸查询内容 in the admin app, in real Chromium against a real hub: the admin deletes and re-adds a guide
// (a refused save shows the hub's message next to the field it names), adds a Q&A item, adds a point to
// the service network, and the kiosk page (触摸查询) shows all three; the change log lists the edits.
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openKiosk, openLookupSection, startKioskHub, type KioskHub } from './kiosk-helpers.js';
import { ARTIFACTS } from './support/browser.js';
import { signInToAdmin } from './support/admin-sign-in.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: KioskHub;
let browser: Browser;
let admin: Page;

useHubAndBrowser(startKioskHub, async (s) => {
  ({ t, browser } = s);
  admin = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  admin.on('dialog', (d) => void d.accept()); // the delete confirmation
});

const feedback = () => admin.getByTestId('config-feedback').innerText();

it('opens 触摸查询内容 in the configuration and lists the guides', async () => {
  await signInToAdmin(admin, `${t.url}/admin/config`, 'admin', 'admin-secret-123');
  await admin.getByTestId('config-page').waitFor();
  await admin.getByRole('tab', { name: '触摸查询内容' }).click();
  await admin.getByTestId('guide-forensic').waitFor();
  expect(await admin.getByTestId('guides-editor').innerText()).toContain('每项业务都已有办事指南');
});

it('deletes the forensic guide and adds a new one; a step count mismatch is shown next to the English steps', async () => {
  await admin.getByTestId('guide-forensic').getByRole('button', { name: '删除' }).click();
  await expect.poll(feedback).toContain('办事指南 forensic 删除');
  await admin.getByTestId('guide-forensic').waitFor({ state: 'detached' });
  expect(await admin.getByTestId('guides-editor').innerText()).toContain('以下业务还没有办事指南：司法鉴定');

  await admin.getByTestId('guides-editor').getByRole('button', { name: '新增' }).click();
  const form = admin.getByRole('form', { name: '办事指南' });
  await form.getByLabel('业务').selectOption('forensic');
  await form.getByLabel('适用对象', { exact: true }).fill('需要伤情鉴定的交通事故当事人。');
  await form.getByLabel('适用对象（英文）').fill('Parties of a traffic accident who need an injury appraisal.');
  await form.getByLabel('办理流程（每行一步）').fill('预约鉴定\n提交病历\n领取意见书');
  await form.getByLabel('办理流程（英文，每行一步，步数与中文相同）').fill('Book an appraisal\nHand in the records');
  await form.getByLabel('限时办结', { exact: true }).fill('20 个工作日内完成');
  await form.getByLabel('限时办结（英文）').fill('Within 20 working days');
  await form.getByLabel('收费标准', { exact: true }).fill('按司法鉴定收费标准');
  await form.getByLabel('收费标准（英文）').fill('Standard appraisal fees');
  await form.getByLabel('免费办理').uncheck();
  await form.getByRole('button', { name: '保存' }).click();
  const stepsError = form.getByTestId('field-error-stepsEn');
  await stepsError.waitFor();
  expect(await stepsError.innerText()).toContain('as many English steps');
  expect(await form.getByLabel('办理流程（英文，每行一步，步数与中文相同）').getAttribute('aria-invalid')).toBe('true');
  expect((await t.api('GET', '/api/v1/kiosk/guides')).body.some((g: { serviceId: string }) => g.serviceId === 'forensic')).toBe(false);
  await admin.screenshot({ path: `${ARTIFACTS}/admin-kiosk-content-field-error.png`, fullPage: true });

  await form.getByLabel('办理流程（英文，每行一步，步数与中文相同）').fill('Book an appraisal\nHand in the records\nCollect the opinion');
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(feedback).toContain('办事指南 forensic 新增');
  await form.waitFor({ state: 'detached' });
  expect(await admin.getByTestId('guide-forensic').innerText()).toContain('需要伤情鉴定的交通事故当事人');
});

it('adds a Q&A item to 劳动工资 and moves it to the top of its category', async () => {
  await admin.getByRole('tab', { name: '法律问答' }).click();
  const editor = admin.getByTestId('qa-editor');
  await editor.getByTestId('qa-item-unpaid-wages').waitFor();
  await editor.getByRole('button', { name: '新增' }).nth(1).click();
  const form = admin.getByRole('form', { name: '问答条目' });
  await form.getByLabel('编号（小写字母、数字或 -）').fill('overtime-pay');
  await form.getByLabel('分类').selectOption('labour');
  await form.getByLabel('问题', { exact: true }).fill('加班费怎么计算？');
  await form.getByLabel('问题（英文）').fill('How is overtime paid?');
  await form.getByLabel('解答', { exact: true }).fill('工作日加班不低于工资的 150%，休息日不能补休的不低于 200%，法定节假日不低于 300%。');
  await form.getByLabel('解答（英文）').fill('At least 150% on working days, 200% on rest days without time off, 300% on public holidays.');
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(feedback).toContain('法律问答 overtime-pay 新增');
  await editor.getByTestId('qa-item-overtime-pay').getByRole('button', { name: /^上移/ }).click();
  await editor.getByTestId('qa-item-overtime-pay').getByRole('button', { name: /^上移/ }).click();
  await expect.poll(async () => (await t.api('GET', '/api/v1/kiosk/qa')).body.items.filter((i: { category: string }) => i.category === 'labour')[0].id).toBe('overtime-pay');
});

it('adds a village room to the service network (configuration, audited)', async () => {
  await admin.getByRole('tab', { name: '服务网点' }).click();
  const editor = admin.getByTestId('network-editor');
  await editor.getByTestId('point-qingshan-taoyuan').waitFor();
  await editor.getByRole('button', { name: '新增' }).click();
  const form = admin.getByRole('form', { name: '服务网点' });
  await form.getByLabel('编号').fill('baishui-xiaohe');
  await form.getByLabel('类型').selectOption('room');
  await form.getByLabel('名称', { exact: true }).fill('小河村公共法律服务工作室');
  await form.getByLabel('所属镇（街道）').fill('白水镇');
  await form.getByLabel('地址', { exact: true }).fill('小河村村委会');
  await form.getByLabel('联系电话').fill('0000-62009');
  await form.getByLabel('办公时间', { exact: true }).fill('每周四 9:00–12:00');
  await form.getByRole('button', { name: '保存' }).click();
  await expect.poll(feedback).toContain('服务网点 baishui-xiaohe 新增');
  await editor.getByTestId('point-baishui-xiaohe').waitFor();
  await expect.poll(() => admin.getByTestId('change-log').innerText()).toContain('法律问答 overtime-pay 新增');
  const log = await admin.getByTestId('change-log').innerText();
  expect(log).toContain('触摸查询内容');
  expect(log).toContain('办事指南 forensic 新增');
  await admin.screenshot({ path: `${ARTIFACTS}/admin-kiosk-content.png`, fullPage: true });
});

it('the kiosk (触摸查询) shows the new guide, the new Q&A item first in its category, and the new village room', async () => {
  const kiosk = await openKiosk(browser, t);
  await kiosk.getByTestId('lookup').tap();
  await openLookupSection(kiosk, 'guides');
  await kiosk.getByRole('tab', { name: '司法鉴定' }).tap();
  const guide = await kiosk.getByTestId('guide').innerText();
  for (const part of ['需要伤情鉴定的交通事故当事人', '提交病历', '20 个工作日内完成']) expect(guide).toContain(part);
  await kiosk.getByTestId('back').tap();
  await openLookupSection(kiosk, 'qa');
  await kiosk.getByRole('tab', { name: '劳动工资' }).tap();
  expect((await kiosk.locator('[data-qa]').first().innerText())).toContain('加班费怎么计算');
  await kiosk.locator('[data-qa="overtime-pay"]').tap();
  expect(await kiosk.getByTestId('qa-answer').innerText()).toContain('不低于 300%');
  await kiosk.getByTestId('qa-back').tap();
  await kiosk.getByTestId('back').tap();
  await openLookupSection(kiosk, 'network');
  const points = await kiosk.locator('[data-point]').evaluateAll((els) => els.map((e) => e.getAttribute('data-point')));
  expect(points).toContain('baishui-xiaohe');
  await kiosk.screenshot({ path: `${ARTIFACTS}/kiosk-content-after-admin-edit.png` });
  await kiosk.close();
});
