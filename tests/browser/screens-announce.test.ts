// Voice calls on the hall screen, in real Chromium against a real hub: a chime and the words per call,
// in call order, never overlapping; a discreet service is never named; recalls say so; with no zh-CN
// voice the hub's espeak-ng WAV is played and its audio element released.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openHall, overlaps, recordAudio, stubSpeech, utterances } from './screens-support.js';
import { startTestHub, testConfig, type TestHub } from '../support/hub-harness.js';
import { useHubAndBrowser } from './support/hub-and-browser.js';

let t: TestHub & { cleanup(): Promise<void> };
let browser: Browser;
const staff: Record<string, string> = {};
useHubAndBrowser(startTestHub, async (s) => {
  ({ t, browser } = s);
  staff['2'] = await t.staffAt('lin.qiao', '2');
  staff['4'] = await t.staffAt('fang.jie', '4');
  staff['1'] = await t.staffAt('zhou.min', '1');
});

async function hallPage(voices: boolean): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await stubSpeech(page, { voices, durationMs: 300 });
  await recordAudio(page);
  await openHall(page, t.url);
  return page;
}

const call = (windowId: string) => t.api('POST', `/api/v1/windows/${windowId}/call-next`, { token: staff[windowId] });
const finish = (windowId: string) => t.api('POST', `/api/v1/windows/${windowId}/finish`, { token: staff[windowId], body: {} });

describe('hall screen voice calls', () => {
  it('three quick calls: three utterances in call order, none overlapping, the discreet one unnamed', async () => {
    const page = await hallPage(true);
    await expect.poll(() => page.locator('main').getAttribute('data-voice')).toBe('browser');
    await t.issue('consult');
    await t.issue('legal-aid');
    await t.issue('special'); // discreet: 特殊人群服务
    // Three calls as fast as the API takes them.
    const replies = await Promise.all([call('2'), call('4'), call('1')]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const order = [...t.hub.state.recentCalls].sort((a, b) => a.eventSeq - b.eventSeq).map((c) => c.ticketNumber);
    await expect.poll(async () => (await utterances(page)).filter((u) => u.end !== undefined).length, { timeout: 15_000 }).toBe(3);
    const said = await utterances(page);
    expect(said).toHaveLength(3);
    expect(said.map((u) => u.text.replace(/\s/g, ''))).toEqual(order.map((n) => expect.stringContaining(`请${n[0]}${[...n.slice(1)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}号`)));
    for (let i = 1; i < said.length; i++) expect(said[i]!.start).toBeGreaterThanOrEqual(said[i - 1]!.end!); // one after another
    expect(await overlaps(page)).toEqual([]); // nothing spoken over, nothing cancelled
    const discreet = said.find((u) => u.text.includes('G'))!;
    expect(discreet.text).not.toMatch(/特殊人群|Special/);
    expect(discreet.text).toContain('一号窗口');
    expect(said.find((u) => u.text.includes('B'))!.text).toContain('法律咨询');
    expect(said.every((u) => u.lang === 'zh-CN')).toBe(true);
    // The screen shows the latest call, and no service name for the discreet one.
    const latest = await page.getByTestId('latest-call').innerText();
    expect(latest).toContain(order[2]);
    expect(await page.locator('main').innerText()).not.toContain('特殊人群服务');
    await page.close();
  });

  it('a recall is announced as 再次呼叫', async () => {
    const page = await hallPage(true);
    await t.api('POST', '/api/v1/windows/4/recall', { token: staff['4'] });
    await expect.poll(async () => (await utterances(page)).length, { timeout: 10_000 }).toBe(1);
    const [u] = await utterances(page);
    expect(u!.text.startsWith('再次呼叫')).toBe(true);
    await expect.poll(() => page.getByTestId('latest-call').innerText()).toContain('重呼');
    await page.close();
  });

  it('an old call is never announced again: reload and reconnect speak nothing', async () => {
    const page = await hallPage(true);
    await page.reload();
    await page.getByTestId('link').getByText('已连接').waitFor();
    await page.waitForTimeout(1500);
    expect(await utterances(page)).toEqual([]);
    expect(await page.getByTestId('latest-call').innerText()).not.toBe(''); // the present is shown
    await page.close();
  });

  it('without a zh-CN voice the hub\'s espeak-ng WAV plays once per call and is released', async () => {
    const page = await hallPage(false);
    await expect.poll(() => page.locator('main').getAttribute('data-voice')).toBe('hub'); // no zh-CN voice: the hub's
    expect(await page.getByTestId('voice-note').count()).toBe(0); // not chime-only: nothing to warn about
    for (const w of ['2', '4', '1']) await finish(w);
    await t.issue('consult');
    await call('2');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __played: string[] }).__played.length), { timeout: 20_000 }).toBe(1);
    const audio = await page.evaluate(() => (window as unknown as { __audio: HTMLAudioElement[] }).__audio.map((a) => ({ src: a.getAttribute('src'), paused: a.paused })));
    expect(audio).toHaveLength(1);
    expect(audio[0]!.src).toBeNull(); // released: no source, buffer dropped
    expect(await utterances(page)).toEqual([]);
    await page.close();
  });
});

describe('announce.repeat = 2', () => {
  it('each call is spoken twice, back to back, before the next call', async () => {
    const hub2 = await startTestHub({ config: testConfig({ announce: { repeat: 2, chime: true } }) });
    try {
      const a = await hub2.staffAt('lin.qiao', '2');
      const page = await browser.newPage();
      await stubSpeech(page, { voices: true, durationMs: 200 });
      await openHall(page, hub2.url);
      await hub2.issue('consult');
      await hub2.issue('consult');
      expect((await hub2.api('POST', '/api/v1/windows/2/call-next', { token: a })).status).toBe(200);
      expect((await hub2.api('POST', '/api/v1/windows/2/finish', { token: a, body: {} })).status).toBe(200);
      expect((await hub2.api('POST', '/api/v1/windows/2/call-next', { token: a })).status).toBe(200);
      await expect.poll(async () => (await utterances(page)).filter((u) => u.end !== undefined).length, { timeout: 15_000 }).toBe(4);
      const texts = (await utterances(page)).map((u) => u.text.replace(/\s/g, ''));
      expect(texts.map((x) => x.slice(0, 6))).toEqual(['请B零零一号', '请B零零一号', '请B零零二号', '请B零零二号']);
      expect(await overlaps(page)).toEqual([]);
      await page.close();
    } finally {
      await hub2.cleanup();
    }
  });
});
