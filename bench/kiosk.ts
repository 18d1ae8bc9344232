// Bench section `kiosk`: the kiosk page's weight and how fast it is usable on this machine.
// - JS gzipped: every script the kiosk page loads (entry, preloads and their static imports) against
//   the 250 KB budget; CSS alongside.
// - First meaningful paint: in real Chromium against the built hub as `npm start` runs it, cold loads
//   (fresh browser context each time) of /kiosk/?kiosk=K1 — first contentful paint and the frame in
//   which the start screen's 取号 button is painted, both from navigation start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSection } from './sections.js';
import { percentile, round1 } from './support/figures.js';
import { withHubAndChromium } from './support/hub-and-chromium.js';

const BUDGET_KB = 250;
const LOADS = 12;
const ADMIN = 'bench-admin-password';
const pct = (values: number[], p: number) => round1(percentile(values, p));

/** The kiosk's scripts: the page's entry and preloads, then every chunk they import, once each. */
export function kioskAssets(screensDir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(screensDir, 'kiosk-ui/index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/screens\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const js = new Set<string>();
  const queue = refs.filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const file = queue.pop()!;
    if (js.has(file)) continue;
    js.add(file);
    const code = readFileSync(join(screensDir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(`assets/${m[1]}`);
  }
  return { js: [...js], css: refs.filter((r) => r.endsWith('.css')) };
}

const gzKb = (dir: string, files: string[]) => Math.round((files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) / 1024) * 10) / 10;

// Page code as strings: the bench compiles without the DOM library.
const WATCH = `(() => {
  window.__fcp = -1;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  window.__ready = -1;
  const check = () => {
    if (window.__ready >= 0) return;
    if (document.querySelector('[data-testid="take"]')) requestAnimationFrame(() => { window.__ready = performance.now(); });
    else requestAnimationFrame(check);
  };
  check();
})()`;

export const kioskBench: BenchSection = async ({ root }) => {
  const screens = join(root, 'dist/screens');
  const main = join(root, 'dist/server/main.js');
  if (!existsSync(join(screens, 'kiosk-ui/index.html')) || !existsSync(main)) throw new Error('the kiosk is not built: npm run build');
  const assets = kioskAssets(screens);
  const jsGzipKb = gzKb(screens, assets.js);

  return withHubAndChromium(root, { dataPrefix: 'yichuang-bench-kiosk-', adminPassword: ADMIN }, async ({ url, browser }) => {
    const fcp: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < LOADS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } }); // cold: no cache
      const page = await context.newPage();
      await page.addInitScript(WATCH);
      await page.goto(`${url}/kiosk/?kiosk=K1`);
      await page.waitForFunction('window.__ready >= 0 && window.__fcp >= 0', undefined, { timeout: 30_000 });
      const [f, r] = (await page.evaluate('[window.__fcp, window.__ready]')) as [number, number];
      if (i > 0) {
        // the first load warms the hub's file cache and Chromium's process; it is not counted
        fcp.push(f);
        ready.push(r);
      }
      await context.close();
    }
    return {
      jsFiles: assets.js.length,
      jsGzipKb,
      cssGzipKb: gzKb(screens, assets.css),
      budgetKb: BUDGET_KB,
      withinBudget: jsGzipKb <= BUDGET_KB,
      loads: LOADS,
      firstContentfulPaintMs: { p50: pct(fcp, 0.5), p90: pct(fcp, 0.9) },
      firstMeaningfulPaintMs: { p50: pct(ready, 0.5), p90: pct(ready, 0.9), what: 'start screen with its 取号 button painted, from navigation start' },
    };
  });
};
