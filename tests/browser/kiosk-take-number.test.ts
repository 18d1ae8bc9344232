// The kiosk's take-a-number flow in real Chromium against a real hub with simulated devices: by touch
// without a card (optional phone on the kiosk's own keypad), with a card, the green channel offered to
// an elderly card only, live tile counts, a refused duplicate, a printer out of paper and an unplugged card reader.
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalDeviceManager } from '../../devices/manager.js';
import { idNumberBorn, openKiosk, startKioskHub, swipeCard, type KioskHub } from './kiosk-helpers.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: KioskHub;
let browser: Browser;
let page: Page;

useHubAndBrowser(startKioskHub, (s) => {
  ({ t, browser } = s);
});

async function chooseService(p: Page, serviceId: string) {
  await p.getByTestId('take').tap();
  await p.locator(`[data-service="${serviceId}"]`).tap();
  await p.getByRole('heading', { name: '请刷身份证' }).waitFor();
}

it('without a card: service tile → skip card → phone on the keypad → confirm → the ticket with QR and materials', async () => {
  page = await openKiosk(browser, t);
  await chooseService(page, 'consult');
  await page.getByTestId('skip-card').tap();
  for (const d of '1380013') await page.getByRole('button', { name: d, exact: true }).tap();
  await page.getByRole('button', { name: '删除', exact: true }).tap();
  for (const d of '38000') await page.getByRole('button', { name: d, exact: true }).tap();
  expect(await page.getByTestId('phone-display').innerText()).toBe('13800138000');
  await page.getByTestId('phone-ok').tap();
  await page.getByRole('heading', { name: '请确认取号信息' }).waitFor();
  const facts = await page.locator('.facts').innerText();
  expect(facts).toContain('138****8000'); // masked on screen
  expect(facts).not.toContain('13800138000');
  expect(facts).toContain('普通排队');
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  expect(await page.getByTestId('ticket-number').innerText()).toBe('B001');
  const ticket = await page.getByTestId('ticket').innerText();
  expect(ticket).toContain('法律咨询');
  expect(ticket).toContain('前面还有 0 人');
  expect(ticket).toContain('2号窗口');
  expect(ticket).toContain('与咨询事项有关的合同'); // 一次性告知
  expect(await page.getByTestId('printed').innerText()).toContain('号票正在打印');
  const qr = await page.locator('svg.qr').getAttribute('data-qr-text');
  const id = /\/t\/([0-9a-f-]+)$/.exec(qr ?? '')?.[1];
  expect(id).toBeTruthy();
  const issued = await t.api('GET', `/api/v1/tickets/${id}`);
  expect(issued.body).toMatchObject({ number: 'B001', status: 'waiting', priority: 'normal' });
  expect((await t.api('GET', `/t/${id}`)).status).toBe(200);
  await page.getByTestId('done').tap();
  await page.getByTestId('take').waitFor();
});

it('a tile shows the live waiting count and estimate, and says when a closed service opens', async () => {
  await page.getByTestId('take').tap();
  await expect.poll(() => page.getByTestId('live-consult').innerText()).toContain('等候 1 人');
  await t.issue('consult');
  await expect.poll(() => page.getByTestId('live-consult').innerText()).toContain('等候 2 人');
  const tile = await page.locator('[data-service="consult"]').innerText();
  expect(tile).toMatch(/约 \d+ 分钟/);
  expect(tile).toContain('窗口暂未开放');
  expect(tile).toContain('开放时间：周一至周五');
  await t.staffAt('lin.qiao', '2');
  await expect.poll(() => page.locator('[data-service="consult"]').innerText()).not.toContain('窗口暂未开放');
  await page.getByTestId('home').tap();
});

it('with a card of a 40-year-old: greeted by the masked name, no green channel, the ticket is normal', async () => {
  await chooseService(page, 'legal-aid');
  const read = await swipeCard(t, '王小明', '19860315');
  expect(read.greenEligible).toBe(false);
  await page.getByRole('heading', { name: '请确认取号信息' }).waitFor();
  expect(await page.getByTestId('greeting').innerText()).toBe(`您好，${read.nameMasked}`);
  expect(read.nameMasked).not.toBe('王小明');
  expect(await page.content()).not.toContain('王小明');
  expect(await page.getByTestId('choose-green').count()).toBe(0);
  expect(await page.getByTestId('priority').innerText()).toBe('普通排队');
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  expect(await page.getByTestId('ticket-number').innerText()).toBe('C001');
  expect(await page.getByTestId('green-badge').count()).toBe(0);
  expect(await page.getByTestId('greeting').count()).toBe(0); // the ticket screen keeps no identity
  await page.getByTestId('done').tap();
});

it('the same card again for the same service is refused plainly (one waiting ticket per person)', async () => {
  await chooseService(page, 'legal-aid');
  await swipeCard(t, '王小明', '19860315');
  await page.getByTestId('submit').tap();
  await expect.poll(() => page.getByTestId('issue-error').innerText()).toContain('您已经取过这项业务的号');
  await page.getByTestId('home').tap();
});

