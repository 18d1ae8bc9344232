// 触摸查询 in real Chromium: the guide of a service (materials from the configuration, legal aid free),
// the Q&A library, the network of town stations and village rooms, the staff board (公示) and the
// service commitments; an admin's edit shows on the kiosk at once.
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openKiosk, openLookupSection, startKioskHub, type KioskHub } from './kiosk-helpers.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: KioskHub;
let browser: Browser;
let page: Page;

useHubAndBrowser(startKioskHub, async (s) => {
  ({ t, browser } = s);
  page = await openKiosk(browser, t);
  await page.getByTestId('lookup').tap();
});

async function open(section: string) {
  if (await page.getByTestId('back').count()) {
    if (!(await page.locator('[data-section]').count())) await page.getByTestId('back').tap();
  }
  await openLookupSection(page, section);
}

it('办事指南: who it is for, materials, steps, time limit and fees — legal aid is free', async () => {
  await open('guides');
  await page.getByRole('tab', { name: '法律援助' }).tap();
  const guide = await page.getByTestId('guide').innerText();
  for (const part of ['适用对象', '所需材料', '办理流程', '办理时限', '收费标准', '法律援助申请表（现场可领取）', '7 日内', '完全免费']) expect(guide).toContain(part);
  await page.getByRole('tab', { name: '公证' }).tap();
  expect(await page.getByTestId('guide').innerText()).toContain('15 个工作日');
});

it('法律问答: topics and answers', async () => {
  await open('qa');
  await page.getByRole('tab', { name: '劳动工资' }).tap();
  await page.locator('[data-qa="unpaid-wages"]').tap();
  const answer = await page.getByTestId('qa-answer').innerText();
  expect(answer).toContain('老板拖欠工资');
  expect(answer).toContain('劳动人事争议仲裁委员会');
  await page.getByTestId('qa-back').tap();
  await page.getByRole('tab', { name: '邻里纠纷' }).tap();
  expect(await page.locator('[data-qa]').allInnerTexts()).toEqual([expect.stringContaining('邻居')]);
});

it('服务网点: the center, town stations and village rooms with address, phone and hours', async () => {
  await open('network');
  const points = await page.locator('[data-point]').evaluateAll((els) => els.map((e) => e.getAttribute('data-point')));
  expect(points).toEqual(['DEMO-PLSC', 'baishui', 'baishui-hexi', 'qingshan', 'qingshan-taoyuan']);
  const room = await page.locator('[data-point="qingshan-taoyuan"]').innerText();
  for (const part of ['村（社区）工作室', '青山镇', '桃源村公共法律服务工作室', '桃源村村委会一楼', '0000-61002', '每周三']) expect(room).toContain(part);
});

it('工作人员: photo, name, title, employee number and whereabouts; nothing private; the English title in English', async () => {
  await t.addStaff('lu.ping', 'staff', { name: '陆萍', title: '值班律师', titleEn: 'Duty lawyer', employeeNo: 'LS2009', phone: '13700009999', photo: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=' });
  await t.staffAt('lu.ping', '2');
  await open('staff');
  const card = page.locator('[data-staff="LS2009"]');
  const text = await card.innerText();
  for (const part of ['陆萍', '值班律师', '工号 LS2009', '在岗', '2号窗口']) expect(text).toContain(part);
  expect(await card.locator('img').getAttribute('alt')).toBe('陆萍的照片');
  expect(await page.content()).not.toContain('13700009999');
  expect(await page.content()).not.toContain('lu.ping');
  expect(text).not.toContain('Duty lawyer');

  // English: the English title; without one, the Chinese title marked as Chinese
  await t.addStaff('qi.hong', 'staff', { name: '戚红', title: '人民调解员', employeeNo: 'TJ4009' });
  await page.getByTestId('back').tap();
  await open('staff');
  await page.getByTestId('lang-toggle').tap();
  try {
    await expect.poll(() => card.getByTestId('staff-title').innerText()).toBe('Duty lawyer');
    expect(await card.innerText()).toContain('Lu Ping');
    const other = page.locator('[data-staff="TJ4009"]').getByTestId('staff-title');
    expect(await other.innerText()).toBe('人民调解员');
    expect(await other.locator('[lang="zh-CN"]').innerText()).toBe('人民调解员');
  } finally {
    await page.getByTestId('lang-toggle').tap();
  }
});

it('服务承诺, and an admin\'s edit shows the next time the section opens', async () => {
  await open('commitments');
  const before = await page.getByTestId('section-commitments').innerText();
  for (const part of ['首问负责', '一次性告知', '限时办结']) expect(before).toContain(part);
  const list = (await t.api('GET', '/api/v1/kiosk/commitments')).body;
  const r = await t.api('PUT', '/api/v1/kiosk/commitments', { as: 'admin', body: [...list, { id: 'weekend', title: '周末预约', titleEn: 'Weekend appointments', body: '周六上午可预约办理。', bodyEn: 'Saturday mornings by appointment.' }] });
  expect(r.status).toBe(200);
  await page.getByTestId('back').tap();
  await open('commitments');
  await expect.poll(() => page.getByTestId('section-commitments').innerText()).toContain('周六上午可预约办理');
  await page.getByTestId('lang-toggle').tap();
  expect(await page.getByTestId('section-commitments').innerText()).toContain('Saturday mornings by appointment.');
  await page.getByTestId('lang-toggle').tap();
});
