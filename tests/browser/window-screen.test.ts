// The window screen in real Chromium: the called ticket, the signed-in staff member's seat card, and
// the switch to the B post when A signs out.
import { expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
useHubAndBrowser(startTestHub, (s) => {
  ({ t, browser } = s);
});

it('shows the call and the seat card (title in Chinese and English), and "B岗 代岗" when A is away', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${t.url}/display/window/1`);
  await page.getByText('暂停服务 · Closed').waitFor();
  await t.addStaff('zhou.min', 'staff', { title: '综合接待员', titleEn: 'Reception officer' });
  const a = await t.staffAt('zhou.min', '1');
  await expect.poll(() => page.getByTestId('seat-card').innerText().catch(() => '')).toContain('测试zhou.min');
  const seatTitle = page.getByTestId('seat-card').locator('.title');
  expect(await seatTitle.innerText()).toContain('综合接待员');
  expect(await seatTitle.locator('[lang="en"]').innerText()).toBe('Reception officer');
  await t.issue('reception');
  await t.api('POST', '/api/v1/windows/1/call-next', { token: a });
  await expect.poll(() => page.getByTestId('now').innerText()).toContain('A001');
  await t.api('POST', '/api/v1/windows/1/finish', { token: a, body: {} });
  await t.api('POST', '/api/v1/windows/1/sign-out', { token: a });
  await t.api('POST', '/api/v1/staff/' + (await t.api('GET', '/api/v1/auth/me', { token: a })).body.staffId + '/whereabouts', { token: a, body: { whereabouts: 'out', note: '外出调解' } });
  await t.staffAt('he.lan', '1');
  await expect.poll(() => page.getByTestId('covering').innerText().catch(() => '')).toContain('A岗 测试zhou.min 外出，B岗 测试he.lan 代岗');
  expect(await page.getByTestId('seat-card').innerText()).toContain('测试he.lan');
  // he.lan has no English title: the Chinese one alone; A's post line keeps A's English title
  expect(await page.getByTestId('seat-card').locator('[lang="en"]').count()).toBe(0);
  expect(await page.getByTestId('post-A').locator('[lang="en"]').innerText()).toBe('Reception officer');
  await page.screenshot({ path: `${ARTIFACTS}/window-1-b-post.png` });
});

it('a screen for an unknown window gets no data', async () => {
  const page = await browser.newPage();
  await page.goto(`${t.url}/display/window/99`);
  await page.getByText('系统连接中… / Connecting…').waitFor();
});
