// Bench section `screens`: call → painted text on the hall and the window screen, in real Chromium
// (Debian's package) against the built hub as `npm start` runs it. For each of 100 calls: the time from
// sending call-next to the animation frame in which each screen's DOM shows the new number (one clock:
// performance.timeOrigin + now() on both sides). Also the espeak-ng synthesis time of a call's WAV
// (first request, then from the cache).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import type { BenchSection } from './sections.js';
import { percentile, round1 } from './support/figures.js';
import { post } from './support/hub-process.js';
import { withHubAndChromium } from './support/hub-and-chromium.js';

const CALLS = 100;
const ADMIN = 'bench-admin-password';
const now = () => performance.timeOrigin + performance.now();
const pct = (values: number[], p: number) => round1(percentile(values, p));

/**
 * Records, in the page, when each ticket number in `selector` first appears (at the next animation
 * frame). Page code as a string: the bench compiles without the DOM library.
 */
async function watchPaint(page: Page, selector: string): Promise<void> {
  await page.evaluate(`(() => {
    const seen = new Map();
    window.__painted = seen;
    new MutationObserver(() => {
      const text = document.querySelector(${JSON.stringify(selector)})?.textContent ?? '';
      for (const m of text.match(/[A-Z]{1,2}\\d{3}/g) ?? []) {
        if (seen.has(m)) continue;
        seen.set(m, -1);
        requestAnimationFrame(() => seen.set(m, performance.timeOrigin + performance.now()));
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

const paintedAt = (page: Page, number: string) => page.evaluate(`window.__painted.get(${JSON.stringify(number)}) ?? -1`) as Promise<number>;

export const screensBench: BenchSection = async ({ root }) => {
  const main = join(root, 'dist/server/main.js');
  if (!existsSync(main)) throw new Error('dist/server/main.js is missing: npm run build');
  return withHubAndChromium(root, { dataPrefix: 'yichuang-bench-screens-', adminPassword: ADMIN, chromiumArgs: ['--autoplay-policy=no-user-gesture-required'] }, async ({ url, browser }) => {
    const admin = (await post(`${url}/api/v1/auth/login`, '', { username: 'admin', password: ADMIN })).body.token as string;
    await post(`${url}/api/v1/staff`, admin, { username: 'bench.screens', password: 'bench-screens-pw', name: '压测', title: '工作人员', employeeNo: 'BS1' });
    const staff = (await post(`${url}/api/v1/auth/login`, '', { username: 'bench.screens', password: 'bench-screens-pw' })).body.token as string;
    await post(`${url}/api/v1/windows/2/sign-in`, staff);

    const hall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${url}/display/hall?autoplay=1`);
    await hall.getByTestId('link').getByText('已连接').waitFor();
    const win = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await win.goto(`${url}/display/window/2`);
    await win.getByTestId('seat-card').waitFor();
    await watchPaint(hall, '[data-testid="latest-call"]');
    await watchPaint(win, '[data-testid="now"]');

    const hallMs: number[] = [];
    const windowMs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      await post(`${url}/api/v1/tickets`, admin, { serviceId: 'consult' });
      const t0 = now();
      const r = await post(`${url}/api/v1/windows/2/call-next`, staff);
      if (r.status !== 200) throw new Error(`call-next answered ${r.status}`);
      const number = r.body.ticket.number as string;
      for (const [page, into] of [[hall, hallMs], [win, windowMs]] as const) {
        let at = -1;
        for (let tries = 0; tries < 500 && at < 0; tries++) {
          at = await paintedAt(page, number);
          if (at < 0) await new Promise((res) => setTimeout(res, 2));
        }
        if (at < 0) throw new Error(`${number} never painted`);
        into.push(at - t0);
      }
      await post(`${url}/api/v1/windows/2/finish`, staff, {});
    }

    // espeak-ng: the WAV of a call, synthesised on the first request, then from the cache.
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { speech: { engine: string } };
    let espeak: Record<string, unknown> = { engine: health.speech.engine };
    if (health.speech.engine === 'espeak-ng') {
      const feed = io(`${url}/display`, { query: { room: 'hall' }, transports: ['websocket'], reconnection: false, forceNew: true });
      const callId = new Promise<number>((ok) => feed.once('call', (c: { id: number }) => ok(c.id)));
      await new Promise((ok) => feed.once('snapshot', ok));
      await post(`${url}/api/v1/tickets`, admin, { serviceId: 'consult' });
      await post(`${url}/api/v1/windows/2/call-next`, staff);
      const id = await callId;
      feed.disconnect();
      const fetchWav = async () => {
        const t0 = performance.now();
        const res = await fetch(`${url}/api/v1/screens/calls/${id}/speech.wav`);
        const bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`speech.wav answered ${res.status}`);
        return { ms: Math.round((performance.now() - t0) * 10) / 10, bytes };
      };
      const first = await fetchWav();
      const cached = await fetchWav();
      espeak = { ...espeak, synthesisMs: first.ms, cachedMs: cached.ms, wavBytes: first.bytes };
    }
    return {
      calls: CALLS,
      hallPaintMs: { p50: pct(hallMs, 0.5), p99: pct(hallMs, 0.99), max: pct(hallMs, 1) },
      windowPaintMs: { p50: pct(windowMs, 0.5), p99: pct(windowMs, 0.99), max: pct(windowMs, 1) },
      espeak,
    };
  });
};
