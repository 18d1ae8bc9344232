// The setting of the paint-timing bench sections: a hub child process on a fresh data folder and
// Debian's Chromium (a missing browser fails the section loudly), both torn down whatever happens.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startHubProcess } from './hub-process.js';

export interface HubAndChromium {
  url: string;
  browser: Browser;
  dataDir: string;
}

export async function withHubAndChromium<T>(
  root: string,
  o: { dataPrefix: string; adminPassword: string; chromiumArgs?: string[] },
  run: (s: HubAndChromium) => Promise<T>,
): Promise<T> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (scripts/system-deps.sh installs it)`);
  const dataDir = mkdtempSync(join(tmpdir(), o.dataPrefix));
  let hub: Awaited<ReturnType<typeof startHubProcess>> | undefined;
  let browser: Browser | undefined;
  try {
    // node's defaults, not the start script's flags: these sections time the browser, not the hub's memory
    hub = await startHubProcess(root, { dataDir, adminPassword: o.adminPassword, asNpmStart: true }); // the screens are measured against the hub as it runs in production
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', ...(o.chromiumArgs ?? [])] });
    return await run({ url: hub.url, browser, dataDir });
  } finally {
    await browser?.close();
    const child = hub?.child;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
