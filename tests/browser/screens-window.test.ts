// The window screen in real Chromium against a real hub: a call reaches the hall and the window screen,
// the paused state, the rating mode after a finish (one rating per visit, however often it is tapped),
// its timeout, and its end when a pad or the console rated instead; axe-core finds nothing serious.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { seriousViolations } from './screens-support.js';
import { startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let token: string;
useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  token = await t.staffAt('fang.jie', '4');
});

async function windowPage(id: string, url = t.url): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${url}/display/window/${id}`);
  await page.getByTestId('now').waitFor();
  return page;
}

const act = (action: string, body?: unknown) => t.api('POST', `/api/v1/windows/4/${action}`, { token, body });
const eventCount = async () => (await t.api('GET', '/api/v1/ledger/verify', { as: 'admin' })).body.events as number;

describe('window screen', () => {
  it('a call over the API appears on the hall screen and on that window\'s screen', async () => {
    const hall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${t.url}/display/hall`);
    const win = await windowPage('4');
    await t.issue('legal-aid');
    const r = await act('call-next');
    expect(r.status).toBe(200);
    const number = r.body.ticket.number as string;
    await expect.poll(() => hall.getByTestId('latest-call').innerText()).toContain(number);
    await expect.poll(() => win.getByTestId('now').innerText()).toContain(number);
    expect(await win.getByTestId('now').innerText()).toContain('号到本窗口办理');
    expect(await win.getByTestId('seat-card').innerText()).toContain('测试fang.jie');
    await hall.close();
    await win.close();
  });

  it('rating mode after finish: one tap lands in the ledger once, a second tap adds none', async () => {
    const page = await windowPage('4');
    expect((await act('start')).status).toBe(200);
    await expect.poll(() => page.getByTestId('now').innerText()).toContain('正在办理');
    const finished = await act('finish', { matter: '法律援助申请', outcome: '已受理' });
    const ticketId = finished.body.ticket.id as string;
    await page.getByTestId('rating').waitFor();
    expect(await page.getByTestId('rating').innerText()).toMatch(/非常满意[\s\S]*满意[\s\S]*基本满意[\s\S]*不满意/);
    expect(await page.getByTestId('rating').innerText()).toContain(finished.body.ticket.number);
    expect(await seriousViolations(page)).toEqual([]); // the rating mode is accessible too
    await page.screenshot({ path: `${ARTIFACTS}/window-4-rating.png` });

    const before = await eventCount();
    const posts: number[] = [];
    page.on('response', (res) => {
      if (res.url().endsWith('/rating')) posts.push(res.status());
    });
    // Two quick taps (a double tap by an elderly visitor), then a third after the answer.
    await page.getByTestId('rate-satisfied').evaluate((b: HTMLButtonElement) => {
      b.click();
      b.click();
    });
    await page.getByTestId('rating-outcome').waitFor();
    expect(await page.getByTestId('rating-outcome').innerText()).toContain('感谢您的评价');
    expect(await page.getByTestId('rating').count()).toBe(0); // buttons gone
    await expect.poll(() => posts.length).toBe(1);
    expect(posts).toEqual([201]);
    expect(await eventCount()).toBe(before + 1); // exactly one ticket.rated
    const again = await t.api('POST', '/api/v1/windows/4/rating', { body: { score: 'very-satisfied' } });
    expect(again.status).toBe(409);
    expect(await eventCount()).toBe(before + 1);
    const row = (await t.api('GET', '/api/v1/ledger', { as: 'admin' })).body.find((v: { ticketId: string }) => v.ticketId === ticketId);
    expect(row.rating).toMatch(/satisfied|满意/);
    await page.close();
  });

  it('a rating from the console or a pad ends the rating mode; a reload during it comes back to it', async () => {
    const page = await windowPage('4');
    await t.issue('legal-aid');
    await act('call-next');
    await act('finish', {});
    await page.getByTestId('rating').waitFor();
    await page.reload();
    await page.getByTestId('rating').waitFor(); // reconnect while the visit awaits a rating
    const r = await t.api('POST', '/api/v1/windows/4/rating', { token, body: { score: 'very-satisfied' } });
    expect(r.status).toBe(201);
    await expect.poll(() => page.getByTestId('rating').count()).toBe(0);
    expect(await page.getByTestId('now').innerText()).toContain('欢迎办理');
    await page.close();
  });

  it('shows a paused window with its reason, and the seat card', async () => {
    const page = await windowPage('4');
    await act('pause', { reason: '会议' });
    await expect.poll(() => page.getByTestId('now').innerText()).toContain('暂停服务：会议');
    expect(await seriousViolations(page)).toEqual([]);
    await act('resume');
    await expect.poll(() => page.getByTestId('now').innerText()).toContain('欢迎办理');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('switches to the B post when A signs out, and back to A', async () => {
    const page = await windowPage('4');
    expect(await page.getByTestId('seat-card').innerText()).toContain('测试fang.jie');
    expect((await act('sign-out')).status).toBe(200);
    await expect.poll(() => page.getByTestId('now').innerText()).toContain('暂停服务');
    expect(await page.getByTestId('seat-card').count()).toBe(0);
    const b = await t.staffAt('he.lan', '4');
    await expect.poll(() => page.getByTestId('seat-card').innerText().catch(() => '')).toContain('测试he.lan');
    expect(await page.getByTestId('covering').innerText()).toBe('A岗 测试fang.jie 暂离，B岗 测试he.lan 代岗');
    expect(await page.getByTestId('post-B').getAttribute('class')).toContain('active');
    await t.api('POST', '/api/v1/windows/4/sign-out', { token: b });
    token = await t.staffAt('fang.jie', '4');
    await expect.poll(() => page.getByTestId('seat-card').innerText().catch(() => '')).toContain('测试fang.jie');
    expect(await page.getByTestId('covering').count()).toBe(0);
    await page.close();
  });
});