it('with a card of a 78-year-old: the green channel is offered and the ticket is green', async () => {
  await chooseService(page, 'mediation');
  const read = await swipeCard(t, '李桂兰', '19480102');
  expect(read.greenEligible).toBe(true);
  await page.getByTestId('choose-green').waitFor();
  expect(await page.getByTestId('greeting').innerText()).toBe(`您好，${read.nameMasked}`);
  expect(await page.locator('.screen').innerText()).toContain('您已年满 70 周岁');
  await page.getByTestId('choose-green').tap();
  expect(await page.getByTestId('priority').innerText()).toBe('绿色通道（优先）');
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  const number = await page.getByTestId('ticket-number').innerText();
  expect(number).toBe('D001');
  await page.getByTestId('green-badge').waitFor();
  const list = (await t.api('GET', '/api/v1/services')).body as { id: string; waiting: number }[];
  expect(list.find((s) => s.id === 'mediation')?.waiting).toBe(1);
  const qr = await page.locator('svg.qr').getAttribute('data-qr-text');
  expect((await t.api('GET', `/api/v1/tickets/${qr!.split('/t/')[1]}`)).body.priority).toBe('green');
  await page.getByTestId('done').tap();
});

it('a card that gives no identity is explained on the card step, and the citizen can go on without it', async () => {
  await chooseService(page, 'reception');
  const devices = t.hub.devices as unknown as { simulateCard(k: string, c: object): { error?: string } | undefined };
  const good = idNumberBorn('19900101');
  const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1'); // wrong check character
  const read = devices.simulateCard('K1', { cardType: 'resident', name: '钱多多', gender: 'male', birthDate: '1990-01-01', idNumber: bad });
  expect(read).toMatchObject({ error: 'invalid card' });
  await page.getByTestId('card-problem').waitFor();
  expect(await page.getByTestId('card-problem').innerText()).toContain('证件无效');
  expect(await page.getByTestId('greeting').count()).toBe(0);
  await page.getByTestId('skip-card').tap();
  await page.getByTestId('phone-skip').tap();
  await page.getByTestId('submit').tap();
  expect(await page.getByTestId('ticket-number').innerText()).toBe('A001');
  await page.getByTestId('done').tap();
});

it('a card read while nobody is taking a number is ignored (no name on the start screen)', async () => {
  await swipeCard(t, '赵大山', '19500101');
  await page.waitForTimeout(300);
  expect(await page.getByTestId('greeting').count()).toBe(0);
  expect(await page.locator('body').innerText()).not.toContain('赵*山');
});

it('printer out of paper: the kiosk warns, the ticket is still issued, and the screen says to photograph the number', async () => {
  const printer = (t.hub.devices as LocalDeviceManager).simulatedPrinter('K1')!;
  printer.setState('paper-out', 'paper end');
  try {
    await page.getByTestId('printer-banner').waitFor();
    expect(await page.getByTestId('printer-banner').innerText()).toContain('打印机缺纸');
    await chooseService(page, 'notary');
    await page.getByTestId('skip-card').tap();
    await page.getByTestId('phone-skip').tap();
    await page.getByTestId('submit').tap();
    await page.getByTestId('ticket').waitFor();
    const number = await page.getByTestId('ticket-number').innerText();
    expect(number).toBe('E001');
    const warning = await page.getByTestId('print-failed').innerText();
    expect(warning).toContain('没有打印出来');
    expect(warning).toContain('请拍照或记下您的号码 E001');
    expect(warning).toContain('号码仍然有效');
    const qr = await page.locator('svg.qr').getAttribute('data-qr-text');
    expect((await t.api('GET', `/api/v1/tickets/${qr!.split('/t/')[1]}`)).body).toMatchObject({ number: 'E001', status: 'waiting' });
  } finally {
    printer.setState('simulated');
  }
  await page.getByTestId('done').tap();
  await expect.poll(() => page.getByTestId('printer-banner').count()).toBe(0);
});

it('card reader unplugged: the card step says so and offers to go on without a card; plugged back in, the message goes', async () => {
  const reader = (t.hub.devices as LocalDeviceManager).simulatedReader('K1')!;
  reader.setState('offline', 'unplugged');
  try {
    await chooseService(page, 'consult');
    await page.getByTestId('card-problem').waitFor();
    expect(await page.getByTestId('card-problem').innerText()).toContain('读卡器暂时不能使用');
    await expect.poll(() => page.getByTestId('skip-card').isEnabled()).toBe(true);
  } finally {
    reader.setState('simulated');
  }
  await expect.poll(() => page.getByTestId('card-problem').count()).toBe(0);
  await page.getByTestId('skip-card').tap();
  await page.getByTestId('phone-skip').tap();
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  await page.getByTestId('done').tap();
});
