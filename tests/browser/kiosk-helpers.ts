// Shared by the kiosk browser suites: a hub whose kiosk K1 has a short idle time, an open kiosk page,
// simulated ID cards, the 触摸查询 sections and the visible text of a page.
import type { Browser, Page } from 'playwright-core';
import { idCheckCharacter } from '../../devices/idcard/id-number.js';
import { startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';

export type KioskHub = TestHub & { cleanup(): Promise<void> };

/** The demo center with kiosk K1 (exit PIN 2468, `kiosk` overrides) and K2 (defaults: 30 s idle, no PIN). */
export async function startKioskHub(kiosk: Record<string, unknown> = {}): Promise<KioskHub> {
  const t = await startTestHub({ config: testConfig({ kiosks: [{ id: 'K1', name: '大厅取号机', exitPin: '2468', ...kiosk }, { id: 'K2', name: '二楼取号机' }] }) });
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

/** Opens a 触摸查询 section from the lookup menu and waits until its content has loaded. */
export async function openLookupSection(page: Page, section: string): Promise<void> {
  await page.locator(`[data-section="${section}"]`).tap();
  await page.getByTestId(`section-${section}`).waitFor();
  await page.getByTestId('loading').waitFor({ state: 'detached' });
}

/** From the lookup menu: every section in turn, looked at by `inSection`, then back to the menu. */
export async function eachLookupSection(page: Page, inSection: (section: string) => Promise<void>): Promise<void> {
  for (const section of ['guides', 'qa', 'network', 'staff', 'commitments']) {
    await openLookupSection(page, section);
    await inSection(section);
    await page.getByTestId('back').tap();
  }
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

/** Visible text of the page, without the parts marked as Chinese data (`lang="zh-CN"` inside English mode). */
export async function visibleText(page: Page, skipLang?: string): Promise<string> {
  return page.evaluate((skip) => {
    const out: string[] = [];
    const walk = (el: Element) => {
      if (skip && el !== document.documentElement && el.getAttribute('lang') === skip) return;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      for (const n of Array.from(el.childNodes)) {
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
