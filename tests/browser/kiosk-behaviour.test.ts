// Kiosk behaviour in real Chromium: idle reset with a visible countdown that forgets the citizen, elder
// mode and English switching every visible string, the lock-down, the admin exit PIN, and a lost hub
// connection (banner, issuing disabled, reconnect and resync).
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eachLookupSection, openKiosk, startKioskHub, swipeCard, visibleText, type KioskHub } from './kiosk-helpers.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: KioskHub;
let browser: Browser;
let page: Page;
/** K2 keeps the default 30 s idle time: walking every screen takes longer than K1's 6 s. */
let slow: Page;
const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

useHubAndBrowser(() => startKioskHub({ idleSeconds: 6 }), async (s) => {
  ({ t, browser } = s);
  page = await openKiosk(browser, t);
  slow = await openKiosk(browser, t, undefined, 'K2');
});

it('idle: a countdown shows, then the kiosk returns to the start and the masked name is gone from the DOM', async () => {
  await page.getByTestId('take').tap();
  await page.locator('[data-service="consult"]').tap();
  const read = await swipeCard(t, '孙建国', '19800101');
  await page.getByTestId('greeting').waitFor();
  expect(await page.content()).toContain(read.nameMasked);
  await page.getByTestId('idle-countdown').waitFor({ timeout: 8000 });
  expect(await page.getByTestId('idle-countdown').innerText()).toMatch(/\d+ 秒后返回首页/);
  await page.getByTestId('take').waitFor({ timeout: 8000 });
  expect(await page.content()).not.toContain(read.nameMasked);
  expect(await page.getByTestId('idle-countdown').count()).toBe(0);
});

it('idle also resets elder mode and English to the defaults; a touch restarts the countdown', async () => {
  await page.getByTestId('elder-toggle').tap();
  await page.getByTestId('lang-toggle').tap();
  await page.getByTestId('idle-countdown').waitFor({ timeout: 8000 });
  await page.getByTestId('idle-countdown').getByRole('button').tap();
  expect(await page.getByTestId('idle-countdown').count()).toBe(0);
  await page.getByTestId('take').waitFor();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe('zh-CN');
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
});

/** Walks the screens of the flow and the look-ups, calling `check` on each. */
async function everyScreen(page: Page, check: (name: string) => Promise<void>) {
  if (await page.getByTestId('home').count()) await page.getByTestId('home').tap();
  await check('home');
  await page.getByTestId('take').tap();
  await page.locator('[data-service]').first().waitFor();
  await check('services');
  await page.locator('[data-service="legal-aid"]').tap();
  await check('identify');
  await page.getByTestId('skip-card').tap();
  await check('phone');
  await page.getByTestId('phone-skip').tap();
  await check('confirm');
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  await check('ticket');
  await page.getByTestId('done').tap();
  await page.getByTestId('lookup').tap();
  await check('lookup');
  await eachLookupSection(page, async (section) => {
    await check(section);
    if (section === 'qa') {
      await page.locator('[data-qa]').first().tap();
      await page.getByTestId('qa-answer').waitFor();
      await check('qa-answer');
      await page.getByTestId('qa-back').tap();
    }
  });
  await page.getByTestId('home').tap();
}

it('English switches every visible string of every screen (Chinese data is marked lang="zh-CN")', async () => {
  await t.staffAt('fang.jie', '4');
  await slow.getByTestId('lang-toggle').tap();
  expect(await slow.evaluate(() => document.documentElement.lang)).toBe('en');
  const leftovers: string[] = [];
  await everyScreen(slow, async (name) => {
    const text = await visibleText(slow, 'zh-CN');
    const found = text.split(/\s+/).filter((w) => CJK.test(w));
    if (found.length) leftovers.push(`${name}: ${found.slice(0, 5).join(' ')}`);
    expect(text.length).toBeGreaterThan(20);
  });
  expect(leftovers).toEqual([]);
  // The ticket said it in English too.
  await slow.getByTestId('lang-toggle').tap();
  expect(await visibleText(slow)).toContain('取号');
});

