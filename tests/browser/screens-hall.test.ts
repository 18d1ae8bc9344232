// The hall screen as a wall: notices scroll, the layout holds at 1920×1080 and 3840×2160, axe-core finds
// nothing serious, and weeks of calls do not grow it (lists capped, pending announcements bounded, the
// newest call always announced).
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ARTIFACTS, CHROMIUM } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { openHall, seriousViolations, stubSpeech, utterances } from './screens-support.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
let token: string;
useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  token = await t.staffAt('lin.qiao', '2');
});

async function hall(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await stubSpeech(page, { voices: true, durationMs: 50 });
  await openHall(page, t.url);
  return page;
}

async function callOne(): Promise<string> {
  await t.issue('consult');
  const r = await t.api('POST', '/api/v1/windows/2/call-next', { token });
  expect(r.status).toBe(200);
  await t.api('POST', '/api/v1/windows/2/finish', { token, body: {} });
  return r.body.ticket.number;
}

/** Layout facts of the page: overflow, the big number's size and box. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const n = document.querySelector('[data-testid="latest-call"] .number')!;
    const box = n.getBoundingClientRect();
    return {
      scrollW: document.documentElement.scrollWidth, scrollH: document.documentElement.scrollHeight,
      numberPx: parseFloat(getComputedStyle(n).fontSize), box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
    };
  });

describe('hall screen', () => {
  it('shows the notices and passes axe-core at 1920×1080', async () => {
    const number = await callOne();
    const page = await hall(1920, 1080);
    expect(await page.getByTestId('latest-call').innerText()).toContain(number);
    const notices = await page.getByTestId('notices').innerText();
    for (const n of t.hub.config.notices) expect(notices).toContain(n);
    expect(await seriousViolations(page)).toEqual([]);
    const l = await layout(page);
    expect(l.scrollW).toBeLessThanOrEqual(1920);
    expect(l.scrollH).toBeLessThanOrEqual(1080);
    await page.screenshot({ path: `${ARTIFACTS}/hall-1080p.png` });
    await page.close();
  });

  it('scales to a 3840×2160 wall: twice the type, nothing cut off', async () => {
    const small = await hall(1920, 1080);
    const big = await hall(3840, 2160);
    const [s, b] = [await layout(small), await layout(big)];
    expect(b.numberPx).toBeCloseTo(s.numberPx * 2, 0);
    expect(b.scrollW).toBeLessThanOrEqual(3840);
    expect(b.scrollH).toBeLessThanOrEqual(2160);
    expect(b.box.left).toBeGreaterThanOrEqual(0);
    expect(b.box.right).toBeLessThanOrEqual(3840);
    expect(b.box.bottom).toBeLessThanOrEqual(2160);
    expect(await seriousViolations(big)).toEqual([]);
    await big.screenshot({ path: `${ARTIFACTS}/hall-4k.png` });
    await small.close();
    await big.close();
  });

  it('many calls: capped lists, constant DOM size, bounded announcements, the newest always spoken', async () => {
    const page = await hall(1920, 1080);
    for (let i = 0; i < 10; i++) await callOne();
    await expect.poll(() => page.getByTestId('recent-calls').locator('li').count()).toBe(7);
    const nodesAfter10 = await page.evaluate(() => document.getElementsByTagName('*').length);
    let last = '';
    for (let i = 0; i < 30; i++) last = await callOne();
    await expect.poll(() => page.getByTestId('latest-call').innerText()).toContain(last);
    expect(await page.getByTestId('recent-calls').locator('li').count()).toBe(7);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBe(nodesAfter10);
    // 40 calls in a few seconds: older pending announcements are dropped, the newest is spoken last.
    const spokenLast = (n: string) => `请 ${n[0]} ${[...n.slice(1)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')} 号`;
    await expect.poll(async () => (await utterances(page)).at(-1)?.text ?? '', { timeout: 40_000 }).toContain(spokenLast(last));
    const said = await utterances(page);
    expect(said.length).toBeLessThan(40);
    expect(said.length).toBeGreaterThan(1);
    await page.close();
  });
});

describe('sound needs a click without the autoplay flag', () => {
  it('offers a button that enables voice calls, in both languages; one click and it is gone', async () => {
    // A browser with Chromium's default autoplay policy (no --autoplay-policy flag).
    const plain = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await plain.newPage();
      await stubSpeech(page, { voices: true, durationMs: 50 });
      await openHall(page, t.url, false);
      const button = page.getByTestId('enable-sound');
      expect(await button.innerText()).toContain('点击开启语音叫号');
      expect(await button.innerText()).toContain('Click to enable voice calls');
      await button.click();
      await expect.poll(() => button.count()).toBe(0);
      // With ?autoplay=1 (a player started with the flag) the button is not shown at all.
      await openHall(page, t.url);
      expect(await button.count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
