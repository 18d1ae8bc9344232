// Resilience: the hub restarts (same port) with the hall and a window screen open. Both show that they
// lost the hub, reconnect within 5 s, show the current state from the snapshot, and do not replay the old
// call as new (no second announcement); the next call after the restart is shown and announced.
import { expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { stubSpeech, utterances } from './screens-support.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
useHubAndBrowser(startTestHub, (s) => {
  ({ t, browser } = s);
});

it('screens reconnect within 5 s after a hub restart, show the present, replay nothing', async () => {
  let token = await t.staffAt('fang.jie', '4');
  const hall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await stubSpeech(hall, { voices: true, durationMs: 100 });
  await hall.goto(`${t.url}/display/hall?autoplay=1`);
  const win = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await win.goto(`${t.url}/display/window/4`);
  await hall.getByTestId('link').getByText('已连接').waitFor();
  await win.getByTestId('seat-card').waitFor();

  await t.issue('legal-aid');
  const called = await t.api('POST', '/api/v1/windows/4/call-next', { token });
  const number = called.body.ticket.number as string;
  await expect.poll(async () => (await utterances(hall)).length, { timeout: 10_000 }).toBe(1);
  await expect.poll(() => win.getByTestId('now').innerText()).toContain(number);

  t.port = Number(new URL(t.url).port); // come back on the same address
  await t.stop();
  await expect.poll(() => hall.getByTestId('link').innerText()).toContain('连接中');
  await expect.poll(() => win.getByTestId('link').innerText()).toContain('连接中');
  await t.start();
  const back = Date.now();
  await hall.getByTestId('link').getByText('已连接').waitFor({ timeout: 5000 });
  await win.getByTestId('link').getByText('●', { exact: true }).waitFor({ timeout: Math.max(1, 5000 - (Date.now() - back)) });
  expect(Date.now() - back).toBeLessThan(5000);

  // The present, from the snapshot; the old call is not announced again.
  expect(await hall.getByTestId('latest-call').innerText()).toContain(number);
  expect(await win.getByTestId('now').innerText()).toContain(number);
  expect(await win.getByTestId('seat-card').innerText()).toContain('测试fang.jie');
  await hall.waitForTimeout(1500);
  expect(await utterances(hall)).toHaveLength(1);

  // Life goes on: the next call is new, shown and announced.
  t.tokens.clear();
  token = await t.login('fang.jie');
  await t.api('POST', '/api/v1/windows/4/finish', { token, body: {} });
  await t.issue('legal-aid');
  const next = await t.api('POST', '/api/v1/windows/4/call-next', { token });
  expect(next.status).toBe(200);
  await expect.poll(() => hall.getByTestId('latest-call').innerText()).toContain(next.body.ticket.number);
  await expect.poll(() => win.getByTestId('now').innerText()).toContain(next.body.ticket.number);
  await expect.poll(async () => (await utterances(hall)).length, { timeout: 10_000 }).toBe(2);
  await hall.close();
  await win.close();
});
