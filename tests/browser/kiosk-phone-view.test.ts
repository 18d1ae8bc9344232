// The citizen's phone view /t/<ticketId> on a small phone screen in real Chromium: live status and people
// ahead, then an alert with vibration and a tone when the ticket is called (and again on a recall),
// the window number, and no personal data.
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { startKioskHub, type KioskHub } from './kiosk-helpers.js';

let t: KioskHub;
let browser: Browser;
let page: Page;
let ticketId: string;
let staff: string;

useHubAndBrowser(startKioskHub, async (s) => {
  ({ t, browser } = s);
  staff = await t.staffAt('tang.wei', '5');
  await t.issue('mediation');
  const mine = await t.issue('mediation', { phone: '13611112222' });
  ticketId = mine.body.id;
  page = await browser.newPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  // Record what the page asks of the phone: vibration patterns and tones started.
  await page.addInitScript(() => {
    const w = window as unknown as { vibrations: unknown[]; tones: number };
    w.vibrations = [];
    w.tones = 0;
    Object.defineProperty(navigator, 'vibrate', { value: (p: unknown) => (w.vibrations.push(p), true), configurable: true });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.tones += 1;
      return start.apply(this, args);
    };
  });
});

it('shows the number, service and people ahead, fits a 360 px screen and carries no personal data', async () => {
  await page.goto(`${t.url}/t/${ticketId}`);
  expect(await page.locator('.number').innerText()).toBe('D002');
  expect(await page.locator('#live').innerText()).toContain('前面还有 1 人');
  expect(await page.content()).not.toContain('13611112222');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: `${ARTIFACTS}/kiosk-phone-view-waiting.png` });
});

it('updates by itself as the queue moves, then alerts with vibration and a tone when called, with the window', async () => {
  await page.locator('#sound').tap();
  await page.locator('#sound-on').waitFor();
  await t.api('POST', '/api/v1/windows/5/call-next', { token: staff }); // D001
  await expect.poll(() => page.locator('#live').innerText(), { timeout: 12_000 }).toContain('前面还有 0 人');
  expect(await page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length)).toBe(0);
  await t.api('POST', '/api/v1/windows/5/finish', { token: staff, body: {} });
  await t.api('POST', '/api/v1/windows/5/call-next', { token: staff }); // D002: mine
  await page.locator('.alert').waitFor({ timeout: 12_000 });
  expect(await page.locator('.alert').innerText()).toContain('请到 5号窗口 办理');
  expect(await page.locator('.alert').innerText()).toContain('Please go to Window 5');
  const alerted = await page.evaluate(() => {
    const w = window as unknown as { vibrations: unknown[]; tones: number };
    return { vibrations: w.vibrations, tones: w.tones };
  });
  expect(alerted.vibrations).toEqual([[400, 150, 400, 150, 800]]);
  expect(alerted.tones).toBe(3);
  await page.screenshot({ path: `${ARTIFACTS}/kiosk-phone-view-called.png` });
});

it('alerts again on a recall, and stops refreshing once the visit is over', async () => {
  await t.api('POST', '/api/v1/windows/5/recall', { token: staff });
  await expect.poll(() => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length), { timeout: 12_000 }).toBe(2);
  await t.api('POST', '/api/v1/windows/5/start', { token: staff });
  await t.api('POST', '/api/v1/windows/5/finish', { token: staff, body: {} });
  await expect.poll(() => page.locator('#live').getAttribute('data-final'), { timeout: 12_000 }).toBe('true');
  expect(await page.locator('#live').innerText()).toContain('已办结');
});
