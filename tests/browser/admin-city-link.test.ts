// The devices page tells the technician whether the city gets this center's ledger: a hub linked to a
// city database it cannot reach says the link is down (and that the center works on), in both languages.
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { signInToAdmin } from './support/admin-sign-in.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let page: Page;

// Nothing listens on port 9 of the loopback: every attempt fails at once.
const unreachableCity = () => startTestHub({ central: { url: 'postgres://yichuang@127.0.0.1:9/city', tuning: { idleMs: 100, heartbeatMs: 500, retryMs: { min: 100, max: 300 } } } });

useHubAndBrowser(unreachableCity, (s) => {
  ({ t, browser } = s);
});

it('shows the city link down with its error, and says the center keeps working', async () => {
  await expect.poll(async () => (await t.api('GET', '/api/v1/health')).body.cityLink?.state, { timeout: 10_000 }).toBe('offline');
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInToAdmin(page, `${t.url}/admin/devices`, 'admin', ADMIN_PASSWORD);
  const link = page.getByTestId('city-link');
  await link.waitFor();
  const text = await link.innerText();
  expect(text).toContain('市级汇总：连接中断，本中心照常运行');
  expect(text).toMatch(/最近错误：.*(ECONNREFUSED|connect)/);
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => link.innerText()).toContain('City roll-up: link down; the center works as usual');
});