it('elder mode: one tap on every screen, body text ≥ 32 px, fewer tiles per page', async () => {
  const small: string[] = [];
  await slow.getByTestId('elder-toggle').tap();
  await everyScreen(slow, async (name) => {
    expect(await slow.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('true');
    const sizes = await slow.evaluate(() => {
      const out: [string, number][] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        const text = (n.textContent ?? '').trim();
        if (!text || el.closest('svg') || !el.getClientRects().length) continue;
        out.push([text.slice(0, 20), parseFloat(getComputedStyle(el).fontSize)]);
      }
      return out;
    });
    for (const [text, size] of sizes) if (size < 32) small.push(`${name}: "${text}" ${size}px`);
    if (name === 'services') {
      expect(await slow.locator('[data-service]').count()).toBeLessThanOrEqual(4);
      await slow.getByRole('button', { name: '下一页' }).waitFor();
    }
  });
  expect(small).toEqual([]);
  await slow.getByTestId('elder-toggle').tap();
});

it('locked down: no text selection, no context menu, no pinch zoom', async () => {
  const locked = await page.evaluate(() => {
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(menu);
    const sel = new Event('selectstart', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(sel);
    return { menuBlocked: menu.defaultPrevented, selectBlocked: sel.defaultPrevented, userSelect: getComputedStyle(document.body).userSelect, touchAction: getComputedStyle(document.body).touchAction };
  });
  expect(locked).toEqual({ menuBlocked: true, selectBlocked: true, userSelect: 'none', touchAction: 'pan-x pan-y' });
});

it('admin exit: five taps on the corner open a PIN pad; a wrong PIN is refused, the right one unlocks', async () => {
  const corner = page.getByTestId('exit-corner');
  for (let i = 0; i < 5; i++) await corner.tap();
  await page.getByTestId('exit-dialog').waitFor();
  for (const d of '1111') await page.getByTestId('exit-dialog').getByRole('button', { name: d, exact: true }).tap();
  await page.getByTestId('exit-check').tap();
  await expect.poll(() => page.getByTestId('exit-error').innerText()).toBe('密码错误');
  for (const d of '2468') await page.getByTestId('exit-dialog').getByRole('button', { name: d, exact: true }).tap();
  await page.getByTestId('exit-check').tap();
  await page.getByTestId('exit-quit').waitFor();
  await page.getByRole('button', { name: '取消' }).tap();
  expect(await page.getByTestId('exit-dialog').count()).toBe(0);
});

it('lost connection: "系统连接中…" banner, issuing disabled; reconnects by itself and resyncs the tiles', async () => {
  await page.getByTestId('take').tap();
  await page.locator('[data-service="notary"]').tap();
  await page.getByTestId('skip-card').tap();
  await page.getByTestId('phone-skip').tap();
  await page.getByTestId('submit').waitFor();
  t.port = Number(new URL(t.url).port);
  await t.stop();
  await page.getByTestId('offline-banner').waitFor();
  expect(await page.getByTestId('offline-banner').innerText()).toContain('系统连接中');
  expect(await page.getByTestId('submit').isDisabled()).toBe(true);
  await t.start();
  await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 });
  expect(await page.getByTestId('submit').isDisabled()).toBe(false);
  await page.getByTestId('submit').tap();
  await page.getByTestId('ticket').waitFor();
  await page.getByTestId('done').tap();
  await page.getByTestId('take').tap();
  await t.issue('notary');
  await expect.poll(() => page.getByTestId('live-notary').innerText()).toContain('等候 2 人');
});

it('elder mode speaks the guidance of each screen with speech synthesis, in Chinese or English', async () => {
  const spoken = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await spoken.addInitScript(() => {
    const w = window as unknown as { said: { text: string; lang: string }[] };
    w.said = [];
    Object.defineProperty(window, 'speechSynthesis', {
      value: { speak: (u: SpeechSynthesisUtterance) => w.said.push({ text: u.text, lang: u.lang }), cancel: () => undefined, getVoices: () => [] },
      configurable: true,
    });
  });
  await spoken.goto(`${t.url}/kiosk/?kiosk=K2`);
  await spoken.getByTestId('take').waitFor();
  const said = () => spoken.evaluate(() => (window as unknown as { said: { text: string; lang: string }[] }).said);
  expect(await said()).toEqual([]); // silent until elder mode is on
  await spoken.getByTestId('elder-toggle').tap();
  await expect.poll(said).toEqual([{ text: expect.stringContaining('取号请点“取号”'), lang: 'zh-CN' }]);
  await spoken.getByTestId('take').tap();
  await expect.poll(async () => (await said()).at(-1)).toEqual({ text: '请选择要办理的业务。', lang: 'zh-CN' });
  await spoken.getByTestId('lang-toggle').tap();
  await expect.poll(async () => (await said()).at(-1)).toEqual({ text: 'Please choose a service.', lang: 'en' });
  await spoken.close();
});