describe('rating timeout', () => {
  it('the rating buttons go away when the rating window has passed', async () => {
    const short = await startTestHub({ config: testConfig({ rules: { ratingWindowSeconds: 10 } }) });
    try {
      const s = await short.staffAt('zhou.min', '1');
      const page = await windowPage('1', short.url);
      await short.issue('reception');
      await short.api('POST', '/api/v1/windows/1/call-next', { token: s });
      await short.api('POST', '/api/v1/windows/1/finish', { token: s, body: {} });
      await page.getByTestId('rating').waitFor();
      expect(await page.getByTestId('rating').innerText()).toMatch(/(10|9) 秒后自动关闭/);
      await page.getByTestId('rating').waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.getByTestId('now').innerText()).toContain('欢迎办理');
      await page.close();
    } finally {
      await short.cleanup();
    }
  });
});

describe('a window with a screen key', () => {
  it('its screen needs the key; with it, the rating is sent with X-Screen-Key', async () => {
    const base = testConfig();
    const windows = base.windows.map((w) => (w.id === '5' ? { ...w, screenKey: 'window-5-screen-key' } : w));
    const keyed = await startTestHub({ config: { ...base, windows } });
    try {
      const s = await keyed.staffAt('tang.wei', '5');
      const without = await browser.newPage();
      await without.goto(`${keyed.url}/display/window/5`);
      await without.getByText('系统连接中…').waitFor();
      await expect.poll(() => without.getByTestId('refused').innerText().catch(() => '')).toContain('窗口屏密钥错误');
      expect(await without.getByTestId('seat-card').count()).toBe(0); // refused: no data without the key
      await without.close();
      const withKey = await browser.newPage();
      await withKey.goto(`${keyed.url}/display/window/5?screenKey=window-5-screen-key`);
      await withKey.getByTestId('seat-card').waitFor();
      await keyed.issue('mediation');
      await keyed.api('POST', '/api/v1/windows/5/call-next', { token: s });
      await keyed.api('POST', '/api/v1/windows/5/finish', { token: s, body: {} });
      await withKey.getByTestId('rate-basic').click();
      await withKey.getByTestId('rating-outcome').waitFor();
      expect(await withKey.getByTestId('rating-outcome').innerText()).toContain('感谢您的评价');
      const rated = [...keyed.hub.state.tickets.values()].find((x) => x.serviceId === 'mediation')!;
      expect(rated.rating).toBe('basic');
      await withKey.close();
    } finally {
      await keyed.cleanup();
    }
  });
});
