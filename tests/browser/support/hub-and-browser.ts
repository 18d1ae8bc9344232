// The frame of every browser suite: one hub and one Chromium for the file, started before its tests and
// both closed after them (also when starting failed half-way).
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';

export interface HubAndBrowser<H> {
  t: H;
  browser: Browser;
}

/**
 * Registers the file's beforeAll/afterAll: `start` the hub, launch Chromium, then `ready` (the suite
 * keeps the two and seeds its data or opens its pages there).
 */
export function useHubAndBrowser<H extends { cleanup(): Promise<void> }>(start: () => Promise<H>, ready: (s: HubAndBrowser<H>) => void | Promise<void>): void {
  let t: H | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    t = await start();
    browser = await launchBrowser();
    await ready({ t, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });
}
