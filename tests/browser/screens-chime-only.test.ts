// A bare player box and a hub without espeak-ng: the hall screen falls back to the chime alone, says so
// discreetly, and health reports `speech.engine: none`. (The hub's espeak-ng binary is pointed at a path
// that does not exist, before this file's hub first looks for it.)
process.env.YICHUANG_ESPEAK = '/nonexistent/espeak-ng';
import { expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openHall, recordAudio, stubSpeech, utterances } from './screens-support.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
useHubAndBrowser(startTestHub, (s) => {
  ({ t, browser } = s);
});

it('no zh-CN voice and no espeak-ng: the chime alone, a discreet note, and health says none', async () => {
  const health = await t.api('GET', '/api/v1/health');
  expect(health.body.speech.engine).toBe('none');
  expect(health.body.speech.detail).toContain('not installed');
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await stubSpeech(page, { voices: false });
  await recordAudio(page);
  await page.addInitScript(() => {
    // Count chimes: each one starts two oscillators on the page's AudioContext.
    const w = window as unknown as { __tones: number };
    w.__tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__tones++;
      return create.call(this);
    };
  });
  await openHall(page, t.url);
  await expect.poll(() => page.locator('main').getAttribute('data-voice')).toBe('chime-only');
  expect(await page.getByTestId('voice-note').innerText()).toContain('仅播放提示音');
  const staff = await t.staffAt('lin.qiao', '2');
  await t.issue('consult');
  await t.api('POST', '/api/v1/windows/2/call-next', { token: staff });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __tones: number }).__tones), { timeout: 5000 }).toBe(2);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBe(2); // one chime per call
  expect(await utterances(page)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __audio: unknown[] }).__audio.length)).toBe(0);
  const call = t.hub.state.recentCalls.at(-1)!;
  const wav = await t.api('GET', `/api/v1/screens/calls/${call.eventSeq}/speech.wav`);
  expect(wav.status).toBe(503);
  expect(wav.body.error.code).toBe('speech-unavailable');
  await page.close();
});
