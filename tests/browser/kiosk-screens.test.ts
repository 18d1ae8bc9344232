// Every kiosk screen, portrait 1080×1920 and landscape 1920×1080, normal and elder mode: an axe-core
// audit with no serious or critical violation, elder mode text contrast ≥ 7:1 (axe's AAA rule), a
// screenshot saved as a test artefact, and the Chinese drawn with the system CJK font (no tofu).
import { expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalDeviceManager } from '../../devices/manager.js';
import { ARTIFACTS } from './support/browser.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';
import { eachLookupSection, LANDSCAPE, openKiosk, PORTRAIT, startKioskHub, swipeCard, type KioskHub } from './kiosk-helpers.js';
import { axe, seriousOrWorse } from './support/axe.js';

let t: KioskHub;
let browser: Browser;

useHubAndBrowser(startKioskHub, async (s) => {
  ({ t, browser } = s);
  await t.staffAt('lin.qiao', '2');
  for (let i = 0; i < 3; i++) await t.issue('consult');
});

/** Walks every kiosk screen (a new service each round so one card never holds two waiting tickets). */
async function everyScreen(page: Page, round: number, visit: (name: string) => Promise<void>) {
  const services = ['consult', 'legal-aid', 'mediation', 'reception']; // all on the first page of tiles
  const service = services[round % services.length]!;
  await visit('home');
  await page.getByTestId('take').tap();
  await page.locator('[data-service]').first().waitFor();
  await visit('services');
  await page.locator(`[data-service="${service}"]`).tap();
  await visit('identify');
  await swipeCard(t, '周秀英', '19450520');
  await page.getByTestId('choose-green').waitFor();
  await visit('green-offer');
  await page.getByTestId('choose-green').tap();
  await visit('confirm-card');
  await page.getByTestId('back').tap();
  await page.getByTestId('skip-card').tap();
  for (const d of '139') await page.getByRole('button', { name: d, exact: true }).tap();
  await visit('phone');
  await page.getByTestId('phone-skip').tap();
  await visit('confirm');
  const printer = (t.hub.devices as LocalDeviceManager).simulatedPrinter('K1')!;
  printer.setState('paper-out', 'paper end');
  await page.getByTestId('printer-banner').waitFor();
  await page.getByTestId('submit').tap();
  await page.getByTestId('print-failed').waitFor();
  await visit('ticket-paper-out');
  printer.setState('simulated');
  await page.getByTestId('done').tap();
  await page.getByTestId('lookup').tap();
  await visit('lookup');
  await eachLookupSection(page, visit);
  await page.getByTestId('home').tap();
  for (let i = 0; i < 5; i++) await page.getByTestId('exit-corner').tap();
  await page.getByTestId('exit-dialog').waitFor();
  await visit('exit-pin');
  await page.getByRole('button', { name: /取消|Cancel/ }).tap();
}

const combos = [
  { orientation: 'portrait', viewport: PORTRAIT, elder: false, round: 0 },
  { orientation: 'portrait', viewport: PORTRAIT, elder: true, round: 1 },
  { orientation: 'landscape', viewport: LANDSCAPE, elder: false, round: 2 },
  { orientation: 'landscape', viewport: LANDSCAPE, elder: true, round: 3 },
];

for (const c of combos) {
  it(`${c.orientation} ${c.viewport.width}×${c.viewport.height}, ${c.elder ? 'elder' : 'normal'} mode: axe clean on every screen${c.elder ? ', contrast ≥ 7:1' : ''}, screenshots saved`, async () => {
    const page = await openKiosk(browser, t, c.viewport);
    if (c.elder) await page.getByTestId('elder-toggle').tap();
    const problems: string[] = [];
    const shots: string[] = [];
    await everyScreen(page, c.round, async (name) => {
      await page.waitForTimeout(50); // let the last render settle before auditing
      for (const v of seriousOrWorse(await axe(page))) problems.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      if (c.elder) {
        for (const v of await axe(page, ['color-contrast-enhanced'])) problems.push(`${name}: below 7:1 ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      }
      const file = `${ARTIFACTS}/kiosk-${c.orientation}-${c.elder ? 'elder' : 'normal'}-${name}.png`;
      await page.screenshot({ path: file });
      shots.push(file);
    });
    expect(problems).toEqual([]);
    expect(shots.length).toBe(15);
    await page.close();
  });
}

it('the Chinese is drawn with the system\'s Noto Sans CJK, not tofu boxes', async () => {
  const page = await openKiosk(browser, t);
  expect(await page.evaluate(() => document.fonts.check('48px "Noto Sans CJK SC"', '取号触摸查询'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"Noto Sans CJK SC"/);
  // The font Chromium actually used for the glyphs of the 取号 button.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.home-take .home-btn-title' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.map((f) => f.familyName)).toEqual([expect.stringMatching(/^Noto Sans CJK/)]);
  expect(fonts[0]!.glyphCount).toBe(2);
  // Hanzi are full width (one em) in the page's font stack.
  const widths = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `48px ${getComputedStyle(document.body).fontFamily}`;
    return ['取', '号'].map((ch) => ctx.measureText(ch).width);
  });
  expect(widths[0]).toBeCloseTo(48, 2);
  expect(widths[1]).toBeCloseTo(48, 2);
  await page.close();
});
