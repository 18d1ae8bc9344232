// Shared by the kiosk browser suites: a hub whose kiosk K1 has a short idle time, an open kiosk page,
// simulated ID cards and the axe-core audit injected from node_modules.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { idCheckCharacter } from '../../devices/idcard/id-number.js';
import { useContentDir } from '../../server/kiosk-content/content-store.js';
import { startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

export type KioskHub = TestHub & { cleanup(): Promise<void> };

/** The demo center with kiosk K1 (exit PIN 2468, `kiosk` overrides) and K2 (defaults: 30 s idle, no PIN). */
export async function startKioskHub(kiosk: Record<string, unknown> = {}): Promise<KioskHub> {
  const t = await startTestHub({ config: testConfig({ kiosks: [{ id: 'K1', name: '大厅取号机', exitPin: '2468', ...kiosk }, { id: 'K2', name: '二楼取号机' }] }) });
  useContentDir(t.hub, t.dataDir); // content files in the test's own data folder
  return t;
}

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

export async function openKiosk(browser: Browser, t: TestHub, viewport = PORTRAIT, kioskId = 'K1'): Promise<Page> {
  const page = await browser.newPage({ viewport, hasTouch: true });
  await page.goto(`${t.url}/kiosk/?kiosk=${kioskId}`);
  await page.getByTestId('take').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="offline-banner"]'));
  return page;
}

/** A valid 18-character ID number for a birth date (YYYYMMDD). */
export function idNumberBorn(yyyymmdd: string, seq = '123'): string {
  const first17 = `110105${yyyymmdd}${seq}`;
  return first17 + idCheckCharacter(first17)!;
}

/** Places a card on K1's simulated reader (the hub's simulate route); returns the masked read. */
export async function swipeCard(t: TestHub, name: string, born: string): Promise<{ nameMasked: string; age: number; greenEligible: boolean }> {
  const r = await t.api('POST', '/api/v1/simulate/idcard', { body: { kioskId: 'K1', card: { name, idNumber: idNumberBorn(born) } } });
  if (r.status !== 200) throw new Error(`simulate card: ${r.status} ${r.text}`);
  return r.body;
}

const AXE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** Runs axe-core in the page; `rules` limits the run (e.g. the AAA contrast rule). */
export async function axe(page: Page, rules?: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (only) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const opts = only ? { runOnly: { type: 'rule', values: only } } : { resultTypes: ['violations'] };
    const r = await w.axe.run(document, opts);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, rules ?? null);
}

export const seriousOrWorse = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** Visible text of the page, without the parts marked as Chinese data (`lang="zh-CN"` inside English mode). */
export async function visibleText(page: Page, skipLang?: string): Promise<string> {
  return page.evaluate((skip) => {
    const out: string[] = [];
    const walk = (el: Element) => {
      if (skip && el !== document.documentElement && el.getAttribute('lang') === skip) return;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      for (const n of el.childNodes) {
        if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
        else if (n.nodeType === Node.ELEMENT_NODE) walk(n as Element);
      }
      for (const a of ['aria-label', 'alt', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    };
    walk(document.body);
    return out.join(' ');
  }, skipLang ?? null);
}
